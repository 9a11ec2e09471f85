/**
 * The focused cluster's capacity, every INSTANCES_EVERY refreshes (60 s by default): its container
 * instances (List/Describe 100 a call), and the Auto Scaling groups behind its capacity providers
 * (DescribeAutoScalingGroups 100 a call). What an instance has registered never changes, and what
 * it has left moves as tasks are placed, which the tasks and services panes show every refresh;
 * a group's size moves when someone scales it, and the `S` and `d` keys refresh at once after
 * their change. Capacity providers are described once and cached: the group a provider points at
 * cannot be changed. The calls are made through cluster-fetch.ts, as `--once` makes them.
 */
import type {CapacityProvider} from '../../model/capacity-provider.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import {fetchCapacity, fetchContainerInstances, type ClusterCapacity} from '../cluster-fetch.js';
import {refreshesOf, schedulerInterval} from '../poll-cadences.js';
import type {ClusterView} from '../fleet-store.js';
import {throwFirstFailure, valueOf, type FleetTier, type TierContext} from './context.js';
import {describeCounted} from './first-load.js';
import {reuseList, sortedBy} from './reuse.js';

/** Container instances and Auto Scaling groups are refreshed every this many refreshes. */
export const INSTANCES_EVERY = refreshesOf('instances');

export const emptyClusterView: ClusterView = {
	services: [],
	containerInstances: [],
	capacityProviders: [],
	autoScalingGroups: [],
};

/** Instances counted in on a first load this many at a time (1 call). */
const progressPart = 100;

export function createInstancesTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	const providers = new Map<string, CapacityProvider>();

	async function fetchInstances(
		clusterArn: string,
		signal: AbortSignal,
	): Promise<ContainerInstance[]> {
		const held = ctx.read().clusterViews[clusterArn];
		const options = {firstLoad: held === undefined, part: progressPart, signal};
		const fetched = await fetchContainerInstances(ecs, clusterArn, {
			hadItems: (held?.containerInstances.length ?? 0) > 0,
			signal,
			describe: (arns, describe) => describeCounted(ctx, 'instances', arns, options, describe),
		});
		return [...fetched.items];
	}

	/** The cluster's providers come with its summary, so this waits for the clusters tier. */
	async function providerNamesOf(clusterArn: string): Promise<readonly string[]> {
		const find = () => ctx.read().clusters.find((cluster) => cluster.arn === clusterArn);
		if (find() === undefined) await ctx.clustersSettled();
		return find()?.capacityProviders ?? [];
	}

	async function fetchClusterCapacity(
		clusterArn: string,
		signal: AbortSignal,
	): Promise<ClusterCapacity> {
		const capacityProviders = await providerNamesOf(clusterArn);
		signal.throwIfAborted();
		const {byCluster} = await fetchCapacity(ctx.adapters, [{arn: clusterArn, capacityProviders}], {
			known: providers,
			signal,
		});
		return byCluster.get(clusterArn)!;
	}

	return {
		id: 'instances',
		...schedulerInterval('instances'),
		enabled: (state) => state.focus.clusterArn !== undefined,
		async run(signal) {
			const clusterArn = ctx.read().focus.clusterArn;
			if (clusterArn === undefined) return;
			const results = await Promise.allSettled([
				fetchInstances(clusterArn, signal),
				fetchClusterCapacity(clusterArn, signal),
			]);
			signal.throwIfAborted();
			const instances = valueOf(results[0]);
			const capacity = valueOf(results[1]);
			ctx.write((state) => {
				const before = state.clusterViews[clusterArn] ?? emptyClusterView;
				const view: ClusterView = {
					services: before.services,
					containerInstances:
						instances === undefined
							? before.containerInstances
							: reuseList(
									before.containerInstances,
									sortedBy(instances, (i) => i.ec2InstanceId ?? i.arn),
									(i) => i.arn,
								),
					capacityProviders:
						capacity === undefined
							? before.capacityProviders
							: reuseList(before.capacityProviders, capacity.providers, (p) => p.name),
					autoScalingGroups:
						capacity === undefined
							? before.autoScalingGroups
							: reuseList(
									before.autoScalingGroups,
									sortedBy(capacity.groups, (g) => g.name),
									(g) => g.name,
								),
				};
				const unchanged = (Object.keys(view) as (keyof ClusterView)[]).every(
					(key) => view[key] === before[key],
				);
				if (unchanged && state.clusterViews[clusterArn] !== undefined) return {};
				return {clusterViews: {...state.clusterViews, [clusterArn]: view}};
			});
			// Same refresh, not one interval later: EC2 details of new instances.
			ctx.wake('ec2');
			throwFirstFailure(results);
		},
	};
}
