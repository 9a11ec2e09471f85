/**
 * The REPLICA (and a simple DAEMON) service scheduler: keep the PRIMARY deployment's desiredCount
 * tasks running on ACTIVE instances; retire tasks of older deployments and tasks on DRAINING
 * instances by starting replacements first (within maximumPercent) and stopping the old ones only
 * as far as minimumHealthyPercent allows; replace unhealthy and crashed tasks, backing off when
 * they keep failing. It runs for a service when something about it changed, not on every step.
 */
import type {Engine} from './engine.js';
import {completeIfDone, deploymentTaskFailed, isPending, refreshCounts} from './deployments.js';
import {createTask, requestStop} from './lifecycle.js';
import {defaultServiceStrategy, placeTask} from './placement.js';
import {
	addServiceEvent,
	placementFailureEventIntervalMs,
	placementFailureMessage,
	startedTasksMessage,
	steadyStateMessage,
	steadyStateRepeatMs,
	stoppedTasksMessage,
	unableToStartEventIntervalMs,
	unableToStartMessage,
	unhealthyTargetMessages,
	unhealthyTaskMessage,
} from './service-events.js';
import type {ClusterState, PlacementConstraint, ServiceState, TaskState} from './types.js';

/** A task that stops this soon after starting counts as a failed start. */
const failedStartWindowMs = 2 * 60 * 1000;
/**
 * How long a task must have run to count toward a rollout's steady state. Long enough that a
 * release crashing within seconds never completes; short enough that a batch service whose tasks
 * finish every few minutes (the demo's sim-runner) still reaches COMPLETED.
 */
const steadyAfterMs = 30 * 1000;
const maxBackoffMs = 5 * 60 * 1000;

/** Reconciles one service; returns true when it is steady (nothing left to do). */
export function reconcileService(
	engine: Engine,
	cluster: ClusterState,
	service: ServiceState,
): boolean {
	if (service.status === 'INACTIVE') return true;
	const runtime = engine.serviceRuntime(service);
	const now = engine.now();
	if (service.status === 'DRAINING') return drainDeletedService(engine, service);

	const primary = service.deployments[0];
	if (!primary) return true;
	const definition = engine.taskDefinitionByArn(primary.taskDefinitionArn);

	// Replace tasks that failed their health checks.
	for (const task of runtime.tasks) {
		if (task.desiredStatus === 'RUNNING' && task.healthStatus === 'UNHEALTHY') {
			for (const message of unhealthyTargetMessages(service, task))
				addServiceEvent(engine, service, message);
			addServiceEvent(engine, service, unhealthyTaskMessage(service, task));
			requestStop(engine, task, 'ServiceSchedulerInitiated', 'Task failed container health checks');
			taskFailed(engine, service, task);
		}
	}

	const live: TaskState[] = [];
	const keep: TaskState[] = [];
	const retire: TaskState[] = [];
	for (const task of runtime.tasks) {
		if (task.desiredStatus !== 'RUNNING') continue;
		live.push(task);
		const instance = engine.containerInstanceOf(task);
		const onDrainingHost =
			task.containerInstanceId !== undefined && (!instance || instance.status !== 'ACTIVE');
		if (task.deploymentId !== primary.id || onDrainingHost) retire.push(task);
		else keep.push(task);
	}
	// A task that has been up a while ends a crash loop.
	if (
		runtime.failureStreak > 0 &&
		keep.some((t) => t.startedAt !== undefined && now - t.startedAt >= failedStartWindowMs)
	)
		runtime.failureStreak = 0;

	const desired =
		service.schedulingStrategy === 'DAEMON' ? daemonTarget(cluster) : service.desiredCount;
	const {minimumHealthyPercent, maximumPercent} = service.deploymentConfiguration;
	const maxTotal = Math.max(desired, Math.floor((desired * maximumPercent) / 100));
	const minHealthy = Math.ceil((desired * minimumHealthyPercent) / 100);
	const healthy = (t: TaskState) =>
		t.lastStatus === 'RUNNING' &&
		(!hasHealthCheck(engine, t.taskDefinitionArn) || t.healthStatus === 'HEALTHY');

	const stopped: TaskState[] = [];
	const stop = (task: TaskState) => {
		requestStop(
			engine,
			task,
			'ServiceSchedulerInitiated',
			`Scaling activity initiated by (deployment ${task.deploymentId ?? primary.id})`,
		);
		stopped.push(task);
	};

	// Scale in: more PRIMARY tasks than desired.
	if (keep.length > desired) {
		for (const task of chooseScaleIn(keep, keep.length - desired)) stop(task);
	}
	// Retire old-deployment and drained tasks: those not serving go at once, healthy ones as far as
	// the minimum healthy percent allows.
	let healthyCount = live.filter((t) => t.desiredStatus === 'RUNNING' && healthy(t)).length;
	for (const task of [...retire].sort((a, b) => a.createdAt - b.createdAt)) {
		if (!healthy(task)) stop(task);
		else if (healthyCount - 1 >= minHealthy) {
			stop(task);
			healthyCount--;
		}
	}

	// Launch replacements and new tasks.
	const liveNow = live.filter((t) => t.desiredStatus === 'RUNNING').length;
	const keepNow = keep.filter((t) => t.desiredStatus === 'RUNNING').length;
	const toStart = Math.max(0, Math.min(desired - keepNow, maxTotal - liveNow));
	let launchBlocked = false;
	runtime.waitingForCapacity = false;
	if (toStart > 0 && definition && now >= runtime.nextLaunchAt) {
		launchBlocked = launch(engine, cluster, service, primary.id, toStart);
		runtime.waitingForCapacity = launchBlocked;
	} else if (toStart > 0) launchBlocked = true;

	if (stopped.length) addServiceEvent(engine, service, stoppedTasksMessage(service, stopped));
	refreshCounts(engine, service);

	// A rollout reaches steady state only with tasks that have run a while: a release whose tasks
	// all run for a few seconds and then crash is still rolling out, not COMPLETED. Once completed
	// it stays so, whatever its tasks do later.
	const rolling = primary.rolloutState === 'IN_PROGRESS';
	let primaryHealthy = 0;
	for (const task of runtime.tasks)
		if (
			task.deploymentId === primary.id &&
			task.desiredStatus === 'RUNNING' &&
			healthy(task) &&
			(!rolling || (task.startedAt !== undefined && now - task.startedAt >= steadyAfterMs))
		)
			primaryHealthy++;
	const settled =
		!launchBlocked &&
		runtime.failureStreak === 0 &&
		completeIfDone(
			engine,
			service,
			service.schedulingStrategy === 'DAEMON' ? desired : primaryHealthy,
		) &&
		service.deployments.length === 1 &&
		service.runningCount ===
			(service.schedulingStrategy === 'DAEMON' ? desired : service.desiredCount) &&
		service.pendingCount === 0;
	if (settled) {
		if (service.steadySinceAt === undefined) {
			service.steadySinceAt = now;
			addServiceEvent(engine, service, steadyStateMessage(service));
			scheduleSteadyRepeat(engine, service, now);
		}
	} else service.steadySinceAt = undefined;
	return settled && allSettledStatuses(runtime.tasks);
}

