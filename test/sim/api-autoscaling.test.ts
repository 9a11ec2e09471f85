import {
	AutoScalingClient,
	DescribeAutoScalingGroupsCommand,
	DescribeAutoScalingInstancesCommand,
	DescribeScalingActivitiesCommand,
	paginateDescribeAutoScalingGroups,
	SetDesiredCapacityCommand,
	UpdateAutoScalingGroupCommand,
	type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {DescribeInstancesCommand, EC2Client} from '@aws-sdk/client-ec2';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {handlers} from '../../source/sim/api/index.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import type {World} from '../../source/sim/world/world.js';

const minute = 60_000;
let server: SimServer;
let world: World;
let clock: ManualClock;
let autoscaling: AutoScalingClient;
let ec2: EC2Client;

beforeAll(async () => {
	clock = new ManualClock();
	world = createWorld({seed: 5, clock});
	world.createCluster({clusterName: 'prod'});
	world.createAutoScalingGroup({
		name: 'prod-asg',
		clusterName: 'prod',
		instanceType: 't3.large',
		availabilityZones: ['us-east-1a', 'us-east-1b'],
		minSize: 1,
		maxSize: 6,
		desiredCapacity: 2,
		registerNow: true,
		tags: [{key: 'env', value: 'prod'}],
	});
	world.createCapacityProvider({name: 'prod-cp', autoScalingGroupName: 'prod-asg'});
	for (const n of [7, 3, 5, 1, 6, 2]) {
		world.createAutoScalingGroup({
			name: `batch-${n}`,
			clusterName: 'prod',
			instanceType: 't3.micro',
			availabilityZones: ['us-east-1a'],
			minSize: 0,
			maxSize: 2,
			desiredCapacity: 0,
		});
	}
	server = await startSimServer({world, handlers, port: 0, backgroundTickMs: false});
	const config = {
		endpoint: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'test'},
		maxAttempts: 1,
	};
	autoscaling = new AutoScalingClient(config);
	ec2 = new EC2Client(config);
});
afterAll(async () => {
	autoscaling.destroy();
	ec2.destroy();
	await server.close();
});

async function errorOf(promise: Promise<unknown>): Promise<{name: string; message: string}> {
	try {
		await promise;
	} catch (error) {
		return error as {name: string; message: string};
	}
	throw new Error('expected the call to fail');
}

async function describeGroup(name: string): Promise<AutoScalingGroup> {
	const out = await autoscaling.send(
		new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: [name]}),
	);
	expect(out.AutoScalingGroups).toHaveLength(1);
	return out.AutoScalingGroups![0]!;
}

describe('Auto Scaling DescribeAutoScalingGroups', () => {
	it('describes a group by name with its sizes, instances and tags; unknown names are left out', async () => {
		const out = await autoscaling.send(
			new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: ['prod-asg', 'no-such-group']}),
		);
		expect(out.AutoScalingGroups).toHaveLength(1);
		const group = out.AutoScalingGroups![0]!;
		expect(group).toMatchObject({
			AutoScalingGroupName: 'prod-asg',
			MinSize: 1,
			MaxSize: 6,
			DesiredCapacity: 2,
			AvailabilityZones: ['us-east-1a', 'us-east-1b'],
			HealthCheckType: 'EC2',
		});
		expect(group.AutoScalingGroupARN).toMatch(
			/^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:.+:autoScalingGroupName\/prod-asg$/,
		);
		expect(group.CreatedTime).toBeInstanceOf(Date);
		expect(group.Instances).toHaveLength(2);
		for (const instance of group.Instances!) {
			expect(instance.InstanceType).toBe('t3.large');
			expect(instance.LifecycleState).toBe('InService');
			expect(instance.HealthStatus).toBe('Healthy');
			expect(world.ec2Instances.get(instance.InstanceId!)?.availabilityZone).toBe(
				instance.AvailabilityZone,
			);
		}
		expect(group.Tags).toContainEqual(
			expect.objectContaining({Key: 'env', Value: 'prod', ResourceId: 'prod-asg'}),
		);
	});

	it('pages all groups in name order with the SDK paginator', async () => {
		const names: string[] = [];
		let pages = 0;
		for await (const page of paginateDescribeAutoScalingGroups(
			{client: autoscaling, pageSize: 3},
			{},
		)) {
			pages++;
			expect(page.AutoScalingGroups!.length).toBeLessThanOrEqual(3);
			names.push(...page.AutoScalingGroups!.map((g) => g.AutoScalingGroupName!));
		}
		expect(pages).toBe(3);
		expect(names).toEqual([
			'batch-1',
			'batch-2',
			'batch-3',
			'batch-5',
			'batch-6',
			'batch-7',
			'prod-asg',
		]);
		const tooMany = await errorOf(
			autoscaling.send(new DescribeAutoScalingGroupsCommand({MaxRecords: 101})),
		);
		expect(tooMany.name).toBe('ValidationError');
	});

	it('filters groups by tag', async () => {
		const out = await autoscaling.send(
			new DescribeAutoScalingGroupsCommand({Filters: [{Name: 'tag:env', Values: ['prod']}]}),
		);
		expect(out.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['prod-asg']);
	});
});

