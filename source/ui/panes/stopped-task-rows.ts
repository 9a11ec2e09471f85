/**
 * The tasks pane while it lists stopped tasks (`t`): a list for finding out why tasks failed, so
 * its columns are the ones that say so (when it stopped, the exit code, the reason) and it opens
 * on the newest stop. Health, status and start time say nothing about a task that has stopped.
 */
import type {Task, TaskContainer} from '../../model/task.js';
import type {Tone} from '../theme.js';
import {defaultStoppedSort} from '../ui-state.js';
import {instanceCell, taskAge, taskIdColumn, type PaneDefinition} from './pane-rows.js';

/** When the task stopped, or began to (a task still on its way down has no stoppedAt yet). */
function stoppedAt(task: Task): number | undefined {
	return task.stoppedAt ?? task.stoppingAt;
}

/** The container whose exit tells why: the first that failed, else the first that exited. */
function exitedContainer(task: Task): TaskContainer | undefined {
	const exited = task.containers.filter((container) => container.exitCode !== undefined);
	return exited.find((container) => container.exitCode !== 0) ?? exited[0];
}

/**
 * The most specific reason there is: the failed container's own (`OutOfMemoryError: …`), else
 * the task's (`Essential container in task exited`), else its stop code.
 */
function reasonCell(task: Task): string {
	const container = exitedContainer(task);
	const own = container !== undefined && container.exitCode !== 0 ? container.reason : undefined;
	return own ?? task.stoppedReason ?? task.stopCode ?? '';
}

export const stoppedTasksPane: PaneDefinition<Task> = {
	id: 'tasks',
	name: 'Stopped tasks',
	emptyText: 'no task stopped in the last hour',
	columns: [
		taskIdColumn,
		{
			key: 'stopped',
			title: 'STOPPED',
			width: 5,
			align: 'right',
			meaning: 'How long ago it stopped',
			source: 'ECS stoppedAt (stoppingAt until then)',
		},
		{
			key: 'exit',
			title: 'EXIT',
			width: 4,
			align: 'right',
			meaning: 'Exit code of the first container that failed, else of the first that exited',
			source: 'ECS containers[].exitCode',
		},
		{
			key: 'reason',
			title: 'REASON',
			flex: 3,
			minWidth: 12,
			meaning: "Why it stopped: the failed container's reason, else the task's, else its stop code",
			source: 'ECS containers[].reason, stoppedReason, stopCode',
		},
		{
			key: 'taskDefinition',
			title: 'TASKDEF',
			flex: 1,
			minWidth: 8,
			cut: 'middle',
			meaning: 'The task definition family and revision it ran',
			source: 'ECS taskDefinitionArn',
		},
		{
			key: 'instance',
			title: 'INSTANCE',
			width: 19,
			minWidth: 12,
			meaning: 'Where it ran: the EC2 instance, or the launch type (FARGATE)',
			source: "ECS containerInstanceArn, then that instance's ec2InstanceId",
		},
	],
	sortBy: {
		id: (task) => task.id,
		// Ascending reads as the age column does: the most recent stop first.
		stopped: (task) => {
			const at = stoppedAt(task);
			return at === undefined ? undefined : -at;
		},
		exit: (task) => exitedContainer(task)?.exitCode,
		reason: (task) => reasonCell(task),
		taskDefinition: (task) => task.taskDefinition,
		instance: (task, context) => instanceCell(task, context),
	},
	sortReads: {instance: 'ec2-ids'},
	defaultSort: defaultStoppedSort,
	key: (task) => task.arn,
	unsearched: ['stopped'],
	row(task, context) {
		const container = exitedContainer(task);
		const failed = container !== undefined && container.exitCode !== 0;
		const cellTones: Record<string, Tone> = failed ? {exit: 'error', reason: 'error'} : {};
		const at = stoppedAt(task);
		return {
			id: task.arn,
			cells: {
				id: task.id.slice(0, 8),
				stopped: taskAge(at === undefined ? undefined : context.now - at),
				exit: container?.exitCode === undefined ? '' : String(container.exitCode),
				reason: reasonCell(task),
				taskDefinition: task.taskDefinition,
				instance: instanceCell(task, context),
			},
			cellTones,
		};
	},
};
