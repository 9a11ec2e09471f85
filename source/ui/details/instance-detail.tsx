// A container instance whole: can it take tasks (status, agent), how much room is left, what it
// is (attributes, EC2 facts), and which tasks sit on it.
import {shortId} from '../../model/arn.js';
import {reservedPercent, type ContainerInstance} from '../../model/container-instance.js';
import {
	drainHold,
	instanceTaskCounts,
	isLaunchingRow,
	type GroupMembership,
} from '../../model/instance-lifecycle.js';
import type {Ec2Instance} from '../../model/ec2-instance.js';
import type {Task} from '../../model/task.js';
import {meter} from '../components/meter.js';
import {formatPercent} from '../format.js';
import {levelTone, type Tone} from '../theme.js';
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
import {detailViewOf, type BuiltDetailProps} from './detail-view.js';
import {compareText} from '../../text/plain-order.js';

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
	/** Its place in the Auto Scaling group that launched it, when one did. */
	readonly membership?: GroupMembership | undefined;
	/** Whose tasks the shell could look at: a service's name when only its tasks are loaded. */
	readonly tasksScope?: string | undefined;
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
export function reservationField(
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
		(a, b) => attributeRank(a.name) - attributeRank(b.name) || compareText(a.name, b.name),
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
		// EC2's InstanceLifecycle is the purchase option; the Auto Scaling lifecycle is above.
		field(
			'Purchase',
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

function taskLines(
	instance: ContainerInstance,
	tasks: readonly Task[],
	scope: string | undefined,
	context: ResolvedContext,
): DetailLine[] {
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
		heading(
			`Tasks on this instance (${tasks.length} of ${instanceTaskCounts(instance).total}${scope === undefined ? '' : `; only ${scope}'s are loaded`})`,
		),
		...tableLines(taskColumns, rows, context.width, 'no tasks', context.glyphs.ellipsis),
	];
}

/** The Auto Scaling lifecycle state, the one that says where a scale-in or scale-out is. */
function membershipLines(membership: GroupMembership | undefined): DetailLine[] {
	if (membership === undefined) return [field('Auto Scaling', 'not in a group behind the cluster')];
	const state = orDash(membership.lifecycleState);
	return [
		field('Auto Scaling', [
			segment(membership.groupName),
			segment(`  lifecycle ${state}`, state === 'InService' ? 'ok' : 'warn'),
			...(membership.protectedFromScaleIn ? [segment('  protected from scale-in', 'info')] : []),
		]),
	];
}

/**
 * Why a DRAINING instance is still there: each task that has not stopped holds it. A service's
 * tasks leave once the scheduler has replaced them elsewhere; a standalone task (RunTask) stays
 * until it ends or someone stops it, and with it the instance.
 */
function drainLines(
	instance: ContainerInstance,
	tasks: readonly Task[],
	scope: string | undefined,
): DetailLine[] {
	if (instance.status !== 'DRAINING') return [];
	const hold = drainHold(instance, tasks);
	const lines: DetailLine[] = [];
	if (hold.standalone.length > 0)
		lines.push(
			field('Kept draining by', [
				segment(
					`${hold.standalone.length} standalone task${hold.standalone.length === 1 ? '' : 's'} (${hold.standalone.map((t) => shortId(t.id)).join(', ')})`,
					'warn',
				),
				segment('  no service will move it: it stays until it ends or is stopped (x)', 'muted'),
			]),
		);
	for (const [service, held] of hold.byService)
		lines.push(
			field(lines.length === 0 ? 'Kept draining by' : '', [
				segment(`service ${service}: ${held.length} task${held.length === 1 ? '' : 's'}`),
				segment('  replaced elsewhere, then stopped', 'muted'),
			]),
		);
	if (hold.unseen > 0)
		lines.push(
			field(lines.length === 0 ? 'Kept draining by' : '', [
				segment(
					`${hold.unseen} task${hold.unseen === 1 ? '' : 's'} not loaded here${scope === undefined ? '' : ` (only ${scope}'s are): Esc in the tasks pane shows the cluster's`}`,
					'muted',
				),
			]),
		);
	if (lines.length === 0)
		lines.push(field('Kept draining by', 'nothing: no task is left, it leaves shortly', 'ok'));
	return lines;
}

/** An instance its group launched that ECS does not know yet: only Auto Scaling can say much. */
function launchingLines(
	instance: ContainerInstance,
	membership: GroupMembership | undefined,
): DetailLine[] {
	return [
		field('EC2 instance', orDash(instance.ec2InstanceId)),
		field('Container instance', 'none yet: the ECS agent has not registered'),
		field('Type', orDash(instance.instanceType)),
		field('Zone', orDash(instance.availabilityZone)),
		...membershipLines(membership),
		text({
			text: '  It joins the instances when its agent registers; tasks cannot be placed on it before.',
			tone: 'muted',
		}),
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
	const counts = instanceTaskCounts(instance);
	if (isLaunchingRow(instance)) return launchingLines(instance, data.membership);
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
		...membershipLines(data.membership),
		field('Registered', ago(instance.registeredAt, ctx.now)),
		field('Tasks', `${counts.total}  (running ${counts.running}, pending ${counts.pending})`),
		...drainLines(instance, data.tasks, data.tasksScope),
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
		...taskLines(instance, data.tasks, data.tasksScope, ctx),
	];
}

export type InstanceDetailProps = BuiltDetailProps<InstanceDetailData>;

export const InstanceDetail = detailViewOf(instanceDetailLines);
