/**
 * The ECS API through the real @aws-sdk/client-ecs over HTTP: the SDK's own serializers,
 * paginators and typed exceptions must accept what the simulator sends, as they would AWS's.
 */
import {
	ClientException,
	ClusterNotFoundException,
	CreateClusterCommand,
	CreateServiceCommand,
	DeleteServiceCommand,
	DeregisterContainerInstanceCommand,
	DeregisterTaskDefinitionCommand,
	DescribeCapacityProvidersCommand,
	DescribeClustersCommand,
	DescribeContainerInstancesCommand,
	DescribeServicesCommand,
	DescribeTaskDefinitionCommand,
	DescribeTasksCommand,
	ECSClient,
	InvalidParameterException,
	ListClustersCommand,
	ListTagsForResourceCommand,
	ListTasksCommand,
	ListTaskDefinitionFamiliesCommand,
	ListTaskDefinitionsCommand,
	RegisterTaskDefinitionCommand,
	RunTaskCommand,
	ServiceNotFoundException,
	StopTaskCommand,
	TagResourceCommand,
	UpdateContainerInstancesStateCommand,
	UpdateServiceCommand,
	paginateListContainerInstances,
	paginateListServices,
	paginateListTasks,
} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ecsHandlers} from '../../source/sim/api/ecs.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {buildEcsFixture, type EcsFixture} from './api-ecs-fixture.js';

const TASKS = 300;

let fixture: EcsFixture;
let server: SimServer;
let ecs: ECSClient;

