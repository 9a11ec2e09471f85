import {
	DescribeInstancesCommand,
	DescribeInstanceStatusCommand,
	EC2Client,
	paginateDescribeInstances,
	type Instance,
} from '@aws-sdk/client-ec2';
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
let ec2: EC2Client;
let spotId: string;

beforeAll(async () => {
	clock = new ManualClock();
	world = createWorld({seed: 11, clock});
	world.createCluster({clusterName: 'prod'});
	world.createAutoScalingGroup({
		name: 'prod-asg',
		clusterName: 'prod',
		instanceType: 't3.medium',
		availabilityZones: ['us-east-1a', 'us-east-1b'],
		minSize: 0,
		maxSize: 500,
		desiredCapacity: 240,
		registerNow: true,
	});
	spotId = world.launchInstance({
		instanceType: 'c5.large',
		availabilityZone: 'us-east-1c',
		spot: true,
		tags: [{key: 'team', value: 'web'}],
	}).instanceId;
	server = await startSimServer({world, handlers, port: 0, backgroundTickMs: false});
	ec2 = new EC2Client({
		endpoint: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
});
afterAll(async () => {
	ec2.destroy();
	await server.close();
});

const instancesOf = (out: {Reservations?: Array<{Instances?: Instance[]}>}): Instance[] =>
	(out.Reservations ?? []).flatMap((r) => r.Instances ?? []);

async function errorOf(promise: Promise<unknown>): Promise<{name: string; message: string}> {
	try {
		await promise;
	} catch (error) {
		return error as {name: string; message: string};
	}
	throw new Error('expected the call to fail');
}

describe('EC2 DescribeInstances', () => {
	it('describes the instances asked for by id, with the fields ecs-top shows', async () => {
		const [first] = [...world.ec2Instances.values()];
		const out = await ec2.send(
			new DescribeInstancesCommand({InstanceIds: [first!.instanceId, spotId]}),
		);
		const instances = instancesOf(out);
		expect(instances.map((i) => i.InstanceId).sort()).toEqual([first!.instanceId, spotId].sort());
		const asgInstance = instances.find((i) => i.InstanceId === first!.instanceId)!;
		expect(asgInstance.InstanceType).toBe('t3.medium');
		expect(asgInstance.State).toEqual({Code: 16, Name: 'running'});
		expect(['us-east-1a', 'us-east-1b']).toContain(asgInstance.Placement?.AvailabilityZone);
		expect(asgInstance.PrivateIpAddress).toBe(first!.privateIpAddress);
		expect(asgInstance.LaunchTime).toEqual(new Date(first!.launchTime));
		expect(asgInstance.Tags).toContainEqual({Key: 'aws:autoscaling:groupName', Value: 'prod-asg'});
		expect(asgInstance.Architecture).toBe('x86_64');
		const spot = instances.find((i) => i.InstanceId === spotId)!;
		expect(spot.InstanceLifecycle).toBe('spot');
		expect(spot.InstanceType).toBe('c5.large');
		expect(spot.Tags).toEqual([{Key: 'team', Value: 'web'}]);
		expect(out.Reservations?.[0]?.OwnerId).toBe('123456789012');
	});

	it('refuses unknown and malformed ids, and MaxResults together with ids, as EC2 does', async () => {
		const missing = await errorOf(
			ec2.send(new DescribeInstancesCommand({InstanceIds: [spotId, 'i-0123456789abcdef0']})),
		);
		expect(missing.name).toBe('InvalidInstanceID.NotFound');
		expect(missing.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
		const malformed = await errorOf(
			ec2.send(new DescribeInstancesCommand({InstanceIds: ['web-1']})),
		);
		expect(malformed.name).toBe('InvalidInstanceID.Malformed');
		const combined = await errorOf(
			ec2.send(new DescribeInstancesCommand({InstanceIds: [spotId], MaxResults: 5})),
		);
		expect(combined.name).toBe('InvalidParameterCombination');
		const tooSmall = await errorOf(ec2.send(new DescribeInstancesCommand({MaxResults: 4})));
		expect(tooSmall.name).toBe('InvalidParameterValue');
	});

	it('filters by type, zone, state, tags and address, with wildcards', async () => {
		const byFilters = async (Filters: Array<{Name: string; Values: string[]}>) =>
			instancesOf(await ec2.send(new DescribeInstancesCommand({Filters})))
				.map((i) => i.InstanceId)
				.sort();
		expect(await byFilters([{Name: 'instance-type', Values: ['c5.large']}])).toEqual([spotId]);
		expect(await byFilters([{Name: 'tag:team', Values: ['web']}])).toEqual([spotId]);
		expect(await byFilters([{Name: 'tag-key', Values: ['team']}])).toEqual([spotId]);
		expect(await byFilters([{Name: 'availability-zone', Values: ['us-east-1c']}])).toEqual([
			spotId,
		]);
		const target = [...world.ec2Instances.values()][5]!;
		expect(
			await byFilters([{Name: 'private-ip-address', Values: [target.privateIpAddress]}]),
		).toEqual([target.instanceId]);
		expect(await byFilters([{Name: 'instance-id', Values: [target.instanceId]}])).toEqual([
			target.instanceId,
		]);
		const inZoneA = [...world.ec2Instances.values()].filter(
			(i) => i.availabilityZone === 'us-east-1a',
		);
		const t3InA = await byFilters([
			{Name: 'instance-type', Values: ['t3.*']},
			{Name: 'availability-zone', Values: ['us-east-1a']},
			{Name: 'instance-state-name', Values: ['running', 'pending']},
		]);
		expect(t3InA).toEqual(inZoneA.map((i) => i.instanceId).sort());
		expect(t3InA.length).toBeGreaterThan(0);
		const unknown = await errorOf(byFilters([{Name: 'instance-colour', Values: ['red']}]));
		expect(unknown.name).toBe('InvalidParameterValue');
	});

	it('pages through a few hundred instances with the SDK paginator, each exactly once', async () => {
		const seen: string[] = [];
		let pages = 0;
		for await (const page of paginateDescribeInstances({client: ec2, pageSize: 100}, {})) {
			pages++;
			seen.push(...instancesOf(page).map((i) => i.InstanceId!));
		}
		expect(pages).toBe(3);
		expect(seen).toHaveLength(241);
		expect(new Set(seen).size).toBe(241);
		expect(seen.sort()).toEqual([...world.ec2Instances.keys()].sort());
	});

	it('rejects a next token that was not issued for DescribeInstances', async () => {
		const bad = await errorOf(ec2.send(new DescribeInstancesCommand({NextToken: 'garbage'})));
		expect(bad.name).toBe('InvalidPaginationToken');
	});

	it('reports status checks for running instances, and others only when asked', async () => {
		const running = [...world.ec2Instances.values()][0]!.instanceId;
		const ids = [running, spotId];
		const out = await ec2.send(new DescribeInstanceStatusCommand({InstanceIds: ids}));
		expect(out.InstanceStatuses?.map((s) => s.InstanceId)).toEqual([running]);
		expect(out.InstanceStatuses?.[0]?.InstanceState?.Name).toBe('running');
		expect(['ok', 'initializing']).toContain(out.InstanceStatuses?.[0]?.InstanceStatus?.Status);
		const all = await ec2.send(
			new DescribeInstanceStatusCommand({InstanceIds: ids, IncludeAllInstances: true}),
		);
		const spot = all.InstanceStatuses?.find((s) => s.InstanceId === spotId);
		expect(spot?.InstanceState?.Name).not.toBe('running');
		expect(spot?.InstanceStatus?.Status).toBe('not-applicable');
	});
});

describe('EC2 DescribeInstances over time', () => {
	it('keeps a terminated instance visible for about an hour, then forgets it', async () => {
		const group = world.resolveAutoScalingGroup('prod-asg')!;
		world.setDesiredCapacity(group, 239, false);
		clock.advance(15 * minute);
		const states = async () =>
			instancesOf(await ec2.send(new DescribeInstancesCommand({MaxResults: 1000}))).filter(
				(i) => i.State?.Name !== 'running',
			);
		const stopping = await states();
		expect(stopping).toHaveLength(1);
		expect(['shutting-down', 'terminated']).toContain(stopping[0]!.State?.Name);
		const goneId = stopping[0]!.InstanceId!;
		clock.advance(2 * 60 * minute);
		expect(await states()).toEqual([]);
		const missing = await errorOf(ec2.send(new DescribeInstancesCommand({InstanceIds: [goneId]})));
		expect(missing.name).toBe('InvalidInstanceID.NotFound');
	});
});
