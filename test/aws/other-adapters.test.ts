import {
	AutoScalingClient,
	DescribeAutoScalingGroupsCommand,
	type AutoScalingGroup as SdkAutoScalingGroup,
	type DescribeAutoScalingGroupsCommandInput,
} from '@aws-sdk/client-auto-scaling';
import {
	CloudWatchClient,
	GetMetricDataCommand,
	type GetMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
	DescribeInstancesCommand,
	EC2Client,
	EC2ServiceException,
	type DescribeInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import {mockClient} from 'aws-sdk-client-mock';
import {afterEach, describe, expect, it} from 'vitest';
import {createAutoScalingAdapter} from '../../source/aws/autoscaling.js';
import {createCloudWatchAdapter} from '../../source/aws/cloudwatch.js';
import {createEc2Adapter, missingInstanceIds} from '../../source/aws/ec2.js';
import type {MetricQuery} from '../../source/model/metrics.js';

const config = {region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}};
const ec2Mock = mockClient(EC2Client);
const asgMock = mockClient(AutoScalingClient);
const cwMock = mockClient(CloudWatchClient);
afterEach(() => {
	ec2Mock.reset();
	asgMock.reset();
	cwMock.reset();
});

describe('EC2 adapter', () => {
	const ec2 = new EC2Client(config);

	it('describes instances by id in calls of at most 1,000, once per id', async () => {
		ec2Mock.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => ({
			Reservations: [
				{
					Instances: (input.InstanceIds ?? []).map((id) => ({
						InstanceId: id,
						InstanceType: 't2.micro',
					})),
				},
			],
		}));
		const adapter = createEc2Adapter(() => Promise.resolve(ec2));
		const ids = Array.from({length: 2500}, (_, index) => `i-${index}`);
		const described = await adapter.describeInstances([...ids, 'i-0', 'i-1']);
		const calls = ec2Mock.commandCalls(DescribeInstancesCommand);
		expect(calls.map((call) => call.args[0].input.InstanceIds?.length)).toEqual([1000, 1000, 500]);
		expect(calls.every((call) => call.args[0].input.MaxResults === undefined)).toBe(true);
		expect(described.items).toHaveLength(2500);
	});

	it('turns unknown ids into failures and still returns the rest', async () => {
		ec2Mock
			.on(DescribeInstancesCommand)
			.rejectsOnce(
				new EC2ServiceException({
					name: 'InvalidInstanceID.NotFound',
					$fault: 'client',
					message: "The instance IDs 'i-gone1, i-gone2' do not exist",
					$metadata: {httpStatusCode: 400},
				}),
			)
			.resolves({Reservations: [{Instances: [{InstanceId: 'i-live'}]}]});
		const adapter = createEc2Adapter(() => Promise.resolve(ec2));
		const described = await adapter.describeInstances(['i-gone1', 'i-live', 'i-gone2']);
		expect(described.items.map((instance) => instance.instanceId)).toEqual(['i-live']);
		expect(described.failures.map((failure) => failure.arn)).toEqual(['i-gone1', 'i-gone2']);
		expect(ec2Mock.commandCalls(DescribeInstancesCommand)[1]?.args[0].input.InstanceIds).toEqual([
			'i-live',
		]);
	});

	it('reads the ids from either form of the message', () => {
		expect(missingInstanceIds("The instance ID 'i-0abc' does not exist")).toEqual(['i-0abc']);
		expect(missingInstanceIds("The instance IDs 'i-1, i-2' do not exist")).toEqual(['i-1', 'i-2']);
	});
});

