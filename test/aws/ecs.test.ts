import {
	DescribeCapacityProvidersCommand,
	DescribeClustersCommand,
	DescribeContainerInstancesCommand,
	DescribeServicesCommand,
	DescribeTaskDefinitionCommand,
	DescribeTasksCommand,
	ECSClient,
	ListServicesCommand,
	ListTasksCommand,
	ServerException,
	type DescribeTasksCommandInput,
} from '@aws-sdk/client-ecs';
import {mockClient} from 'aws-sdk-client-mock';
import {afterEach, describe, expect, it} from 'vitest';
import {createLimiter} from '../../source/aws/concurrency.js';
import {createEcsAdapter} from '../../source/aws/ecs.js';
import {AwsApiError} from '../../source/aws/errors.js';

const ecsMock = mockClient(ECSClient);
afterEach(() => ecsMock.reset());

const client = new ECSClient({
	region: 'us-east-1',
	credentials: {accessKeyId: 'a', secretAccessKey: 'b'},
});
const taskArn = (index: number) =>
	`arn:aws:ecs:us-east-1:123456789012:task/batch/${index.toString(16).padStart(32, '0')}`;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ECS adapter', () => {
	it('describes 250 tasks in calls of 100, 100 and 50, never more than the cap at once', async () => {
		let active = 0;
		let peak = 0;
		ecsMock.on(DescribeTasksCommand).callsFake(async (input: DescribeTasksCommandInput) => {
			active += 1;
			peak = Math.max(peak, active);
			await wait(5);
			active -= 1;
			return {tasks: (input.tasks ?? []).map((arn) => ({taskArn: arn, lastStatus: 'RUNNING'}))};
		});
		const ecs = createEcsAdapter(client, {limit: createLimiter(2)});
		const arns = Array.from({length: 250}, (_, index) => taskArn(index));
		const described = await ecs.describeTasks('batch', arns);

		const calls = ecsMock.commandCalls(DescribeTasksCommand);
		expect(calls.map((call) => call.args[0].input.tasks?.length)).toEqual([100, 100, 50]);
		expect(calls.every((call) => call.args[0].input.cluster === 'batch')).toBe(true);
		expect(described.items.map((task) => task.arn)).toEqual(arns);
		expect(peak).toBe(2);
	});

	it('never has more than the cap in flight across 1,000 services (100 calls of 10)', async () => {
		let active = 0;
		let peak = 0;
		ecsMock.on(DescribeServicesCommand).callsFake(async (input: {services: string[]}) => {
			active += 1;
			peak = Math.max(peak, active);
			await wait(1);
			active -= 1;
			return {
				services: input.services.map((name) => ({
					serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/web/${name}`,
					serviceName: name,
				})),
			};
		});
		const ecs = createEcsAdapter(client, {limit: createLimiter(4)});
		const names = Array.from({length: 1000}, (_, index) => `svc-${index}`);
		const described = await ecs.describeServices('web', names);
		expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(100);
		expect(
			ecsMock
				.commandCalls(DescribeServicesCommand)
				.every((call) => call.args[0].input.services?.length === 10),
		).toBe(true);
		expect(described.items).toHaveLength(1000);
		expect(peak).toBe(4);
	});

	it('lists services to the last page, 100 a page', async () => {
		ecsMock
			.on(ListServicesCommand, {nextToken: undefined})
			.resolves({serviceArns: ['a', 'b'], nextToken: 't1'})
			.on(ListServicesCommand, {nextToken: 't1'})
			.resolves({serviceArns: ['c'], nextToken: 't2'})
			.on(ListServicesCommand, {nextToken: 't2'})
			.resolves({serviceArns: ['d']});
		const ecs = createEcsAdapter(client);
		await expect(ecs.listServiceArns('web')).resolves.toEqual(['a', 'b', 'c', 'd']);
		const calls = ecsMock.commandCalls(ListServicesCommand);
		expect(calls).toHaveLength(3);
		expect(calls.every((call) => call.args[0].input.maxResults === 100)).toBe(true);
	});

	it('lists tasks with the filters asked for', async () => {
		ecsMock.on(ListTasksCommand).resolves({taskArns: [taskArn(1)]});
		const ecs = createEcsAdapter(client);
		await ecs.listTaskArns('batch', {serviceName: 'sim-runner', desiredStatus: 'STOPPED'});
		expect(ecsMock.commandCalls(ListTasksCommand)[0]?.args[0].input).toEqual({
			cluster: 'batch',
			maxResults: 100,
			nextToken: undefined,
			serviceName: 'sim-runner',
			desiredStatus: 'STOPPED',
		});
	});

	it('returns describe failures beside the items, from every batch', async () => {
		ecsMock.on(DescribeClustersCommand).callsFake((input: {clusters: string[]}) => ({
			clusters: input.clusters
				.filter((name) => !name.startsWith('gone'))
				.map((name) => ({
					clusterName: name,
					clusterArn: `arn:aws:ecs:us-east-1:1:cluster/${name}`,
				})),
			failures: input.clusters
				.filter((name) => name.startsWith('gone'))
				.map((name) => ({arn: `arn:aws:ecs:us-east-1:1:cluster/${name}`, reason: 'MISSING'})),
		}));
		const ecs = createEcsAdapter(client);
		const names = Array.from({length: 150}, (_, index) =>
			index % 50 === 0 ? `gone-${index}` : `c-${index}`,
		);
		const described = await ecs.describeClusters(names);
		expect(ecsMock.commandCalls(DescribeClustersCommand)).toHaveLength(2);
		expect(ecsMock.commandCalls(DescribeClustersCommand)[0]?.args[0].input.include).toEqual([
			'STATISTICS',
			'SETTINGS',
		]);
		expect(described.items).toHaveLength(147);
		expect(described.failures).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:1:cluster/gone-0', reason: 'MISSING', detail: undefined},
			{arn: 'arn:aws:ecs:us-east-1:1:cluster/gone-50', reason: 'MISSING', detail: undefined},
			{arn: 'arn:aws:ecs:us-east-1:1:cluster/gone-100', reason: 'MISSING', detail: undefined},
		]);
	});

	it('maps a task to plain data: ids, service, family:revision, epoch ms', async () => {
		ecsMock.on(DescribeTasksCommand).resolves({
			tasks: [
				{
					taskArn: taskArn(7),
					clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/batch',
					group: 'service:sim-runner',
					lastStatus: 'STOPPED',
					desiredStatus: 'STOPPED',
					taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/sim:12',
					startedAt: new Date('2024-05-01T10:00:00Z'),
					stoppedAt: new Date('2024-05-01T10:05:00Z'),
					stopCode: 'EssentialContainerExited',
					stoppedReason: 'Essential container in task exited',
					availabilityZone: 'us-east-1a',
					version: 4,
					containers: [{name: 'app', image: 'nginx', exitCode: 137, lastStatus: 'STOPPED'}],
				},
			],
		});
		const ecs = createEcsAdapter(client);
		const [task] = (await ecs.describeTasks('batch', [taskArn(7)])).items;
		expect(task).toMatchObject({
			id: '00000000000000000000000000000007',
			serviceName: 'sim-runner',
			taskDefinition: 'sim:12',
			startedAt: Date.parse('2024-05-01T10:00:00Z'),
			stoppedAt: Date.parse('2024-05-01T10:05:00Z'),
			stopCode: 'EssentialContainerExited',
			version: 4,
			containers: [
				{name: 'app', image: 'nginx', exitCode: 137, lastStatus: 'STOPPED', networkBindings: []},
			],
		});
		// No SDK object leaks through: the result survives a JSON round trip unchanged.
		expect(JSON.parse(JSON.stringify(task))).toEqual(task);
	});

	it('reads instance type, AZ and resources of a container instance from ECS alone', async () => {
		ecsMock.on(DescribeContainerInstancesCommand).resolves({
			containerInstances: [
				{
					containerInstanceArn: 'arn:aws:ecs:us-east-1:1:container-instance/batch/abc',
					ec2InstanceId: 'i-0a1',
					status: 'ACTIVE',
					agentConnected: true,
					runningTasksCount: 3,
					attributes: [
						{name: 'ecs.instance-type', value: 't2.micro'},
						{name: 'ecs.availability-zone', value: 'us-east-1b'},
					],
					registeredResources: [
						{name: 'CPU', type: 'INTEGER', integerValue: 1024},
						{name: 'MEMORY', type: 'INTEGER', integerValue: 982},
					],
					remainingResources: [
						{name: 'CPU', type: 'INTEGER', integerValue: 256},
						{name: 'MEMORY', type: 'INTEGER', integerValue: 470},
					],
				},
			],
		});
		const ecs = createEcsAdapter(client);
		const [instance] = (await ecs.describeContainerInstances('batch', ['abc'])).items;
		expect(instance).toMatchObject({
			id: 'abc',
			ec2InstanceId: 'i-0a1',
			instanceType: 't2.micro',
			availabilityZone: 'us-east-1b',
			agentConnected: true,
			runningTasksCount: 3,
			cpuRegistered: 1024,
			cpuRemaining: 256,
			memoryRegistered: 982,
			memoryRemaining: 470,
		});
	});

	it('fetches a task definition revision once, even when asked twice at the same time', async () => {
		const arn = 'arn:aws:ecs:us-east-1:1:task-definition/sim:12';
		ecsMock.on(DescribeTaskDefinitionCommand).callsFake(async () => {
			await wait(5);
			return {
				taskDefinition: {
					taskDefinitionArn: arn,
					family: 'sim',
					revision: 12,
					containerDefinitions: [
						{
							name: 'app',
							image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/sim:1',
							portMappings: [{containerPort: 80}],
						},
					],
					volumes: [{name: 'data', host: {sourcePath: '/data'}}],
				},
			};
		});
		const ecs = createEcsAdapter(client);
		const [first, second] = await Promise.all([
			ecs.describeTaskDefinition(arn),
			ecs.describeTaskDefinition(arn),
		]);
		const third = await ecs.describeTaskDefinition(arn);
		expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
		expect(second).toBe(first);
		expect(third).toBe(first);
		expect(first.containers[0]).toMatchObject({registry: 'ecr', essential: true});
		expect(first.volumes).toEqual([{name: 'data', kind: 'host', hostPath: '/data'}]);
	});

	it('does not cache a family name (it moves with new revisions) nor a failed call', async () => {
		ecsMock
			.on(DescribeTaskDefinitionCommand)
			.rejectsOnce(new ServerException({message: 'try again', $metadata: {httpStatusCode: 500}}))
			.resolves({
				taskDefinition: {
					taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/sim:13',
					family: 'sim',
					revision: 13,
				},
			});
		const ecs = createEcsAdapter(client);
		await expect(ecs.describeTaskDefinition('sim:13')).rejects.toBeInstanceOf(AwsApiError);
		await ecs.describeTaskDefinition('sim:13');
		await ecs.describeTaskDefinition('sim');
		await ecs.describeTaskDefinition('sim');
		// failed + retried + 'sim' twice; the later 'sim:13' call would be served from the cache
		await ecs.describeTaskDefinition('sim:13');
		expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(4);
	});

	it('pages through capacity providers, 10 at a time, in batches of 100 names', async () => {
		ecsMock
			.on(DescribeCapacityProvidersCommand)
			.callsFake((input: {capacityProviders?: string[]; nextToken?: string}) => {
				const names = input.capacityProviders ?? [];
				const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
				const page = names.slice(start, start + 10);
				return {
					capacityProviders: page.map((name) => ({
						name,
						status: 'ACTIVE',
						autoScalingGroupProvider: {autoScalingGroupArn: `asg-${name}`},
					})),
					nextToken: start + 10 < names.length ? String(start + 10) : undefined,
				};
			});
		const ecs = createEcsAdapter(client);
		const names = Array.from({length: 105}, (_, index) => `cp-${index}`);
		const described = await ecs.describeCapacityProviders(names);
		expect(described.items.map((provider) => provider.name)).toEqual(names);
		expect(described.items[0]?.autoScalingGroup).toBe('asg-cp-0');
		const calls = ecsMock.commandCalls(DescribeCapacityProvidersCommand);
		expect(calls).toHaveLength(11);
		expect(new Set(calls.map((call) => call.args[0].input.capacityProviders?.length))).toEqual(
			new Set([100, 5]),
		);
	});
});
