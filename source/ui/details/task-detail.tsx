// A task whole: where it runs, its lifecycle, and per container what ran and how it ended. A
// stopped task leads with why it stopped: that is what the user opened it for.
import {nameFromArn} from '../../model/arn.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import type {Task, TaskContainer} from '../../model/task.js';
import type {Tone} from '../theme.js';
import {
	ago,
	blank,
	field,
	heading,
	orDash,
	resolveContext,
	segment,
	tableLines,
	text,
	type DetailContext,
	type DetailLine,
	type DetailTableColumn,
	type ResolvedContext,
} from './detail-lines.js';
import {cpuUnits, memoryMiB, portBindings, shortImage} from './detail-format.js';
import {detailViewOf, type BuiltDetailProps} from './detail-view.js';

export type TaskDetailData = {
	readonly task: Task;
	/** The instance the task runs on, for its EC2 id; the shell looks it up by ARN. */
	readonly containerInstance?: ContainerInstance;
};

function lastStatusTone(status: string | undefined): Tone | undefined {
	if (status === 'RUNNING') return 'ok';
	if (status === 'STOPPED') return 'muted';
	if (status === undefined) return undefined;
	return 'warn';
}

function healthTone(health: string | undefined): Tone | undefined {
	if (health === 'HEALTHY') return 'ok';
	if (health === 'UNHEALTHY') return 'error';
	return 'muted';
}

function exitTone(exitCode: number | undefined): Tone | undefined {
	if (exitCode === undefined) return undefined;
	return exitCode === 0 ? 'ok' : 'error';
}

/** `1 !` so a failure reads as one without colour too. */
function exitText(exitCode: number | undefined): string {
	if (exitCode === undefined) return '-';
	return exitCode === 0 ? '0' : `${exitCode} !`;
}

const containerColumns: readonly DetailTableColumn[] = [
	{key: 'name', title: 'NAME', flex: 1, minWidth: 6},
	{key: 'image', title: 'IMAGE', flex: 2, minWidth: 10},
	{key: 'status', title: 'STATUS', width: 8},
	{key: 'exit', title: 'EXIT', width: 5, align: 'right'},
	{key: 'health', title: 'HEALTH', width: 9},
	{key: 'ports', title: 'PORTS', flex: 1, minWidth: 8},
];

function containerLines(
	containers: readonly TaskContainer[],
	context: ResolvedContext,
): DetailLine[] {
	const lines = tableLines(
		containerColumns,
		containers.map((container) => ({
			cells: {
				name: container.name,
				image: shortImage(container.image),
				status: orDash(container.lastStatus),
				exit: exitText(container.exitCode),
				health: orDash(container.healthStatus),
				ports: portBindings(container.networkBindings),
			},
			cellTones: toneRecord({
				status: lastStatusTone(container.lastStatus),
				exit: exitTone(container.exitCode),
				health:
					container.healthStatus === undefined ? undefined : healthTone(container.healthStatus),
			}),
		})),
		context.width,
		'no containers',
		context.glyphs.ellipsis,
	);
	// Reasons are sentences (`CannotPullContainerError: ...`): a line each, under the table.
	for (const container of containers) {
		if (container.reason === undefined || container.reason === '') continue;
		lines.push(
			text(
				segment(`  ${container.name}: `, 'muted'),
				segment(container.reason, exitTone(container.exitCode) ?? 'warn'),
			),
		);
	}
	return lines;
}

function toneRecord(tones: Record<string, Tone | undefined>): Record<string, Tone> {
	const out: Record<string, Tone> = {};
	for (const [key, tone] of Object.entries(tones)) if (tone !== undefined) out[key] = tone;
	return out;
}

function stoppedLines(task: Task): DetailLine[] {
	if (task.lastStatus !== 'STOPPED' && task.desiredStatus !== 'STOPPED') return [];
	return [
		field('Stop code', orDash(task.stopCode), 'error'),
		field('Stopped reason', orDash(task.stoppedReason), 'error'),
	];
}

function placementLine(task: Task, instance: ContainerInstance | undefined): DetailLine {
	const parts: string[] = [];
	if (task.containerInstanceArn !== undefined) parts.push(nameFromArn(task.containerInstanceArn));
	if (instance?.ec2InstanceId !== undefined) parts.push(instance.ec2InstanceId);
	parts.push(orDash(task.availabilityZone ?? instance?.availabilityZone));
	// Fargate tasks have no container instance: the zone is all there is to say.
	return field(
		'Instance',
		task.containerInstanceArn === undefined ? `Fargate  ${parts.join('  ')}` : parts.join('  '),
	);
}

export function taskDetailLines(data: TaskDetailData, context: DetailContext): DetailLine[] {
	const ctx = resolveContext(context);
	const {task} = data;
	const lines: DetailLine[] = [
		field('Task', task.id),
		field('Task definition', task.taskDefinition),
		...stoppedLines(task),
		field('Status', [
			segment(task.lastStatus, lastStatusTone(task.lastStatus)),
			segment(`  (desired ${task.desiredStatus})`, 'muted'),
		]),
		field('Health', orDash(task.healthStatus), healthTone(task.healthStatus)),
		field('Group', orDash(task.group)),
		field('Started by', orDash(task.startedBy)),
		placementLine(task, data.containerInstance),
		field(
			'Launch',
			task.capacityProviderName === undefined
				? orDash(task.launchType)
				: `${orDash(task.launchType)}  capacity provider ${task.capacityProviderName}`,
		),
		field('CPU / memory', `${cpuUnits(task.cpu)} / ${memoryMiB(task.memory)}`),
		field('Created', ago(task.createdAt, ctx.now)),
		field('Started', ago(task.startedAt, ctx.now)),
	];
	if (task.stoppedAt !== undefined || task.stoppingAt !== undefined) {
		lines.push(field('Stopped', ago(task.stoppedAt ?? task.stoppingAt, ctx.now)));
	}
	lines.push(
		blank,
		heading(`Containers (${task.containers.length})`),
		...containerLines(task.containers, ctx),
	);
	return lines;
}

export type TaskDetailProps = BuiltDetailProps<TaskDetailData>;

export const TaskDetail = detailViewOf(taskDetailLines);
