/**
 * What each pane shows, as data: its columns, how each column sorts, and how one entity becomes
 * one table row of pre-formatted cells. Pure, so every pane is tested without Ink, and the row of
 * an unchanged entity can be reused between refreshes (the table memoizes rows by identity).
 */
import {nameFromArn, taskDefinitionName} from '../../model/arn.js';
import type {Cluster} from '../../model/cluster.js';
import {
	cpuReservedPercent,
	memoryReservedPercent,
	type ContainerInstance,
} from '../../model/container-instance.js';
import type {MetricSeries} from '../../model/metrics.js';
import {
	deploymentSummary,
	placementTarget,
	primaryDeployment,
	type Service,
} from '../../model/service.js';
import {serviceTroubleLabel, type ServiceTrouble} from '../../model/service-state.js';
import {failedContainers, lifecycleRank, type Task} from '../../model/task.js';
import type {TableColumn, TableRow} from '../components/table.js';
import {meter, type MeterGlyphs} from '../components/meter.js';
import {sparklineCell} from '../components/sparkline.js';
import {formatAge, formatPercent} from '../format.js';
import type {PaneId} from '../layout.js';
import {levelTone, type Tone} from '../theme.js';

/** What rows need besides their entity: the time for ages, metrics, and the theme's glyphs. */
export type RowContext = {
	readonly now: number;
	readonly sparklineRamp: readonly string[];
	readonly meterGlyphs: MeterGlyphs;
	/** Series by `metricSeriesKey(arn, metricName)`. */
	readonly metric: (resourceArn: string, metricName: string) => MetricSeries | undefined;
	/** The EC2 instance id behind a container instance ARN, to show where a task runs. */
	readonly ec2InstanceId: (containerInstanceArn: string) => string | undefined;
	/**
	 * Changes only when what `/` matches could change beyond the entities themselves (the EC2 ids
	 * above): ages and metrics are not matched (PaneDefinition.unsearched), so a refresh that
	 * only moved them does not make a filter read 20,000 rows again.
	 */
	readonly textKey: object;
	/** The trouble a service is in (FAILED, CRASH LOOP, ...), for its status cell. */
	readonly serviceTrouble?: (service: Service) => ServiceTrouble | undefined;
};

export type SortKey<T> = (item: T, context: RowContext) => string | number | undefined;

export type PaneDefinition<T> = {
	readonly id: PaneId;
	readonly name: string;
	readonly emptyText: string;
	readonly columns: readonly TableColumn[];
	/**
	 * Sort keys by column key; a column without one is not sortable. A key that is undefined
	 * (a row without a metric yet) sorts last either way.
	 */
	readonly sortBy: Readonly<Record<string, SortKey<T>>>;
	/**
	 * Columns whose sort key reads the context and not only the entity: `ec2-ids` (which the
	 * context's textKey follows) or `metrics` (numeric, so biggest first). A list sorted by one
	 * must be sorted again when that part of the context changes (listContextKey).
	 */
	readonly sortReads?: Readonly<Record<string, 'ec2-ids' | 'metrics'>>;
	readonly defaultSort: {readonly columnKey: string; readonly direction: 'asc' | 'desc'};
	readonly key: (item: T) => string;
	/** Columns `/` does not match: they move with the clock or the metrics (ages, sparklines). */
	readonly unsearched?: readonly string[];
	readonly row: (item: T, context: RowContext) => TableRow;
};

const sparkWidth = 11;
const meterWidth = 10;

function points(series: MetricSeries | undefined): number[] {
	return series === undefined ? [] : series.points.map((point) => point.value);
}

function latest(series: MetricSeries | undefined): number | undefined {
	return series?.points.at(-1)?.value;
}

function toneOfPercent(percent: number | undefined): Tone | undefined {
	return percent === undefined ? undefined : levelTone(percent / 100);
}

/** The CPU and MEM sort keys of a cluster or service: the latest %, as the column shows it. */
function latestMetric<T extends {readonly arn: string}>(metricName: string): SortKey<T> {
	return (item, context) => latest(context.metric(item.arn, metricName));
}

const utilizationSorts = {cpu: 'metrics', memory: 'metrics'} as const;

