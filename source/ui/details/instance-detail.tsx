// A container instance whole: can it take tasks (status, agent), how much room is left, what it
// is (attributes, EC2 facts), and which tasks sit on it.
import {useMemo} from 'react';
import {shortId} from '../../model/arn.js';
import {reservedPercent, type ContainerInstance} from '../../model/container-instance.js';
import type {Ec2Instance} from '../../model/ec2-instance.js';
import type {Task} from '../../model/task.js';
import {meter} from '../components/meter.js';
import {formatPercent} from '../format.js';
import {levelTone, useTheme, type Tone} from '../theme.js';
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
	type DetailSegment,
	type DetailTableColumn,
	type ResolvedContext,
} from './detail-lines.js';
import {cpuUnits, memoryMiB} from './detail-format.js';
import {DetailView, type DetailViewport} from './detail-view.js';

/** A container instance attribute as DescribeContainerInstances returns it. */
export type InstanceAttribute = {readonly name: string; readonly value?: string | undefined};

export type InstanceDetailData = {
	readonly instance: ContainerInstance;
	/** The tasks placed on it; the shell filters them by containerInstanceArn. */
	readonly tasks: readonly Task[];
	/** What EC2 knows (private IP, launch time, spot), when fetched. */
	readonly ec2?: Ec2Instance;
	/**
	 * The instance's attributes. The model's ContainerInstance keeps only the instance type and
	 * zone out of them, so this stays empty until the adapter passes the list on.
	 */
	readonly attributes?: readonly InstanceAttribute[];
};

function statusTone(status: string): Tone | undefined {
	if (status === 'ACTIVE') return 'ok';
	if (status === 'DRAINING') return 'warn';
	if (status === 'INACTIVE' || status === 'DEREGISTERING') return 'muted';
	if (status.includes('FAILED')) return 'error';
	return undefined;
}

const meterWidth = 22;

/** `[█████░░] 75%  1536 of 2048 reserved, 512 units (0.5 vCPU) free`. */
function reservationField(
	label: string,
	registered: number,
	remaining: number,
	format: (amount: number) => string,
	context: ResolvedContext,
): DetailLine {
	const percent = reservedPercent(registered, remaining);
	const glyphs = {filled: context.glyphs.meterFilled, empty: context.glyphs.meterEmpty};
	const bar = meter(registered > 0 ? percent / 100 : undefined, meterWidth, glyphs);
	const tone = registered > 0 ? levelTone(percent / 100) : 'muted';
	return field(label, [
		segment(`${bar} ${formatPercent(percent).padStart(4)}`, tone),
		segment(`  ${format(remaining)} free of ${format(registered)}`),
	]);
}

// The attributes people look for first; the rest follow by name.
const usefulAttributes = [
	'ecs.instance-type',
	'ecs.availability-zone',
	'ecs.ami-id',
	'ecs.os-type',
	'ecs.os-family',
	'ecs.cpu-architecture',
	'ecs.capability.execution-role-ecr-pull',
];

function attributeRank(name: string): number {
	const rank = usefulAttributes.indexOf(name);
	return rank === -1 ? usefulAttributes.length : rank;
}

function attributeLines(attributes: readonly InstanceAttribute[]): DetailLine[] {
	if (attributes.length === 0) return [];
	const ordered = [...attributes].sort(
		(a, b) => attributeRank(a.name) - attributeRank(b.name) || a.name.localeCompare(b.name),
	);
	return [
		blank,
		heading(`Attributes (${attributes.length})`),
		...ordered.map((attribute) =>
			text(
				segment(`  ${attribute.name}`),
				...(attribute.value === undefined ? [] : [segment(`=${attribute.value}`, 'info')]),
			),
		),
	];
}

function ec2Lines(ec2: Ec2Instance | undefined, context: ResolvedContext): DetailLine[] {
	if (ec2 === undefined) return [];
	return [
		blank,
		heading('EC2'),
		field('State', orDash(ec2.state), ec2.state === 'running' ? 'ok' : 'warn'),
		field('Private IP', orDash(ec2.privateIpAddress)),
		field('Launched', ago(ec2.launchTime, context.now)),
		field(
			'Lifecycle',
			ec2.instanceLifecycle ?? 'on-demand',
			ec2.instanceLifecycle === 'spot' ? 'info' : undefined,
		),
	];
}

