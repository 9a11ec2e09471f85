/**
 * The Auto Scaling groups behind a cluster's capacity providers: what `S` offers. A cluster on
 * Fargate, or with instances registered by hand, has none, and the refusal says which.
 */
import {autoScalingGroupName, isFargateProvider} from '../../model/capacity-provider.js';
import type {FleetState} from '../fleet-store.js';
import {clusterNameOf, clusterViewOf, findCluster} from './fleet-lookup.js';
import type {ScalingGroupsOutcome} from './types.js';

export function scalingGroupsOf(state: FleetState, clusterArn: string): ScalingGroupsOutcome {
	const name = clusterNameOf(state, clusterArn);
	const cluster = findCluster(state, clusterArn);
	const view = clusterViewOf(state, clusterArn);
	if (cluster === undefined || view === undefined) {
		return {
			ok: false,
			refusal: `${name}'s capacity providers are not loaded: select the cluster and wait for the next refresh`,
		};
	}
	const ownProviders = cluster.capacityProviders.filter((provider) => !isFargateProvider(provider));
	if (ownProviders.length === 0) {
		return {
			ok: false,
			refusal:
				cluster.capacityProviders.length > 0
					? `${name} runs on Fargate: AWS manages its capacity, there is no instance count to set`
					: `${name} has no capacity provider with an Auto Scaling group (its instances were registered another way): change its instances in EC2`,
		};
	}
	const groups = view.capacityProviders.flatMap((provider) => {
		if (provider.autoScalingGroup === undefined) return [];
		const groupName = autoScalingGroupName(provider.autoScalingGroup);
		const group = view.autoScalingGroups.find((candidate) => candidate.name === groupName);
		if (group === undefined) return [];
		return [
			{
				autoScalingGroupName: group.name,
				capacityProviderName: provider.name,
				minSize: group.minSize,
				maxSize: group.maxSize,
				desiredCapacity: group.desiredCapacity,
				inService: group.instances.filter((instance) => instance.lifecycleState === 'InService')
					.length,
			},
		];
	});
	if (groups.length === 0) {
		return {
			ok: false,
			refusal: `${name}'s Auto Scaling groups are not loaded yet (or ecs-top may not read them: autoscaling:DescribeAutoScalingGroups)`,
		};
	}
	return {ok: true, groups};
}
