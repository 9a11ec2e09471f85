/**
 * World state -> the ECS API's task, container instance and task definition shapes, with the
 * members ECS always sends (empty lists included) so clients see what AWS would give them.
 */
import type {World} from '../world/world.js';
import type {
	ClusterState,
	ContainerDefinition,
	ContainerInstanceState,
	ResourceAmount,
	TaskDefinitionState,
	TaskState,
} from '../world/types.js';
import {isPendingTask, tagsIf, toDate} from './ecs-serialize.js';

export function serializeTask(
	world: World,
	cluster: ClusterState,
	task: TaskState,
	includeTags: boolean,
) {
	const instance =
		task.containerInstanceId === undefined
			? undefined
			: world.resolveContainerInstance(cluster, task.containerInstanceId);
	return {
		// Bridge and host networking attach nothing; awsvpc would list an ENI here.
		attachments: [],
		attributes: [{name: 'ecs.cpu-architecture', value: 'x86_64'}],
		availabilityZone: task.availabilityZone,
		capacityProviderName: task.capacityProviderName,
		clusterArn: cluster.arn,
		connectivity: task.connectivity,
		connectivityAt: toDate(task.connectivityAt),
		containerInstanceArn: instance?.arn,
		containers: task.containers.map((container) => ({
			containerArn: container.containerArn,
			taskArn: task.arn,
			name: container.name,
			image: container.image,
			imageDigest: container.imageDigest,
			runtimeId: container.runtimeId,
			lastStatus: container.lastStatus,
			exitCode: container.exitCode,
			reason: container.reason,
			networkBindings: container.networkBindings.map((binding) => ({...binding})),
			networkInterfaces: [],
			healthStatus: container.healthStatus,
			cpu: container.cpu,
			memory: container.memory,
			memoryReservation: container.memoryReservation,
			// ECS Exec's agent starts and stops with the container of a task that has exec on.
			managedAgents:
				task.enableExecuteCommand === true && container.lastStatus !== 'PENDING'
					? [
							{
								name: 'ExecuteCommandAgent',
								lastStatus: container.lastStatus,
								lastStartedAt: toDate(task.startedAt),
							},
						]
					: [],
		})),
		cpu: task.cpu,
		createdAt: new Date(task.createdAt),
		desiredStatus: task.desiredStatus,
		enableExecuteCommand: task.enableExecuteCommand ?? false,
		executionStoppedAt: toDate(task.executionStoppedAt),
		group: task.group,
		healthStatus: task.healthStatus,
		inferenceAccelerators: [],
		lastStatus: task.lastStatus,
		launchType: task.launchType,
		memory: task.memory,
		overrides: {
			containerOverrides: task.overrides.containerOverrides.map((o) => ({...o})),
			inferenceAcceleratorOverrides: [],
		},
		platformVersion: task.launchType === 'FARGATE' ? '1.4.0' : undefined,
		pullStartedAt: toDate(task.pullStartedAt),
		pullStoppedAt: toDate(task.pullStoppedAt),
		startedAt: toDate(task.startedAt),
		startedBy: task.startedBy,
		stopCode: task.stopCode,
		stoppedAt: toDate(task.stoppedAt),
		stoppedReason: task.stoppedReason,
		stoppingAt: toDate(task.stoppingAt),
		tags: tagsIf(includeTags, task.tags),
		taskArn: task.arn,
		taskDefinitionArn: task.taskDefinitionArn,
		version: task.version,
	};
}

/** ECS's Resource list: CPU units and MiB as INTEGER, host ports as a STRINGSET of numbers. */
function resources(amount: ResourceAmount) {
	const integer = (name: string, value: number) => ({
		name,
		type: 'INTEGER',
		doubleValue: 0,
		longValue: 0,
		integerValue: value,
	});
	const stringSet = (name: string, values: number[]) => ({
		name,
		type: 'STRINGSET',
		doubleValue: 0,
		longValue: 0,
		integerValue: 0,
		stringSetValue: values.map(String),
	});
	return [
		integer('CPU', amount.cpu),
		integer('MEMORY', amount.memory),
		stringSet('PORTS', amount.ports),
		// The world tracks TCP ports only; no simulated container binds UDP.
		stringSet('PORTS_UDP', []),
	];
}