/** Stopping tasks still have to reach STOPPED before the service can rest. */
function allSettledStatuses(tasks: Set<TaskState>): boolean {
	for (const task of tasks) {
		if (task.lastStatus !== 'STOPPED' && (task.desiredStatus === 'STOPPED' || isPending(task)))
			return false;
	}
	return true;
}

function scheduleSteadyRepeat(engine: Engine, service: ServiceState, since: number): void {
	const at = since + steadyStateRepeatMs;
	engine.schedule(at, () => {
		if (service.steadySinceAt !== since || service.status !== 'ACTIVE') return;
		service.steadySinceAt = at;
		addServiceEvent(engine, service, steadyStateMessage(service));
		scheduleSteadyRepeat(engine, service, at);
	});
}

/** Starts up to `count` tasks; returns true when placement failed (the sweep will retry). */
function launch(
	engine: Engine,
	cluster: ClusterState,
	service: ServiceState,
	deploymentId: string,
	count: number,
): boolean {
	const runtime = engine.serviceRuntime(service);
	const deployment = service.deployments.find((d) => d.id === deploymentId)!;
	const definition = engine.taskDefinitionByArn(deployment.taskDefinitionArn);
	if (!definition) return true;
	const requirement = engine.requirement(definition);
	const providers = capacityProvidersFor(
		cluster,
		service.launchType,
		deployment.capacityProviderStrategy,
	);
	const constraints: PlacementConstraint[] = [
		...service.placementConstraints,
		...definition.placementConstraints,
		...(service.schedulingStrategy === 'DAEMON' ? [{type: 'distinctInstance' as const}] : []),
	];
	const strategies = service.placementStrategy.length
		? service.placementStrategy
		: defaultServiceStrategy;
	const started: TaskState[] = [];
	let blocked = false;
	const groupTasks = [...runtime.tasks].filter((t) => t.lastStatus !== 'STOPPED');
	for (let i = 0; i < count; i++) {
		let instance;
		if (service.launchType !== 'FARGATE') {
			const result = placeTask({
				...engine.placementView(cluster),
				requirement,
				capacityProviders: providers,
				constraints,
				strategies,
				groupTasks,
				random: engine.random,
			});
			if (!result.ok) {
				blocked = true;
				const last = service.lastPlacementFailureEventAt;
				if (last === undefined || engine.now() - last >= placementFailureEventIntervalMs) {
					service.lastPlacementFailureEventAt = engine.now();
					addServiceEvent(engine, service, placementFailureMessage(service, result));
				}
				break;
			}
			instance = result.instance;
		}
		const task = createTask(engine, {
			cluster,
			definition,
			instance,
			requirement,
			group: `service:${service.name}`,
			startedBy: deploymentId,
			serviceName: service.name,
			deploymentId,
			enableExecuteCommand: service.enableExecuteCommand,
			launchType: service.launchType ?? 'EC2',
			capacityProviderName:
				instance?.capacityProviderName && providers ? instance.capacityProviderName : undefined,
			tags:
				service.propagateTags === 'SERVICE'
					? service.tags
					: service.propagateTags === 'TASK_DEFINITION'
						? definition.tags
						: [],
			availabilityZone: instance ? undefined : fargateZone(engine),
		});
		started.push(task);
		groupTasks.push(task);
	}
	if (started.length) addServiceEvent(engine, service, startedTasksMessage(service, started));
	return blocked;
}

