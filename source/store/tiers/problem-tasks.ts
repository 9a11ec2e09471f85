/**
 * The recently stopped tasks of the focused cluster's services that show failures (a failed or
 * rolled-back deployment, a crash loop, failed health checks: `showsFailures`), for the problem
 * feed and the CRASH LOOP state of their rows. A crash-looping service's tasks pane is mostly
 * empty; why its tasks died is only in the stopped ones.
 *
 * Bounded: at most PROBLEM_SERVICES_PER_RUN services a run (a ListTasks with desiredStatus STOPPED
 * each, then one DescribeTasks of their newest), every PROBLEM_TASKS_EVERY refreshes, services
 * never fetched first, then the longest unfetched, and never more than
 * PROBLEM_TASKS_CALLS_PER_MINUTE calls a minute however many services fail. A cluster with no
 * failing service costs nothing. A service that starts failing wakes the tier within the refresh
 * that showed it, if the allowance has room.
 */
import {nameFromArn} from '../../model/arn.js';
import {showsFailures} from '../../model/service-state.js';
import type {Service} from '../../model/service.js';
import type {Task} from '../../model/task.js';
import type {FleetState} from '../fleet-store.js';
import {
	PROBLEM_SERVICES_PER_RUN,
	PROBLEM_TASKS_CALLS_PER_MINUTE,
	refreshesOf,
	schedulerInterval,
} from '../poll-cadences.js';
import {NOT_DUE} from '../poll-scheduler.js';
import {fetchStoppedTasksOfServices} from '../cluster-fetch.js';
import type {FleetTier, TierContext} from './context.js';
import {reuseList, sortedBy} from './reuse.js';
import {sameTask} from './tasks.js';

export {PROBLEM_SERVICES_PER_RUN, PROBLEM_TASKS_CALLS_PER_MINUTE};
/** The tier's cadence, in refreshes (60 s at the default 5 s): a look back need not be fresher. */
export const PROBLEM_TASKS_EVERY = refreshesOf('problem-tasks');
/** The newest stopped tasks of a service described: one DescribeTasks call. */
export const PROBLEM_TASKS_PER_SERVICE = 100;
/** The newest stopped tasks described in one run, all its services together: one DescribeTasks. */
export const PROBLEM_TASKS_PER_RUN = 100;

/** The focused cluster's services that show failures, in the order the cluster lists them. */
export function failingServices(state: FleetState, now: number): Service[] {
	const clusterArn = state.focus.clusterArn;
	if (clusterArn === undefined) return [];
	const services = state.clusterViews[clusterArn]?.services ?? [];
	return services.filter((service) => service.status === 'ACTIVE' && showsFailures(service, now));
}

export function createProblemTasksTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	/** When each service's stopped tasks were last fetched. */
	const fetchedAt = new Map<string, number>();
	/**
	 * The services that were failing when the tier last ran. Only a service failing since then
	 * wakes the tier early: the ones a run had no room for wait for their turn at the tier's
	 * cadence, or a cluster with more failing services than a run takes would be read on every
	 * refresh (a 2,000-service cluster doubled its calls a minute that way).
	 */
	let failingAtLastRun = new Set<string>();
	/** Calls the tier may make now: a token bucket filled at PROBLEM_TASKS_CALLS_PER_MINUTE. */
	let allowance = PROBLEM_TASKS_CALLS_PER_MINUTE;
	let allowanceSetAt: number | undefined;
	const allowanceAt = (now: number) =>
		allowanceSetAt === undefined
			? allowance
			: Math.min(
					PROBLEM_TASKS_CALLS_PER_MINUTE,
					allowance + ((now - allowanceSetAt) / 60_000) * PROBLEM_TASKS_CALLS_PER_MINUTE,
				);

	/** Never fetched first, then the longest ago: every failing service gets its turn. */
	function chosen(failing: readonly Service[]): Service[] {
		return [...failing]
			.sort((a, b) => (fetchedAt.get(a.arn) ?? -1) - (fetchedAt.get(b.arn) ?? -1))
			.slice(0, PROBLEM_SERVICES_PER_RUN);
	}

	return {
		id: 'problem-tasks',
		...schedulerInterval('problem-tasks'),
		enabled: (state) => state.focus.clusterArn !== undefined,
		needed: (state) =>
			failingServices(state, ctx.now()).some(
				(service) => !(service.arn in state.problemTasks) && !failingAtLastRun.has(service.arn),
			),
		async run(signal) {
			const state = ctx.read();
			const clusterArn = state.focus.clusterArn;
			if (clusterArn === undefined) return;
			const now = ctx.now();
			const failing = failingServices(state, now);
			// A run costs a ListTasks per service and one DescribeTasks for them all; what the
			// allowance has room for decides how many services this run takes. A run that failed
			// spent nothing of it (only an answered run is charged, below) and changed nothing the
			// wake-up looks at, so the next refresh retries it with at least the same room: every
			// tier is fresh within two refreshes of AWS answering again.
			const room = Math.floor(allowanceAt(now)) - 1;
			const services = chosen(failing).slice(0, Math.max(0, room));
			if (failing.length > 0 && services.length === 0) return NOT_DUE;
			const fetched = new Map<string, readonly Task[]>();
			if (services.length > 0) {
				const found = await fetchStoppedTasksOfServices(
					ecs,
					clusterArn,
					services.map((service) => nameFromArn(service.arn)),
					{signal},
					PROBLEM_TASKS_PER_RUN,
				);
				allowance = allowanceAt(now) - found.calls;
				allowanceSetAt = now;
				for (const service of services) {
					fetched.set(service.arn, found.byService.get(nameFromArn(service.arn)) ?? []);
					fetchedAt.set(service.arn, now);
				}
			}
			failingAtLastRun = new Set(failing.map((service) => service.arn));
			const keep = new Set(failing.map((service) => service.arn));
			for (const arn of fetchedAt.keys()) if (!keep.has(arn)) fetchedAt.delete(arn);
			ctx.write((current) => {
				const next: Record<string, readonly Task[]> = {};
				let changed = false;
				for (const [arn, tasks] of Object.entries(current.problemTasks)) {
					if (keep.has(arn) && !fetched.has(arn)) next[arn] = tasks;
					else changed ||= !fetched.has(arn);
				}
				for (const [arn, tasks] of fetched) {
					const before = current.problemTasks[arn];
					const after = reuseList(
						before,
						sortedBy(tasks, (task) => task.arn),
						(task) => task.arn,
						sameTask,
					);
					next[arn] = after;
					changed ||= after !== before;
				}
				return changed ? {problemTasks: next} : {};
			});
		},
	};
}
