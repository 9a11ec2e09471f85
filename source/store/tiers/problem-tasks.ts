/**
 * The recently stopped tasks of the focused cluster's services that show failures (a failed or
 * rolled-back deployment, a crash loop, failed health checks: `showsFailures`), for the problem
 * feed and the CRASH LOOP state of their rows. A crash-looping service's tasks pane is mostly
 * empty; why its tasks died is only in the stopped ones.
 *
 * Bounded: at most PROBLEM_SERVICES_PER_RUN services a run (a ListTasks with desiredStatus STOPPED
 * and one DescribeTasks of its newest 100 each), every PROBLEM_TASKS_EVERY refreshes, services
 * never fetched first, then the longest unfetched. A cluster with no failing service costs
 * nothing. A service that starts failing wakes the tier within the refresh that showed it.
 */
import {nameFromArn} from '../../model/arn.js';
import {showsFailures} from '../../model/service-state.js';
import type {Service} from '../../model/service.js';
import type {Task} from '../../model/task.js';
import {fetchTasks} from '../cluster-fetch.js';
import type {FleetState} from '../fleet-store.js';
import {PROBLEM_SERVICES_PER_RUN, refreshesOf, schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';
import {reuseList, sortedBy} from './reuse.js';
import {sameTask} from './tasks.js';

export {PROBLEM_SERVICES_PER_RUN};
/** The tier's cadence, in refreshes (60 s at the default 5 s): a look back need not be fresher. */
export const PROBLEM_TASKS_EVERY = refreshesOf('problem-tasks');
/** The newest stopped tasks of a service described: one DescribeTasks call. */
export const PROBLEM_TASKS_PER_SERVICE = 100;

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
			failingServices(state, ctx.now()).some((service) => !(service.arn in state.problemTasks)),
		async run(signal) {
			const state = ctx.read();
			const clusterArn = state.focus.clusterArn;
			if (clusterArn === undefined) return;
			const now = ctx.now();
			const failing = failingServices(state, now);
			const fetched = new Map<string, readonly Task[]>();
			for (const service of chosen(failing)) {
				// ListTasks lists the newest first in practice; a loop of hours is described in part.
				const described = await fetchTasks(
					ecs,
					clusterArn,
					{
						serviceName: nameFromArn(service.arn),
						desiredStatus: 'STOPPED',
						newest: PROBLEM_TASKS_PER_SERVICE,
					},
					{signal},
				);
				signal.throwIfAborted();
				fetched.set(service.arn, described.items);
				fetchedAt.set(service.arn, now);
			}
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
