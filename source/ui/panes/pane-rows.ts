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
import {instanceTaskCounts, isLaunchingRow} from '../../model/instance-lifecycle.js';
import type {MetricSeries} from '../../model/metrics.js';
import {deploymentSummary, primaryDeployment, type Service} from '../../model/service.js';
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
	 * False while the cluster's container instances have not arrived: a task's INSTANCE then
	 * waits (`…`) rather than show a container instance id that the EC2 id replaces a moment later.
	 */
	readonly instancesKnown?: boolean;
	/**
	 * Changes only when what `/` matches could change beyond the entities themselves (the EC2 ids
	 * above): ages and metrics are not matched (PaneDefinition.unsearched), so a refresh that
	 * only moved them does not make a filter read 20,000 rows again.
	 */
	readonly textKey: object;
	/** The trouble a service is in (FAILED, CRASH LOOP, ...), for its status cell. */
	readonly serviceTrouble?: (service: Service) => ServiceTrouble | undefined;
};

/**
 * A pane's column with what the legend (help on the focused pane) says of it: what it means and
 * where the number comes from. The legend is generated from these, so it cannot disagree.
 */
export type PaneColumn = TableColumn & {
	readonly meaning: string;
	readonly source: string;
};

export type SortKey<T> = (item: T, context: RowContext) => string | number | undefined;

