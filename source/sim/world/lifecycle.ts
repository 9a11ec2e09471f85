/**
 * A task's life on an EC2 container instance, as ECS reports it: PROVISIONING -> PENDING (image
 * pull) -> RUNNING (health checks, maybe an exit of its own) and, once its desired status is
 * STOPPED, DEACTIVATING -> STOPPING -> DEPROVISIONING -> STOPPED, when its reservation is given
 * back. Each transition is a timer; every change bumps `version`.
 */
import {dynamicPortRange} from './instance-types.js';
import type {Engine} from './engine.js';
import {containerEndedLogging, containerStartedLogging} from './logs/container-logs.js';
import type {TaskRequirement} from './task-requirements.js';
import type {
	ClusterState,
	ContainerInstanceState,
	ContainerState,
	HealthStatus,
	StopCode,
	Tag,
	TaskDefinitionState,
	TaskState,
} from './types.js';

const second = 1000;
/** ECS keeps STOPPED tasks describable for about an hour. */
export const stoppedTaskRetentionMs = 60 * 60 * second;

export interface NewTask {
	cluster: ClusterState;
	definition: TaskDefinitionState;
	instance: ContainerInstanceState | undefined;
	requirement: TaskRequirement;
	group: string;
	startedBy?: string;
	serviceName?: string;
	deploymentId?: string;
	launchType: TaskState['launchType'];
	capacityProviderName?: string;
	overrides?: TaskState['overrides'];
	tags?: Tag[];
	availabilityZone?: string;
	enableExecuteCommand?: boolean;
}

export function createTask(engine: Engine, input: NewTask): TaskState {
	const {cluster, definition, instance, requirement} = input;
	const now = engine.now();
	const id = engine.ids.ecsId();
	const ports = instance ? reservePorts(instance, definition, requirement) : [];
	const task: TaskState = {
		id,
		arn: engine.ids.taskArn(cluster.name, id),
		clusterName: cluster.name,
		taskDefinitionArn: definition.arn,
		containerInstanceId: instance?.id,
		group: input.group,
		startedBy: input.startedBy,
		serviceName: input.serviceName,
		deploymentId: input.deploymentId,
		enableExecuteCommand: input.enableExecuteCommand ?? false,
		lastStatus: 'PROVISIONING',
		desiredStatus: 'RUNNING',
		healthStatus: 'UNKNOWN',
		createdAt: now,
		cpu: String(requirement.cpu),
		memory: String(requirement.memory),
		launchType: input.launchType,
		capacityProviderName: input.capacityProviderName,
		availabilityZone:
			input.availabilityZone ??
			instance?.attributes.find((a) => a.name === 'ecs.availability-zone')?.value ??
			'',
		reserved: {cpu: requirement.cpu, memory: requirement.memory, ports: ports.map((p) => p.host)},
		version: 1,
		containers: definition.containerDefinitions.map((c): ContainerState => ({
			name: c.name,
			containerArn: engine.ids.containerArn(cluster.name, id),
			image: c.image,
			lastStatus: 'PENDING',
			healthStatus: 'UNKNOWN',
			networkBindings: [],
			cpu: String(c.cpu),
			memory: c.memory === undefined ? undefined : String(c.memory),
			memoryReservation:
				c.memoryReservation === undefined ? undefined : String(c.memoryReservation),
		})),
		overrides: input.overrides ?? {containerOverrides: []},
		tags: input.tags ?? [],
	};
	pendingBindings.set(task, ports);
	if (instance) {
		instance.remainingResources.cpu -= requirement.cpu;
		instance.remainingResources.memory -= requirement.memory;
		instance.remainingResources.ports.push(...task.reserved.ports);
		instance.version++;
	}
	engine.addTask(cluster, task);
	scheduleTransition(engine, task, now + second);
	return task;
}

interface Binding {
	container: string;
	containerPort: number;
	host: number;
	protocol: 'tcp' | 'udp';
}

/** Host ports chosen at placement, shown as networkBindings once the containers run. */
const pendingBindings = new WeakMap<TaskState, Binding[]>();

function reservePorts(
	instance: ContainerInstanceState,
	definition: TaskDefinitionState,
	requirement: TaskRequirement,
): Binding[] {
	if (definition.networkMode === 'awsvpc' || definition.networkMode === 'none') return [];
	const used = new Set([...instance.remainingResources.ports, ...requirement.ports]);
	let next = dynamicPortRange.first;
	const bindings: Binding[] = [];
	for (const container of definition.containerDefinitions) {
		for (const mapping of container.portMappings) {
			let host = definition.networkMode === 'host' ? mapping.containerPort : mapping.hostPort;
			if (!host) {
				while (used.has(next) && next < dynamicPortRange.last) next++;
				host = next;
				used.add(host);
			}
			bindings.push({
				container: container.name,
				containerPort: mapping.containerPort,
				host,
				protocol: mapping.protocol,
			});
		}
	}
	return bindings;
}

