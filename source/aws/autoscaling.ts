import {
	DescribeAutoScalingGroupsCommand,
	type AutoScalingClient,
	type AutoScalingGroup as SdkAutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type {AutoScalingGroup} from '../model/auto-scaling-group.js';
import {autoScalingGroupName} from '../model/capacity-provider.js';
import type {Described} from '../model/failure.js';
import {adapterContext, collectPages, type AdapterOptions} from './call.js';
import {mapBatches} from './concurrency.js';

export const autoScalingLimits = {describeNames: 100, maxRecords: 100} as const;

export type AutoScalingAdapter = ReturnType<typeof createAutoScalingAdapter>;

function toGroup(group: SdkAutoScalingGroup): AutoScalingGroup {
	return {
		name: group.AutoScalingGroupName ?? '',
		arn: group.AutoScalingGroupARN,
		minSize: group.MinSize ?? 0,
		maxSize: group.MaxSize ?? 0,
		desiredCapacity: group.DesiredCapacity ?? 0,
		status: group.Status,
		instances: (group.Instances ?? []).map((instance) => ({
			instanceId: instance.InstanceId ?? '',
			instanceType: instance.InstanceType,
			availabilityZone: instance.AvailabilityZone,
			lifecycleState: instance.LifecycleState,
			healthStatus: instance.HealthStatus,
			protectedFromScaleIn: instance.ProtectedFromScaleIn ?? false,
		})),
	};
}

export function createAutoScalingAdapter(client: AutoScalingClient, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('autoscaling', options);

	return {
		/**
		 * By name or ARN (capacity providers may hold either). AWS silently leaves out names it
		 * does not know; those are reported as MISSING failures, as ECS would.
		 */
		async describeAutoScalingGroups(
			namesOrArns: readonly string[],
		): Promise<Described<AutoScalingGroup>> {
			const names = [...new Set(namesOrArns.map(autoScalingGroupName))];
			const batches = await mapBatches(names, autoScalingLimits.describeNames, limit, (batch) =>
				collectPages(async (NextToken) => {
					const answer = await call('DescribeAutoScalingGroups', () =>
						client.send(
							new DescribeAutoScalingGroupsCommand({
								AutoScalingGroupNames: batch,
								MaxRecords: autoScalingLimits.maxRecords,
								NextToken,
							}),
						),
					);
					return {items: (answer.AutoScalingGroups ?? []).map(toGroup), next: answer.NextToken};
				}),
			);
			const items = batches.flat();
			const found = new Set(items.map((group) => group.name));
			const failures = names
				.filter((name) => !found.has(name))
				.map((name) => ({arn: name, reason: 'MISSING', detail: undefined}));
			return {items, failures};
		},
	};
}
