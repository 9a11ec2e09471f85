/**
 * One full picture of the account (or of the clusters asked for), fetched with the fewest calls
 * the batch limits allow: what `ecs-top --once` prints. A cluster's data comes through the same
 * functions the live view's tiers use (cluster-fetch.ts, and the ECS adapter's task listing);
 * clusters are fetched in parallel, and the adapters cap the calls in flight. Capacity providers and Auto Scaling groups are described
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
import {fleetProblems, type ClusterProblemData, type Problem} from '../model/problems.js';
import {showsFailures} from '../model/service-state.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import {
	describeTasksByArn,
	fetchCapacity,
	fetchClusters,
	fetchContainerInstances,
	fetchServices,
	listTaskArnsOf,
} from './cluster-fetch.js';
import {PROBLEM_TASKS_PER_SERVICE} from './tiers/problem-tasks.js';

export interface ClusterSnapshot {
	cluster: Cluster;
	containerInstances: readonly ContainerInstance[];
	services: readonly Service[];
	tasks: readonly Task[];
	autoScalingGroups: readonly AutoScalingGroup[];
	/** Recently stopped tasks of the services that show failures (the problems' causes). */
	stoppedTasks: readonly Task[];
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
	apiErrors: AwsProblem[];
	/** What is wrong in the fleet, as the live view's problem feed says it (model/problems.ts). */
	problems: Problem[];
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
	const apiErrors: AwsProblem[] = [];
	// Capacity is described for every cluster at once (a few calls in all), beside the clusters'
	// own parts. The groups are an optional part: without Auto Scaling access the rest still prints.
	const parts = described.items.map((cluster) =>
		fetchClusterParts(adapters.ecs, cluster, apiErrors, now()),
	);
	// CloudWatch needs the services alone: its calls go out beside the tasks' rather than after
	// the last of them, where they were the only calls in flight.
	const metrics = Promise.all(parts.map((part) => part.services)).then((services) =>
		fetchServiceMetrics(adapters, services, now(), apiErrors),
	);
	const [capacity, whole, serviceMetrics] = await Promise.all([
		partial(apiErrors, noCapacity, () => fetchCapacity(adapters, described.items)),
		Promise.all(parts.map((part) => part.whole)),
		metrics,
	]);
	failures.push(...capacity.failures);
	const clusters = whole.map((part): ClusterSnapshot => {
		failures.push(...part.failures);
		return {
			...part.snapshot,
			autoScalingGroups: capacity.byCluster.get(part.snapshot.cluster.arn)?.groups ?? [],
		};
	});
	const takenAt = now();
	return {
		identity,
		region: options.region,
		takenAt,
		clusters,
		serviceMetrics,
		failures,
		apiErrors,
		problems: fleetProblems(clusters.map(problemDataOf), takenAt),
	};
}

/**
 * One cluster's services, instances and tasks, fetched as the live view's tiers fetch them, in
 * AWS's order; its services also on their own, as soon as they are in.
 *
 * The tasks are described once their listing and the failing services' stopped tasks are both
 * in, in the same calls: a cluster's running tasks seldom fill their last call of 100, and the
 * few stopped tasks behind its problems fit in the rest instead of taking calls of their own.
 */
function fetchClusterParts(
	ecs: AwsAdapters['ecs'],
	cluster: Cluster,
	problems: AwsProblem[],
	now: number,
): {
	services: Promise<Pick<ClusterSnapshot, 'cluster' | 'services'>>;
	whole: Promise<{
		snapshot: Omit<ClusterSnapshot, 'autoScalingGroups'>;
		failures: DescribeFailure[];
	}>;
} {
	const services = fetchServices(ecs, cluster.arn);
	const whole = (async () => {
		const [described, containerInstances, running] = await Promise.all([
			services,
			fetchContainerInstances(ecs, cluster.arn),
			// What the live view's tasks tier lists; described below, with the stopped ones.
			listTaskArnsOf(ecs, cluster.arn),
		]);
		const stopped = await partial(problems, [], () =>
			listFailingServicesStoppedTasks(ecs, cluster.arn, described.items, now),
		);
		const tasks = await describeRunningAndStopped(ecs, cluster.arn, running, stopped);
		return {
			snapshot: {
				cluster,
				services: described.items,
				containerInstances: containerInstances.items,
				tasks: tasks.running,
				stoppedTasks: tasks.stopped,
			},
			failures: [...described.failures, ...containerInstances.failures, ...tasks.failures],
		};
	})();
	return {services: services.then((described) => ({cluster, services: described.items})), whole};
}

/**
 * The running and stopped tasks in one describe, each ARN asked for once, parted again by which
 * list named it. AWS's failures count for the running tasks, as their own describe's did; the
 * stopped tasks are the problems' causes, and one gone missing only leaves its cause out.
 */
async function describeRunningAndStopped(
	ecs: AwsAdapters['ecs'],
	clusterArn: string,
	running: readonly string[],
	stopped: readonly string[],
): Promise<{running: Task[]; stopped: Task[]; failures: readonly DescribeFailure[]}> {
	const arns = [...new Set([...running, ...stopped])];
	if (arns.length === 0) return {running: [], stopped: [], failures: []};
	const described = await describeTasksByArn(ecs, clusterArn, arns);
	const isRunning = new Set(running);
	const isStopped = new Set(stopped);
	return {
		running: described.items.filter((task) => isRunning.has(task.arn)),
		stopped: described.items.filter((task) => isStopped.has(task.arn)),
		failures: described.failures.filter(
			(failure) =>
				failure.arn === undefined || !isStopped.has(failure.arn) || isRunning.has(failure.arn),
		),
	};
}

/**
 * The services that show failures, at most this many a cluster: a snapshot runs once, so it may
 * ask for more than a refresh of the live view does, but a broken account must not cost hundreds.
 */
export const SNAPSHOT_PROBLEM_SERVICES = 10;

/** The newest stopped tasks of each failing service, as the live view's problem-tasks tier lists them. */
async function listFailingServicesStoppedTasks(
	ecs: AwsAdapters['ecs'],
	clusterArn: string,
	services: readonly Service[],
	now: number,
): Promise<string[]> {
	const failing = services
		.filter((service) => service.status === 'ACTIVE' && showsFailures(service, now))
		.slice(0, SNAPSHOT_PROBLEM_SERVICES);
	const listed = await Promise.all(
		failing.map(async (service) => {
			const arns = await listTaskArnsOf(ecs, clusterArn, {
				serviceName: service.name,
				desiredStatus: 'STOPPED',
			});
			return arns.slice(0, PROBLEM_TASKS_PER_SERVICE);
		}),
	);
	return listed.flat();
}

function problemDataOf(snapshot: ClusterSnapshot): ClusterProblemData {
	return {
		clusterArn: snapshot.cluster.arn,
		clusterName: snapshot.cluster.name,
		services: snapshot.services,
		containerInstances: snapshot.containerInstances,
		autoScalingGroups: snapshot.autoScalingGroups,
		stoppedTasks: snapshot.stoppedTasks,
	};
}

const noCapacity: Awaited<ReturnType<typeof fetchCapacity>> = {byCluster: new Map(), failures: []};

async function fetchServiceMetrics(
	adapters: AwsAdapters,
	clusters: readonly Pick<ClusterSnapshot, 'cluster' | 'services'>[],
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