const taskColumns: readonly DetailTableColumn[] = [
	{key: 'id', title: 'TASK', width: 8},
	{key: 'taskDefinition', title: 'TASKDEF', flex: 1, minWidth: 8},
	{key: 'group', title: 'GROUP', flex: 1, minWidth: 8},
	{key: 'status', title: 'STATUS', width: 8},
	{key: 'started', title: 'STARTED', width: 7, align: 'right'},
];

function taskLines(tasks: readonly Task[], context: ResolvedContext): DetailLine[] {
	const rows = tasks.map((task) => ({
		cells: {
			id: shortId(task.id),
			taskDefinition: task.taskDefinition,
			group: orDash(task.group),
			status: task.lastStatus,
			started:
				task.startedAt === undefined ? '-' : ago(task.startedAt, context.now).replace(' ago', ''),
		},
		...(task.lastStatus === 'RUNNING' ? {} : {cellTones: {status: 'warn' as const}}),
	}));
	return [
		blank,
		heading(`Tasks on this instance (${tasks.length})`),
		...tableLines(taskColumns, rows, context.width, 'no tasks', context.glyphs.ellipsis),
	];
}

export function instanceDetailLines(
	data: InstanceDetailData,
	context: DetailContext,
): DetailLine[] {
	const ctx = resolveContext(context);
	const {instance} = data;
	const status: DetailSegment[] = [segment(instance.status, statusTone(instance.status))];
	if (instance.statusReason !== undefined)
		status.push(segment(`  ${instance.statusReason}`, 'muted'));
	const agent: DetailSegment[] = [
		instance.agentConnected ? segment('connected', 'ok') : segment('DISCONNECTED !', 'error'),
		segment(`  version ${orDash(instance.agentVersion)}`),
	];
	if (instance.agentUpdateStatus !== undefined)
		agent.push(segment(`  update ${instance.agentUpdateStatus}`, 'muted'));
	return [
		field('EC2 instance', orDash(instance.ec2InstanceId)),
		field('Container instance', instance.id),
		field('Type', orDash(instance.instanceType ?? data.ec2?.instanceType)),
		field('Zone', orDash(instance.availabilityZone ?? data.ec2?.availabilityZone)),
		field('Status', status),
		field('Agent', agent),
		field(
			'Health',
			orDash(instance.healthStatus),
			instance.healthStatus === 'IMPAIRED' ? 'error' : undefined,
		),
		field('Capacity provider', orDash(instance.capacityProviderName)),
		field('Registered', ago(instance.registeredAt, ctx.now)),
		field('Tasks', `running ${instance.runningTasksCount}  pending ${instance.pendingTasksCount}`),
		reservationField('CPU reserved', instance.cpuRegistered, instance.cpuRemaining, cpuUnits, ctx),
		reservationField(
			'Memory reserved',
			instance.memoryRegistered,
			instance.memoryRemaining,
			memoryMiB,
			ctx,
		),
		...ec2Lines(data.ec2, ctx),
		...attributeLines(data.attributes ?? []),
		...taskLines(data.tasks, ctx),
	];
}

export type InstanceDetailProps = InstanceDetailData & DetailViewport & {readonly now: number};

export function InstanceDetail({
	instance,
	tasks,
	ec2,
	attributes,
	now,
	width,
	height,
	scrollOffset,
}: InstanceDetailProps) {
	const theme = useTheme();
	const lines = useMemo(
		() =>
			instanceDetailLines({instance, tasks, ec2, attributes}, {width, now, glyphs: theme.glyphs}),
		[instance, tasks, ec2, attributes, width, now, theme.glyphs],
	);
	return <DetailView lines={lines} width={width} height={height} scrollOffset={scrollOffset} />;
}
