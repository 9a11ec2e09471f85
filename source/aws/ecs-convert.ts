/**
 * SDK shapes -> domain types. Everything optional in the API model gets a definite value or an
 * explicit undefined here, so the UI never has to know what the SDK may leave out. Every field is
 * read through answer-fields, whatever its declared type: the SDK does not check types, and a
 * field of the wrong type reads as missing instead of reaching the screen.
 */
import type {
	CapacityProvider as SdkCapacityProvider,
	CapacityProviderStrategyItem as SdkStrategyItem,
	Cluster as SdkCluster,
	ContainerInstance as SdkContainerInstance,
	Failure as SdkFailure,
	HealthCheck as SdkHealthCheck,
	LogConfiguration as SdkLogConfiguration,
	KeyValuePair,
	Resource,
	Service as SdkService,
	Task as SdkTask,
	TaskDefinition as SdkTaskDefinition,
	Tag,
	Volume,
} from '@aws-sdk/client-ecs';
import {shared} from './interned-strings.js';
import {nameFromArn, taskDefinitionName} from '../model/arn.js';
import type {CapacityProvider, CapacityProviderStrategyItem} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {DescribeFailure} from '../model/failure.js';
import type {Service} from '../model/service.js';
import {serviceNameFromGroup, type NetworkBinding, type Task} from '../model/task.js';
import {
	imageRegistry,
	type ContainerHealthCheck,
	type LogConfiguration,
	type TaskDefinition,
	type TaskVolume,
} from '../model/task-definition.js';
import {count, flag, objects, record, strings, text, time} from './answer-fields.js';

export function toFailure(failure: SdkFailure): DescribeFailure {
	return {arn: text(failure.arn), reason: text(failure.reason), detail: text(failure.detail)};
}

function toStrategy(items: readonly SdkStrategyItem[] | undefined): CapacityProviderStrategyItem[] {
	return objects(items).map((item) => ({
		capacityProvider: text(item.capacityProvider) ?? '',
		weight: count(item.weight) ?? 0,
		base: count(item.base) ?? 0,
	}));
}

function pairsOf(list: readonly KeyValuePair[] | undefined): Record<string, string> {
	const pairs: Record<string, string> = {};
	for (const {name, value} of objects(list))
		if (typeof name === 'string') pairs[name] = text(value) ?? '';
	return pairs;
}

function tags(list: readonly Tag[] | undefined): Record<string, string> {
	const byKey: Record<string, string> = {};
	for (const {key, value} of objects(list))
		if (typeof key === 'string') byKey[key] = text(value) ?? '';
	return byKey;
}

export function toCluster(cluster: SdkCluster): Cluster {
	const arn = text(cluster.clusterArn) ?? '';
	return {
		arn,
		name: text(cluster.clusterName) ?? nameFromArn(arn),
		status: text(cluster.status) ?? 'UNKNOWN',
		registeredContainerInstancesCount: count(cluster.registeredContainerInstancesCount) ?? 0,
		runningTasksCount: count(cluster.runningTasksCount) ?? 0,
		pendingTasksCount: count(cluster.pendingTasksCount) ?? 0,
		activeServicesCount: count(cluster.activeServicesCount) ?? 0,
		statistics: pairsOf(cluster.statistics),
		containerInsights: text(
			objects(cluster.settings).find((setting) => setting.name === 'containerInsights')?.value,
		),
		capacityProviders: strings(cluster.capacityProviders),
		defaultCapacityProviderStrategy: toStrategy(cluster.defaultCapacityProviderStrategy),
		tags: tags(cluster.tags),
	};
}

function resource(list: readonly Resource[] | undefined, name: string): number {
	const found = objects(list).find((item) => item.name === name);
	if (found === undefined) return 0;
	return count(found.integerValue) ?? count(found.longValue) ?? count(found.doubleValue) ?? 0;
}

/** A STRINGSET resource of port numbers (PORTS, PORTS_UDP); anything not a port is left out. */
function portSet(list: readonly Resource[] | undefined, name: string): number[] {
	const found = objects(list).find((item) => item.name === name);
	return strings(found?.stringSetValue)
		.map(Number)
		.filter((port) => Number.isInteger(port) && port > 0 && port < 65536);
}

