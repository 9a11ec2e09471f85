/**
 * Successful calls through the real SDK clients: what the simulator writes must decode into the
 * SDK's own output types (dates as Date, lists, nested structures), and what the SDK sends must
 * reach handlers as the documented plain input.
 */
import {
	DescribeAutoScalingGroupsCommand,
	SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import {GetMetricDataCommand, PutMetricDataCommand} from '@aws-sdk/client-cloudwatch';
import {DescribeInstancesCommand, DescribeTagsCommand} from '@aws-sdk/client-ec2';
import {
	DescribeClustersCommand,
	DescribeTasksCommand,
	ListClustersCommand,
} from '@aws-sdk/client-ecs';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {decodeFormInput, parseFormBody} from '../../source/sim/protocol/form.js';
import {createJsonCodec} from '../../source/sim/protocol/json.js';
import {xmlElement} from '../../source/sim/protocol/xml.js';
import {launched, startWireSim, type WireSim} from './wire-fixture.js';

let sim: WireSim;
beforeAll(async () => {
	sim = await startWireSim({region: 'eu-west-1'});
});
afterAll(async () => {
	await sim.close();
});

describe('ECS (awsJson1_1)', () => {
	it('decodes lists, nested structures and epoch-second timestamps into Dates', async () => {
		const tasks = await sim.ecs.send(new DescribeTasksCommand({tasks: ['a']}));
		const task = tasks.tasks?.[0];
		expect(task?.createdAt).toBeInstanceOf(Date);
		// Milliseconds survive: the codec writes fractional seconds.
		expect(task?.createdAt?.getTime()).toBe(launched.getTime());
		expect(task?.containers).toEqual([{name: 'web', exitCode: 0}]);
		expect(tasks.$metadata.requestId).toMatch(/^00000000-0000-4000-8000-/);
	});

	it('passes the JSON input to the handler and omits undefined members', async () => {
		const out = await sim.ecs.send(new DescribeClustersCommand({clusters: ['a', 'b']}));
		expect(out.clusters?.map((c) => c.clusterName)).toEqual(['a', 'b']);
		expect(out.clusters?.[0]).not.toHaveProperty('statistics');
		expect(out.clusters?.[0]?.settings).toEqual([{name: 'containerInsights', value: 'enabled'}]);
		expect((await sim.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
	});
});

describe('JSON writing', () => {
	it('writes dates as epoch seconds at any depth, drops undefined members and keeps the rest', () => {
		const at = new Date(Date.UTC(2026, 0, 1, 0, 0, 1, 500));
		const {body} = createJsonCodec({version: '1.1'}).encodeResult(
			'X',
			{
				tasks: [{createdAt: at, gone: undefined, containers: [{exitCode: 0, reason: null}]}],
				times: [at, undefined],
				empty: {},
				flag: false,
				name: 'caf\u00e9 "q"',
			},
			'id',
		);
		expect(body).toBe(
			'{"tasks":[{"createdAt":1767225601.5,"containers":[{"exitCode":0,"reason":null}]}],' +
				'"times":[1767225601.5,null],"empty":{},"flag":false,"name":"caf\u00e9 \\"q\\""}',
		);
	});

	it('sends text beyond ASCII whole: the length header counts bytes, not characters', async () => {
		const name = 'caf\u00e9-\u2713-\u65e5\u672c-\u{1f680}';
		const out = await sim.ecs.send(new DescribeClustersCommand({clusters: [name, 'b']}));
		expect(out.clusters?.map((c) => c.clusterName)).toEqual([name, 'b']);
	});
});

describe('CloudWatch (awsJson1_0)', () => {
	it('decodes GetMetricData results with Date timestamps', async () => {
		const out = await sim.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: [{Id: 'cpu', Expression: 'SELECT 1'}],
				StartTime: new Date(0),
				EndTime: new Date(60_000),
			}),
		);
		expect(out.MetricDataResults?.[0]?.Id).toBe('cpu');
		expect(out.MetricDataResults?.[0]?.Timestamps).toEqual([launched]);
		expect(out.MetricDataResults?.[0]?.Values).toEqual([12.5]);
	});
});

describe('CloudWatch request compression', () => {
	it('accepts the gzipped bodies the SDK sends for large PutMetricData calls', async () => {
		const data = Array.from({length: 400}, (_, i) => ({
			MetricName: `Queue${i}`,
			Dimensions: [{Name: 'Cluster', Value: 'prod'}],
			Value: i,
		}));
		await sim.cloudwatch.send(new PutMetricDataCommand({Namespace: 'App', MetricData: data}));
		const entry = sim.server.requestLog.findLast((e) => e.operation === 'PutMetricData');
		expect(entry?.status).toBe(200);
		expect((entry?.input.MetricData as unknown[]).length).toBe(400);
	});
});

