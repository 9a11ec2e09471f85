/**
 * Every cluster's summary, every third refresh (15 s by default): DescribeClusters (100 a call)
 * of the clusters held, the cheapest view of the whole account. Which clusters exist is asked
 * (ListClusters) only every LIST_CLUSTERS_EVERY refreshes, on the first run and on the user's
 * refresh: clusters come and go far more seldom than their counts move. A held cluster that is
 * gone (MISSING, INACTIVE) drops out at once. The caller's identity comes along once, for the
 * header.
 *
 * With `--cluster` (or the config file's `clusters`), only those: they are described by the
 * names or ARNs given, with no ListClusters, and one that AWS does not know is reported as the
 * tier's problem (`cluster nope not found in us-east-1`) while the others stay live.
 *
 * The calls are made through cluster-fetch.ts, as `--once` makes them.
 */
import type {Cluster} from '../../model/cluster.js';
import {nameFromArn} from '../../model/arn.js';
import {LIST_CLUSTERS_EVERY, refreshesOf, schedulerInterval} from '../poll-cadences.js';
import type {DescribeFailure} from '../../model/failure.js';
import {ecsLimits} from '../../aws/ecs-limits.js';
import type {DataProblem, FleetState} from '../fleet-store.js';
import {problemOf, withProblem, type FleetTier, type TierContext} from './context.js';
import {fetchClusters, listClusters} from '../cluster-fetch.js';
import {describeCounted} from './first-load.js';
import {reuseList, reuseValue, sortedBy} from './reuse.js';

/** Cluster summaries are described every this many refreshes. */
export const CLUSTERS_EVERY = refreshesOf('clusters');
/** The clusters are listed (new ones found) every this many refreshes. */
export {LIST_CLUSTERS_EVERY};

export type ClustersTierOptions = {
	/** `--cluster` names or ARNs; empty or absent: every cluster in the region. */
	readonly only?: readonly string[];
};

/** The named clusters AWS does not know, said as `--once` says it. */
export function unknownClustersProblem(
	failures: readonly DescribeFailure[],
	region: string | undefined,
): DataProblem | undefined {
	const names = [...new Set(failures.map((failure) => nameFromArn(failure.arn ?? '')))].filter(
		(name) => name !== '',
	);
	if (names.length === 0) return undefined;
	const where = region === undefined ? '' : ` in ${region}`;
	return {
		kind: 'not-found',
		message: `cluster ${names.join(', ')} not found${where}`,
		action: undefined,
	};
}

export function createClustersTier(ctx: TierContext, options: ClustersTierOptions = {}): FleetTier {
	const {ecs, sts} = ctx.adapters;
	const only = [...new Set(options.only ?? [])].filter((name) => name !== '');

	/**
	 * STS needs no IAM grant; its failure is the identity's problem, not the clusters'. Written
	 * once the clusters are (or failed): STS answers first, and a frame of its own for the header's
	 * account held the first frame with clusters back by one frame interval (~35-60 ms at start).
	 */
	function fetchIdentity(clustersWritten: Promise<void>): Promise<void> {
		if (ctx.read().identity !== undefined) return Promise.resolve();
		return sts.getCallerIdentity().then(
			async (found) => {
				await clustersWritten;
				ctx.write(withProblem('identity', undefined));
				ctx.write((state) => ({identity: reuseValue(state.identity, found)}));
			},
			async (error: unknown) => {
				await clustersWritten;
				ctx.write(withProblem('identity', problemOf(error)));
			},
		);
	}

	/** When the clusters were last listed, and on which user refresh (R lists them again). */
	let listed: {at: number; refreshRequests: number} | undefined;

	/**
	 * The clusters to describe: the ones named; else the ones held, or every one ListClusters
	 * finds when a listing is due.
	 */
	async function clusterRefs(
		state: FleetState,
		signal: AbortSignal,
	): Promise<{refs: string[]; listed: boolean}> {
		if (only.length > 0) return {refs: only, listed: true};
		const now = ctx.now();
		const due =
			listed === undefined ||
			state.clusters.length === 0 ||
			listed.refreshRequests !== state.refreshRequests ||
			now - listed.at >= LIST_CLUSTERS_EVERY * state.refreshMs;
		if (!due) return {refs: state.clusters.map((cluster) => cluster.arn), listed: false};
		const refs = await listClusters(ecs, {hadItems: state.clusters.length > 0, signal});
		listed = {at: now, refreshRequests: state.refreshRequests};
		return {refs, listed: true};
	}

	return {
		id: 'clusters',
		...schedulerInterval('clusters'),
		async run(signal) {
			let markWritten!: () => void;
			const written = new Promise<void>((resolve) => (markWritten = resolve));
			const identity = fetchIdentity(written);
			try {
				const before = ctx.read();
				const {refs, listed: fromList} = await clusterRefs(before, signal);
				signal.throwIfAborted();
				const firstLoad = before.dataSets.clusters?.fetchedAt === undefined;
				const described = await fetchClusters(ecs, refs, {
					signal,
					describe: (arns, describe) =>
						describeCounted(
							ctx,
							'clusters',
							arns,
							{firstLoad, part: ecsLimits.describeClusters, signal},
							describe,
						),
				});
				signal.throwIfAborted();
				// Held clusters described without a listing: one deleted since drops out, as a listing
				// would have left it out.
				const current = fromList
					? described.items
					: described.items.filter((cluster) => cluster.status !== 'INACTIVE');
				ctx.write((state) => ({
					clusters: reuseList(
						state.clusters,
						sortedBy(current, (cluster: Cluster) => cluster.name),
						(cluster) => cluster.arn,
					),
				}));
				return only.length > 0
					? unknownClustersProblem(described.failures, ctx.read().connection.region)
					: undefined;
			} finally {
				markWritten();
				// Settled within the run, so "the refresh is done" includes the header's account.
				await identity;
			}
		},
	};
}
