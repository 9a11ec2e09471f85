/** `x` (and Space-marked rows): stop tasks, one StopTask each, saying which ones come back. */
import {shortId} from '../../model/arn.js';
import type {ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {clusterNameOf, findTasks} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {refuse, type PlannedOutcome} from './work.js';

type StopTasksRequest = Extract<ActionRequest, {kind: 'stop-tasks'}>;

/** StopTask's reason is shown in the console and `describe-tasks`; the API caps it. */
export const maxStopReasonLength = 255;
/** One confirmation stops at most this many: more is a job for a script, not a key. */
export const maxTasksPerStop = 100;

/** Names ecs-top and who pressed the key, so the task's history says who stopped it. */
export function stopReason(callerArn: string | undefined): string {
	const reason = `Stopped by ecs-top (${callerArn ?? 'caller unknown'})`;
	return reason.length <= maxStopReasonLength
		? reason
		: `${reason.slice(0, maxStopReasonLength - 2)}…)`;
}

export function planStopTasks(request: StopTasksRequest, ctx: PlanContext): PlannedOutcome {
	const arns = [...new Set(request.taskArns)];
	if (arns.length === 0) return refuse('No task selected to stop');
	if (arns.length > maxTasksPerStop) {
		return refuse(
			`${arns.length} tasks marked: ecs-top stops at most ${maxTasksPerStop} at once; unmark some`,
		);
	}
	const known = findTasks(ctx.state, new Set(arns)).found;
	const tasks = arns.map((arn) => {
		const task = known.get(arn);
		return {
			arn,
			label: shortId(arn),
			lastStatus: task?.lastStatus,
			desiredStatus: task?.desiredStatus,
			serviceName: task?.serviceName,
		};
	});
	const live = tasks.filter((task) => task.desiredStatus !== 'STOPPED');
	if (live.length === 0) {
		return refuse(
			arns.length === 1
				? `Task ${tasks[0]!.label} is already stopping or stopped`
				: 'These tasks are already stopping or stopped',
		);
	}

	const warnings: string[] = [];
	const byService = new Map<string, string[]>();
	for (const task of live) {
		if (task.serviceName === undefined) continue;
		byService.set(task.serviceName, [...(byService.get(task.serviceName) ?? []), task.label]);
	}
	for (const [service, labels] of byService) {
		warnings.push(`${labels.join(', ')} will be replaced by service ${service}`);
	}
	const skipped = tasks.length - live.length;
	if (skipped > 0) warnings.push(`${plural(skipped, 'task')} already stopping: left out`);
	const unknown = live.filter((task) => task.lastStatus === undefined).length;
	if (unknown > 0) {
		warnings.push(`${plural(unknown, 'task')} not in the last refresh: ECS may say it is gone`);
	}

	const reason = stopReason(ctx.state.identity?.arn);
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title: live.length === 1 ? 'Stop task' : `Stop ${live.length} tasks`,
			changes: live.map(
				(task) =>
					`stop ${task.label}${task.serviceName === undefined ? '' : ` (service ${task.serviceName})`}${task.lastStatus === undefined ? '' : ` ${task.lastStatus} -> STOPPED`}`,
			),
			cliCommands: live.map((task) =>
				awsCommand(ctx.cli, 'ecs', 'stop-task', [
					'--cluster',
					cluster,
					'--task',
					shortId(task.arn, Number.MAX_SAFE_INTEGER),
					'--reason',
					reason,
				]),
			),
			warnings,
			target: live
				.map((task) => task.arn)
				.sort()
				.join(' '),
		},
		work: {
			kind: 'stop-tasks',
			clusterArn: request.clusterArn,
			tasks: live.map(({arn, label, lastStatus}) => ({arn, label, lastStatus})),
			reason,
		},
	};
}