function attributeRecord(
	list: readonly {name?: unknown; value?: unknown}[],
): Record<string, string> {
	const byName: Record<string, string> = {};
	for (const item of list) {
		const name = text(item.name);
		if (name !== undefined) byName[name] = text(item.value) ?? '';
	}
	return byName;
}

export function toContainerInstance(instance: SdkContainerInstance): ContainerInstance {
	const arn = text(instance.containerInstanceArn) ?? '';
	const attributes = objects(instance.attributes);
	const attribute = (name: string): string | undefined =>
		text(attributes.find((item) => item.name === name)?.value);
	return {
		arn,
		id: nameFromArn(arn),
		ec2InstanceId: text(instance.ec2InstanceId),
		instanceType: attribute('ecs.instance-type'),
		availabilityZone: attribute('ecs.availability-zone'),
		status: text(instance.status) ?? 'UNKNOWN',
		statusReason: text(instance.statusReason),
		agentConnected: flag(instance.agentConnected) ?? false,
		agentUpdateStatus: text(instance.agentUpdateStatus),
		capacityProviderName: text(instance.capacityProviderName),
		healthStatus: text(record(instance.healthStatus)?.overallStatus),
		runningTasksCount: count(instance.runningTasksCount) ?? 0,
		pendingTasksCount: count(instance.pendingTasksCount) ?? 0,
		cpuRegistered: resource(instance.registeredResources, 'CPU'),
		cpuRemaining: resource(instance.remainingResources, 'CPU'),
		memoryRegistered: resource(instance.registeredResources, 'MEMORY'),
		memoryRemaining: resource(instance.remainingResources, 'MEMORY'),
		registeredAt: time(instance.registeredAt),
		agentVersion: text(record(instance.versionInfo)?.agentVersion),
		version: count(instance.version) ?? 0,
		reservedTcpPorts: portSet(instance.remainingResources, 'PORTS'),
		reservedUdpPorts: portSet(instance.remainingResources, 'PORTS_UDP'),
		attributes: attributeRecord(attributes),
	};
}

export function toService(service: SdkService): Service {
	const arn = text(service.serviceArn) ?? '';
	const config = record(service.deploymentConfiguration);
	const breaker = record(config?.deploymentCircuitBreaker);
	return {
		arn,
		name: text(service.serviceName) ?? nameFromArn(arn),
		clusterArn: text(service.clusterArn) ?? '',
		status: text(service.status) ?? 'UNKNOWN',
		desiredCount: count(service.desiredCount) ?? 0,
		runningCount: count(service.runningCount) ?? 0,
		pendingCount: count(service.pendingCount) ?? 0,
		launchType: text(service.launchType),
		capacityProviderStrategy: toStrategy(service.capacityProviderStrategy),
		taskDefinition: text(service.taskDefinition) ?? '',
		schedulingStrategy: text(service.schedulingStrategy),
		deployments: objects(service.deployments).map((deployment) => ({
			id: text(deployment.id) ?? '',
			status: text(deployment.status) ?? 'UNKNOWN',
			taskDefinition: text(deployment.taskDefinition) ?? '',
			desiredCount: count(deployment.desiredCount) ?? 0,
			runningCount: count(deployment.runningCount) ?? 0,
			pendingCount: count(deployment.pendingCount) ?? 0,
			failedTasks: count(deployment.failedTasks) ?? 0,
			rolloutState: text(deployment.rolloutState),
			rolloutStateReason: text(deployment.rolloutStateReason),
			createdAt: time(deployment.createdAt),
			updatedAt: time(deployment.updatedAt),
		})),
		events: objects(service.events).map((event) => ({
			id: text(event.id) ?? '',
			createdAt: time(event.createdAt),
			message: text(event.message) ?? '',
		})),
		placementStrategy: objects(service.placementStrategy).map((strategy) => ({
			type: text(strategy.type) ?? '',
			field: text(strategy.field),
		})),
		placementConstraints: objects(service.placementConstraints).map((constraint) => ({
			type: text(constraint.type) ?? '',
			expression: text(constraint.expression),
		})),
		loadBalancers: objects(service.loadBalancers).map((balancer) => ({
			targetGroupArn: text(balancer.targetGroupArn),
			loadBalancerName: text(balancer.loadBalancerName),
			containerName: text(balancer.containerName),
			containerPort: count(balancer.containerPort),
		})),
		minimumHealthyPercent: count(config?.minimumHealthyPercent),
		maximumPercent: count(config?.maximumPercent),
		circuitBreaker:
			breaker === undefined
				? undefined
				: {enable: flag(breaker.enable) ?? false, rollback: flag(breaker.rollback) ?? false},
		createdAt: time(service.createdAt),
		enableExecuteCommand: flag(service.enableExecuteCommand) === true,
	};
}

