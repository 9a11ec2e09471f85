/**
 * How a cluster's data is fetched from AWS: the clusters themselves, a cluster's services,
 * container instances and tasks (a List, then Describe of what it listed), the stopped tasks of a
 * failing service, and the Auto Scaling groups behind its capacity providers. The live view's
 * poll tiers (source/store/tiers) and the `--once` snapshot (snapshot.ts) both fetch through here,
 * as does `--service` looking a service up by name; nothing else in the store lists or describes
 * these but the write layer's one-off settle checks (a lint rule, `oneFetchPath` in
 * eslint.config.js, holds the rest of source/ to it), so the two cannot drift apart in what they
 * ask AWS for. That is why the task list and describe below are thin: a caller that batches
 * several lists into shared describes still reaches AWS through this module. Each then keeps
 * what it needs: the tiers choose what is due, sort and reuse for the screen; the snapshot keeps
 * AWS's order and the describe failures it prints.
 */
import type {AwsAdapters} from '../aws/adapters.js';
import type {EcsAdapter, ListTasksFilter} from '../aws/ecs.js';
import {ecsLimits} from '../aws/ecs-limits.js';
import type {AutoScalingGroup} from '../model/auto-scaling-group.js';
import {
	autoScalingGroupName,
	isFargateProvider,
	type CapacityProvider,
} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Described, DescribeFailure} from '../model/failure.js';
import type {Service} from '../model/service.js';
import {serviceNameFromGroup, type Task} from '../model/task.js';
import {confirmedList} from './tiers/first-load.js';

/** Describes listed ARNs; the adapters batch them to the API's limits. */
export type DescribeArns<T> = (arns: readonly string[]) => Promise<Described<T>>;

/** How a fetch is carried out; `--once` takes the defaults, the live view's tiers set them. */
export type FetchManner = {
	/** The screen holds items of this list: an empty List answer is asked again before belief. */
	readonly hadItems?: boolean;
	readonly signal?: AbortSignal;
	/**
	 * Runs the Describe over the listed ARNs: in one go by default; the live view counts a first
	 * load in parts, for the progress in a pane's title.
	 */
	readonly describe?: <T>(
		arns: readonly string[],
		describe: DescribeArns<T>,
	) => Promise<Described<T>>;
};

/** What a List-then-Describe fetch found, with how many ARNs the List calls gave. */
export type Fetched<T> = Described<T> & {readonly listed: number};

const neverAborted = new AbortController().signal;

/** Runs the Describe over `arns` as the manner says: in one go unless it counts parts. */
function describeInManner<T>(
	arns: readonly string[],
	describe: DescribeArns<T>,
	manner: FetchManner,
): Promise<Described<T>> {
	return (manner.describe ?? ((all, run) => run(all)))(arns, describe);
}

async function listThenDescribe<T>(
	list: () => Promise<string[]>,
	describe: DescribeArns<T>,
	manner: FetchManner,
	/** Only the first this many listed are described (a List gives the newest first). */
	limit?: number,
): Promise<Fetched<T>> {
	const signal = manner.signal ?? neverAborted;
	const arns = await confirmedList(list, manner.hadItems ?? false, signal);
	signal.throwIfAborted();
	if (arns.length === 0) return {items: [], failures: [], listed: 0};
	const wanted = limit === undefined ? arns : arns.slice(0, limit);
	const described = await describeInManner(wanted, describe, manner);
	return {...described, listed: arns.length};
}

/**
 * Every cluster ARN in the account (ListClusters). The live view lists now and then and describes
 * what it holds in between, so listing is a step of its own.
 */
export function listClusters(ecs: EcsAdapter, manner: FetchManner = {}): Promise<string[]> {
	return confirmedList(
		() => ecs.listClusterArns(),
		manner.hadItems ?? false,
		manner.signal ?? neverAborted,
	);
}

/** The named clusters, or every cluster in the account when `names` is undefined. */
export function fetchClusters(
	ecs: EcsAdapter,
	names: readonly string[] | undefined,
	manner: FetchManner = {},
): Promise<Fetched<Cluster>> {
	const list = names === undefined ? () => ecs.listClusterArns() : async () => [...names];
	return listThenDescribe(list, (arns) => ecs.describeClusters(arns), manner);
}

