/**
 * The capacity providers and Auto Scaling groups behind any number of clusters, described in
 * batches across all of them: every provider name in as few DescribeCapacityProviders calls as
 * its batch and page limits allow, then every group in DescribeAutoScalingGroups calls of 100.
 * A cluster at a time was two calls per cluster: 131 of each for a full snapshot of `large`.
 * The live view asks it for the focused cluster; a snapshot of the account for all of them.
 */
import type {AwsAdapters} from '../../aws/adapters.js';
import type {AutoScalingGroup} from '../../model/auto-scaling-group.js';
import {autoScalingGroupName, type CapacityProvider} from '../../model/capacity-provider.js';
import type {Cluster} from '../../model/cluster.js';
import type {DescribeFailure} from '../../model/failure.js';

export type ClusterCapacity = {
	readonly providers: readonly CapacityProvider[];
	readonly groups: readonly AutoScalingGroup[];
};

// AWS-managed providers have no Auto Scaling group behind them: no call needed to learn that.
const fargateProviders = new Set(['FARGATE', 'FARGATE_SPOT']);

/**
 * By cluster ARN, each cluster's providers (in its own order) and the groups behind them.
 * `known` caches providers by name across calls (the group a provider points at cannot change).
 */
export async function describeCapacity(
	adapters: Pick<AwsAdapters, 'ecs' | 'autoScaling'>,
	clusters: readonly Pick<Cluster, 'arn' | 'capacityProviders'>[],
	known: Map<string, CapacityProvider> = new Map(),
): Promise<{byCluster: Map<string, ClusterCapacity>; failures: DescribeFailure[]}> {
	const namesOf = (cluster: Pick<Cluster, 'capacityProviders'>) =>
		cluster.capacityProviders.filter((name) => !fargateProviders.has(name));
	const failures: DescribeFailure[] = [];
	const unknown = [...new Set(clusters.flatMap(namesOf))].filter((name) => !known.has(name));
	if (unknown.length > 0) {
		const found = await adapters.ecs.describeCapacityProviders(unknown);
		for (const provider of found.items) known.set(provider.name, provider);
		failures.push(...found.failures);
	}
	const providersOf = (cluster: Pick<Cluster, 'capacityProviders'>) =>
		namesOf(cluster).flatMap((name) => known.get(name) ?? []);
	const groupNames = [
		...new Set(
			clusters.flatMap((cluster) =>
				providersOf(cluster).flatMap((p) =>
					p.autoScalingGroup === undefined ? [] : [autoScalingGroupName(p.autoScalingGroup)],
				),
			),
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
			groups: providers.flatMap((p) =>
				p.autoScalingGroup === undefined
					? []
					: (groups.get(autoScalingGroupName(p.autoScalingGroup)) ?? []),
			),
		});
	}
	return {byCluster, failures};
}
