// A cluster whole (Enter on a cluster): what it runs, how full it is, and the capacity behind it:
// its capacity providers with the default strategy's weights and bases and their managed
// scaling, and each Auto Scaling group's sizes with its instances counted by lifecycle state.
import type {AutoScalingGroup} from '../../model/auto-scaling-group.js';
import {autoScalingGroupName, type CapacityProvider} from '../../model/capacity-provider.js';
import type {Cluster} from '../../model/cluster.js';
import {clusterCapacity, type ContainerInstance} from '../../model/container-instance.js';
import {
	blank,
	field,
	heading,
	orDash,
	resolveContext,
	tableLines,
	text,
	type DetailContext,
	type DetailLine,
	type DetailTableColumn,
} from './detail-lines.js';
import {cpuUnits, memoryMiB} from './detail-format.js';
import {reservationField} from './instance-detail.js';

export type ClusterDetailData = {
	readonly cluster: Cluster;
	/** What the store holds beyond the summary; undefined until the cluster has been focused. */
	readonly view:
		| {
				readonly containerInstances: readonly ContainerInstance[];
				readonly capacityProviders: readonly CapacityProvider[];
				readonly autoScalingGroups: readonly AutoScalingGroup[];
		  }
		| undefined;
};

const providerColumns: readonly DetailTableColumn[] = [
	{key: 'name', title: 'PROVIDER', flex: 1, minWidth: 8},
	{key: 'weight', title: 'WEIGHT', width: 6, align: 'right'},
	{key: 'base', title: 'BASE', width: 4, align: 'right'},
	{key: 'scaling', title: 'MANAGED SCALING', width: 15},
	{key: 'target', title: 'TARGET', width: 6, align: 'right'},
	{key: 'group', title: 'GROUP', flex: 1, minWidth: 8},
];

const groupColumns: readonly DetailTableColumn[] = [
	{key: 'name', title: 'GROUP', flex: 1, minWidth: 8},
	{key: 'min', title: 'MIN', width: 3, align: 'right'},
	{key: 'desired', title: 'DESIRED', width: 7, align: 'right'},
	{key: 'max', title: 'MAX', width: 3, align: 'right'},
	{key: 'inService', title: 'IN SERVICE', width: 10, align: 'right'},
	{key: 'pending', title: 'PENDING', width: 7, align: 'right'},
	{key: 'terminating', title: 'TERMINATING', width: 11, align: 'right'},
	{key: 'other', title: 'OTHER', width: 5, align: 'right'},
];

/** Auto Scaling's lifecycle states in the four groups an operator tells apart. */
export function lifecycleCounts(group: AutoScalingGroup) {
	const counts = {inService: 0, pending: 0, terminating: 0, other: 0};
	for (const instance of group.instances) {
		const state = instance.lifecycleState ?? '';
		if (state === 'InService') counts.inService++;
		else if (state.startsWith('Pending')) counts.pending++;
		else if (state.startsWith('Terminating')) counts.terminating++;
		else if (state !== 'Terminated') counts.other++;
	}
	return counts;
}

function providerLines(data: ClusterDetailData, width: number, ellipsis: string): DetailLine[] {
	const {cluster, view} = data;
	const strategy = new Map(
		cluster.defaultCapacityProviderStrategy.map((item) => [item.capacityProvider, item]),
	);
	const described = new Map((view?.capacityProviders ?? []).map((p) => [p.name, p]));
	const names = [...new Set([...cluster.capacityProviders, ...strategy.keys()])];
	const rows = names.map((name) => {
		const item = strategy.get(name);
		const provider = described.get(name);
		const scaling = provider?.managedScaling;
		return {
			cells: {
				name,
				weight: item === undefined ? '-' : String(item.weight),
				base: item === undefined ? '-' : String(item.base),
				scaling: scaling === undefined ? '-' : scaling.status,
				target: scaling?.targetCapacity === undefined ? '-' : `${scaling.targetCapacity}%`,
				group:
					provider?.autoScalingGroup === undefined
						? name.startsWith('FARGATE')
							? '(AWS Fargate)'
							: '-'
						: autoScalingGroupName(provider.autoScalingGroup),
			},
			...(scaling?.status === 'ENABLED' ? {cellTones: {scaling: 'ok' as const}} : {}),
		};
	});
	return [
		blank,
		heading(`Capacity providers (${names.length}); weight and base of the default strategy`),
		...tableLines(providerColumns, rows, width, 'none: services use launch types', ellipsis),
	];
}

function groupLines(data: ClusterDetailData, width: number, ellipsis: string): DetailLine[] {
	const groups = data.view?.autoScalingGroups ?? [];
	const rows = groups.map((group) => {
		const counts = lifecycleCounts(group);
		return {
			cells: {
				name: group.name,
				min: String(group.minSize),
				desired: String(group.desiredCapacity),
				max: String(group.maxSize),
				inService: String(counts.inService),
				pending: String(counts.pending),
				terminating: String(counts.terminating),
				other: String(counts.other),
			},
			cellTones: {
				...(counts.pending > 0 ? {pending: 'info' as const} : {}),
				...(counts.terminating > 0 ? {terminating: 'warn' as const} : {}),
			},
		};
	});
	return [
		blank,
		heading(`Auto Scaling groups (${groups.length}); instances by lifecycle state`),
		...tableLines(groupColumns, rows, width, 'none behind its capacity providers', ellipsis),
	];
}

export function clusterDetailLines(data: ClusterDetailData, context: DetailContext): DetailLine[] {
	const ctx = resolveContext(context);
	const {cluster, view} = data;
	const instances = view?.containerInstances ?? [];
	const byStatus = new Map<string, number>();
	for (const instance of instances)
		byStatus.set(instance.status, (byStatus.get(instance.status) ?? 0) + 1);
	const statuses = [...byStatus].map(([status, n]) => `${n} ${status}`).join(', ');
	const capacity = clusterCapacity(instances);
	const reservation: DetailLine[] =
		view === undefined
			? [text({text: 'Capacity loads once the cluster is selected…', tone: 'muted'})]
			: [
					reservationField(
						'CPU reserved',
						capacity.cpuRegistered,
						capacity.cpuRemaining,
						cpuUnits,
						ctx,
					),
					reservationField(
						'Memory reserved',
						capacity.memoryRegistered,
						capacity.memoryRemaining,
						memoryMiB,
						ctx,
					),
					text({
						text: '  Reserved: what the tasks ask for, of what the ACTIVE instances registered (not utilisation).',
						tone: 'muted',
					}),
				];
	return [
		field('Cluster', cluster.name),
		field('Status', cluster.status, cluster.status === 'ACTIVE' ? 'ok' : 'warn'),
		field('Container Insights', orDash(cluster.containerInsights)),
		field(
			'Instances',
			`${cluster.registeredContainerInstancesCount} registered${statuses === '' ? '' : ` (${statuses})`}`,
		),
		field('Services', `${cluster.activeServicesCount} active`),
		field(
			'Tasks',
			`${cluster.runningTasksCount} running, ${cluster.pendingTasksCount} pending`,
			cluster.pendingTasksCount > 0 ? 'warn' : undefined,
		),
		...reservation,
		...providerLines(data, ctx.width, ctx.glyphs.ellipsis),
		...groupLines(data, ctx.width, ctx.glyphs.ellipsis),
		blank,
		text({text: 'Right arrow: its services.  Esc: back.', tone: 'muted'}),
	];
}
