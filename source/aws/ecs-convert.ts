/**
 * SDK shapes -> domain types. Everything optional in the API model gets a definite value or an
 * explicit undefined here, so the UI never has to know what the SDK may leave out.
 */
import type {
	CapacityProvider as SdkCapacityProvider,
	CapacityProviderStrategyItem as SdkStrategyItem,
	Cluster as SdkCluster,
	ContainerInstance as SdkContainerInstance,
	Failure as SdkFailure,
	KeyValuePair,
	Resource,
	Service as SdkService,
	Task as SdkTask,
	TaskDefinition as SdkTaskDefinition,
	Tag,
	Volume,
} from '@aws-sdk/client-ecs';
import {shared} from './shared-strings.js';
import {nameFromArn, taskDefinitionName} from '../model/arn.js';
import type {CapacityProvider, CapacityProviderStrategyItem} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {DescribeFailure} from '../model/failure.js';
import type {Service} from '../model/service.js';
import {serviceNameFromGroup, type NetworkBinding, type Task} from '../model/task.js';
import {imageRegistry, type TaskDefinition, type TaskVolume} from '../model/task-definition.js';
import {epochMs} from './call.js';

export function toFailure(failure: SdkFailure): DescribeFailure {
	return {arn: failure.arn, reason: failure.reason, detail: failure.detail};
}

function toStrategy(items: readonly SdkStrategyItem[] | undefined): CapacityProviderStrategyItem[] {
	return (items ?? []).map((item) => ({
		capacityProvider: item.capacityProvider ?? '',
		weight: item.weight ?? 0,
		base: item.base ?? 0,
	}));
}

function pairs(list: readonly KeyValuePair[] | undefined): Record<string, string> {
	const record: Record<string, string> = {};
	for (const {name, value} of list ?? []) if (name !== undefined) record[name] = value ?? '';
	return record;
}

function tags(list: readonly Tag[] | undefined): Record<string, string> {
	const record: Record<string, string> = {};
	for (const {key, value} of list ?? []) if (key !== undefined) record[key] = value ?? '';
	return record;
}

export function toCluster(cluster: SdkCluster): Cluster {
	const arn = cluster.clusterArn ?? '';
	return {
		arn,
		name: cluster.clusterName ?? nameFromArn(arn),
		status: cluster.status ?? 'UNKNOWN',
		registeredContainerInstancesCount: cluster.registeredContainerInstancesCount ?? 0,
		runningTasksCount: cluster.runningTasksCount ?? 0,
		pendingTasksCount: cluster.pendingTasksCount ?? 0,
		activeServicesCount: cluster.activeServicesCount ?? 0,
		statistics: pairs(cluster.statistics),
		containerInsights: cluster.settings?.find((setting) => setting.name === 'containerInsights')
			?.value,
		capacityProviders: cluster.capacityProviders ?? [],
		defaultCapacityProviderStrategy: toStrategy(cluster.defaultCapacityProviderStrategy),
		tags: tags(cluster.tags),
	};
}

function resource(list: readonly Resource[] | undefined, name: string): number {
	const found = list?.find((item) => item.name === name);
	return found?.integerValue ?? found?.longValue ?? found?.doubleValue ?? 0;
}

export function toContainerInstance(instance: SdkContainerInstance): ContainerInstance {
	const arn = instance.containerInstanceArn ?? '';
	const attribute = (name: string): string | undefined =>
		instance.attributes?.find((item) => item.name === name)?.value;
	return {
		arn,
		id: nameFromArn(arn),
		ec2InstanceId: instance.ec2InstanceId,
		instanceType: attribute('ecs.instance-type'),
		availabilityZone: attribute('ecs.availability-zone'),
		status: instance.status ?? 'UNKNOWN',
		statusReason: instance.statusReason,
		agentConnected: instance.agentConnected ?? false,
		agentUpdateStatus: instance.agentUpdateStatus,
		capacityProviderName: instance.capacityProviderName,
		healthStatus: instance.healthStatus?.overallStatus,
		runningTasksCount: instance.runningTasksCount ?? 0,
		pendingTasksCount: instance.pendingTasksCount ?? 0,
		cpuRegistered: resource(instance.registeredResources, 'CPU'),
		cpuRemaining: resource(instance.remainingResources, 'CPU'),
		memoryRegistered: resource(instance.registeredResources, 'MEMORY'),
		memoryRemaining: resource(instance.remainingResources, 'MEMORY'),
		registeredAt: epochMs(instance.registeredAt),
		agentVersion: instance.versionInfo?.agentVersion,
		version: instance.version ?? 0,
	};
}

