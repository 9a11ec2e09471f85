/**
 * `--service NAME`: which cluster has that service. The live view starts on it, so it must be
 * found first: DescribeServices with the name, in the --cluster clusters if given, else in every
 * cluster the first poll brought (a few at a time, stopping at the first that has it). The answer
 * goes to a small store of its own, which the App reads once to select the cluster and the
 * service; the pollers then fetch them as for any selection.
 */
import {createStore, type StoreApi} from 'zustand/vanilla';
import type {EcsAdapter} from '../aws/ecs.js';
import {fetchServicesByArn} from './cluster-fetch.js';
import {firstClusters} from './first-clusters.js';
import type {FleetStore} from './fleet-store.js';

export type ServiceSearchState =
	| {readonly status: 'searching'; readonly service: string}
	| {
			readonly status: 'found';
			readonly service: string;
			readonly clusterArn: string;
			readonly serviceArn: string;
	  }
	/** Not found, or the clusters could not be asked: the message says which. */
	| {readonly status: 'not-found'; readonly service: string; readonly message: string};

export type ServiceSearch = StoreApi<ServiceSearchState>;

export function createServiceSearch(service: string): ServiceSearch {
	return createStore<ServiceSearchState>()(() => ({status: 'searching', service}));
}

/** Clusters asked at once: a large account has hundreds, and polls share the same limits. */
const clustersAtOnce = 5;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Looks for the service and writes the answer to `search`. `clusters` are the --cluster names
 * (empty: every cluster of the account, as the first poll lists them).
 */
export async function runServiceSearch(
	search: ServiceSearch,
	ecs: Pick<EcsAdapter, 'describeServices'>,
	fleet: FleetStore,
	clusters: readonly string[],
): Promise<void> {
	const {service} = search.getState();
	let answer: ServiceSearchState;
	try {
		answer = await findService(service, ecs, fleet, clusters);
	} catch (error) {
		// A failure here must not take the live view down: the service was just not found.
		const reason = error instanceof Error ? error.message : String(error);
		answer = {status: 'not-found', service, message: `--service ${service}: ${reason}`};
	}
	search.setState(answer);
}

async function findService(
	service: string,
	ecs: Pick<EcsAdapter, 'describeServices'>,
	fleet: FleetStore,
	clusters: readonly string[],
): Promise<ServiceSearchState> {
	const notFound = (message: string): ServiceSearchState => ({
		status: 'not-found',
		service,
		message,
	});
	let candidates: readonly string[] = clusters;
	if (candidates.length === 0) {
		const state = await firstClusters(fleet);
		if (state.dataSets.clusters?.fetchedAt === undefined)
			return notFound(`--service ${service}: the clusters could not be listed to look for it`);
		candidates = state.clusters.map((cluster) => cluster.arn);
	}
	const failures: string[] = [];
	for (let start = 0; start < candidates.length; start += clustersAtOnce) {
		const batch = candidates.slice(start, start + clustersAtOnce);
		const answers = await Promise.allSettled(
			batch.map((cluster) => fetchServicesByArn(ecs, cluster, [service])),
		);
		for (const answer of answers) {
			if (answer.status === 'rejected') {
				const reason: unknown = answer.reason;
				failures.push(reason instanceof Error ? reason.message : String(reason));
				continue;
			}
			// A deleted service is still described for a while, as INACTIVE.
			const found = answer.value.items.find((item) => item.status === 'ACTIVE');
			if (found !== undefined)
				return {status: 'found', service, clusterArn: found.clusterArn, serviceArn: found.arn};
		}
	}
	const missing =
		clusters.length === 1
			? `cluster ${clusters[0]} has no service named ${service}`
			: clusters.length > 1
				? `none of clusters ${clusters.join(', ')} has a service named ${service}`
				: `no cluster has a service named ${service} (looked in ${plural(candidates.length, 'cluster')})`;
	const failed =
		failures.length === 0
			? ''
			: `; ${plural(failures.length, 'cluster')} could not be asked: ${failures[0]}`;
	return notFound(`${missing}${failed}`);
}
