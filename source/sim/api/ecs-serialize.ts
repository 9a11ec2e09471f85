/**
 * World state -> the ECS API's cluster, service and capacity provider shapes. Counts are derived
 * from the tasks and instances at the moment of the call, as ECS reports them.
 */
import type {World} from '../world/world.js';
import type {
	CapacityProviderState,
	ClusterState,
	DeploymentState,
	Millis,
	ServiceState,
	Tag,
	TaskState,
} from '../world/types.js';

export const toDate = (ms: Millis | undefined): Date | undefined =>
	ms === undefined ? undefined : new Date(ms);

export const tagsIf = (include: boolean, tags: Tag[]): Tag[] | undefined =>
	include ? tags.map((tag) => ({...tag})) : undefined;

/** Tasks ECS reports as pending: placed but not yet running. */
export const isPendingTask = (task: TaskState): boolean =>
	task.lastStatus === 'PROVISIONING' ||
	task.lastStatus === 'PENDING' ||
	task.lastStatus === 'ACTIVATING';

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

type LaunchKind = 'EC2' | 'Fargate' | 'External';

function serviceLaunchKind(service: ServiceState): LaunchKind {
	if (service.launchType === 'FARGATE') return 'Fargate';
	if (service.launchType === 'EXTERNAL') return 'External';
	const first = service.capacityProviderStrategy?.[0]?.capacityProvider;
	return first !== undefined && FARGATE_PROVIDERS.has(first) ? 'Fargate' : 'EC2';
}

function taskLaunchKind(task: TaskState): LaunchKind {
	if (task.launchType === 'FARGATE') return 'Fargate';
	return task.launchType === 'EXTERNAL' ? 'External' : 'EC2';
}

/** The key/values ECS returns with include STATISTICS; every key is present, values are strings. */
function clusterStatistics(cluster: ClusterState): Array<{name: string; value: string}> {
	const counts = new Map<string, number>();
	const add = (name: string): void => {
		counts.set(name, (counts.get(name) ?? 0) + 1);
	};
	for (const kind of ['EC2', 'Fargate', 'External'] as const) {
		counts.set(`running${kind}TasksCount`, 0);
		counts.set(`pending${kind}TasksCount`, 0);
		counts.set(`active${kind}ServiceCount`, 0);
		counts.set(`draining${kind}ServiceCount`, 0);
	}
	for (const task of cluster.tasks.values()) {
		if (task.lastStatus === 'RUNNING') add(`running${taskLaunchKind(task)}TasksCount`);
		else if (isPendingTask(task)) add(`pending${taskLaunchKind(task)}TasksCount`);
	}
	for (const service of cluster.services.values()) {
		if (service.status === 'ACTIVE') add(`active${serviceLaunchKind(service)}ServiceCount`);
		else if (service.status === 'DRAINING')
			add(`draining${serviceLaunchKind(service)}ServiceCount`);
	}
	return [...counts].map(([name, value]) => ({name, value: String(value)}));
}

export type ClusterField = 'ATTACHMENTS' | 'CONFIGURATIONS' | 'SETTINGS' | 'STATISTICS' | 'TAGS';

export function serializeCluster(cluster: ClusterState, include: Set<ClusterField>) {
	let running = 0;
	let pending = 0;
	for (const task of cluster.tasks.values()) {
		if (task.lastStatus === 'RUNNING') running++;
		else if (isPendingTask(task)) pending++;
	}
	let registered = 0;
	for (const instance of cluster.containerInstances.values()) {
		if (instance.status !== 'INACTIVE' && instance.status !== 'REGISTRATION_FAILED') registered++;
	}
	let activeServices = 0;
	for (const service of cluster.services.values())
		if (service.status === 'ACTIVE') activeServices++;
	return {
		clusterArn: cluster.arn,
		clusterName: cluster.name,
		status: cluster.status,
		registeredContainerInstancesCount: registered,
		runningTasksCount: running,
		pendingTasksCount: pending,
		activeServicesCount: activeServices,
		statistics: include.has('STATISTICS') ? clusterStatistics(cluster) : [],
		tags: include.has('TAGS') ? cluster.tags.map((tag) => ({...tag})) : [],
		settings: include.has('SETTINGS') ? cluster.settings.map((s) => ({...s})) : undefined,
		capacityProviders: [...cluster.capacityProviders],
		defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy.map((item) => ({
			...item,
		})),
		attachments: include.has('ATTACHMENTS') ? [] : undefined,
	};
}

