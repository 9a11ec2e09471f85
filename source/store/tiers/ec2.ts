/**
 * EC2 details of the focused cluster's instances: only what EC2 alone knows (private IP, launch
 * time, spot), since type and zone already come with the container instance. Fetched once per
 * instance and cached (up to 1,000 ids a call), and only while an instance's detail is open:
 * the EC2 client itself loads on first use, and it is the biggest SDK client by far.
 */
import type {FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';
import {withEntries} from './reuse.js';

export function undetailedInstanceIds(state: FleetState, skip: ReadonlySet<string>): string[] {
	const clusterArn = state.focus.clusterArn;
	if (clusterArn === undefined) return [];
	const instances = state.clusterViews[clusterArn]?.containerInstances ?? [];
	return instances.flatMap((instance) => {
		const id = instance.ec2InstanceId;
		return id === undefined || state.ec2Instances[id] !== undefined || skip.has(id) ? [] : [id];
	});
}

export function createEc2Tier(ctx: TierContext): FleetTier {
	// Terminated instances drop out of EC2 after about an hour; asking again would fail again.
	const gone = new Set<string>();

	return {
		id: 'ec2',
		...schedulerInterval('ec2'),
		enabled: (state) => state.ec2DetailsWanted && state.focus.clusterArn !== undefined,
		needed: (state) => undetailedInstanceIds(state, gone).length > 0,
		async run(signal) {
			const ids = undetailedInstanceIds(ctx.read(), gone);
			if (ids.length === 0) return;
			const described = await ctx.adapters.ec2.describeInstances(ids);
			signal.throwIfAborted();
			for (const failure of described.failures)
				if (failure.arn !== undefined) gone.add(failure.arn);
			ctx.write((state) => ({
				ec2Instances: withEntries(
					state.ec2Instances,
					described.items.map((instance) => [instance.instanceId, instance] as const),
				),
			}));
		},
	};
}