function scheduleTransition(engine: Engine, task: TaskState, at: number): void {
	task.nextTransitionAt = at;
	engine.schedule(at, () => {
		if (task.nextTransitionAt === at) advanceTask(engine, task);
	});
}

/**
 * Every change bumps the version; only those the scheduler cares about (running, health, stopping,
 * stopped) wake the task's service, so the intermediate steps of a start stay cheap.
 */
function changed(engine: Engine, task: TaskState, wakeService = true): void {
	task.version++;
	if (wakeService && task.serviceName) {
		const cluster = engine.clusters.get(task.clusterName);
		const service = cluster?.services.get(task.serviceName);
		if (service) engine.serviceDirty(service);
	}
}

/** One lifecycle transition, run by the task's timer. */
export function advanceTask(engine: Engine, task: TaskState): void {
	const now = engine.now();
	task.nextTransitionAt = undefined;
	if (task.desiredStatus === 'STOPPED') {
		advanceStopping(engine, task, now);
		return;
	}
	switch (task.lastStatus) {
		case 'PROVISIONING':
			task.lastStatus = 'PENDING';
			task.connectivity = 'CONNECTED';
			task.connectivityAt = now;
			scheduleTransition(engine, task, now + second);
			break;
		case 'PENDING':
			if (task.pullStartedAt === undefined) {
				task.pullStartedAt = now;
				scheduleTransition(engine, task, now + engine.random.int(3, 10) * second);
			} else if (task.pullStoppedAt === undefined) {
				task.pullStoppedAt = now;
				scheduleTransition(engine, task, now + second);
			} else {
				startRunning(engine, task, now);
				changed(engine, task);
				return;
			}
			break;
		default:
			return;
	}
	changed(engine, task, false);
}

function startRunning(engine: Engine, task: TaskState, now: number): void {
	task.lastStatus = 'RUNNING';
	task.startedAt = now;
	const bindings = pendingBindings.get(task) ?? [];
	pendingBindings.delete(task);
	const definition = engine.taskDefinitionByArn(task.taskDefinitionArn);
	const behaviours = engine.behaviours(task);
	let exitAfter: number | undefined;
	task.containers.forEach((container, index) => {
		container.lastStatus = 'RUNNING';
		container.runtimeId = engine.ids.runtimeId(task.id);
		container.imageDigest = engine.imageDigest(container.image);
		container.networkBindings = bindings
			.filter((b) => b.container === container.name)
			.map((b) => ({
				bindIP: '0.0.0.0',
				containerPort: b.containerPort,
				hostPort: b.host,
				protocol: b.protocol,
			}));
		const containerDefinition = definition?.containerDefinitions[index];
		const behaviour = behaviours[index];
		containerStartedLogging(engine, task, container, containerDefinition, behaviour);
		if (containerDefinition?.essential && behaviour?.exitAfterMs !== undefined) {
			exitAfter = Math.min(exitAfter ?? Infinity, behaviour.exitAfterMs);
		}
		const check = containerDefinition?.healthCheck;
		if (check) {
			const interval = (check.interval ?? 30) * second;
			const verdictAt = behaviour?.unhealthy
				? now + (check.startPeriod ?? 0) * second + interval * (check.retries ?? 3)
				: now + Math.max(interval, (check.startPeriod ?? 0) * second);
			const status: HealthStatus = behaviour?.unhealthy ? 'UNHEALTHY' : 'HEALTHY';
			engine.schedule(verdictAt, () => setContainerHealth(engine, task, container.name, status));
		}
	});
	if (exitAfter !== undefined) {
		const at = now + Math.max(second, exitAfter);
		task.exitAt = at;
		engine.schedule(at, () => {
			if (task.exitAt === at) essentialContainerExited(engine, task);
		});
	}
}

function setContainerHealth(
	engine: Engine,
	task: TaskState,
	name: string,
	status: HealthStatus,
): void {
	if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return;
	const container = task.containers.find((c) => c.name === name);
	if (!container) return;
	container.healthStatus = status;
	const definition = engine.taskDefinitionByArn(task.taskDefinitionArn);
	const checked = task.containers.filter(
		(_, i) =>
			definition?.containerDefinitions[i]?.healthCheck &&
			definition.containerDefinitions[i]?.essential,
	);
	// ECS: UNHEALTHY if any essential container is, HEALTHY once all essential checked ones are.
	task.healthStatus = checked.some((c) => c.healthStatus === 'UNHEALTHY')
		? 'UNHEALTHY'
		: checked.every((c) => c.healthStatus === 'HEALTHY')
			? 'HEALTHY'
			: 'UNKNOWN';
	changed(engine, task);
}

