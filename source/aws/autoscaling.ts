import {
	DescribeAutoScalingGroupsCommand,
	type AutoScalingClient,
	type AutoScalingGroup as SdkAutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type {AutoScalingGroup} from '../model/auto-scaling-group.js';
import {autoScalingGroupName} from '../model/capacity-provider.js';
import type {Described} from '../model/failure.js';
import {count, flag, objects, text} from './answer-fields.js';
import {checkedItems, type ItemRule} from './answer-items.js';
import {adapterContext, collectPages, type AdapterOptions} from './call.js';
import {mapBatches} from './concurrency.js';

export const autoScalingLimits = {describeNames: 100, maxRecords: 100} as const;

export type AutoScalingAdapter = ReturnType<typeof createAutoScalingAdapter>;

function toGroup(group: SdkAutoScalingGroup): AutoScalingGroup {
	return {
		name: text(group.AutoScalingGroupName) ?? '',
		arn: text(group.AutoScalingGroupARN),
		minSize: count(group.MinSize) ?? 0,
		maxSize: count(group.MaxSize) ?? 0,
		desiredCapacity: count(group.DesiredCapacity) ?? 0,
		status: text(group.Status),
		instances: objects(group.Instances).map((instance) => ({
			instanceId: text(instance.InstanceId) ?? '',
			instanceType: text(instance.InstanceType),
			availabilityZone: text(instance.AvailabilityZone),
			lifecycleState: text(instance.LifecycleState),
			healthStatus: text(instance.HealthStatus),
			protectedFromScaleIn: flag(instance.ProtectedFromScaleIn) ?? false,
		})),
	};
}

const groupRule: ItemRule<SdkAutoScalingGroup, AutoScalingGroup> = {
	noun: 'Auto Scaling group',
	idField: 'AutoScalingGroupName',
	names: (name, group) => [name, text(group.AutoScalingGroupARN)],
	convert: toGroup,
};

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
					const page = checkedItems(answer.AutoScalingGroups, new Set(batch), groupRule);
					return {items: [page], next: text(answer.NextToken)};
				}),
			);
			const pages = batches.flat();
			const items = pages.flatMap((page) => page.items);
			const found = new Set(items.map((group) => group.name));
			const failures = [
				...pages.flatMap((page) => page.failures),
				...names
					.filter((name) => !found.has(name))
					.map((name) => ({arn: name, reason: 'MISSING', detail: undefined})),
			];
			return {items, failures};
		},
	};
}
