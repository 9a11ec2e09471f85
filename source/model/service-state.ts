/**
 * The trouble a service is in, in one word the service row and the problem feed both use:
 * FAILED, ROLLED BACK, CRASH LOOP or "N cannot place". Derived from the service as
 * DescribeServices returns it (deployments, counts, events) and, when known, its recently
 * stopped tasks. Undefined for a service that is fine, or only busy deploying.
 */
import {deploymentIdIn, eventCause, newestEvent, unsettledEvents} from './service-events.js';
import {primaryDeployment, type Service} from './service.js';
import {taskFailure} from './task-failure.js';
import type {Task} from './task.js';

export type ServiceTrouble =
	/** The primary deployment failed and nothing rolled it back: the service is stuck on it. */
	| {readonly kind: 'failed'; readonly at: number | undefined; readonly reason: string | undefined}
	/** A deployment failed and the circuit breaker went back to the previous one. */
	| {
			readonly kind: 'rolled-back';
			readonly at: number | undefined;
			readonly reason: string | undefined;
	  }
	/** Its tasks keep stopping soon after they start (or never start). */
	| {readonly kind: 'crash-loop'; readonly at: number | undefined; readonly failures: number}
	/** Tasks the scheduler wants but no instance (or capacity) can take. */
	| {readonly kind: 'cannot-place'; readonly at: number | undefined; readonly count: number};

export type ServiceStateContext = {
	/** Epoch ms as AWS sees it. */
	readonly now: number;
	/** The service's recently stopped tasks, when fetched (a crash loop shows in them first). */
	readonly stoppedTasks?: readonly Task[] | undefined;
};

/** How far back an event or a stopped task still says something about the service now. */
export const problemWindowMs = 60 * 60_000;
/** Failed tasks within this long of each other are a loop, not bad luck. */
export const crashLoopWindowMs = 15 * 60_000;
/** Failures within the crash-loop window that make it a loop. */
export const crashLoopFailures = 3;

export function serviceTrouble(
	service: Service,
	context: ServiceStateContext,
): ServiceTrouble | undefined {
	return (
		deploymentTrouble(service, context.now) ??
		crashLoop(service, context) ??
		cannotPlace(service, context.now)
	);
}

/** What the row's status cell says for the trouble. */
export function serviceTroubleLabel(trouble: ServiceTrouble): string {
	switch (trouble.kind) {
		case 'failed':
			return 'FAILED';
		case 'rolled-back':
			return 'ROLLED BACK';
		case 'crash-loop':
			return 'CRASH LOOP';
		case 'cannot-place':
			return `${trouble.count} cannot place`;
	}
}

function deploymentTrouble(service: Service, now: number): ServiceTrouble | undefined {
	const primary = primaryDeployment(service);
	if (primary?.rolloutState === 'FAILED')
		return {kind: 'failed', at: primary.updatedAt, reason: primary.rolloutStateReason};
	// The rollback under way: the failed deployment is still there beside the primary.
	const failed = service.deployments.find(
		(deployment) => deployment.status !== 'PRIMARY' && deployment.rolloutState === 'FAILED',
	);
	if (failed !== undefined)
		return {kind: 'rolled-back', at: failed.updatedAt, reason: failed.rolloutStateReason};
	// The rollback done: the failed deployment is gone, and only the events say the service runs
	// the deployment it was rolled back to. Another deployment since then ends the state.
	const rollback = newestEvent(service, 'rolling-back', now - problemWindowMs);
	if (rollback === undefined || primary === undefined) return undefined;
	if (deploymentIdIn(rollback.message) !== primary.id) return undefined;
	const failure = newestEvent(service, 'deployment-failed', now - problemWindowMs);
	return {kind: 'rolled-back', at: rollback.createdAt, reason: failure?.message};
}