/** The CPU and MEM columns of a cluster or service: sparkline, latest %, coloured by level. */
function utilizationCells(
	arn: string,
	context: RowContext,
): {cells: {cpu: string; memory: string}; tones: Record<string, Tone>} {
	const tones: Record<string, Tone> = {};
	const cells = {cpu: '', memory: ''};
	for (const [column, metricName] of [
		['cpu', 'CPUUtilization'],
		['memory', 'MemoryUtilization'],
	] as const) {
		const series = context.metric(arn, metricName);
		cells[column] = sparklineCell(points(series), sparkWidth, context.sparklineRamp);
		const tone = toneOfPercent(latest(series));
		if (tone) tones[column] = tone;
	}
	return {cells, tones};
}

export const clustersPane: PaneDefinition<Cluster> = {
	id: 'clusters',
	name: 'Clusters',
	emptyText: 'no clusters in this region',
	columns: [
		{key: 'name', title: 'NAME', flex: 1, minWidth: 8},
		{key: 'instances', title: 'INST', width: 5, align: 'right'},
		{key: 'services', title: 'SVC', width: 4, align: 'right'},
		{key: 'running', title: 'RUN', width: 5, align: 'right'},
		{key: 'pending', title: 'PEND', width: 5, align: 'right'},
		{key: 'cpu', title: 'CPU', width: sparkWidth},
		{key: 'memory', title: 'MEM', width: sparkWidth},
		{key: 'reserved', title: 'RES C/M', width: 9, align: 'right'},
	],
	sortBy: {
		name: (cluster) => cluster.name,
		instances: (cluster) => cluster.registeredContainerInstancesCount,
		services: (cluster) => cluster.activeServicesCount,
		running: (cluster) => cluster.runningTasksCount,
		pending: (cluster) => cluster.pendingTasksCount,
		cpu: latestMetric('CPUUtilization'),
		memory: latestMetric('MemoryUtilization'),
	},
	sortReads: utilizationSorts,
	defaultSort: {columnKey: 'name', direction: 'asc'},
	key: (cluster) => cluster.arn,
	unsearched: ['cpu', 'memory', 'reserved'],
	row(cluster, context) {
		const utilization = utilizationCells(cluster.arn, context);
		const cpuReserved = latest(context.metric(cluster.arn, 'CPUReservation'));
		const memoryReserved = latest(context.metric(cluster.arn, 'MemoryReservation'));
		const reserved =
			cpuReserved === undefined && memoryReserved === undefined
				? ''
				: `${formatPercent(cpuReserved)}/${formatPercent(memoryReserved)}`;
		const cellTones: Record<string, Tone> = {};
		Object.assign(cellTones, utilization.tones);
		if (cluster.pendingTasksCount > 0) cellTones['pending'] = 'warn';
		return {
			id: cluster.arn,
			cells: {
				name: cluster.name,
				instances: String(cluster.registeredContainerInstancesCount),
				services: String(cluster.activeServicesCount),
				running: String(cluster.runningTasksCount),
				pending: String(cluster.pendingTasksCount),
				...utilization.cells,
				reserved,
			},
			...(cluster.status === 'ACTIVE' ? {} : {tone: 'muted' as const}),
			cellTones,
		};
	},
};

