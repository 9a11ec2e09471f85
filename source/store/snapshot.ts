/**
 * One full picture of the account (or of the clusters asked for), fetched with the fewest calls
 * the batch limits allow: what `ecs-top --once` prints. A cluster's data comes through the same
 * functions the live view's tiers use (cluster-fetch.ts); clusters are fetched in parallel, and
 * the adapters cap the calls in flight. Capacity providers and Auto Scaling groups are described
 * across all clusters at once, so a snapshot of 200 clusters spends two or three calls on them,
 * not two per cluster.
 */
import type {AwsAdapters} from '../aws/adapters.js';
import {nameFromArn} from '../model/arn.js';
import {accountWideKinds, AwsApiError, type AwsProblem} from '../aws/errors.js';
import type {AutoScalingGroup} from '../model/auto-scaling-group.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import {serviceMetricQuery} from '../model/ecs-metrics.js';
import type {DescribeFailure} from '../model/failure.js';
import type {CallerIdentity} from '../model/identity.js';
import {latestValue, type MetricQuery} from '../model/metrics.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import {
	fetchCapacity,
	fetchClusters,
	fetchContainerInstances,
	fetchServices,
	fetchTasks,
} from './cluster-fetch.js';

export interface ClusterSnapshot {
	cluster: Cluster;
	containerInstances: readonly ContainerInstance[];
	services: readonly Service[];
	tasks: readonly Task[];
	autoScalingGroups: readonly AutoScalingGroup[];
}

export interface Snapshot {
	identity: CallerIdentity;
	region: string;
	takenAt: number;
	clusters: ClusterSnapshot[];
	/** Latest CPU and memory utilization (%) per service ARN, when CloudWatch had a point. */
	serviceMetrics: Map<string, {cpu: number | undefined; memory: number | undefined}>;
	failures: DescribeFailure[];
	/** Parts that could not be fetched (e.g. CloudWatch access denied); the rest is still good. */
	problems: AwsProblem[];
}

/** Clusters asked for by name that do not exist: `ecs-top --once --cluster nope` exits 1. */
export class UnknownClustersError extends Error {
	constructor(
		readonly names: string[],
		region: string,
	) {
		super(`cluster ${names.join(', ')} not found in ${region}`);
		this.name = 'UnknownClustersError';
	}
}

// A point a minute: ten minutes always holds the newest one, even for a service just scaled up.
const metricWindowMs = 10 * 60_000;

export async function takeSnapshot(
	adapters: AwsAdapters,
	options: {region: string; clusters: readonly string[]; now?: () => number},
): Promise<Snapshot> {
	const now = options.now ?? Date.now;
	const named = options.clusters.length > 0 ? options.clusters : undefined;
	const [identity, described] = await Promise.all([
		adapters.sts.getCallerIdentity(),
		fetchClusters(adapters.ecs, named),
	]);
	if (named !== undefined && described.failures.length > 0) {
		const missing = described.failures.map((failure) => nameFromArn(failure.arn ?? ''));
		throw new UnknownClustersError(missing, options.region);
	}
	const failures: DescribeFailure[] = [...described.failures];
	const problems: AwsProblem[] = [];
	// Capacity is described for every cluster at once (a few calls in all), beside the clusters'
	// own parts. The groups are an optional part: without Auto Scaling access the rest still prints.
	const [capacity, parts] = await Promise.all([
		partial(problems, noCapacity, () => fetchCapacity(adapters, described.items)),
		Promise.all(described.items.map((cluster) => fetchClusterParts(adapters.ecs, cluster))),
	]);
	failures.push(...capacity.failures);
	const clusters = parts.map((part): ClusterSnapshot => {
		failures.push(...part.failures);
		return {
			...part.snapshot,
			autoScalingGroups: capacity.byCluster.get(part.snapshot.cluster.arn)?.groups ?? [],
		};
	});
	const serviceMetrics = await fetchServiceMetrics(adapters, clusters, now(), problems);
	return {
		identity,
		region: options.region,
		takenAt: now(),
		clusters,
		serviceMetrics,
		failures,
		problems,
	};
}

/** One cluster's services, instances and tasks, fetched as the live view's tiers fetch them, in AWS's order. */
async function fetchClusterParts(
	ecs: AwsAdapters['ecs'],
	cluster: Cluster,
): Promise<{
	snapshot: Omit<ClusterSnapshot, 'autoScalingGroups'>;
	failures: DescribeFailure[];
}> {
	const [services, containerInstances, tasks] = await Promise.all([
		fetchServices(ecs, cluster.arn),
		fetchContainerInstances(ecs, cluster.arn),
		fetchTasks(ecs, cluster.arn),
	]);
	return {
		snapshot: {
			cluster,
			services: services.items,
			containerInstances: containerInstances.items,
			tasks: tasks.items,
		},
		failures: [...services.failures, ...containerInstances.failures, ...tasks.failures],
	};
}

const noCapacity: Awaited<ReturnType<typeof fetchCapacity>> = {byCluster: new Map(), failures: []};

async function fetchServiceMetrics(
	adapters: AwsAdapters,
	clusters: readonly ClusterSnapshot[],
	now: number,
	problems: AwsProblem[],
): Promise<Snapshot['serviceMetrics']> {
	const queries: Array<{serviceArn: string; cpu: MetricQuery; memory: MetricQuery}> = [];
	for (const {cluster, services} of clusters) {
		for (const service of services) {
			queries.push({
				serviceArn: service.arn,
				cpu: serviceMetricQuery(cluster.name, service.name, 'cpu'),
				memory: serviceMetricQuery(cluster.name, service.name, 'memory'),
			});
		}
	}
	const result: Snapshot['serviceMetrics'] = new Map();
	if (queries.length === 0) return result;
	const series = await partial(problems, undefined, () =>
		adapters.cloudWatch.getMetricData(
			queries.flatMap((query) => [query.cpu, query.memory]),
			{startTime: now - metricWindowMs, endTime: now},
		),
	);
	if (series === undefined) return result;
	const byKey = new Map(series.map((one) => [one.key, one]));
	for (const query of queries) {
		result.set(query.serviceArn, {
			cpu: latestValue(byKey.get(query.cpu.key)),
			memory: latestValue(byKey.get(query.memory.key)),
		});
	}
	return result;
}

/**
 * Runs an optional part: an AWS failure there (say, no CloudWatch permission) is recorded as a
 * problem and the snapshot goes on without it. Credential and network failures still abort,
 * since nothing else would work either.
 */
async function partial<T>(
	problems: AwsProblem[],
	fallback: T,
	fetch: () => Promise<T>,
): Promise<T> {
	try {
		return await fetch();
	} catch (error) {
		if (!(error instanceof AwsApiError)) throw error;
		if (accountWideKinds.has(error.problem.kind)) throw error;
		problems.push(error.problem);
		return fallback;
	}
}