function crashLoop(service: Service, context: ServiceStateContext): ServiceTrouble | undefined {
	const {now} = context;
	const failedStops = (context.stoppedTasks ?? []).filter(
		(task) =>
			task.stoppedAt !== undefined &&
			now - task.stoppedAt <= crashLoopWindowMs &&
			taskFailure(task) !== undefined,
	);
	if (failedStops.length >= crashLoopFailures) {
		const at = Math.max(...failedStops.map((task) => task.stoppedAt ?? 0));
		return {kind: 'crash-loop', at, failures: failedStops.length};
	}
	// Without the stopped tasks: ECS says so itself once it backs off relaunching them, and a
	// rollout counts its failed tasks until one runs.
	const unsettled = unsettledEvents(service, now, crashLoopWindowMs);
	const backingOff = unsettled.find((event) => eventCause(event.message) === 'failed-to-start');
	if (backingOff !== undefined)
		return {kind: 'crash-loop', at: backingOff.createdAt, failures: failedStops.length};
	const primary = primaryDeployment(service);
	if (
		primary !== undefined &&
		primary.rolloutState === 'IN_PROGRESS' &&
		primary.failedTasks >= crashLoopFailures
	)
		return {kind: 'crash-loop', at: primary.updatedAt, failures: primary.failedTasks};
	return undefined;
}

function cannotPlace(service: Service, now: number): ServiceTrouble | undefined {
	const missing = service.desiredCount - service.runningCount - service.pendingCount;
	if (missing <= 0 || service.status !== 'ACTIVE') return undefined;
	const event = unsettledEvents(service, now, problemWindowMs).find(
		(candidate) => eventCause(candidate.message) === 'cannot-place',
	);
	return event === undefined
		? undefined
		: {kind: 'cannot-place', at: event.createdAt, count: missing};
}

/**
 * Whether the service's recently stopped tasks would tell something its own data does not: it is
 * FAILED, ROLLED BACK or looping, its rollout counts failed tasks, or its events since the last
 * steady state say tasks failed. A service that only cannot place tasks has none to look at.
 */
export function showsFailures(service: Service, now: number): boolean {
	// Asked for every service of the focused cluster at every refresh (2,000 at most), and the
	// cluster tier hands back an unchanged service as the same object: a minute-old answer holds.
	const cached = failureCache.get(service);
	if (cached !== undefined && Math.abs(now - cached.at) < failureCacheMs) return cached.shows;
	const shows = deriveShowsFailures(service, now);
	failureCache.set(service, {at: now, shows});
	return shows;
}

const failureCache = new WeakMap<Service, {at: number; shows: boolean}>();
const failureCacheMs = 60_000;

function deriveShowsFailures(service: Service, now: number): boolean {
	const trouble = deploymentTrouble(service, now) ?? crashLoop(service, {now});
	if (trouble !== undefined) return true;
	const primary = primaryDeployment(service);
	if (primary?.rolloutState === 'IN_PROGRESS' && primary.failedTasks > 0) return true;
	// Tasks started after the rollout completed replace tasks that stopped (or add to a scale-up):
	// an out-of-memory kill an hour into a task's life says nothing else anywhere.
	const completed = service.events.findIndex((event) =>
		/\bdeployment completed\b/i.test(event.message),
	);
	const settled = service.deployments.length === 1 && primary?.rolloutState === 'COMPLETED';
	const replaced =
		settled &&
		service.events
			.slice(0, Math.max(0, completed))
			.some(
				(event) =>
					event.createdAt !== undefined &&
					now - event.createdAt <= problemWindowMs &&
					/\bhas started \d+ tasks?\b/i.test(event.message),
			);
	if (replaced) return true;
	return unsettledEvents(service, now, problemWindowMs).some((event) => {
		const cause = eventCause(event.message);
		return (
			cause === 'failed-to-start' ||
			cause === 'health-check' ||
			cause === 'unhealthy-targets' ||
			cause === 'deployment-failed'
		);
	});
}