export const instancesPane: PaneDefinition<ContainerInstance> = {
	id: 'instances',
	name: 'Instances',
	emptyText: 'no container instances (Fargate only, or none registered)',
	columns: [
		{key: 'instance', title: 'INSTANCE', width: 19},
		{key: 'type', title: 'TYPE', width: 11},
		{key: 'az', title: 'AZ', width: 11},
		{key: 'status', title: 'STATUS', width: 9},
		{key: 'tasks', title: 'TASKS', width: 5, align: 'right'},
		{key: 'cpu', title: 'CPU', width: meterWidth + 5},
		{key: 'memory', title: 'MEM', width: meterWidth + 5},
		{key: 'agent', title: 'AGENT', flex: 1, minWidth: 5},
	],
	sortBy: {
		instance: (instance) => instance.ec2InstanceId ?? instance.id,
		type: (instance) => instance.instanceType ?? '',
		az: (instance) => instance.availabilityZone ?? '',
		status: (instance) => instance.status,
		tasks: (instance) => instance.runningTasksCount,
		cpu: (instance) => cpuReservedPercent(instance),
		memory: (instance) => memoryReservedPercent(instance),
	},
	defaultSort: {columnKey: 'az', direction: 'asc'},
	key: (instance) => instance.arn,
	row(instance, context) {
		const cpu = cpuReservedPercent(instance);
		const memory = memoryReservedPercent(instance);
		const cellTones: Record<string, Tone> = {
			cpu: levelTone(cpu / 100),
			memory: levelTone(memory / 100),
		};
		if (instance.status === 'DRAINING') cellTones['status'] = 'warn';
		else if (instance.status !== 'ACTIVE') cellTones['status'] = 'muted';
		if (!instance.agentConnected) cellTones['agent'] = 'error';
		return {
			id: instance.arn,
			cells: {
				instance: instance.ec2InstanceId ?? nameFromArn(instance.arn),
				type: instance.instanceType ?? '',
				az: instance.availabilityZone ?? '',
				status: instance.status,
				tasks: String(instance.runningTasksCount + instance.pendingTasksCount),
				cpu: `${meter(cpu / 100, meterWidth, context.meterGlyphs)}${formatPercent(cpu).padStart(5)}`,
				memory: `${meter(memory / 100, meterWidth, context.meterGlyphs)}${formatPercent(memory).padStart(5)}`,
				agent: instance.agentConnected ? 'ok' : 'DISCONNECTED',
			},
			cellTones,
		};
	},
};

/**
 * `IN_PROGRESS 8/10`: the primary deployment's state and how far it got; or the trouble the
 * service is in (FAILED, ROLLED BACK, CRASH LOOP, `12 cannot place`), which says more.
 */
function deployCell(service: Service, context: RowContext): {text: string; trouble: boolean} {
	const trouble = context.serviceTrouble?.(service);
	if (trouble !== undefined) return {text: serviceTroubleLabel(trouble), trouble: true};
	return {text: rolloutCell(service), trouble: false};
}

function rolloutCell(service: Service): string {
	const state = deploymentSummary(service);
	const primary = primaryDeployment(service);
	if (state === 'IN_PROGRESS' && primary)
		return `IN_PROGRESS ${primary.runningCount}/${primary.desiredCount}`;
	return state;
}

export const servicesPane: PaneDefinition<Service> = {
	id: 'services',
	name: 'Services',
	emptyText: 'no services in this cluster',
	columns: [
		{key: 'name', title: 'NAME', flex: 2, minWidth: 10},
		{key: 'desired', title: 'DES', width: 4, align: 'right'},
		{key: 'running', title: 'RUN', width: 4, align: 'right'},
		{key: 'pending', title: 'PEND', width: 4, align: 'right'},
		{key: 'cpu', title: 'CPU', width: sparkWidth},
		{key: 'memory', title: 'MEM', width: sparkWidth},
		{key: 'deploy', title: 'DEPLOY', width: 17},
		{key: 'taskDefinition', title: 'TASKDEF', flex: 1, minWidth: 8, cut: 'middle'},
		{key: 'launch', title: 'LAUNCH', flex: 1, minWidth: 6},
	],
	sortBy: {
		name: (service) => service.name,
		desired: (service) => service.desiredCount,
		running: (service) => service.runningCount,
		pending: (service) => service.pendingCount,
		cpu: latestMetric('CPUUtilization'),
		memory: latestMetric('MemoryUtilization'),
		deploy: (service, context) => deployCell(service, context).text,
		taskDefinition: (service) => taskDefinitionName(service.taskDefinition),
		launch: (service) => placementTarget(service),
	},
	sortReads: utilizationSorts,
	defaultSort: {columnKey: 'name', direction: 'asc'},
	key: (service) => service.arn,
	unsearched: ['cpu', 'memory'],
	row(service, context) {
		const utilization = utilizationCells(service.arn, context);
		const {text: deploy, trouble} = deployCell(service, context);
		const cellTones: Record<string, Tone> = {};
		if (service.runningCount < service.desiredCount) cellTones['running'] = 'warn';
		if (service.pendingCount > 0) cellTones['pending'] = 'warn';
		if (trouble || deploy.startsWith('FAILED')) cellTones['deploy'] = 'error';
		else if (deploy.startsWith('IN_PROGRESS')) cellTones['deploy'] = 'info';
		Object.assign(cellTones, utilization.tones);
		return {
			id: service.arn,
			cells: {
				name: service.name,
				desired: String(service.desiredCount),
				running: String(service.runningCount),
				pending: String(service.pendingCount),
				...utilization.cells,
				deploy,
				taskDefinition: taskDefinitionName(service.taskDefinition),
				launch: placementTarget(service),
			},
			...(service.status === 'ACTIVE' ? {} : {tone: 'muted' as const}),
			cellTones,
		};
	},
};

