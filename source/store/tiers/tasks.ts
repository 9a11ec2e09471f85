/**
 * The tasks in the focused scope: the focused service's, else the whole focused cluster's.
 * ListTasks (100 a page) + DescribeTasks (100 a call). Every task is described every run:
 * DescribeTasks is the only way to see a status change, and skipping unchanged ARNs would save
 * nothing, since a batch of 100 costs one call whatever it holds.
 *
 * The same tier, asked for STOPPED, serves the stopped tasks the user asks for (AWS keeps them
 * describable for at least an hour).
 */
import {nameFromArn} from '../../model/arn.js';
import type {Task} from '../../model/task.js';
import {taskScopeKey, type Focus} from '../fleet-store.js';
import type {FleetTier, TierContext} from './context.js';
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

export type TasksTierOptions = {
	readonly desiredStatus: 'RUNNING' | 'STOPPED';
};

function scopeOf(focus: Focus): {cluster: string; serviceName: string | undefined} | undefined {
	if (focus.clusterArn === undefined) return undefined;
	const serviceName = focus.serviceArn === undefined ? undefined : nameFromArn(focus.serviceArn);
	return {cluster: focus.clusterArn, serviceName};
}

export function createTasksTier(ctx: TierContext, options: TasksTierOptions): FleetTier {
	const {ecs} = ctx.adapters;
	const stopped = options.desiredStatus === 'STOPPED';
	const field = stopped ? 'stoppedTasks' : 'tasks';

	return {
		id: stopped ? 'stopped-tasks' : 'tasks',
		// Stopped tasks change far less often and are only a look back: a third of the cadence.
		...(stopped ? {intervalFactor: 3} : {}),
		enabled(state) {
			const key = taskScopeKey(state.focus);
			if (key === undefined) return false;
			return !stopped || state.stoppedTasksScope === key;
		},
		async run(signal) {
			const focus = ctx.read().focus;
			const scope = scopeOf(focus);
			const key = taskScopeKey(focus);
			if (scope === undefined || key === undefined) return;
			const arns = await ecs.listTaskArns(scope.cluster, {
				...(scope.serviceName === undefined ? {} : {serviceName: scope.serviceName}),
				...(stopped ? {desiredStatus: 'STOPPED' as const} : {}),
			});
			signal.throwIfAborted();
			const tasks = arns.length === 0 ? [] : (await ecs.describeTasks(scope.cluster, arns)).items;
			signal.throwIfAborted();
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