function essentialContainerExited(engine: Engine, task: TaskState): void {
	if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return;
	const definition = engine.taskDefinitionByArn(task.taskDefinitionArn);
	const behaviours = engine.behaviours(task);
	const index = task.containers.findIndex(
		(_, i) =>
			definition?.containerDefinitions[i]?.essential && behaviours[i]?.exitAfterMs !== undefined,
	);
	const container = task.containers[Math.max(0, index)];
	if (container) {
		container.lastStatus = 'STOPPED';
		const behaviour = behaviours[Math.max(0, index)];
		container.exitCode = behaviour?.exitCode ?? 0;
		if (behaviour?.outOfMemory)
			container.reason = 'OutOfMemoryError: Container killed due to memory usage';
		const kind = container.exitCode === 0 ? 'finished' : 'crashed';
		containerEndedLogging(engine, container, kind, container.exitCode);
	}
	task.exitAt = undefined;
	task.desiredStatus = 'STOPPED';
	engine.taskListChanged(task.clusterName);
	task.stopCode = 'EssentialContainerExited';
	task.stoppedReason = 'Essential container in task exited';
	task.stoppingAt = engine.now();
	// The runtime noticed the exit: the rest of the task winds down from STOPPING.
	task.lastStatus = 'STOPPING';
	scheduleTransition(engine, task, engine.now() + second);
	changed(engine, task);
}

/** Ask a task to stop (StopTask, the scheduler, a drain): the lifecycle takes it to STOPPED. */
export function requestStop(
	engine: Engine,
	task: TaskState,
	stopCode: StopCode | undefined,
	reason: string,
): void {
	if (task.desiredStatus === 'STOPPED') return;
	task.desiredStatus = 'STOPPED';
	engine.taskListChanged(task.clusterName);
	task.stopCode = stopCode;
	task.stoppedReason = reason;
	task.stoppingAt = engine.now();
	task.exitAt = undefined;
	scheduleTransition(engine, task, engine.now());
	changed(engine, task);
}

function advanceStopping(engine: Engine, task: TaskState, now: number): void {
	switch (task.lastStatus) {
		case 'RUNNING':
			task.lastStatus = 'DEACTIVATING';
			scheduleTransition(engine, task, now + second);
			break;
		case 'DEACTIVATING':
			task.lastStatus = 'STOPPING';
			// Containers get SIGTERM; most exit at once, a few take their stopTimeout.
			scheduleTransition(engine, task, now + engine.random.int(1, 3) * second);
			break;
		case 'PROVISIONING':
		case 'PENDING':
		case 'ACTIVATING':
		case 'STOPPING':
			stopContainers(engine, task);
			task.lastStatus = 'DEPROVISIONING';
			task.executionStoppedAt = now;
			scheduleTransition(engine, task, now + second);
			break;
		case 'DEPROVISIONING':
			finishStop(engine, task, now);
			return;
		default:
			return;
	}
	changed(engine, task, false);
}

function stopContainers(engine: Engine, task: TaskState): void {
	const neverRan = task.startedAt === undefined;
	for (const container of task.containers) {
		if (container.lastStatus === 'STOPPED') continue;
		container.lastStatus = 'STOPPED';
		// SIGTERM: most processes exit 0, the rest die of the signal (128 + 15).
		if (!neverRan) {
			container.exitCode = engine.random.chance(0.7) ? 0 : 143;
			containerEndedLogging(engine, container, 'stopped', container.exitCode);
		}
	}
	if (neverRan && task.stopCode === undefined) task.stopCode = 'TaskFailedToStart';
}

function finishStop(engine: Engine, task: TaskState, now: number): void {
	task.lastStatus = 'STOPPED';
	task.stoppedAt = now;
	task.connectivity = undefined;
	if (task.healthStatus !== 'UNKNOWN' && task.healthStatus !== 'UNHEALTHY')
		task.healthStatus = 'UNKNOWN';
	releaseReservation(engine, task);
	changed(engine, task);
	engine.taskStopped(task);
	const cluster = engine.clusters.get(task.clusterName);
	engine.schedule(now + stoppedTaskRetentionMs, () => {
		if (cluster) engine.removeTask(cluster, task);
	});
}

/** Give the task's CPU, memory and ports back to its instance (once). */
export function releaseReservation(engine: Engine, task: TaskState): void {
	const instance = engine.containerInstanceOf(task);
	pendingBindings.delete(task);
	if (
		!instance ||
		(task.reserved.cpu === 0 && task.reserved.memory === 0 && !task.reserved.ports.length)
	)
		return;
	instance.remainingResources.cpu += task.reserved.cpu;
	instance.remainingResources.memory += task.reserved.memory;
	if (task.reserved.ports.length) {
		const released = new Set(task.reserved.ports);
		instance.remainingResources.ports = instance.remainingResources.ports.filter(
			(p) => !released.has(p),
		);
	}
	task.reserved = {cpu: 0, memory: 0, ports: []};
	instance.version++;
	const cluster = engine.clusters.get(task.clusterName);
	if (cluster) engine.capacityFreed(cluster);
}