/**
 * The task as it was, when the API's answer says it did not change: AWS bumps `version` on every
 * change, and the status fields are compared too, as cheap insurance against an endpoint that
 * forgets to. Checked on the SDK's shape, so an unchanged task is never converted at all (a
 * field of the wrong type never equals the converted one, so such a task is converted again).
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
	const arn = text(task.taskArn);
	const before = arn === undefined ? undefined : previous?.get(arn);
	return before !== undefined && isSameTask(before, task) ? before : toTask(task);
}

/** One shared empty list: most containers have no host port bindings (awsvpc, no mapping). */
const noBindings: readonly NetworkBinding[] = Object.freeze([]);

export function toTask(task: SdkTask): Task {
	const arn = text(task.taskArn) ?? '';
	const taskDefinitionArn = shared(text(task.taskDefinitionArn) ?? '');
	const group = shared(text(task.group));
	return {
		arn,
		id: nameFromArn(arn),
		clusterArn: shared(text(task.clusterArn) ?? ''),
		group,
		serviceName: shared(serviceNameFromGroup(group)),
		lastStatus: shared(text(task.lastStatus) ?? 'UNKNOWN'),
		desiredStatus: shared(text(task.desiredStatus) ?? 'UNKNOWN'),
		healthStatus: shared(text(task.healthStatus)),
		containerInstanceArn: shared(text(task.containerInstanceArn)),
		availabilityZone: shared(text(task.availabilityZone)),
		launchType: shared(text(task.launchType)),
		capacityProviderName: shared(text(task.capacityProviderName)),
		cpu: shared(text(task.cpu)),
		memory: shared(text(task.memory)),
		createdAt: time(task.createdAt),
		startedAt: time(task.startedAt),
		stoppingAt: time(task.stoppingAt),
		stoppedAt: time(task.stoppedAt),
		stopCode: shared(text(task.stopCode)),
		stoppedReason: shared(text(task.stoppedReason)),
		startedBy: shared(text(task.startedBy)),
		taskDefinitionArn,
		taskDefinition: shared(taskDefinitionName(taskDefinitionArn)),
		version: count(task.version) ?? 0,
		enableExecuteCommand: flag(task.enableExecuteCommand) === true,
		containers: objects(task.containers).map((container) => {
			const bindings = objects(container.networkBindings);
			return {
				name: shared(text(container.name) ?? ''),
				image: shared(text(container.image)),
				lastStatus: shared(text(container.lastStatus)),
				exitCode: count(container.exitCode),
				reason: shared(text(container.reason)),
				healthStatus: shared(text(container.healthStatus)),
				networkBindings:
					bindings.length === 0
						? noBindings
						: bindings.map((binding) => ({
								containerPort: count(binding.containerPort),
								hostPort: count(binding.hostPort),
								protocol: shared(text(binding.protocol)),
							})),
				runtimeId: text(container.runtimeId),
				execAgentStatus: shared(
					text(
						objects(container.managedAgents).find((agent) => agent.name === 'ExecuteCommandAgent')
							?.lastStatus,
					),
				),
			};
		}),
	};
}

function volumeKind(volume: Volume): string {
	if (record(volume.efsVolumeConfiguration) !== undefined) return 'efs';
	if (record(volume.fsxWindowsFileServerVolumeConfiguration) !== undefined) return 'fsx';
	if (record(volume.dockerVolumeConfiguration) !== undefined) return 'docker';
	if (text(record(volume.host)?.sourcePath) !== undefined) return 'host';
	if (volume.configuredAtLaunch === true) return 'configured-at-launch';
	return 'none';
}