describe('EC2 (ec2Query)', () => {
	it('decodes reservationSet/instancesSet items, dates, booleans and escaped text', async () => {
		const out = await sim.ec2.send(new DescribeInstancesCommand({InstanceIds: ['i-1', 'i-2']}));
		const instances = out.Reservations?.[0]?.Instances ?? [];
		expect(out.Reservations?.[0]?.ReservationId).toBe('r-1');
		expect(instances.map((i) => i.InstanceId)).toEqual(['i-1', 'i-2']);
		expect(instances[0]?.LaunchTime).toEqual(launched);
		expect(instances[0]?.State).toEqual({Code: 16, Name: 'running'});
		expect(instances[0]?.EbsOptimized).toBe(false);
		expect(instances[0]?.Placement?.AvailabilityZone).toBe('us-east-1a');
		expect(instances[0]?.Tags).toEqual([{Key: 'Name', Value: 'a <b> & "c"'}]);
	});

	it('decodes Filter.N.Value.M and InstanceId.N into nested arrays in index order', async () => {
		const out = await sim.ec2.send(
			new DescribeTagsCommand({
				Filters: [
					{Name: 'resource-id', Values: ['i-1', 'i-2', 'i-3']},
					{Name: 'key', Values: ['Name']},
				],
			}),
		);
		expect(JSON.parse(out.Tags?.[0]?.Value ?? '')).toEqual({
			Filter: [
				{Name: 'resource-id', Value: ['i-1', 'i-2', 'i-3']},
				{Name: 'key', Value: ['Name']},
			],
		});
		const logged = sim.server.requestLog.find((e) => e.operation === 'DescribeInstances');
		expect(logged?.input).toEqual({InstanceId: ['i-1', 'i-2']});
	});
});

describe('Auto Scaling and STS (awsQuery)', () => {
	it('decodes member lists both ways', async () => {
		const out = await sim.autoscaling.send(
			new DescribeAutoScalingGroupsCommand({AutoScalingGroupNames: ['web', 'batch']}),
		);
		const groups = out.AutoScalingGroups ?? [];
		expect(groups.map((g) => g.AutoScalingGroupName)).toEqual(['web', 'batch']);
		expect(groups[0]?.AvailabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
		expect(groups[0]?.CreatedTime).toEqual(launched);
		expect(groups[0]?.NewInstancesProtectedFromScaleIn).toBe(true);
		expect(groups[0]?.Instances?.[0]).toMatchObject({
			InstanceId: 'i-1',
			LifecycleState: 'InService',
		});
	});

	it('answers an operation without output with only the metadata', async () => {
		const out = await sim.autoscaling.send(
			new SetDesiredCapacityCommand({
				AutoScalingGroupName: 'web',
				DesiredCapacity: 3,
				HonorCooldown: false,
			}),
		);
		expect(out.$metadata.httpStatusCode).toBe(200);
		const logged = sim.server.requestLog.findLast((e) => e.operation === 'SetDesiredCapacity');
		expect(logged?.input).toEqual({
			AutoScalingGroupName: 'web',
			DesiredCapacity: '3',
			HonorCooldown: 'false',
		});
	});

	it('gives handlers the signing access key and region', async () => {
		const out = await sim.sts.send(new GetCallerIdentityCommand({}));
		expect(out).toMatchObject({
			UserId: 'AKIDTEST',
			Account: '123456789012',
			Arn: 'arn:aws:iam::123456789012:user/eu-west-1',
		});
	});
});

describe('form decoding', () => {
	it('orders list items by index, not by arrival, and compacts gaps', () => {
		const input = decodeFormInput(
			parseFormBody(
				'Action=X&Version=1&Id.10=j&Id.2=b&Id.1=a&Tag.3.Key=k3&Tag.1.Key=k1&Tag.1.Value=v1',
			),
		);
		expect(input).toEqual({Id: ['a', 'b', 'j'], Tag: [{Key: 'k1', Value: 'v1'}, {Key: 'k3'}]});
	});

	it('reads .member.N lists and never writes through __proto__', () => {
		const input = decodeFormInput(
			parseFormBody('Names.member.2=y&Names.member.1=x&__proto__.polluted=1'),
		);
		expect(input.Names).toEqual(['x', 'y']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('XML writing', () => {
	it('escapes markup and drops characters XML cannot carry', () => {
		expect(xmlElement('v', `<a href="x">&'\u0001`, 'item')).toBe(
			'<v>&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD</v>',
		);
	});
});