export function toService(service: SdkService): Service {
	const arn = service.serviceArn ?? '';
	const config = service.deploymentConfiguration;
	const breaker = config?.deploymentCircuitBreaker;
	return {
		arn,
		name: service.serviceName ?? nameFromArn(arn),
		clusterArn: service.clusterArn ?? '',
		status: service.status ?? 'UNKNOWN',
		desiredCount: service.desiredCount ?? 0,
		runningCount: service.runningCount ?? 0,
		pendingCount: service.pendingCount ?? 0,
		launchType: service.launchType,
		capacityProviderStrategy: toStrategy(service.capacityProviderStrategy),
		taskDefinition: service.taskDefinition ?? '',
		schedulingStrategy: service.schedulingStrategy,
		deployments: (service.deployments ?? []).map((deployment) => ({
			id: deployment.id ?? '',
			status: deployment.status ?? 'UNKNOWN',
			taskDefinition: deployment.taskDefinition ?? '',
			desiredCount: deployment.desiredCount ?? 0,
			runningCount: deployment.runningCount ?? 0,
			pendingCount: deployment.pendingCount ?? 0,
			failedTasks: deployment.failedTasks ?? 0,
			rolloutState: deployment.rolloutState,
			rolloutStateReason: deployment.rolloutStateReason,
			createdAt: epochMs(deployment.createdAt),
			updatedAt: epochMs(deployment.updatedAt),
		})),
		events: (service.events ?? []).map((event) => ({
			id: event.id ?? '',
			createdAt: epochMs(event.createdAt),
			message: event.message ?? '',
		})),
		placementStrategy: (service.placementStrategy ?? []).map((strategy) => ({
			type: strategy.type ?? '',
			field: strategy.field,
		})),
		placementConstraints: (service.placementConstraints ?? []).map((constraint) => ({
			type: constraint.type ?? '',
			expression: constraint.expression,
		})),
		loadBalancers: (service.loadBalancers ?? []).map((balancer) => ({
			targetGroupArn: balancer.targetGroupArn,
			loadBalancerName: balancer.loadBalancerName,
			containerName: balancer.containerName,
			containerPort: balancer.containerPort,
		})),
		minimumHealthyPercent: config?.minimumHealthyPercent,
		maximumPercent: config?.maximumPercent,
		circuitBreaker:
			breaker === undefined
				? undefined
				: {enable: breaker.enable ?? false, rollback: breaker.rollback ?? false},
		createdAt: epochMs(service.createdAt),
	};
}

/**
 * The task as it was, when the API's answer says it did not change: AWS bumps `version` on every
 * change, and the status fields are compared too, as cheap insurance against an endpoint that
 * forgets to. Checked on the SDK's shape, so an unchanged task is never converted at all.
 */
export function isSameTask(before: Task, task: SdkTask): boolean {
	return (
		before.arn === task.taskArn &&
		before.version === (task.version ?? 0) &&
		before.lastStatus === (task.lastStatus ?? 'UNKNOWN') &&
		before.desiredStatus === (task.desiredStatus ?? 'UNKNOWN') &&
		before.healthStatus === task.healthStatus
	);
}

/**
 * The previous task object when the task did not change, else a new one. A large scope's refresh
 * describes 20,000 tasks that mostly did not change: converting them anyway made 20,000 new
 * objects that lived until the last of 200 calls had answered, long enough to be promoted to the
 * old generation, which then grew by their size every refresh (docs/architecture.md, "Memory at
 * 20,000 tasks").
 */
export function toTaskReusing(
	task: SdkTask,
	previous: ReadonlyMap<string, Task> | undefined,
): Task {
	const before = task.taskArn === undefined ? undefined : previous?.get(task.taskArn);
	return before !== undefined && isSameTask(before, task) ? before : toTask(task);
}

/** One shared empty list: most containers have no host port bindings (awsvpc, no mapping). */
const noBindings: readonly NetworkBinding[] = Object.freeze([]);

