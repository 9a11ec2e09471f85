import type {EC2Client, Instance} from '@aws-sdk/client-ec2';
import type {Ec2Instance} from '../model/ec2-instance.js';
import type {Described, DescribeFailure} from '../model/failure.js';
import {objects, record, text, time} from './answer-fields.js';
import {checkedItems, type ItemRule} from './answer-items.js';
import {adapterContext, collectPages, type AdapterOptions} from './call.js';
import {mapBatches} from './concurrency.js';
import {AwsApiError} from './errors.js';

export const ec2Limits = {describeInstanceIds: 1000} as const;

export type Ec2Adapter = ReturnType<typeof createEc2Adapter>;

function toEc2Instance(instance: Instance): Ec2Instance {
	return {
		instanceId: text(instance.InstanceId) ?? '',
		instanceType: text(instance.InstanceType),
		state: text(record(instance.State)?.Name),
		availabilityZone: text(record(instance.Placement)?.AvailabilityZone),
		privateIpAddress: text(instance.PrivateIpAddress),
		launchTime: time(instance.LaunchTime),
		instanceLifecycle: text(instance.InstanceLifecycle),
	};
}

const instanceRule: ItemRule<Instance, Ec2Instance> = {
	noun: 'EC2 instance',
	idField: 'InstanceId',
	names: (id) => [id],
	convert: toEc2Instance,
};

/** `The instance IDs 'i-1, i-2' do not exist` -> ['i-1', 'i-2']. */
export function missingInstanceIds(message: string): string[] {
	const quoted = /'([^']+)'/.exec(message)?.[1];
	return quoted === undefined ? [] : quoted.split(/\s*,\s*/).filter((id) => id.startsWith('i-'));
}

/**
 * The EC2 client is passed as a loader so it is only imported when first needed (it costs
 * ~60 MB: docs/architecture.md, "Why a bundle"), which is only for what the container instance
 * does not already tell us.
 */
export function createEc2Adapter(
	loadClient: () => Promise<EC2Client>,
	options: AdapterOptions = {},
) {
	const {call, limit} = adapterContext('ec2', options);

	async function describeBatch(ids: string[]): Promise<Described<Ec2Instance>> {
		const [{DescribeInstancesCommand}, client] = await Promise.all([
			import('@aws-sdk/client-ec2'),
			loadClient(),
		]);
		const asked = new Set(ids);
		const pages = await collectPages(async (NextToken) => {
			const answer = await call('DescribeInstances', () =>
				client.send(new DescribeInstancesCommand({InstanceIds: ids, NextToken})),
			);
			const instances = objects(answer.Reservations).flatMap((reservation) =>
				objects(reservation.Instances),
			);
			return {items: [checkedItems(instances, asked, instanceRule)], next: text(answer.NextToken)};
		});
		return {
			items: pages.flatMap((page) => page.items),
			failures: pages.flatMap((page) => page.failures),
		};
	}

	/**
	 * Unlike ECS, EC2 fails the whole call when one id is unknown (a terminated instance drops
	 * out after about an hour). The unknown ids are taken from the error and reported as
	 * failures, and the call is repeated for the rest, once.
	 */
	async function describeWithoutMissing(ids: string[]): Promise<Described<Ec2Instance>> {
		try {
			return await describeBatch(ids);
		} catch (error) {
			if (!(error instanceof AwsApiError) || error.problem.code !== 'InvalidInstanceID.NotFound') {
				throw error;
			}
			const missing = new Set(missingInstanceIds(error.message));
			const rest = ids.filter((id) => !missing.has(id));
			if (missing.size === 0 || rest.length === ids.length) throw error;
			const failures: DescribeFailure[] = [...missing].map((arn) => ({
				arn,
				reason: 'MISSING',
				detail: 'InvalidInstanceID.NotFound',
			}));
			if (rest.length === 0) return {items: [], failures};
			const found = await describeBatch(rest);
			return {items: found.items, failures: [...failures, ...found.failures]};
		}
	}

	return {
		async describeInstances(instanceIds: readonly string[]): Promise<Described<Ec2Instance>> {
			const unique = [...new Set(instanceIds)];
			const batches = await mapBatches(
				unique,
				ec2Limits.describeInstanceIds,
				limit,
				describeWithoutMissing,
			);
			return {
				items: batches.flatMap((batch) => batch.items),
				failures: batches.flatMap((batch) => batch.failures),
			};
		},
	};
}