describe('Auto Scaling adapter', () => {
	const client = new AutoScalingClient(config);

	it('describes groups by name or ARN, 100 names a call, and reports the missing ones', async () => {
		asgMock
			.on(DescribeAutoScalingGroupsCommand)
			.callsFake((input: DescribeAutoScalingGroupsCommandInput) => ({
				AutoScalingGroups: (input.AutoScalingGroupNames ?? [])
					.filter((name) => name !== 'asg-gone')
					.map((name) => ({
						AutoScalingGroupName: name,
						MinSize: 0,
						MaxSize: 4,
						DesiredCapacity: 2,
						Instances: [
							{
								InstanceId: 'i-1',
								InstanceType: 't2.micro',
								AvailabilityZone: 'us-east-1a',
								LifecycleState: 'InService',
								HealthStatus: 'Healthy',
								ProtectedFromScaleIn: false,
							},
						],
					})),
			}));
		const adapter = createAutoScalingAdapter(client);
		const names = Array.from({length: 149}, (_, index) => `asg-${index}`);
		const described = await adapter.describeAutoScalingGroups([
			...names,
			'arn:aws:autoscaling:us-east-1:1:autoScalingGroup:uuid:autoScalingGroupName/asg-gone',
		]);
		const calls = asgMock.commandCalls(DescribeAutoScalingGroupsCommand);
		expect(calls.map((call) => call.args[0].input.AutoScalingGroupNames?.length)).toEqual([
			100, 50,
		]);
		expect(calls.every((call) => call.args[0].input.MaxRecords === 100)).toBe(true);
		expect(described.items).toHaveLength(149);
		expect(described.items[0]).toMatchObject({
			name: 'asg-0',
			minSize: 0,
			maxSize: 4,
			desiredCapacity: 2,
		});
		expect(described.items[0]?.instances[0]).toMatchObject({
			instanceType: 't2.micro',
			lifecycleState: 'InService',
		});
		expect(described.failures).toEqual([{arn: 'asg-gone', reason: 'MISSING', detail: undefined}]);
	});

	it('follows NextToken to the last page', async () => {
		// Only the name matters here; the SDK's type marks more fields as always present.
		const named = (name: string) => ({AutoScalingGroupName: name}) as SdkAutoScalingGroup;
		asgMock
			.on(DescribeAutoScalingGroupsCommand, {NextToken: undefined})
			.resolves({AutoScalingGroups: [named('a')], NextToken: 'n'})
			.on(DescribeAutoScalingGroupsCommand, {NextToken: 'n'})
			.resolves({AutoScalingGroups: [named('b')]});
		const adapter = createAutoScalingAdapter(client);
		const described = await adapter.describeAutoScalingGroups(['a', 'b']);
		expect(described.items.map((group) => group.name)).toEqual(['a', 'b']);
		expect(described.failures).toEqual([]);
	});
});

describe('CloudWatch adapter', () => {
	const client = new CloudWatchClient(config);
	const query = (index: number): MetricQuery => ({
		key: `svc:web/api-${index}:cpu`,
		namespace: 'AWS/ECS',
		metricName: 'CPUUtilization',
		dimensions: {ClusterName: 'web', ServiceName: `api-${index}`},
		period: 60,
		stat: 'Average',
	});
	const window = {
		startTime: Date.parse('2024-05-01T10:00:00Z'),
		endTime: Date.parse('2024-05-01T10:10:00Z'),
	};

	it('asks 500 queries a call and returns one series per query, in order', async () => {
		cwMock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
			MetricDataResults: (input.MetricDataQueries ?? []).map((item) => ({
				Id: item.Id,
				StatusCode: 'Complete',
				Timestamps: [new Date(window.startTime)],
				Values: [Number(item.Id?.slice(1))],
			})),
		}));
		const adapter = createCloudWatchAdapter(client);
		const queries = Array.from({length: 1200}, (_, index) => query(index));
		const series = await adapter.getMetricData(queries, window);
		const calls = cwMock.commandCalls(GetMetricDataCommand);
		expect(calls.map((call) => call.args[0].input.MetricDataQueries?.length)).toEqual([
			500, 500, 200,
		]);
		const first = calls[0]?.args[0].input;
		expect(first?.StartTime).toEqual(new Date(window.startTime));
		expect(first?.MetricDataQueries?.[0]).toMatchObject({
			Id: 'q0',
			MetricStat: {
				Metric: {
					Namespace: 'AWS/ECS',
					MetricName: 'CPUUtilization',
					Dimensions: [
						{Name: 'ClusterName', Value: 'web'},
						{Name: 'ServiceName', Value: 'api-0'},
					],
				},
				Period: 60,
				Stat: 'Average',
			},
		});
		expect(series).toHaveLength(1200);
		expect(series[777]).toEqual({
			key: 'svc:web/api-777:cpu',
			points: [{timestamp: window.startTime, value: 777}],
			status: 'Complete',
			message: undefined,
		});
	});

	it('joins the pages of one series, oldest point first', async () => {
		const at = (minute: number) => new Date(window.startTime + minute * 60_000);
		cwMock
			.on(GetMetricDataCommand, {NextToken: undefined})
			.resolves({
				MetricDataResults: [
					{Id: 'q0', StatusCode: 'PartialData', Timestamps: [at(0), at(1)], Values: [1, 2]},
				],
				NextToken: 'more',
			})
			.on(GetMetricDataCommand, {NextToken: 'more'})
			.resolves({
				MetricDataResults: [{Id: 'q0', StatusCode: 'Complete', Timestamps: [at(2)], Values: [3]}],
			});
		const adapter = createCloudWatchAdapter(client);
		const [series] = await adapter.getMetricData([query(0)], window);
		expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(2);
		expect(series?.points.map((point) => point.value)).toEqual([1, 2, 3]);
		expect(series?.status).toBe('Complete');
	});

	it('gives an empty series for a query with no data', async () => {
		cwMock.on(GetMetricDataCommand).resolves({MetricDataResults: []});
		const adapter = createCloudWatchAdapter(client);
		const [series] = await adapter.getMetricData([query(0)], window);
		expect(series).toEqual({
			key: 'svc:web/api-0:cpu',
			points: [],
			status: undefined,
			message: undefined,
		});
	});
});