export function toTask(task: SdkTask): Task {
	const arn = task.taskArn ?? '';
	const taskDefinitionArn = shared(task.taskDefinitionArn ?? '');
	return {
		arn,
		id: nameFromArn(arn),
		clusterArn: shared(task.clusterArn ?? ''),
		group: shared(task.group),
		serviceName: shared(serviceNameFromGroup(task.group)),
		lastStatus: shared(task.lastStatus ?? 'UNKNOWN'),
		desiredStatus: shared(task.desiredStatus ?? 'UNKNOWN'),
		healthStatus: shared(task.healthStatus),
		containerInstanceArn: shared(task.containerInstanceArn),
		availabilityZone: shared(task.availabilityZone),
		launchType: shared(task.launchType),
		capacityProviderName: shared(task.capacityProviderName),
		cpu: shared(task.cpu),
		memory: shared(task.memory),
		createdAt: epochMs(task.createdAt),
		startedAt: epochMs(task.startedAt),
		stoppingAt: epochMs(task.stoppingAt),
		stoppedAt: epochMs(task.stoppedAt),
		stopCode: shared(task.stopCode),
		stoppedReason: shared(task.stoppedReason),
		startedBy: shared(task.startedBy),
		taskDefinitionArn,
		taskDefinition: shared(taskDefinitionName(taskDefinitionArn)),
		version: task.version ?? 0,
		containers: (task.containers ?? []).map((container) => ({
			name: shared(container.name ?? ''),
			image: shared(container.image),
			lastStatus: shared(container.lastStatus),
			exitCode: container.exitCode,
			reason: shared(container.reason),
			healthStatus: shared(container.healthStatus),
			networkBindings:
				container.networkBindings === undefined || container.networkBindings.length === 0
					? noBindings
					: container.networkBindings.map((binding) => ({
							containerPort: binding.containerPort,
							hostPort: binding.hostPort,
							protocol: shared(binding.protocol),
						})),
		})),
	};
}

function volumeKind(volume: Volume): string {
	if (volume.efsVolumeConfiguration !== undefined) return 'efs';
	if (volume.fsxWindowsFileServerVolumeConfiguration !== undefined) return 'fsx';
	if (volume.dockerVolumeConfiguration !== undefined) return 'docker';
	if (volume.host?.sourcePath !== undefined) return 'host';
	if (volume.configuredAtLaunch === true) return 'configured-at-launch';
	return 'none';
}

function toVolume(volume: Volume): TaskVolume {
	return {name: volume.name ?? '', kind: volumeKind(volume), hostPath: volume.host?.sourcePath};
}

export function toTaskDefinition(definition: SdkTaskDefinition): TaskDefinition {
	return {
		arn: definition.taskDefinitionArn ?? '',
		family: definition.family ?? '',
		revision: definition.revision ?? 0,
		status: definition.status ?? 'UNKNOWN',
		networkMode: definition.networkMode,
		requiresCompatibilities: definition.requiresCompatibilities ?? [],
		cpu: definition.cpu,
		memory: definition.memory,
		taskRoleArn: definition.taskRoleArn,
		executionRoleArn: definition.executionRoleArn,
		containers: (definition.containerDefinitions ?? []).map((container) => {
			const image = container.image ?? '';
			return {
				name: container.name ?? '',
				image,
				registry: imageRegistry(image),
				// The API's default: a container is essential unless it says otherwise.
				essential: container.essential ?? true,
				cpu: container.cpu,
				memory: container.memory,
				memoryReservation: container.memoryReservation,
				portMappings: (container.portMappings ?? []).map((mapping) => ({
					containerPort: mapping.containerPort,
					hostPort: mapping.hostPort,
					protocol: mapping.protocol,
				})),
				command: container.command ?? [],
				mountPoints: (container.mountPoints ?? []).map((mount) => ({
					sourceVolume: mount.sourceVolume,
					containerPath: mount.containerPath,
					readOnly: mount.readOnly ?? false,
				})),
			};
		}),
		volumes: (definition.volumes ?? []).map(toVolume),
		registeredAt: epochMs(definition.registeredAt),
	};
}

export function toCapacityProvider(provider: SdkCapacityProvider): CapacityProvider {
	const group = provider.autoScalingGroupProvider;
	const scaling = group?.managedScaling;
	return {
		arn: provider.capacityProviderArn ?? '',
		name: provider.name ?? '',
		status: provider.status ?? 'UNKNOWN',
		autoScalingGroup: group?.autoScalingGroupArn,
		managedScaling:
			scaling === undefined
				? undefined
				: {
						status: scaling.status ?? 'DISABLED',
						targetCapacity: scaling.targetCapacity,
						minimumScalingStepSize: scaling.minimumScalingStepSize,
						maximumScalingStepSize: scaling.maximumScalingStepSize,
					},
		managedTerminationProtection: group?.managedTerminationProtection,
		updateStatus: provider.updateStatus,
	};
}