/**
 * Ages in whole minutes at least: seconds would rewrite every task row on every refresh of a
 * world where nothing happens (bench:ui measured ~600 bytes a refresh for that alone).
 */
export function taskAge(ms: number | undefined): string {
	return ms !== undefined && ms >= 0 && ms < 60_000 ? '<1m' : formatAge(ms);
}

function taskStatus(task: Task): string {
	return task.desiredStatus === task.lastStatus || task.desiredStatus === 'RUNNING'
		? task.lastStatus
		: `${task.lastStatus}>${task.desiredStatus}`;
}

/** Why a task stopped, shortest first: the failed container's exit code, then the reason. */
function stopCell(task: Task): string {
	const failed = failedContainers(task)[0];
	const exit = failed === undefined ? '' : `exit ${failed.exitCode} `;
	return `${exit}${task.stoppedReason ?? task.stopCode ?? ''}`.trim();
}

/** Where a task runs: the EC2 id, a short container instance id until that is known, FARGATE. */
function instanceCell(task: Task, context: RowContext): string {
	const arn = task.containerInstanceArn;
	if (arn === undefined) return task.launchType ?? '';
	return context.ec2InstanceId(arn) ?? nameFromArn(arn).slice(0, 8);
}

export const tasksPane: PaneDefinition<Task> = {
	id: 'tasks',
	name: 'Tasks',
	emptyText: 'no tasks',
	columns: [
		{key: 'id', title: 'ID', width: 9},
		{key: 'status', title: 'STATUS', width: 12},
		{key: 'health', title: 'HEALTH', width: 9},
		// An EC2 id cut to 12 (`i-0aaa1111b…`) still tells instances apart on a narrow screen.
		{key: 'instance', title: 'INSTANCE', width: 19, minWidth: 12},
		{key: 'az', title: 'AZ', width: 11},
		{key: 'age', title: 'AGE', width: 5, align: 'right'},
		{key: 'taskDefinition', title: 'TASKDEF', flex: 1, minWidth: 8, cut: 'middle'},
		{key: 'stop', title: 'STOPPED BECAUSE', flex: 2, minWidth: 8},
	],
	sortBy: {
		id: (task) => task.id,
		status: (task) => lifecycleRank(task.lastStatus),
		health: (task) => task.healthStatus ?? '',
		// What the column shows: the EC2 id once known, not the container instance ARN.
		instance: (task, context) => instanceCell(task, context),
		az: (task) => task.availabilityZone ?? '',
		// Newest first when ascending reads naturally as "age".
		age: (task) => -(task.startedAt ?? task.createdAt ?? 0),
		taskDefinition: (task) => task.taskDefinition,
		stop: (task) => stopCell(task),
	},
	sortReads: {instance: 'ec2-ids'},
	defaultSort: {columnKey: 'age', direction: 'desc'},
	key: (task) => task.arn,
	unsearched: ['age'],
	row(task, context) {
		const cellTones: Record<string, Tone> = {};
		if (task.lastStatus === 'STOPPED' || task.desiredStatus === 'STOPPED')
			cellTones['status'] = 'muted';
		else if (task.lastStatus !== 'RUNNING') cellTones['status'] = 'info';
		if (task.healthStatus === 'UNHEALTHY') cellTones['health'] = 'error';
		else if (task.healthStatus === 'HEALTHY') cellTones['health'] = 'ok';
		const stop = stopCell(task);
		if (failedContainers(task).length > 0) cellTones['stop'] = 'error';
		return {
			id: task.arn,
			cells: {
				id: task.id.slice(0, 8),
				status: taskStatus(task),
				health: task.healthStatus ?? '',
				instance: instanceCell(task, context),
				az: task.availabilityZone ?? '',
				age: taskAge(
					task.startedAt === undefined && task.createdAt === undefined
						? undefined
						: context.now - (task.startedAt ?? task.createdAt ?? context.now),
				),
				taskDefinition: task.taskDefinition,
				stop,
			},
			cellTones,
		};
	},
};