describe('Auto Scaling SetDesiredCapacity', () => {
	it('changes the desired capacity, and the new instances come up as time passes', async () => {
		await autoscaling.send(
			new SetDesiredCapacityCommand({AutoScalingGroupName: 'prod-asg', DesiredCapacity: 4}),
		);
		expect((await describeGroup('prod-asg')).DesiredCapacity).toBe(4);
		clock.advance(10 * minute);
		const group = await describeGroup('prod-asg');
		expect(group.Instances).toHaveLength(4);
		expect(group.Instances!.every((i) => i.LifecycleState === 'InService')).toBe(true);
		const ids = group.Instances!.map((i) => i.InstanceId!);
		const described = await ec2.send(new DescribeInstancesCommand({InstanceIds: ids}));
		const states = (described.Reservations ?? []).flatMap((r) =>
			(r.Instances ?? []).map((i) => i.State?.Name),
		);
		expect(states).toEqual(['running', 'running', 'running', 'running']);
		const activities = await autoscaling.send(
			new DescribeScalingActivitiesCommand({AutoScalingGroupName: 'prod-asg'}),
		);
		expect(activities.Activities!.length).toBeGreaterThan(0);
		const members = await autoscaling.send(
			new DescribeAutoScalingInstancesCommand({InstanceIds: [ids[0]!]}),
		);
		expect(members.AutoScalingInstances?.[0]?.AutoScalingGroupName).toBe('prod-asg');
	});

	it('refuses a capacity outside min..max, naming the limit, and unknown groups', async () => {
		const above = await errorOf(
			autoscaling.send(
				new SetDesiredCapacityCommand({AutoScalingGroupName: 'prod-asg', DesiredCapacity: 7}),
			),
		);
		expect(above.name).toBe('ValidationError');
		expect(above.message).toContain('max value 6');
		const below = await errorOf(
			autoscaling.send(
				new SetDesiredCapacityCommand({AutoScalingGroupName: 'prod-asg', DesiredCapacity: 0}),
			),
		);
		expect(below.name).toBe('ValidationError');
		expect(below.message).toContain('min value 1');
		const unknown = await errorOf(
			autoscaling.send(
				new SetDesiredCapacityCommand({AutoScalingGroupName: 'nope', DesiredCapacity: 1}),
			),
		);
		expect(unknown.name).toBe('ValidationError');
		expect(unknown.message).toContain('AutoScalingGroup name not found');
		expect((await describeGroup('prod-asg')).DesiredCapacity).toBe(4);
	});
});

describe('Auto Scaling UpdateAutoScalingGroup', () => {
	it('moves the desired capacity into a narrowed range, as Auto Scaling does', async () => {
		await autoscaling.send(
			new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'prod-asg', MinSize: 1, MaxSize: 3}),
		);
		const group = await describeGroup('prod-asg');
		expect([group.MinSize, group.MaxSize, group.DesiredCapacity]).toEqual([1, 3, 3]);
	});

	it('sets min, max and desired together', async () => {
		await autoscaling.send(
			new UpdateAutoScalingGroupCommand({
				AutoScalingGroupName: 'prod-asg',
				MinSize: 2,
				MaxSize: 8,
				DesiredCapacity: 5,
			}),
		);
		const group = await describeGroup('prod-asg');
		expect([group.MinSize, group.MaxSize, group.DesiredCapacity]).toEqual([2, 8, 5]);
	});

	it('refuses min above max and a desired capacity outside the new range', async () => {
		const inverted = await errorOf(
			autoscaling.send(
				new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'prod-asg', MinSize: 9}),
			),
		);
		expect(inverted.name).toBe('ValidationError');
		expect(inverted.message).toContain('min bound, 9');
		const outside = await errorOf(
			autoscaling.send(
				new UpdateAutoScalingGroupCommand({AutoScalingGroupName: 'prod-asg', DesiredCapacity: 9}),
			),
		);
		expect(outside.name).toBe('ValidationError');
		expect(outside.message).toContain('max size:8');
		const group = await describeGroup('prod-asg');
		expect([group.MinSize, group.MaxSize, group.DesiredCapacity]).toEqual([2, 8, 5]);
	});
});