export function fetchServices(
	ecs: EcsAdapter,
	clusterArn: string,
	manner: FetchManner = {},
): Promise<Fetched<Service>> {
	return listThenDescribe(
		() => ecs.listServiceArns(clusterArn),
		(arns) => ecs.describeServices(clusterArn, arns),
		manner,
	);
}

/**
 * One page of the cluster's service list (ListServices), from `token` (undefined: the first): the
 * live view sweeps a large list a page at a time instead of all its pages at once.
 */
export function fetchServicePage(
	ecs: EcsAdapter,
	clusterArn: string,
	token: string | undefined,
	manner: Pick<FetchManner, 'signal'> = {},
): Promise<{arns: string[]; next: string | undefined}> {
	if (manner.signal?.aborted) return Promise.reject(manner.signal.reason as Error);
	return ecs.listServiceArnsPage(clusterArn, token);
}

/**
 * The given services of the cluster, described without a listing: the ones on screen, or the next
 * part of a sweep. One that no longer exists comes back as a MISSING failure.
 */
export function fetchServicesByArn(
	ecs: Pick<EcsAdapter, 'describeServices'>,
	clusterArn: string,
	services: readonly string[],
	manner: FetchManner = {},
): Promise<Described<Service>> {
	if (manner.signal?.aborted) return Promise.reject(manner.signal.reason as Error);
	return describeInManner(services, (arns) => ecs.describeServices(clusterArn, arns), manner);
}

export function fetchContainerInstances(
	ecs: EcsAdapter,
	clusterArn: string,
	manner: FetchManner = {},
): Promise<Fetched<ContainerInstance>> {
	return listThenDescribe(
		() => ecs.listContainerInstanceArns(clusterArn),
		(arns) => ecs.describeContainerInstances(clusterArn, arns),
		manner,
	);
}

export type TasksWanted = Pick<ListTasksFilter, 'serviceName' | 'desiredStatus'> & {
	/**
	 * Only the first this many listed tasks are described (ListTasks gives the newest first): the
	 * stopped tasks of a service in a crash loop run to thousands, and the newest say why.
	 */
	readonly newest?: number;
	/**
	 * The tasks as last seen, by ARN, asked for once the list is in: an unchanged task comes back
	 * as that very object (see the ECS adapter's describeTasks).
	 */
	readonly previous?: () => ReadonlyMap<string, Task> | undefined;
};

/**
 * The ARNs of a cluster's tasks (RUNNING unless asked otherwise), or one service's, not yet
 * described: for a caller that describes several lists in the same calls.
 */
export function listTaskArnsOf(
	ecs: EcsAdapter,
	clusterArn: string,
	wanted: Pick<ListTasksFilter, 'serviceName' | 'desiredStatus'> = {},
): Promise<string[]> {
	return ecs.listTaskArns(clusterArn, wanted);
}

/** Tasks by ARN, in calls of 100. */
export function describeTasksByArn(
	ecs: EcsAdapter,
	clusterArn: string,
	arns: readonly string[],
): Promise<Described<Task>> {
	return ecs.describeTasks(clusterArn, arns);
}

/** The cluster's tasks (RUNNING unless asked otherwise), or one service's. */
export function fetchTasks(
	ecs: EcsAdapter,
	clusterArn: string,
	wanted: TasksWanted = {},
	manner: FetchManner = {},
): Promise<Fetched<Task>> {
	const filter: ListTasksFilter = {
		...(wanted.serviceName === undefined ? {} : {serviceName: wanted.serviceName}),
		...(wanted.desiredStatus === undefined ? {} : {desiredStatus: wanted.desiredStatus}),
	};
	let previous: ReadonlyMap<string, Task> | undefined;
	return listThenDescribe(
		async () => {
			const arns = await ecs.listTaskArns(clusterArn, filter);
			previous = wanted.previous?.();
			return arns;
		},
		(arns) => ecs.describeTasks(clusterArn, arns, previous),
		manner,
		wanted.newest,
	);
}

/**
 * The newest stopped tasks of some of one cluster's services, for the problems they show: a
 * ListTasks each (it gives the newest first), then the newest of every service described
 * together, `newestInAll` in all (one DescribeTasks of 100 by default) rather than a
 * DescribeTasks per service: why a crash loop's tasks died is in its last few, and the calls are
 * what a cluster with many failing services would spend.
 */