function toVolume(volume: Volume): TaskVolume {
	return {
		name: text(volume.name) ?? '',
		kind: volumeKind(volume),
		hostPath: text(record(volume.host)?.sourcePath),
	};
}

function toLogConfiguration(config: SdkLogConfiguration | undefined): LogConfiguration | undefined {
	const logDriver = text(config?.logDriver);
	if (config === undefined || logDriver === undefined) return undefined;
	const options: Record<string, string> = {};
	for (const [key, value] of Object.entries(record(config.options) ?? {}))
		if (typeof value === 'string') options[key] = value;
	const secretOptionNames = objects(config.secretOptions).flatMap((option) => {
		const name = text(option.name);
		return name === undefined ? [] : [name];
	});
	return {logDriver, options, secretOptionNames};
}

function toHealthCheck(check: SdkHealthCheck | undefined): ContainerHealthCheck | undefined {
	if (check === undefined) return undefined;
	return {
		command: strings(check.command),
		interval: count(check.interval),
		timeout: count(check.timeout),
		retries: count(check.retries),
		startPeriod: count(check.startPeriod),
	};
}

export function toTaskDefinition(definition: SdkTaskDefinition): TaskDefinition {
	return {
		arn: text(definition.taskDefinitionArn) ?? '',
		family: text(definition.family) ?? '',
		revision: count(definition.revision) ?? 0,
		status: text(definition.status) ?? 'UNKNOWN',
		networkMode: text(definition.networkMode),
		requiresCompatibilities: strings(definition.requiresCompatibilities),
		compatibilities: strings(definition.compatibilities),
		cpu: text(definition.cpu),
		memory: text(definition.memory),
		taskRoleArn: text(definition.taskRoleArn),
		executionRoleArn: text(definition.executionRoleArn),
		containers: objects(definition.containerDefinitions).map((container) => {
			const image = text(container.image) ?? '';
			return {
				name: text(container.name) ?? '',
				image,
				registry: imageRegistry(image),
				// The API's default: a container is essential unless it says otherwise.
				essential: flag(container.essential) ?? true,
				cpu: count(container.cpu),
				memory: count(container.memory),
				memoryReservation: count(container.memoryReservation),
				portMappings: objects(container.portMappings).map((mapping) => ({
					containerPort: count(mapping.containerPort),
					hostPort: count(mapping.hostPort),
					protocol: text(mapping.protocol),
				})),
				command: strings(container.command),
				mountPoints: objects(container.mountPoints).map((mount) => ({
					sourceVolume: text(mount.sourceVolume),
					containerPath: text(mount.containerPath),
					readOnly: flag(mount.readOnly) ?? false,
				})),
				// Names only: a value never leaves this function.
				environmentNames: objects(container.environment).flatMap((pair) => {
					const name = text(pair.name);
					return name === undefined ? [] : [name];
				}),
				secrets: objects(container.secrets).flatMap((secret) => {
					const name = text(secret.name);
					return name === undefined ? [] : [{name, valueFrom: text(secret.valueFrom) ?? ''}];
				}),
				logConfiguration: toLogConfiguration(record(container.logConfiguration)),
				healthCheck: toHealthCheck(record(container.healthCheck)),
			};
		}),
		volumes: objects(definition.volumes).map(toVolume),
		registeredAt: time(definition.registeredAt),
	};
}

export function toCapacityProvider(provider: SdkCapacityProvider): CapacityProvider {
	const group = record(provider.autoScalingGroupProvider);
	const scaling = record(group?.managedScaling);
	return {
		arn: text(provider.capacityProviderArn) ?? '',
		name: text(provider.name) ?? '',
		status: text(provider.status) ?? 'UNKNOWN',
		autoScalingGroup: text(group?.autoScalingGroupArn),
		managedScaling:
			scaling === undefined
				? undefined
				: {
						status: text(scaling.status) ?? 'DISABLED',
						targetCapacity: count(scaling.targetCapacity),
						minimumScalingStepSize: count(scaling.minimumScalingStepSize),
						maximumScalingStepSize: count(scaling.maximumScalingStepSize),
					},
		managedTerminationProtection: text(group?.managedTerminationProtection),
		updateStatus: text(provider.updateStatus),
	};
}
