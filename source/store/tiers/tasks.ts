/**
 * The tasks in the focused scope: the focused service's, else the whole focused cluster's.
 * ListTasks (100 a page) + DescribeTasks (100 a call). Every task is described every run:
 * DescribeTasks is the only way to see a status change, and skipping unchanged ARNs would save
 * nothing, since a batch of 100 costs one call whatever it holds.
 *
 * The same tier, asked for STOPPED, serves the stopped tasks the user asks for (AWS keeps them
 * describable for at least an hour).
 *
 * A large scope is refreshed at the pace AWS allows rather than every refresh: 20,000 tasks are
 * 400 calls, which every 5 s would be 80 calls a second against a bucket that refills 20 a second
 * and is shared with the user's deploy pipelines (docs/aws-limits.md). Describing them also kept a
 * core busy parsing 20,000 tasks every refresh, which is what a key press waited behind. A run
 * asked for too soon (a wake-up) fetches nothing and says so (NOT_DUE): the tasks keep the age of
 * their last real fetch, and the pace is the tier's interval, so they are stale only at three
 * paces, not three refreshes.
 */
import {nameFromArn} from '../../model/arn.js';
import {schedulerInterval, TASK_CALLS_PER_SECOND} from '../poll-cadences.js';
import type {Task} from '../../model/task.js';
import {fetchTasks} from '../cluster-fetch.js';
import {taskScopeKey, type Focus} from '../fleet-store.js';
import {NOT_DUE} from '../poll-scheduler.js';
import type {FleetTier, TierContext} from './context.js';
import {describeCounted} from './first-load.js';
import {reuseList, sortedBy} from './reuse.js';

/**
 * A task whose version did not move has not changed (AWS bumps it on every change); the status
 * fields are compared too, as cheap insurance against an endpoint that forgets to bump it.
 */
export function sameTask(before: Task, after: Task): boolean {
	return (
		before.version === after.version &&
		before.lastStatus === after.lastStatus &&
		before.desiredStatus === after.desiredStatus &&
		before.healthStatus === after.healthStatus
	);
}

/**
 * The scope's tasks by ARN, for the adapter to hand back an unchanged task as the object the store
 * already holds: the fresh copies of a 20,000-task refresh then die young instead of piling up
 * in the old generation (docs/architecture.md, "Memory at 20,000 tasks").
 */
function tasksByArn(tasks: readonly Task[] | undefined): ReadonlyMap<string, Task> | undefined {
	if (tasks === undefined || tasks.length === 0) return undefined;
	return new Map(tasks.map((task) => [task.arn, task]));
}

export type TasksTierOptions = {
	readonly desiredStatus: 'RUNNING' | 'STOPPED';
};

/**
 * Calls a second the tasks tier averages at most: a tenth of the cluster resource read bucket's
 * refill (20/s), which the user's pipelines share. A scope of up to 500 tasks (10 calls) still
 * refreshes every 5 s, 2,000 every 20 s, and fleet-main's 20,000 (400 calls) every 200 s: at 8 a
 * second those 400 calls, repeated with nothing changed, were most of an idle ecs-top's CPU
 * (each call is signed, sent, read and hashed), while the rows on screen are a few dozen; the
 * selected service's counts stay on their own 5 s tier.
 */
export {TASK_CALLS_PER_SECOND};

/** ListTasks pages plus DescribeTasks calls for `count` tasks (100 each). */
export function taskCallsFor(count: number): number {
	return Math.max(1, Math.ceil(count / 100)) + Math.ceil(count / 100);
}

/** Tasks counted in on a first load this many at a time (10 calls). */
const progressPart = 1000;

/** The last run of a scope, to pace the next one. */
type LastRun = {key: string; startedAt: number; calls: number; refreshRequests: number};

const paceOf = (run: LastRun): number => (run.calls / TASK_CALLS_PER_SECOND) * 1000;

function scopeOf(focus: Focus): {cluster: string; serviceName: string | undefined} | undefined {
	if (focus.clusterArn === undefined) return undefined;
	const serviceName = focus.serviceArn === undefined ? undefined : nameFromArn(focus.serviceArn);
	return {cluster: focus.clusterArn, serviceName};
}

export function createTasksTier(ctx: TierContext, options: TasksTierOptions): FleetTier {
	const {ecs} = ctx.adapters;
	const stopped = options.desiredStatus === 'STOPPED';
	const field = stopped ? 'stoppedTasks' : 'tasks';
	let last: LastRun | undefined;

	/**
	 * Too soon after the last run of this scope for its size. A scope that fits the pace at the
	 * normal refresh is never held back, nor is any scope once the user pressed R.
	 */
	function tooSoon(key: string, state: {refreshRequests: number; refreshMs: number}, now: number) {
		if (last === undefined || last.key !== key || last.refreshRequests !== state.refreshRequests)
			return false;
		const paceMs = paceOf(last);
		return paceMs > state.refreshMs && now - last.startedAt < paceMs;
	}

	/** The current scope's pace, as the scheduler's interval for the next run. */
	function currentPaceMs(): number | undefined {
		const key = taskScopeKey(ctx.read().focus);
		return last === undefined || last.key !== key ? undefined : paceOf(last);
	}

	return {
		id: stopped ? 'stopped-tasks' : 'tasks',
		// Stopped tasks change far less often and are only a look back: a third of the cadence.
		...schedulerInterval(stopped ? 'stopped-tasks' : 'tasks'),
		minIntervalMs: currentPaceMs,
		enabled(state) {
			const key = taskScopeKey(state.focus);
			if (key === undefined) return false;
			return !stopped || state.stoppedTasksScope === key;
		},
		async run(signal) {
			const state = ctx.read();
			const {focus, refreshRequests} = state;
			const scope = scopeOf(focus);
			const key = taskScopeKey(focus);
			if (scope === undefined || key === undefined) return;
			const startedAt = ctx.now();
			if (tooSoon(key, state, startedAt)) return NOT_DUE;
			const held = state[field][key];
			const options = {firstLoad: held === undefined, part: progressPart, signal};
			const fetched = await fetchTasks(
				ecs,
				scope.cluster,
				{
					...(scope.serviceName === undefined ? {} : {serviceName: scope.serviceName}),
					...(stopped ? {desiredStatus: 'STOPPED' as const} : {}),
					previous: () => tasksByArn(ctx.read()[field][key]),
				},
				{
					hadItems: (held?.length ?? 0) > 0,
					signal,
					describe: (arns, describe) =>
						describeCounted(ctx, stopped ? 'stopped-tasks' : 'tasks', arns, options, describe),
				},
			);
			const tasks = fetched.items;
			signal.throwIfAborted();
			last = {key, startedAt, calls: taskCallsFor(fetched.listed), refreshRequests};
			ctx.write((state) => {
				const before = state[field][key];
				const next = reuseList(
					before,
					sortedBy(tasks, (task) => task.arn),
					(task) => task.arn,
					sameTask,
				);
				return next === before ? {} : {[field]: {...state[field], [key]: next}};
			});
			ctx.wake('task-definitions');
		},
	};
}