export async function fetchStoppedTasksOfServices(
	ecs: EcsAdapter,
	clusterArn: string,
	serviceNames: readonly string[],
	manner: FetchManner = {},
	newestInAll = 100,
): Promise<{readonly byService: ReadonlyMap<string, Task[]>; readonly calls: number}> {
	const signal = manner.signal ?? neverAborted;
	const each = Math.max(1, Math.floor(newestInAll / Math.max(1, serviceNames.length)));
	const listed = await Promise.all(
		serviceNames.map((serviceName) =>
			listTaskArnsOf(ecs, clusterArn, {serviceName, desiredStatus: 'STOPPED'}),
		),
	);
	signal.throwIfAborted();
	const wanted = listed.flatMap((arns) => arns.slice(0, each));
	const described =
		wanted.length === 0 ? [] : (await describeTasksByArn(ecs, clusterArn, wanted)).items;
	signal.throwIfAborted();
	const byService = new Map<string, Task[]>(serviceNames.map((name) => [name, []]));
	for (const task of described) {
		const name = task.serviceName ?? serviceNameFromGroup(task.group);
		if (name !== undefined) byService.get(name)?.push(task);
	}
	// The calls, from the lists' lengths and the limits the adapter pages and batches by.
	const pages = listed.reduce(
		(sum, arns) => sum + Math.max(1, Math.ceil(arns.length / ecsLimits.pageSize)),
		0,
	);
	return {byService, calls: pages + Math.ceil(wanted.length / ecsLimits.describeTasks)};
}

/** A cluster's capacity providers (in its own order) and the Auto Scaling groups behind them. */
export type ClusterCapacity = {
	readonly providers: readonly CapacityProvider[];
	readonly groups: readonly AutoScalingGroup[];
};

/**
 * The capacity providers and Auto Scaling groups behind any number of clusters, described in
 * batches across all of them: every provider name in as few DescribeCapacityProviders calls as
 * its batch limit allows, then every group in DescribeAutoScalingGroups calls of 100. A cluster
 * at a time was two calls per cluster: 131 of each for a snapshot of `large`, where the limits
 * allow 2 and 2. The live view asks it for the focused cluster, `--once` for all of them.
 *
 * By cluster ARN; `known` caches providers by name across calls (the group a provider points at
 * cannot change).
 */
export async function fetchCapacity(
	adapters: Pick<AwsAdapters, 'ecs' | 'autoScaling'>,
	clusters: readonly Pick<Cluster, 'arn' | 'capacityProviders'>[],
	options: {known?: Map<string, CapacityProvider>; signal?: AbortSignal} = {},
): Promise<{byCluster: Map<string, ClusterCapacity>; failures: DescribeFailure[]}> {
	const known = options.known ?? new Map<string, CapacityProvider>();
	const namesOf = (cluster: Pick<Cluster, 'capacityProviders'>) =>
		cluster.capacityProviders.filter((name) => !isFargateProvider(name));
	const failures: DescribeFailure[] = [];
	const unknown = [...new Set(clusters.flatMap(namesOf))].filter((name) => !known.has(name));
	if (unknown.length > 0) {
		const found = await adapters.ecs.describeCapacityProviders(unknown);
		for (const provider of found.items) known.set(provider.name, provider);
		failures.push(...found.failures);
		options.signal?.throwIfAborted();
	}
	const providersOf = (cluster: Pick<Cluster, 'capacityProviders'>) =>
		namesOf(cluster).flatMap((name) => known.get(name) ?? []);
	const groupOf = (provider: CapacityProvider) =>
		provider.autoScalingGroup === undefined
			? undefined
			: autoScalingGroupName(provider.autoScalingGroup);
	const groupNames = [
		...new Set(
			clusters.flatMap((cluster) => providersOf(cluster).flatMap((p) => groupOf(p) ?? [])),
		),
	];
	const groups = new Map<string, AutoScalingGroup>();
	if (groupNames.length > 0) {
		const described = await adapters.autoScaling.describeAutoScalingGroups(groupNames);
		for (const group of described.items) groups.set(group.name, group);
		failures.push(...described.failures);
	}
	const byCluster = new Map<string, ClusterCapacity>();
	for (const cluster of clusters) {
		const providers = providersOf(cluster);
		byCluster.set(cluster.arn, {
			providers,
			groups: providers.flatMap((p) => {
				const name = groupOf(p);
				return name === undefined ? [] : (groups.get(name) ?? []);
			}),
		});
	}
	return {byCluster, failures};
}
