/**
 * Every cluster's summary, every refresh: ListClusters + DescribeClusters (100 a call), the
 * cheapest view of the whole account. The caller's identity comes along once, for the header.
 */
import type {Cluster} from '../../model/cluster.js';
import {problemOf, withProblem, type FleetTier, type TierContext} from './context.js';
import {reuseList, reuseValue, sortedBy} from './reuse.js';

export function createClustersTier(ctx: TierContext): FleetTier {
	const {ecs, sts} = ctx.adapters;

	/** STS needs no IAM grant; its failure is the identity's problem, not the clusters'. */
	function fetchIdentity(): Promise<void> {
		if (ctx.read().identity !== undefined) return Promise.resolve();
		return sts.getCallerIdentity().then(
			(found) => {
				ctx.write(withProblem('identity', undefined));
				ctx.write((state) => ({identity: reuseValue(state.identity, found)}));
			},
			(error: unknown) => ctx.write(withProblem('identity', problemOf(error))),
		);
	}

	return {
		id: 'clusters',
		async run(signal) {
			const identity = fetchIdentity();
			try {
				const arns = await ecs.listClusterArns();
				signal.throwIfAborted();
				const clusters: readonly Cluster[] =
					arns.length === 0 ? [] : (await ecs.describeClusters(arns)).items;
				signal.throwIfAborted();
				ctx.write((state) => ({
					clusters: reuseList(
						state.clusters,
						sortedBy(clusters, (cluster) => cluster.name),
						(cluster) => cluster.arn,
					),
				}));
			} finally {
				// Settled within the run, so "the refresh is done" includes the header's account.
				await identity;
			}
		},
	};
}