function fargateZone(engine: Engine): string {
	return `${engine.ids.region}${engine.random.pick(['a', 'b', 'c'])}`;
}

/** Which capacity providers' instances may take the task; undefined: any instance. */
export function capacityProvidersFor(
	cluster: ClusterState,
	launchType: ServiceState['launchType'],
	strategy: ServiceState['capacityProviderStrategy'],
): ReadonlySet<string> | undefined {
	if (strategy?.length) return new Set(strategy.map((s) => s.capacityProvider));
	if (launchType) return undefined;
	if (cluster.defaultCapacityProviderStrategy.length)
		return new Set(cluster.defaultCapacityProviderStrategy.map((s) => s.capacityProvider));
	return undefined;
}

function daemonTarget(cluster: ClusterState): number {
	let count = 0;
	for (const instance of cluster.containerInstances.values())
		if (instance.status === 'ACTIVE') count++;
	return count;
}

/**
 * Which tasks to stop when scaling in: keep the AZs balanced (take from the fullest zone), and
 * within it stop tasks that are not serving yet before running ones, newest first.
 */
function chooseScaleIn(tasks: readonly TaskState[], count: number): TaskState[] {
	const remaining = [...tasks];
	const chosen: TaskState[] = [];
	while (chosen.length < count && remaining.length) {
		const perZone = new Map<string, number>();
		for (const t of remaining)
			perZone.set(t.availabilityZone, (perZone.get(t.availabilityZone) ?? 0) + 1);
		const fullest = Math.max(...perZone.values());
		const candidates = remaining.filter((t) => perZone.get(t.availabilityZone) === fullest);
		candidates.sort(
			(a, b) =>
				Number(b.lastStatus !== 'RUNNING') - Number(a.lastStatus !== 'RUNNING') ||
				b.createdAt - a.createdAt ||
				(a.id < b.id ? -1 : 1),
		);
		const pick = candidates[0]!;
		chosen.push(pick);
		remaining.splice(remaining.indexOf(pick), 1);
	}
	return chosen;
}

function drainDeletedService(engine: Engine, service: ServiceState): boolean {
	const runtime = engine.serviceRuntime(service);
	const stopped: TaskState[] = [];
	let remaining = 0;
	for (const task of runtime.tasks) {
		if (task.desiredStatus === 'RUNNING') {
			requestStop(engine, task, 'ServiceSchedulerInitiated', 'Service deleted');
			stopped.push(task);
		}
		if (task.lastStatus !== 'STOPPED') remaining++;
	}
	if (stopped.length) addServiceEvent(engine, service, stoppedTasksMessage(service, stopped));
	refreshCounts(engine, service);
	if (remaining === 0) {
		service.status = 'INACTIVE';
		for (const d of service.deployments) d.status = 'INACTIVE';
		return true;
	}
	return false;
}

const healthCheckCache = new WeakMap<object, boolean>();

function hasHealthCheck(engine: Engine, taskDefinitionArn: string): boolean {
	const definition = engine.taskDefinitionByArn(taskDefinitionArn);
	if (!definition) return false;
	let cached = healthCheckCache.get(definition);
	if (cached === undefined) {
		cached = definition.containerDefinitions.some((c) => c.essential && c.healthCheck);
		healthCheckCache.set(definition, cached);
	}
	return cached;
}

/**
 * A service task reached STOPPED. A task that crashed or never started counts against the
 * service: after a few in a row the scheduler backs off and says it cannot start tasks.
 */
export function serviceTaskStopped(engine: Engine, service: ServiceState, task: TaskState): void {
	const failedStart =
		task.stopCode === 'TaskFailedToStart' ||
		(task.stopCode === 'EssentialContainerExited' &&
			(task.startedAt === undefined ||
				(task.stoppedAt ?? 0) - task.startedAt < failedStartWindowMs));
	if (failedStart) taskFailed(engine, service, task);
	engine.serviceDirty(service);
}

function taskFailed(engine: Engine, service: ServiceState, task: TaskState): void {
	const runtime = engine.serviceRuntime(service);
	const now = engine.now();
	runtime.failureStreak++;
	deploymentTaskFailed(engine, service, task);
	if (runtime.failureStreak >= 3) {
		// ECS throttles relaunching a service whose tasks keep failing.
		const delay = Math.min(maxBackoffMs, 10_000 * 2 ** (runtime.failureStreak - 3));
		runtime.nextLaunchAt = now + delay;
		engine.schedule(runtime.nextLaunchAt, () => engine.serviceDirty(service));
		const last = runtime.lastUnableToStartEventAt;
		if (last === undefined || now - last >= unableToStartEventIntervalMs) {
			runtime.lastUnableToStartEventAt = now;
			addServiceEvent(engine, service, unableToStartMessage(service));
		}
	}
}
