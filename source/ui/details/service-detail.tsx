// A service whole: counts, how it deploys and places, its rollouts and what ECS said about it.
import {taskDefinitionName} from '../../model/arn.js';
import type {MetricSeries} from '../../model/metrics.js';
import {followSentence, followTone, type RolloutFollow} from '../../model/rollout.js';
import type {PlacementReport} from '../../model/placement-reasons.js';
import type {Deployment, Service, ServiceEvent} from '../../model/service.js';
import {sparklineCell} from '../components/sparkline.js';
import {formatAge, formatPercent} from '../format.js';
import {levelTone, type Tone} from '../theme.js';
import {
	ago,
	blank,
	field,
	hangingText,
	heading,
	orDash,
	resolveContext,
	segment,
	tableLines,
	text,
	type DetailContext,
	type DetailLine,
	type ResolvedContext,
	type DetailTableColumn,
} from './detail-lines.js';
import {
	describeConstraint,
	describeStrategy,
	loadBalancerName,
	loadBalancerTarget,
} from './detail-format.js';
import {detailViewOf, type BuiltDetailProps} from './detail-view.js';
import {placementLines as unplacedLines} from './placement-lines.js';

export type ServiceDetailData = {
	readonly service: Service;
	/** CloudWatch CPUUtilization / MemoryUtilization of the service, when fetched. */
	readonly cpu?: MetricSeries;
	readonly memory?: MetricSeries;
	/** A revision change ecs-top sent, followed to the end of its rollout. */
	readonly rollout?: RolloutFollow | undefined;
	/** Why its waiting tasks cannot be placed, when some are waiting (the shell works it out). */
	readonly placement?: {readonly report: PlacementReport; readonly waiting: number};
};

function statusTone(status: string): Tone | undefined {
	if (status === 'ACTIVE') return 'ok';
	if (status === 'DRAINING') return 'warn';
	if (status === 'INACTIVE') return 'muted';
	return undefined;
}

function rolloutTone(state: string | undefined): Tone | undefined {
	if (state === 'FAILED') return 'error';
	if (state === 'IN_PROGRESS') return 'warn';
	if (state === 'COMPLETED') return 'ok';
	return undefined;
}

/** Launch type, or the capacity provider strategy with its base and weights. */
function placementTarget(service: Service): string {
	if (service.capacityProviderStrategy.length === 0) return orDash(service.launchType);
	return service.capacityProviderStrategy
		.map(
			(item) =>
				`${item.capacityProvider} (${item.base > 0 ? `base ${item.base}, ` : ''}weight ${item.weight})`,
		)
		.join(', ');
}

function deploymentConfiguration(service: Service): string {
	const parts = [
		`min healthy ${formatPercent(service.minimumHealthyPercent)}`,
		`max ${formatPercent(service.maximumPercent)}`,
	];
	const breaker = service.circuitBreaker;
	if (breaker === undefined || !breaker.enable) parts.push('circuit breaker off');
	else parts.push(`circuit breaker on${breaker.rollback ? ', rollback' : ', no rollback'}`);
	return parts.join('  ');
}

const deploymentColumns: readonly DetailTableColumn[] = [
	{key: 'status', title: 'STATUS', width: 7},
	{key: 'taskDefinition', title: 'TASKDEF', flex: 1, minWidth: 8},
	{key: 'desired', title: 'DES', width: 4, align: 'right'},
	{key: 'running', title: 'RUN', width: 4, align: 'right'},
	{key: 'pending', title: 'PEND', width: 4, align: 'right'},
	{key: 'failed', title: 'FAIL', width: 4, align: 'right'},
	{key: 'rollout', title: 'ROLLOUT', width: 11},
	{key: 'age', title: 'AGE', width: 4, align: 'right'},
];

function deploymentLines(
	deployments: readonly Deployment[],
	context: ResolvedContext,
): DetailLine[] {
	// PRIMARY first, then the older ones still draining, newest first: the order of a rollout.
	const ordered = [...deployments].sort(
		(a, b) =>
			Number(b.status === 'PRIMARY') - Number(a.status === 'PRIMARY') ||
			(b.createdAt ?? 0) - (a.createdAt ?? 0),
	);
	const lines = tableLines(
		deploymentColumns,
		ordered.map((deployment) => ({
			cells: {
				status: deployment.status,
				taskDefinition: taskDefinitionName(deployment.taskDefinition),
				desired: String(deployment.desiredCount),
				running: String(deployment.runningCount),
				pending: String(deployment.pendingCount),
				failed: String(deployment.failedTasks),
				rollout: orDash(deployment.rolloutState),
				age:
					deployment.createdAt === undefined ? '-' : formatAge(context.now - deployment.createdAt),
			},
			cellTones: {
				...(deployment.failedTasks > 0 ? {failed: 'error' as const} : {}),
				...(rolloutTone(deployment.rolloutState)
					? {rollout: rolloutTone(deployment.rolloutState)!}
					: {}),
			},
		})),
		context.width,
		'no deployments',
		context.glyphs.ellipsis,
	);
	// The reason is a sentence: it gets its own line under the table rather than a cramped cell.
	for (const deployment of ordered) {
		if (deployment.rolloutStateReason === undefined) continue;
		lines.push(
			text(
				segment(
					`  ${deployment.status} ${taskDefinitionName(deployment.taskDefinition)}: `,
					'muted',
				),
				segment(deployment.rolloutStateReason, rolloutTone(deployment.rolloutState)),
			),
		);
	}
	return lines;
}