export type PaneDefinition<T> = {
	readonly id: PaneId;
	readonly name: string;
	readonly emptyText: string;
	readonly columns: readonly PaneColumn[];
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

/**
 * The instance STATUS column's width, from its vocabulary: ECS's statuses (DEREGISTERING) and the
 * Auto Scaling lifecycle states a launching instance shows (Pending:Proceed); longer, rarer ones
 * (REGISTRATION_FAILED) are cut rather than widen the column when they appear.
 */
const instanceStatusWidth = 15;

const sparkWidth = 11;
const meterWidth = 10;

/**
 * A utilisation sparkline: read after names and counts, and cut from its start when short of
 * room (fewer, newer points), down to the latest % alone.
 */
const sparkColumn = {width: sparkWidth, minWidth: 5, cut: 'tail', priority: 4} as const;

const utilisationSource = (metric: string, dimension: string) =>
	`CloudWatch AWS/ECS ${metric} by ${dimension}, 1-minute average; the sparkline is the last 30 minutes, the number the latest minute`;

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
		{
			key: 'name',
			title: 'NAME',
			flex: 1,
			minWidth: 8,
			cut: 'middle',
			meaning: 'The cluster',
			source: 'ECS DescribeClusters clusterName',
		},
		{
			key: 'instances',
			title: 'INST',
			width: 5,
			align: 'right',
			priority: 2,
			meaning: 'Container instances registered (ACTIVE and DRAINING)',
			source: 'ECS registeredContainerInstancesCount',
		},
		{
			key: 'services',
			title: 'SVC',
			width: 4,
			align: 'right',
			priority: 2,
			meaning: 'Active services',
			source: 'ECS activeServicesCount',
		},
		{
			key: 'running',
			title: 'RUN',
			width: 5,
			align: 'right',
			priority: 2,
			meaning: 'Tasks running',
			source: 'ECS runningTasksCount',
		},
		{
			key: 'pending',
			title: 'PEND',
			width: 5,
			align: 'right',
			priority: 3,
			meaning: 'Tasks pending (placed, not yet running)',
			source: 'ECS pendingTasksCount',
		},
		{
			key: 'cpu',
			title: 'CPU%',
			...sparkColumn,
			meaning: 'CPU utilisation: CPU the tasks use, % of the CPU the instances registered',
			source: utilisationSource('CPUUtilization', 'ClusterName'),
		},
		{
			key: 'memory',
			title: 'MEM%',
			...sparkColumn,
			meaning: 'Memory utilisation: memory the tasks use, % of the memory registered',
			source: utilisationSource('MemoryUtilization', 'ClusterName'),
		},
		{
			key: 'reserved',
			title: 'RSV C/M',
			width: 9,
			align: 'right',
			priority: 3,
			meaning:
				'Reservation, CPU/memory: what the running tasks reserve (their task definitions), % of what the instances registered; not what they use',
			source:
				'CloudWatch AWS/ECS CPUReservation and MemoryReservation by ClusterName, latest minute',
		},
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

/** An instance its group launched that has not registered: its lifecycle state, nothing else yet. */
function launchingRow(instance: ContainerInstance): TableRow {
	return {
		id: instance.arn,
		cells: {
			instance: instance.ec2InstanceId ?? instance.id,
			type: instance.instanceType ?? '',
			az: instance.availabilityZone ?? '',
			status: instance.status,
			tasks: '',
			cpu: '',
			memory: '',
			agent: 'not registered',
		},
		cellTones: {status: 'info'},
		tone: 'muted',
	};
}

export const instancesPane: PaneDefinition<ContainerInstance> = {
	id: 'instances',
	name: 'Instances',
	emptyText: 'no container instances (Fargate only, or none registered)',
	columns: [
		{
			key: 'instance',
			title: 'INSTANCE',
			width: 19,
			minWidth: 12,
			meaning: 'The EC2 instance (the container instance id until EC2 is known)',
			source: 'ECS DescribeContainerInstances ec2InstanceId',
		},
		{
			key: 'type',
			title: 'TYPE',
			width: 11,
			priority: 4,
			meaning: 'EC2 instance type',
			source: 'ECS attribute ecs.instance-type',
		},
		{
			key: 'az',
			title: 'AZ',
			width: 11,
			priority: 3,
			meaning: 'Availability Zone',
			source: 'ECS attribute ecs.availability-zone',
		},
		{
			key: 'status',
			title: 'STATUS',
			width: instanceStatusWidth,
			stable: true,
			meaning:
				"Container instance status; for an instance launched by the cluster's Auto Scaling group and not yet registered, its Auto Scaling lifecycle state (Pending, Pending:Wait)",
			source: 'ECS status; Auto Scaling DescribeAutoScalingGroups Instances[].LifecycleState',
		},
		{
			key: 'tasks',
			title: 'TASKS',
			width: 5,
			align: 'right',
			priority: 2,
			meaning: 'Tasks on the instance, running plus pending (the instance detail splits them)',
			source: 'ECS runningTasksCount + pendingTasksCount',
		},
		{
			key: 'cpu',
			title: 'CPU RSV',
			width: meterWidth + 5,
			minWidth: 5,
			cut: 'tail',
			priority: 3,
			meaning:
				'CPU reserved: CPU units the tasks reserve, % of what the instance registered; not utilisation',
			source: 'ECS registeredResources and remainingResources CPU',
		},
		{
			key: 'memory',
			title: 'MEM RSV',
			width: meterWidth + 5,
			minWidth: 5,
			cut: 'tail',
			priority: 3,
			meaning: 'Memory reserved: MiB the tasks reserve, % of what the instance registered',
			source: 'ECS registeredResources and remainingResources MEMORY',
		},
		{
			key: 'agent',
			title: 'AGENT',
			flex: 1,
			minWidth: 5,
			priority: 5,
			meaning: 'Whether the ECS agent is connected',
			source: 'ECS agentConnected',
		},
	],
	sortBy: {
		instance: (instance) => instance.ec2InstanceId ?? instance.id,
		type: (instance) => instance.instanceType ?? '',
		az: (instance) => instance.availabilityZone ?? '',
		status: (instance) => instance.status,
		tasks: (instance) => instanceTaskCounts(instance).total,
		cpu: (instance) => cpuReservedPercent(instance),
		memory: (instance) => memoryReservedPercent(instance),
	},
	defaultSort: {columnKey: 'az', direction: 'asc'},
	key: (instance) => instance.arn,
	row(instance, context) {
		if (isLaunchingRow(instance)) return launchingRow(instance);
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
				tasks: String(instanceTaskCounts(instance).total),
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

/**
 * `batch-cp w1`, `spot b2 w3, od w1`: a provider's weight and base spelled with letters, since
 * `batch-cp:1` reads like a task definition revision.
 */
export function launchCell(service: Service): string {
	if (service.capacityProviderStrategy.length === 0) return service.launchType ?? '';
	return service.capacityProviderStrategy
		.map(
			(item) => `${item.capacityProvider}${item.base > 0 ? ` b${item.base}` : ''} w${item.weight}`,
		)
		.join(', ');
}

export const servicesPane: PaneDefinition<Service> = {
	id: 'services',
	name: 'Services',
	emptyText: 'no services in this cluster',
	columns: [
		{
			key: 'name',
			title: 'NAME',
			flex: 2,
			minWidth: 10,
			cut: 'middle',
			meaning: 'The service',
			source: 'ECS DescribeServices serviceName',
		},
		{
			key: 'desired',
			title: 'DES',
			width: 4,
			align: 'right',
			priority: 2,
			meaning: 'Tasks the service should run',
			source: 'ECS desiredCount',
		},
		{
			key: 'running',
			title: 'RUN',
			width: 4,
			align: 'right',
			priority: 2,
			meaning: 'Tasks running',
			source: 'ECS runningCount',
		},
		{
			key: 'pending',
			title: 'PEND',
			width: 4,
			align: 'right',
			priority: 3,
			meaning: 'Tasks pending',
			source: 'ECS pendingCount',
		},
		{
			key: 'cpu',
			title: 'CPU%',
			...sparkColumn,
			meaning: 'CPU utilisation: CPU the tasks use, % of the CPU they reserve (can pass 100%)',
			source: utilisationSource('CPUUtilization', 'ClusterName and ServiceName'),
		},
		{
			key: 'memory',
			title: 'MEM%',
			...sparkColumn,
			meaning: 'Memory utilisation: memory the tasks use, % of the memory they reserve',
			source: utilisationSource('MemoryUtilization', 'ClusterName and ServiceName'),
		},
		{
			key: 'deploy',
			title: 'DEPLOY',
			width: 17,
			minWidth: 11,
			stable: true,
			priority: 2,
			meaning: "The primary deployment's rollout state, with running/desired while IN_PROGRESS",
			source: 'ECS deployments[PRIMARY].rolloutState, runningCount, desiredCount',
		},
		{
			key: 'taskDefinition',
			title: 'TASKDEF',
			flex: 1,
			minWidth: 8,
			cut: 'middle',
			meaning: 'Task definition family:revision the service runs; a cut keeps the :revision',
			source: 'ECS taskDefinition',
		},
		{
			key: 'launch',
			title: 'LAUNCH',
			flex: 1,
			minWidth: 6,
			priority: 5,
			meaning:
				'Where tasks go: the launch type, or each capacity provider with its weight (w1) and base (b2), e.g. batch-cp w1',
			source: 'ECS launchType or capacityProviderStrategy',
		},
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
		launch: (service) => launchCell(service),
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
				launch: launchCell(service),
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

/**
 * Where a task runs: the EC2 id, `…` while the cluster's instances are coming, a short container
 * instance id when they came without this one, FARGATE.
 */
export function instanceCell(task: Task, context: RowContext): string {
	const arn = task.containerInstanceArn;
	if (arn === undefined) return task.launchType ?? '';
	const ec2 = context.ec2InstanceId(arn);
	if (ec2 !== undefined) return ec2;
	return context.instancesKnown === false ? '…' : nameFromArn(arn).slice(0, 8);
}

/** A task's first column, the same whether it runs or stopped. */
export const taskIdColumn: PaneColumn = {
	key: 'id',
	title: 'ID',
	width: 9,
	meaning: 'The task id, first 8 characters',
	source: 'ECS DescribeTasks taskArn',
};

export const tasksPane: PaneDefinition<Task> = {
	id: 'tasks',
	name: 'Tasks',
	emptyText: 'no tasks',
	columns: [
		taskIdColumn,
		{
			key: 'status',
			title: 'STATUS',
			width: 12,
			meaning: 'Last status, and >desired status when ECS is moving it there',
			source: 'ECS lastStatus, desiredStatus',
		},
		{
			key: 'health',
			title: 'HEALTH',
			width: 9,
			meaning: 'Container health checks, summed up by ECS',
			source: 'ECS healthStatus',
		},
		// An EC2 id cut to 12 (`i-0aaa1111b…`) still tells instances apart on a narrow screen.
		{
			key: 'instance',
			title: 'INSTANCE',
			width: 19,
			minWidth: 12,
			meaning: 'Where it runs: the EC2 instance, or the launch type (FARGATE)',
			source: "ECS containerInstanceArn, then that instance's ec2InstanceId",
		},
		{
			key: 'az',
			title: 'AZ',
			width: 11,
			meaning: 'Availability Zone',
			source: 'ECS availabilityZone',
		},
		{
			key: 'age',
			title: 'AGE',
			width: 5,
			align: 'right',
			meaning: 'Since it started (or was created, until it starts)',
			source: 'ECS startedAt, createdAt',
		},
		{
			key: 'taskDefinition',
			title: 'TASKDEF',
			flex: 1,
			minWidth: 8,
			cut: 'middle',
			meaning: 'Task definition family:revision; a cut keeps the :revision',
			source: 'ECS taskDefinitionArn',
		},
		{
			key: 'stop',
			title: 'STOPPED BECAUSE',
			flex: 2,
			minWidth: 8,
			meaning: "Why it stopped: the failed container's exit code, then ECS's reason",
			source: 'ECS containers[].exitCode, stoppedReason, stopCode',
		},
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
