/**
 * The focused cluster, every refresh: its services (ListServices 100 a page, DescribeServices 10
 * a call), its container instances (List/Describe 100 a call) and the Auto Scaling groups behind
 * its capacity providers (DescribeAutoScalingGroups 100 a call). Capacity providers are described
 * once and cached: the group a provider points at cannot be changed.
 */
import type {AutoScalingGroup} from '../../model/auto-scaling-group.js';
import type {CapacityProvider} from '../../model/capacity-provider.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import type {Service} from '../../model/service.js';
import * as clusterFetch from '../cluster-fetch.js';
import type {ClusterView, ProgressId} from '../fleet-store.js';
import {throwFirstFailure, valueOf, type FleetTier, type TierContext} from './context.js';
import {describeCounted} from './first-load.js';
import {reuseList, sortedBy} from './reuse.js';

const emptyView: ClusterView = {
	services: [],
	containerInstances: [],
	capacityProviders: [],
	autoScalingGroups: [],
};

/** Services and instances counted in on a first load this many at a time (10 and 1 calls). */
const progressPart = 100;

/** Task definition ARNs a service shows: the current one and any still rolling out or draining. */
export function serviceTaskDefinitions(service: Service): string[] {
	return [service.taskDefinition, ...service.deployments.map((d) => d.taskDefinition)].filter(
		(arn) => arn !== '',
	);
}

export function createClusterTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	const providers = new Map<string, CapacityProvider>();

	/** The view held for the cluster, if any: whether this is its first load, and what it had. */
	const heldView = (clusterArn: string): ClusterView | undefined =>
		ctx.read().clusterViews[clusterArn];

	/** A first load of the cluster is described in parts, with its progress in the pane's title. */
	function fetchManner(
		id: ProgressId,
		held: ClusterView | undefined,
		heldItems: readonly unknown[] | undefined,
		signal: AbortSignal,
	): clusterFetch.FetchManner {
		const options = {firstLoad: held === undefined, part: progressPart, signal};
		return {
			hadItems: (heldItems?.length ?? 0) > 0,
			signal,
			describe: (arns, describe) => describeCounted(ctx, id, arns, options, describe),
		};
	}

	async function fetchServices(clusterArn: string, signal: AbortSignal): Promise<Service[]> {
		const held = heldView(clusterArn);
		const manner = fetchManner('services', held, held?.services, signal);
		return [...(await clusterFetch.fetchServices(ecs, clusterArn, manner)).items];
	}

	async function fetchInstances(
		clusterArn: string,
		signal: AbortSignal,
	): Promise<ContainerInstance[]> {
		const held = heldView(clusterArn);
		const manner = fetchManner('instances', held, held?.containerInstances, signal);
		return [...(await clusterFetch.fetchContainerInstances(ecs, clusterArn, manner)).items];
	}

	/** The cluster's providers come with its summary, so this waits for the clusters tier. */
	async function providerNamesOf(clusterArn: string): Promise<readonly string[]> {
		const find = () => ctx.read().clusters.find((cluster) => cluster.arn === clusterArn);
		if (find() === undefined) await ctx.clustersSettled();
		return find()?.capacityProviders ?? [];
	}

	async function fetchCapacity(
		clusterArn: string,
		signal: AbortSignal,
	): Promise<{providers: readonly CapacityProvider[]; groups: readonly AutoScalingGroup[]}> {
		const names = await providerNamesOf(clusterArn);
		signal.throwIfAborted();
		return clusterFetch.fetchCapacity(ctx.adapters, names, {known: providers, signal});
	}

	return {
		id: 'cluster',
		enabled: (state) => state.focus.clusterArn !== undefined,
		async run(signal) {
			const clusterArn = ctx.read().focus.clusterArn;
			if (clusterArn === undefined) return;
			const results = await Promise.allSettled([
				fetchServices(clusterArn, signal),
				fetchInstances(clusterArn, signal),
				fetchCapacity(clusterArn, signal),
			]);
			signal.throwIfAborted();
			const services = valueOf(results[0]);
			const instances = valueOf(results[1]);
			const capacity = valueOf(results[2]);
			ctx.write((state) => {
				const before = state.clusterViews[clusterArn] ?? emptyView;
				const view: ClusterView = {
					services:
						services === undefined
							? before.services
							: reuseList(
									before.services,
									sortedBy(services, (s) => s.name),
									(s) => s.arn,
								),
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
			// Same refresh, not one interval later: EC2 details and task definitions of what is new.
			ctx.wake('ec2');
			ctx.wake('task-definitions');
			throwFirstFailure(results);
		},
	};
}