function placementLines(service: Service): DetailLine[] {
	const strategy = service.placementStrategy.map(describeStrategy).join(', ');
	const constraints = service.placementConstraints.map(describeConstraint).join(', ');
	return [
		heading('Placement'),
		field('Strategy', strategy === '' ? 'none' : strategy),
		field('Constraints', constraints === '' ? 'none' : constraints),
	];
}

function loadBalancerLines(service: Service): DetailLine[] {
	if (service.loadBalancers.length === 0)
		return [heading('Load balancers'), text(segment('  none', 'muted'))];
	return [
		heading(`Load balancers (${service.loadBalancers.length})`),
		...service.loadBalancers.map((loadBalancer) =>
			text(
				segment(`  ${loadBalancerName(loadBalancer)}  `),
				segment(`-> ${loadBalancerTarget(loadBalancer)}`, 'muted'),
			),
		),
	];
}

const sparkWidth = 30;

function metricField(
	label: string,
	series: MetricSeries | undefined,
	context: ResolvedContext,
): DetailLine {
	const values = series?.points.map((point) => point.value) ?? [];
	const latest = values.at(-1);
	const width = Math.max(6, Math.min(sparkWidth, context.width - 24));
	return field(
		label,
		sparklineCell(values, width, context.glyphs.sparkline).trimStart() || '-',
		latest === undefined ? 'muted' : levelTone(latest / 100),
	);
}

// `  12m ago ` : a wrapped message's next rows start under its text, not under its age.
const eventHang = 10;

function eventLines(events: readonly ServiceEvent[], now: number): DetailLine[] {
	// AWS returns them newest first; sorting again costs nothing and guards a merged list.
	const newestFirst = [...events].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
	if (newestFirst.length === 0) return [heading('Events'), text(segment('  none', 'muted'))];
	return [
		heading(`Events (${newestFirst.length}, newest first)`),
		...newestFirst.map((event) =>
			hangingText(
				eventHang,
				segment(`  ${ago(event.createdAt, now).padEnd(eventHang - 2)}`, 'muted'),
				segment(event.message, eventTone(event.message)),
			),
		),
	];
}

// ECS events are free text; these phrases are the ones that mean a service cannot place or run.
function eventTone(message: string): Tone | undefined {
	if (/unable to place|failed|unhealthy|insufficient/i.test(message)) return 'warn';
	return undefined;
}

export function serviceDetailLines(data: ServiceDetailData, context: DetailContext): DetailLine[] {
	const ctx = resolveContext(context);
	const {service} = data;
	const lines: DetailLine[] = [
		field('Service', service.name),
		field('Status', service.status, statusTone(service.status)),
		field('Tasks', [
			segment(`desired ${service.desiredCount}  `),
			segment(
				`running ${service.runningCount}`,
				service.runningCount < service.desiredCount ? 'warn' : undefined,
			),
			segment(`  pending ${service.pendingCount}`),
		]),
		field('Launch', placementTarget(service)),
		field('Task definition', taskDefinitionName(service.taskDefinition)),
		...(data.rollout === undefined
			? []
			: [field('Rollout', followSentence(data.rollout), followTone(data.rollout.phase))]),
		field('Deployment config', deploymentConfiguration(service)),
		field('Scheduling', orDash(service.schedulingStrategy)),
		field('Created', ago(service.createdAt, ctx.now)),
	];
	if (data.cpu !== undefined || data.memory !== undefined) {
		lines.push(metricField('CPU', data.cpu, ctx), metricField('Memory', data.memory, ctx));
	}
	if (data.placement !== undefined)
		lines.push(blank, ...unplacedLines(data.placement.report, data.placement.waiting));
	lines.push(
		blank,
		heading(`Deployments (${service.deployments.length})`),
		...deploymentLines(service.deployments, ctx),
		blank,
		...placementLines(service),
		blank,
		...loadBalancerLines(service),
		blank,
		...eventLines(service.events, ctx.now),
	);
	return lines;
}

export type ServiceDetailProps = BuiltDetailProps<ServiceDetailData>;

export const ServiceDetail = detailViewOf(serviceDetailLines);
