/**
 * Every cluster's summary, every refresh: ListClusters + DescribeClusters (100 a call), the
 * cheapest view of the whole account. The caller's identity comes along once, for the header.
 */
import {ecsLimits} from '../../aws/ecs-limits.js';
import {fetchClusters} from '../cluster-fetch.js';
import {problemOf, withProblem, type FleetTier, type TierContext} from './context.js';
import {describeCounted} from './first-load.js';
import {reuseList, reuseValue, sortedBy} from './reuse.js';

export function createClustersTier(ctx: TierContext): FleetTier {
	const {ecs, sts} = ctx.adapters;

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

	return {
		id: 'clusters',
		async run(signal) {
			let markWritten!: () => void;
			const written = new Promise<void>((resolve) => (markWritten = resolve));
			const identity = fetchIdentity(written);
			try {
				const before = ctx.read();
				const firstLoad = before.dataSets.clusters?.fetchedAt === undefined;
				const options = {firstLoad, part: ecsLimits.describeClusters, signal};
				const {items: clusters} = await fetchClusters(ecs, undefined, {
					hadItems: before.clusters.length > 0,
					signal,
					describe: (arns, describe) => describeCounted(ctx, 'clusters', arns, options, describe),
				});
				signal.throwIfAborted();
				ctx.write((state) => ({
					clusters: reuseList(
						state.clusters,
						sortedBy(clusters, (cluster) => cluster.name),
						(cluster) => cluster.arn,
					),
				}));
			} finally {
				markWritten();
				// Settled within the run, so "the refresh is done" includes the header's account.
				await identity;
			}
		},
	};
}