function serializeDeployment(deployment: DeploymentState) {
	return {
		id: deployment.id,
		status: deployment.status,
		taskDefinition: deployment.taskDefinitionArn,
		desiredCount: deployment.desiredCount,
		pendingCount: deployment.pendingCount,
		runningCount: deployment.runningCount,
		failedTasks: deployment.failedTasks,
		createdAt: new Date(deployment.createdAt),
		updatedAt: new Date(deployment.updatedAt),
		launchType: deployment.launchType,
		capacityProviderStrategy: deployment.capacityProviderStrategy?.map((item) => ({...item})),
		platformVersion: deployment.launchType === 'FARGATE' ? '1.4.0' : undefined,
		platformFamily: deployment.launchType === 'FARGATE' ? 'Linux' : undefined,
		rolloutState: deployment.rolloutState,
		rolloutStateReason: deployment.rolloutStateReason,
	};
}

/** ECS keeps the newest 100 events of a service. */
const MAX_SERVICE_EVENTS = 100;

export function serializeService(world: World, service: ServiceState, includeTags: boolean) {
	const cluster = world.clusters.get(service.clusterName);
	return {
		serviceArn: service.arn,
		serviceName: service.name,
		clusterArn:
			cluster?.arn ??
			`arn:aws:ecs:${world.region}:${world.accountId}:cluster/${service.clusterName}`,
		loadBalancers: service.loadBalancers.map((lb) => ({...lb})),
		serviceRegistries: [],
		status: service.status,
		desiredCount: service.desiredCount,
		runningCount: service.runningCount,
		pendingCount: service.pendingCount,
		launchType: service.launchType,
		capacityProviderStrategy: service.capacityProviderStrategy?.map((item) => ({...item})),
		platformVersion: service.launchType === 'FARGATE' ? 'LATEST' : undefined,
		taskDefinition: service.taskDefinitionArn,
		deploymentConfiguration: {
			deploymentCircuitBreaker: {...service.deploymentConfiguration.deploymentCircuitBreaker},
			maximumPercent: service.deploymentConfiguration.maximumPercent,
			minimumHealthyPercent: service.deploymentConfiguration.minimumHealthyPercent,
		},
		deployments: service.deployments
			.filter((deployment) => deployment.status !== 'INACTIVE')
			.map(serializeDeployment),
		// The service-linked role ECS uses for every service created without an explicit role.
		roleArn: `arn:aws:iam::${world.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
		events: [...service.events]
			.sort((a, b) => b.createdAt - a.createdAt)
			.slice(0, MAX_SERVICE_EVENTS)
			.map((event) => ({
				id: event.id,
				createdAt: new Date(event.createdAt),
				message: event.message,
			})),
		createdAt: new Date(service.createdAt),
		placementConstraints: service.placementConstraints.map((c) => ({...c})),
		placementStrategy: service.placementStrategy.map((s) => ({...s})),
		healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
		schedulingStrategy: service.schedulingStrategy,
		deploymentController: {type: 'ECS'},
		tags: tagsIf(includeTags, service.tags),
		createdBy: service.createdBy,
		enableECSManagedTags: false,
		propagateTags: service.propagateTags,
		enableExecuteCommand: service.enableExecuteCommand,
		availabilityZoneRebalancing: 'DISABLED',
	};
}

export function serializeCapacityProvider(provider: CapacityProviderState, includeTags: boolean) {
	const asg = provider.autoScalingGroupProvider;
	return {
		capacityProviderArn: provider.arn,
		name: provider.name,
		status: provider.status,
		autoScalingGroupProvider:
			asg === undefined
				? undefined
				: {
						autoScalingGroupArn: asg.autoScalingGroupArn,
						managedScaling: {...asg.managedScaling},
						managedTerminationProtection: asg.managedTerminationProtection,
						managedDraining: asg.managedDraining,
					},
		updateStatus: provider.updateStatus,
		tags: tagsIf(includeTags, provider.tags),
		type:
			asg !== undefined
				? 'EC2_AUTOSCALING'
				: provider.name === 'FARGATE_SPOT'
					? 'FARGATE_SPOT'
					: 'FARGATE',
	};
}