beforeAll(async () => {
	// Two large instances hold a few hundred small tasks, enough for several pages of everything.
	fixture = buildEcsFixture({instances: 2, instanceType: 'c5.4xlarge', desiredCount: TASKS});
	fixture.advance(20 * 60_000);
	server = await startSimServer({
		world: fixture.world,
		handlers: {ecs: ecsHandlers, cloudwatch: {}, logs: {}, ec2: {}, autoscaling: {}, sts: {}},
		port: 0,
	});
	ecs = new ECSClient({
		endpoint: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
});

afterAll(async () => {
	ecs?.destroy();
	await server?.close();
});

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
	const all: T[] = [];
	for await (const page of pages) all.push(page);
	return all;
}

describe('ECS over HTTP with the SDK', () => {
	it('pages ListTasks to the end and describes every task in batches of 100', async () => {
		const pages = await collect(
			paginateListTasks({client: ecs, pageSize: 100}, {cluster: 'batch'}),
		);
		const arns = pages.flatMap((page) => page.taskArns ?? []);
		expect(pages.length).toBe(Math.ceil(TASKS / 100));
		expect(new Set(arns).size).toBe(TASKS);

		let described = 0;
		for (let i = 0; i < arns.length; i += 100) {
			const out = await ecs.send(
				new DescribeTasksCommand({cluster: 'batch', tasks: arns.slice(i, i + 100)}),
			);
			expect(out.failures).toEqual([]);
			for (const task of out.tasks ?? []) {
				expect(task.lastStatus).toBe('RUNNING');
				expect(task.startedAt).toBeInstanceOf(Date);
			}
			described += out.tasks?.length ?? 0;
		}
		expect(described).toBe(TASKS);

		await expect(
			ecs.send(new DescribeTasksCommand({cluster: 'batch', tasks: arns.slice(0, 101)})),
		).rejects.toBeInstanceOf(InvalidParameterException);
	});

	it('pages services and container instances with the SDK paginators', async () => {
		for (let i = 0; i < 24; i++) {
			await ecs.send(
				new CreateServiceCommand({
					cluster: 'batch',
					serviceName: `idle-${i}`,
					taskDefinition: 'sim',
					desiredCount: 0,
				}),
			);
		}
		const servicePages = await collect(paginateListServices({client: ecs}, {cluster: 'batch'}));
		// Without a page size ECS answers 10 at a time.
		expect(servicePages.map((page) => page.serviceArns?.length)).toEqual([10, 10, 5]);
		const instancePages = await collect(
			paginateListContainerInstances({client: ecs, pageSize: 1}, {cluster: 'batch'}),
		);
		expect(instancePages.flatMap((page) => page.containerInstanceArns ?? [])).toHaveLength(2);

		const names = servicePages.flatMap((page) => page.serviceArns ?? []);
		await expect(
			ecs.send(new DescribeServicesCommand({cluster: 'batch', services: names.slice(0, 11)})),
		).rejects.toBeInstanceOf(InvalidParameterException);
		const out = await ecs.send(
			new DescribeServicesCommand({cluster: 'batch', services: [...names.slice(0, 9), 'ghost']}),
		);
		expect(out.services).toHaveLength(9);
		expect(out.failures).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:123456789012:service/batch/ghost', reason: 'MISSING'},
		]);
	});

	it('raises each ECS error as the SDK typed exception', async () => {
		await expect(
			ecs.send(new DescribeServicesCommand({cluster: 'nope', services: ['x']})),
		).rejects.toBeInstanceOf(ClusterNotFoundException);
		await expect(
			ecs.send(new UpdateServiceCommand({cluster: 'batch', service: 'ghost', desiredCount: 1})),
		).rejects.toBeInstanceOf(ServiceNotFoundException);
		await expect(
			ecs.send(new DescribeTaskDefinitionCommand({taskDefinition: 'ghost'})),
		).rejects.toBeInstanceOf(ClientException);
		const error = (await ecs.send(new ListTasksCommand({cluster: 'batch', maxResults: 500})).then(
			() => undefined,
			(caught: unknown) => caught,
		)) as InvalidParameterException;
		expect(error).toBeInstanceOf(InvalidParameterException);
		expect(error.message).toBe('maxResults must be between 1 and 100.');
		expect(error.$metadata.httpStatusCode).toBe(400);
	});

	it('reads clusters, instances, task definitions and capacity providers', async () => {
		expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([
			'arn:aws:ecs:us-east-1:123456789012:cluster/batch',
		]);
		const clusters = await ecs.send(
			new DescribeClustersCommand({clusters: ['batch', 'nope'], include: ['STATISTICS']}),
		);
		expect(clusters.clusters?.[0]).toMatchObject({
			runningTasksCount: TASKS,
			registeredContainerInstancesCount: 2,
		});
		expect(clusters.failures?.[0]?.reason).toBe('MISSING');

		const instanceArns = (
			await collect(paginateListContainerInstances({client: ecs}, {cluster: 'batch'}))
		).flatMap((page) => page.containerInstanceArns ?? []);
		const instances = await ecs.send(
			new DescribeContainerInstancesCommand({
				cluster: 'batch',
				containerInstances: instanceArns,
				include: ['TAGS', 'CONTAINER_INSTANCE_HEALTH'],
			}),
		);
		const running = instances.containerInstances?.reduce(
			(n, i) => n + (i.runningTasksCount ?? 0),
			0,
		);
		expect(running).toBe(TASKS);
		const cpu = instances.containerInstances?.[0]?.remainingResources?.find(
			(r) => r.name === 'CPU',
		);
		expect(cpu?.integerValue).toBeLessThan(16 * 1024);
		expect(instances.containerInstances?.[0]?.registeredAt).toBeInstanceOf(Date);

		expect((await ecs.send(new ListTaskDefinitionFamiliesCommand({}))).families).toEqual(['sim']);
		expect((await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns).toHaveLength(1);
		const definition = await ecs.send(new DescribeTaskDefinitionCommand({taskDefinition: 'sim:1'}));
		expect(definition.taskDefinition?.containerDefinitions?.[0]?.name).toBe('app');
		expect(definition.taskDefinition?.registeredAt).toBeInstanceOf(Date);

		const providers = await ecs.send(new DescribeCapacityProvidersCommand({}));
		expect(providers.capacityProviders?.map((p) => p.name)).toContain('FARGATE');
	});

	it('changes the world: create, update, run, stop, drain, deregister, tag, delete', async () => {
		const cluster = await ecs.send(new CreateClusterCommand({clusterName: 'scratch'}));
		expect(cluster.cluster?.status).toBe('ACTIVE');
		const registered = await ecs.send(
			new RegisterTaskDefinitionCommand({
				family: 'oneoff',
				containerDefinitions: [{name: 'job', image: 'busybox', cpu: 16, memory: 32}],
			}),
		);
		expect(registered.taskDefinition?.revision).toBe(1);

		const run = await ecs.send(
			new RunTaskCommand({
				cluster: 'batch',
				taskDefinition: 'oneoff',
				count: 3,
				clientToken: 'sdk-1',
			}),
		);
		expect(run.tasks).toHaveLength(3);
		const rerun = await ecs.send(
			new RunTaskCommand({
				cluster: 'batch',
				taskDefinition: 'oneoff',
				count: 3,
				clientToken: 'sdk-1',
			}),
		);
		expect(rerun.tasks?.map((t) => t.taskArn)).toEqual(run.tasks?.map((t) => t.taskArn));
		await expect(
			ecs.send(new RunTaskCommand({cluster: 'batch', taskDefinition: 'oneoff', count: 11})),
		).rejects.toBeInstanceOf(InvalidParameterException);

		const stopped = await ecs.send(
			new StopTaskCommand({cluster: 'batch', task: run.tasks?.[0]?.taskArn, reason: 'done'}),
		);
		expect(stopped.task?.desiredStatus).toBe('STOPPED');

		const service = await ecs.send(
			new CreateServiceCommand({
				cluster: 'batch',
				serviceName: 'web',
				taskDefinition: 'oneoff',
				desiredCount: 1,
			}),
		);
		expect(service.service?.createdAt).toBeInstanceOf(Date);
		const updated = await ecs.send(
			new UpdateServiceCommand({cluster: 'batch', service: 'web', desiredCount: 3}),
		);
		expect(updated.service?.desiredCount).toBe(3);
		fixture.clock.advance(5 * 60_000);
		const described = await ecs.send(
			new DescribeServicesCommand({cluster: 'batch', services: ['web']}),
		);
		expect(described.services?.[0]).toMatchObject({desiredCount: 3, runningCount: 3});
		const deleted = await ecs.send(
			new DeleteServiceCommand({cluster: 'batch', service: 'web', force: true}),
		);
		expect(deleted.service?.serviceName).toBe('web');

		const [first, second] = (
			await collect(paginateListContainerInstances({client: ecs}, {cluster: 'batch'}))
		).flatMap((page) => page.containerInstanceArns ?? []);
		const drained = await ecs.send(
			new UpdateContainerInstancesStateCommand({
				cluster: 'batch',
				containerInstances: [first!],
				status: 'DRAINING',
			}),
		);
		expect(drained.containerInstances?.[0]?.status).toBe('DRAINING');
		await expect(
			ecs.send(
				new UpdateContainerInstancesStateCommand({
					cluster: 'batch',
					containerInstances: Array.from({length: 11}, () => first!),
					status: 'DRAINING',
				}),
			),
		).rejects.toBeInstanceOf(InvalidParameterException);
		const gone = await ecs.send(
			new DeregisterContainerInstanceCommand({
				cluster: 'batch',
				containerInstance: second,
				force: true,
			}),
		);
		expect(gone.containerInstance?.containerInstanceArn).toBe(second);

		const arn = cluster.cluster!.clusterArn!;
		await ecs.send(new TagResourceCommand({resourceArn: arn, tags: [{key: 'k', value: 'v'}]}));
		expect((await ecs.send(new ListTagsForResourceCommand({resourceArn: arn}))).tags).toEqual([
			{key: 'k', value: 'v'},
		]);

		const retired = await ecs.send(
			new DeregisterTaskDefinitionCommand({taskDefinition: 'oneoff:1'}),
		);
		expect(retired.taskDefinition?.status).toBe('INACTIVE');
	});
});