export interface InstanceTaskCounts {
	running: number;
	pending: number;
}

/** One pass over the cluster's tasks, so describing 100 instances does not scan tasks 100 times. */
export function countTasksByInstance(cluster: ClusterState): Map<string, InstanceTaskCounts> {
	const counts = new Map<string, InstanceTaskCounts>();
	for (const task of cluster.tasks.values()) {
		if (task.containerInstanceId === undefined) continue;
		let entry = counts.get(task.containerInstanceId);
		if (entry === undefined) {
			entry = {running: 0, pending: 0};
			counts.set(task.containerInstanceId, entry);
		}
		if (task.lastStatus === 'RUNNING') entry.running++;
		else if (isPendingTask(task)) entry.pending++;
	}
	return counts;
}

export function serializeContainerInstance(
	instance: ContainerInstanceState,
	counts: InstanceTaskCounts | undefined,
	include: {tags: boolean; health: boolean},
	now: number,
) {
	return {
		containerInstanceArn: instance.arn,
		ec2InstanceId: instance.ec2InstanceId,
		capacityProviderName: instance.capacityProviderName,
		version: instance.version,
		versionInfo: {...instance.versionInfo},
		remainingResources: resources(instance.remainingResources),
		registeredResources: resources(instance.registeredResources),
		status: instance.status,
		statusReason: instance.statusReason,
		agentConnected: instance.agentConnected,
		runningTasksCount: counts?.running ?? 0,
		pendingTasksCount: counts?.pending ?? 0,
		attributes: instance.attributes.map((attribute) => ({...attribute})),
		registeredAt: new Date(instance.registeredAt),
		attachments: [],
		tags: tagsIf(include.tags, instance.tags),
		healthStatus: include.health ? instanceHealth(instance, now) : undefined,
	};
}

/** The sim has no runtime failures to report: a connected agent means a healthy runtime. */
function instanceHealth(instance: ContainerInstanceState, now: number) {
	const status = instance.agentConnected ? 'OK' : 'INSUFFICIENT_DATA';
	return {
		overallStatus: status,
		details: [
			{
				type: 'CONTAINER_RUNTIME',
				status,
				lastUpdated: new Date(now),
				lastStatusChange: new Date(instance.registeredAt),
			},
		],
	};
}

function serializeContainerDefinition(definition: ContainerDefinition) {
	return {
		name: definition.name,
		image: definition.image,
		cpu: definition.cpu,
		memory: definition.memory,
		memoryReservation: definition.memoryReservation,
		portMappings: definition.portMappings.map((mapping) => ({
			containerPort: mapping.containerPort,
			hostPort: mapping.hostPort ?? 0,
			protocol: mapping.protocol,
		})),
		essential: definition.essential,
		entryPoint: definition.entryPoint,
		command: definition.command,
		environment: definition.environment.map((kv) => ({...kv})),
		mountPoints: definition.mountPoints.map((mount) => ({...mount})),
		volumesFrom: [],
		healthCheck: definition.healthCheck,
		logConfiguration: definition.logConfiguration,
		secrets: definition.secrets?.map((secret) => ({...secret})),
		systemControls: [],
	};
}

export function serializeTaskDefinition(definition: TaskDefinitionState) {
	return {
		taskDefinitionArn: definition.arn,
		containerDefinitions: definition.containerDefinitions.map(serializeContainerDefinition),
		family: definition.family,
		taskRoleArn: definition.taskRoleArn,
		executionRoleArn: definition.executionRoleArn,
		networkMode: definition.networkMode,
		revision: definition.revision,
		volumes: definition.volumes.map((volume) => ({...volume})),
		status: definition.status,
		requiresAttributes: [],
		placementConstraints: definition.placementConstraints.map((c) => ({...c})),
		compatibilities: [...definition.compatibilities],
		requiresCompatibilities: [...definition.requiresCompatibilities],
		cpu: definition.cpu,
		memory: definition.memory,
		registeredAt: new Date(definition.registeredAt),
		registeredBy: definition.registeredBy,
		deregisteredAt: toDate(definition.deregisteredAt),
	};
}
