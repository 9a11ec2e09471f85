/**
 * The ECS handlers against a real world, called directly: what a client reads back (counts,
 * include flags, failures, filters) and what ECS refuses (batch limits, bad parameters).
 */
import {describe, expect, it} from 'vitest';
import {CLIENT_TOKEN_WINDOW_MS} from '../../source/sim/api/ecs-run-task-tokens.js';
import {buildEcsFixture, errorOf} from './api-ecs-fixture.js';

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => value as Row[];

describe('ECS clusters', () => {
	it('describes counts, statistics, settings and tags, and reports unknown names as MISSING', () => {
		const {call} = buildEcsFixture();
		const out = call('DescribeClusters', {
			clusters: ['batch', 'nope'],
			include: ['STATISTICS', 'SETTINGS', 'TAGS'],
		});
		const [cluster] = rows(out.clusters);
		expect(cluster).toMatchObject({
			clusterName: 'batch',
			status: 'ACTIVE',
			registeredContainerInstancesCount: 3,
			runningTasksCount: 2,
			pendingTasksCount: 0,
			activeServicesCount: 1,
			settings: [{name: 'containerInsights', value: 'enabled'}],
			tags: [{key: 'team', value: 'data'}],
		});
		const statistics = Object.fromEntries(
			rows(cluster!.statistics).map((s) => [s.name as string, s.value as string]),
		);
		expect(statistics).toMatchObject({
			runningEC2TasksCount: '2',
			pendingEC2TasksCount: '0',
			activeEC2ServiceCount: '1',
			runningFargateTasksCount: '0',
		});
		expect(out.failures).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING'},
		]);
	});

	it('leaves statistics and tags empty unless asked for', () => {
		const {call} = buildEcsFixture();
		const [cluster] = rows(call('DescribeClusters', {clusters: ['batch']}).clusters);
		expect(cluster!.statistics).toEqual([]);
		expect(cluster!.tags).toEqual([]);
		expect(cluster!.settings).toBeUndefined();
	});

	it('creates a cluster that ListClusters then shows', () => {
		const {call} = buildEcsFixture();
		const created = call('CreateCluster', {clusterName: 'web'}).cluster as Row;
		expect(created.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/web');
		expect(call('ListClusters').clusterArns).toContain(created.clusterArn);
		expect(errorOf(() => call('CreateCluster', {clusterName: 'bad name!'})).code).toBe(
			'InvalidParameterException',
		);
	});

	it('refuses more than 100 clusters in one DescribeClusters', () => {
		const {call} = buildEcsFixture();
		const names = Array.from({length: 101}, (_, i) => `c${i}`);
		expect(errorOf(() => call('DescribeClusters', {clusters: names})).code).toBe(
			'InvalidParameterException',
		);
	});
});

describe('ECS services', () => {
	it('describes the full service shape with deployments and newest-first events', () => {
		const {call} = buildEcsFixture();
		const out = call('DescribeServices', {
			cluster: 'batch',
			services: ['sim-runner', 'ghost'],
			include: ['TAGS'],
		});
		const [service] = rows(out.services);
		expect(service).toMatchObject({
			serviceName: 'sim-runner',
			status: 'ACTIVE',
			desiredCount: 2,
			runningCount: 2,
			pendingCount: 0,
			schedulingStrategy: 'REPLICA',
			deploymentConfiguration: {minimumHealthyPercent: 100, maximumPercent: 200},
			tags: [{key: 'tier', value: 'batch'}],
		});
		expect(service!.createdAt).toBeInstanceOf(Date);
		const deployments = rows(service!.deployments);
		expect(deployments).toHaveLength(1);
		expect(deployments[0]).toMatchObject({status: 'PRIMARY', rolloutState: 'COMPLETED'});
		const events = rows(service!.events);
		expect(events.length).toBeGreaterThan(0);
		const times = events.map((e) => (e.createdAt as Date).getTime());
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(out.failures).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:123456789012:service/batch/ghost', reason: 'MISSING'},
		]);
	});

	it('refuses 11 services, an empty list, and an unknown cluster', () => {
		const {call} = buildEcsFixture();
		const eleven = Array.from({length: 11}, (_, i) => `s${i}`);
		expect(errorOf(() => call('DescribeServices', {cluster: 'batch', services: eleven}))).toEqual({
			code: 'InvalidParameterException',
			message: 'service names can have at most 10 items.',
		});
		expect(errorOf(() => call('DescribeServices', {cluster: 'batch', services: []})).code).toBe(
			'InvalidParameterException',
		);
		expect(errorOf(() => call('DescribeServices', {cluster: 'gone', services: ['x']}))).toEqual({
			code: 'ClusterNotFoundException',
			message: 'Cluster not found.',
		});
	});

	it('pages ListServices by 10 by default and filters by launch type', () => {
		const {world, cluster, call} = buildEcsFixture();
		for (let i = 0; i < 11; i++) {
			world.createService(cluster, {
				serviceName: `extra-${i}`,
				taskDefinition: 'sim',
				desiredCount: 0,
			});
		}
		const first = call('ListServices', {cluster: 'batch'});
		expect(rows(first.serviceArns)).toHaveLength(10);
		const second = call('ListServices', {cluster: 'batch', nextToken: first.nextToken});
		expect(rows(second.serviceArns)).toHaveLength(2);
		expect(second.nextToken).toBeUndefined();
		expect(
			rows(call('ListServices', {cluster: 'batch', launchType: 'FARGATE'}).serviceArns),
		).toEqual([]);
		expect(errorOf(() => call('ListServices', {cluster: 'batch', maxResults: 101})).code).toBe(
			'InvalidParameterException',
		);
		expect(errorOf(() => call('ListServices', {cluster: 'batch', nextToken: 'garbage'})).code).toBe(
			'InvalidParameterException',
		);
	});

	it('converges to a new desired count after UpdateService', () => {
		const {call, advance} = buildEcsFixture();
		const updated = call('UpdateService', {
			cluster: 'batch',
			service: 'sim-runner',
			desiredCount: 5,
		}).service as Row;
		expect(updated.desiredCount).toBe(5);
		advance(5 * 60_000);
		const [service] = rows(
			call('DescribeServices', {cluster: 'batch', services: ['sim-runner']}).services,
		);
		expect(service).toMatchObject({desiredCount: 5, runningCount: 5, pendingCount: 0});
		expect(
			rows(call('ListTasks', {cluster: 'batch', serviceName: 'sim-runner'}).taskArns),
		).toHaveLength(5);
	});

	it('rolls a forced new deployment to completion', () => {
		const {call, advance} = buildEcsFixture();
		const started = call('UpdateService', {
			cluster: 'batch',
			service: 'sim-runner',
			forceNewDeployment: true,
		}).service as Row;
		expect(rows(started.deployments).length).toBeGreaterThanOrEqual(2);
		advance(15 * 60_000);
		const [service] = rows(
			call('DescribeServices', {cluster: 'batch', services: ['sim-runner']}).services,
		);
		expect(rows(service!.deployments)).toHaveLength(1);
		expect(rows(service!.deployments)[0]).toMatchObject({
			rolloutState: 'COMPLETED',
			runningCount: 2,
		});
	});

	it('creates and deletes services as ECS validates them', () => {
		const {call} = buildEcsFixture();
		const unknownDefinition = errorOf(() =>
			call('CreateService', {
				cluster: 'batch',
				serviceName: 'x',
				taskDefinition: 'nope',
				desiredCount: 1,
			}),
		);
		expect(unknownDefinition).toEqual({
			code: 'ClientException',
			message: 'Unable to describe task definition.',
		});
		expect(
			errorOf(() =>
				call('CreateService', {
					cluster: 'batch',
					serviceName: 'x',
					taskDefinition: 'sim',
					desiredCount: 1,
					launchType: 'EC2',
					capacityProviderStrategy: [{capacityProvider: 'cp'}],
				}),
			).code,
		).toBe('InvalidParameterException');
		expect(
			errorOf(() =>
				call('CreateService', {
					cluster: 'batch',
					serviceName: 'sim-runner',
					taskDefinition: 'sim',
					desiredCount: 1,
				}),
			).message,
		).toBe('Creation of service was not idempotent.');

		const created = call('CreateService', {
			cluster: 'batch',
			serviceName: 'web',
			taskDefinition: 'sim:1',
			desiredCount: 1,
			placementStrategy: [{type: 'spread', field: 'attribute:ecs.availability-zone'}],
		}).service as Row;
		expect(created).toMatchObject({
			serviceName: 'web',
			taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sim:1',
			placementStrategy: [{type: 'spread', field: 'attribute:ecs.availability-zone'}],
		});
		const deleted = call('DeleteService', {cluster: 'batch', service: 'web', force: true})
			.service as Row;
		expect(deleted.status).not.toBe('ACTIVE');
		expect(
			errorOf(() => call('UpdateService', {cluster: 'batch', service: 'web', desiredCount: 1}))
				.code,
		).toBe('ServiceNotActiveException');
		expect(
			errorOf(() => call('UpdateService', {cluster: 'batch', service: 'never', desiredCount: 1})),
		).toEqual({
			code: 'ServiceNotFoundException',
			message: 'Service not found.',
		});
	});
});

describe('ECS tasks', () => {
	it('lists by service, family and desired status, and refuses startedBy with other filters', () => {
		const {call} = buildEcsFixture();
		const running = rows(call('ListTasks', {cluster: 'batch'}).taskArns);
		expect(running).toHaveLength(2);
		expect(rows(call('ListTasks', {cluster: 'batch', family: 'sim'}).taskArns)).toHaveLength(2);
		expect(rows(call('ListTasks', {cluster: 'batch', family: 'other'}).taskArns)).toHaveLength(0);
		expect(
			rows(call('ListTasks', {cluster: 'batch', desiredStatus: 'STOPPED'}).taskArns),
		).toHaveLength(0);
		expect(errorOf(() => call('ListTasks', {cluster: 'batch', serviceName: 'ghost'})).code).toBe(
			'ServiceNotFoundException',
		);
		expect(
			errorOf(() => call('ListTasks', {cluster: 'batch', startedBy: 'me', family: 'sim'})).code,
		).toBe('InvalidParameterException');
	});

	it('describes tasks whole, with MISSING failures and a limit of 100', () => {
		const {call} = buildEcsFixture();
		const arns = rows(call('ListTasks', {cluster: 'batch'}).taskArns) as unknown as string[];
		const out = call('DescribeTasks', {
			cluster: 'batch',
			tasks: [...arns, 'f'.repeat(32)],
			include: ['TAGS'],
		});
		const tasks = rows(out.tasks);
		expect(tasks).toHaveLength(2);
		expect(tasks[0]).toMatchObject({
			lastStatus: 'RUNNING',
			desiredStatus: 'RUNNING',
			group: 'service:sim-runner',
			launchType: 'EC2',
			attachments: [],
			tags: [],
		});
		expect(tasks[0]!.containerInstanceArn).toMatch(/:container-instance\/batch\//);
		expect(typeof tasks[0]!.version).toBe('number');
		expect(rows(tasks[0]!.containers)[0]).toMatchObject({name: 'app', lastStatus: 'RUNNING'});
		expect(out.failures).toEqual([
			{arn: `arn:aws:ecs:us-east-1:123456789012:task/batch/${'f'.repeat(32)}`, reason: 'MISSING'},
		]);
		const tooMany = Array.from({length: 101}, (_, i) => `t${i}`);
		expect(errorOf(() => call('DescribeTasks', {cluster: 'batch', tasks: tooMany})).message).toBe(
			'tasks can have at most 100 items.',
		);
	});

	it('replaces a stopped service task', () => {
		const {call, advance} = buildEcsFixture();
		const [victim] = rows(call('ListTasks', {cluster: 'batch'}).taskArns) as unknown as string[];
		const stopping = call('StopTask', {cluster: 'batch', task: victim, reason: 'testing'})
			.task as Row;
		expect(stopping).toMatchObject({desiredStatus: 'STOPPED', stopCode: 'UserInitiated'});
		advance(3 * 60_000);
		const [stopped] = rows(call('DescribeTasks', {cluster: 'batch', tasks: [victim]}).tasks);
		expect(stopped).toMatchObject({lastStatus: 'STOPPED', stoppedReason: 'testing'});
		expect(stopped!.stoppedAt).toBeInstanceOf(Date);
		expect(
			rows(call('ListTasks', {cluster: 'batch', desiredStatus: 'STOPPED'}).taskArns),
		).toContain(victim);
		const running = rows(call('ListTasks', {cluster: 'batch'}).taskArns);
		expect(running).toHaveLength(2);
		expect(running).not.toContain(victim);
	});

	it('refuses StopTask of an unknown task and an over-long reason', () => {
		const {call} = buildEcsFixture();
		expect(errorOf(() => call('StopTask', {cluster: 'batch', task: 'nope'})).code).toBe(
			'InvalidParameterException',
		);
		const [task] = rows(call('ListTasks', {cluster: 'batch'}).taskArns) as unknown as string[];
		expect(
			errorOf(() => call('StopTask', {cluster: 'batch', task, reason: 'x'.repeat(256)})).code,
		).toBe('InvalidParameterException');
	});

	it('runs tasks once per client token and checks count', () => {
		const {call, advance} = buildEcsFixture();
		const input = {
			cluster: 'batch',
			taskDefinition: 'sim',
			count: 2,
			clientToken: 'retry-1',
			startedBy: 'me',
		};
		const first = rows(call('RunTask', input).tasks);
		expect(first).toHaveLength(2);
		const again = rows(call('RunTask', input).tasks);
		expect(again.map((t) => t.taskArn)).toEqual(first.map((t) => t.taskArn));
		expect(rows(call('ListTasks', {cluster: 'batch', startedBy: 'me'}).taskArns)).toHaveLength(2);
		// Once the window has passed, the token is free again.
		advance(CLIENT_TOKEN_WINDOW_MS + 60_000);
		const later = rows(call('RunTask', input).tasks);
		expect(later.map((t) => t.taskArn)).not.toEqual(first.map((t) => t.taskArn));
		const other = rows(call('RunTask', {...input, clientToken: 'retry-2'}).tasks);
		expect(other.map((t) => t.taskArn)).not.toEqual(first.map((t) => t.taskArn));
		for (const count of [0, 11]) {
			expect(errorOf(() => call('RunTask', {...input, clientToken: undefined, count})).code).toBe(
				'InvalidParameterException',
			);
		}
		expect(errorOf(() => call('RunTask', {cluster: 'batch', taskDefinition: 'nope'})).code).toBe(
			'ClientException',
		);
	});

	it('reports tasks that do not fit as failures beside the placed ones', () => {
		const {call} = buildEcsFixture({instances: 1});
		call('RegisterTaskDefinition', {
			family: 'huge',
			containerDefinitions: [{name: 'big', image: 'busybox', cpu: 600, memory: 600}],
		});
		const out = call('RunTask', {cluster: 'batch', taskDefinition: 'huge', count: 2});
		expect(rows(out.tasks)).toHaveLength(1);
		expect(rows(out.failures)).toHaveLength(1);
		expect(rows(out.failures)[0]!.reason).toMatch(/^RESOURCE:/);
	});
});

describe('ECS container instances', () => {
	it('lists, filters by attribute and describes resources and task counts', () => {
		const {call} = buildEcsFixture();
		const arns = rows(call('ListContainerInstances', {cluster: 'batch'}).containerInstanceArns);
		expect(arns).toHaveLength(3);
		const inZoneA = rows(
			call('ListContainerInstances', {
				cluster: 'batch',
				filter: 'attribute:ecs.availability-zone == us-east-1a',
			}).containerInstanceArns,
		);
		expect(inZoneA).toHaveLength(1);
		expect(
			errorOf(() =>
				call('ListContainerInstances', {cluster: 'batch', filter: 'runningTasksCount > 1'}),
			).code,
		).toBe('InvalidParameterException');

		const out = call('DescribeContainerInstances', {
			cluster: 'batch',
			containerInstances: [...(arns as unknown as string[]), 'missing-id'],
			include: ['CONTAINER_INSTANCE_HEALTH'],
		});
		const instances = rows(out.containerInstances);
		expect(instances).toHaveLength(3);
		const totalRunning = instances.reduce((sum, i) => sum + (i.runningTasksCount as number), 0);
		expect(totalRunning).toBe(2);
		const registered = rows(instances[0]!.registeredResources);
		expect(registered.map((r) => r.name)).toEqual(['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP']);
		expect(registered[0]).toMatchObject({type: 'INTEGER', integerValue: 1024});
		expect(registered[2]).toMatchObject({type: 'STRINGSET'});
		expect(instances[0]!.healthStatus).toMatchObject({overallStatus: 'OK'});
		expect(rows(out.failures)[0]).toMatchObject({reason: 'MISSING'});
		const attributes = rows(instances[0]!.attributes).map((a) => a.name);
		expect(attributes).toContain('ecs.instance-type');
	});

	it('drains at most 10 instances per call, and lists by status', () => {
		const {call} = buildEcsFixture();
		const [first] = rows(call('ListContainerInstances', {cluster: 'batch'}).containerInstanceArns);
		const out = call('UpdateContainerInstancesState', {
			cluster: 'batch',
			containerInstances: [first],
			status: 'DRAINING',
		});
		expect(rows(out.containerInstances)[0]!.status).toBe('DRAINING');
		expect(
			rows(
				call('ListContainerInstances', {cluster: 'batch', status: 'DRAINING'})
					.containerInstanceArns,
			),
		).toEqual([first]);
		const eleven = Array.from({length: 11}, (_, i) => `i${i}`);
		expect(
			errorOf(() =>
				call('UpdateContainerInstancesState', {
					cluster: 'batch',
					containerInstances: eleven,
					status: 'DRAINING',
				}),
			).code,
		).toBe('InvalidParameterException');
		expect(
			errorOf(() =>
				call('UpdateContainerInstancesState', {
					cluster: 'batch',
					containerInstances: [first],
					status: 'INACTIVE',
				}),
			).code,
		).toBe('InvalidParameterException');
	});

	it('deregisters an instance so the default listing no longer shows it', () => {
		const {call} = buildEcsFixture();
		const [first] = rows(call('ListContainerInstances', {cluster: 'batch'}).containerInstanceArns);
		call('DeregisterContainerInstance', {cluster: 'batch', containerInstance: first, force: true});
		expect(
			rows(call('ListContainerInstances', {cluster: 'batch'}).containerInstanceArns),
		).not.toContain(first);
	});
});

describe('ECS task definitions and capacity providers', () => {
	it('registers, lists, describes and deregisters revisions', () => {
		const {call} = buildEcsFixture();
		const registered = call('RegisterTaskDefinition', {
			family: 'sim',
			containerDefinitions: [{name: 'app', image: 'busybox', memory: 64}],
			tags: [{key: 'v', value: '2'}],
		});
		expect((registered.taskDefinition as Row).revision).toBe(2);
		expect(
			call('ListTaskDefinitions', {familyPrefix: 'sim', sort: 'DESC'}).taskDefinitionArns,
		).toEqual([
			'arn:aws:ecs:us-east-1:123456789012:task-definition/sim:2',
			'arn:aws:ecs:us-east-1:123456789012:task-definition/sim:1',
		]);
		const described = call('DescribeTaskDefinition', {taskDefinition: 'sim', include: ['TAGS']});
		expect(described.taskDefinition).toMatchObject({family: 'sim', revision: 2, status: 'ACTIVE'});
		expect(described.tags).toEqual([{key: 'v', value: '2'}]);
		expect(errorOf(() => call('DescribeTaskDefinition', {taskDefinition: 'nope'}))).toEqual({
			code: 'ClientException',
			message: 'Unable to describe task definition.',
		});
		expect(
			errorOf(() =>
				call('RegisterTaskDefinition', {
					family: 'x',
					containerDefinitions: [{name: 'a', image: 'b'}],
				}),
			).code,
		).toBe('ClientException');

		call('DeregisterTaskDefinition', {taskDefinition: 'sim:1'});
		expect(
			call('ListTaskDefinitions', {familyPrefix: 'sim', status: 'INACTIVE'}).taskDefinitionArns,
		).toEqual(['arn:aws:ecs:us-east-1:123456789012:task-definition/sim:1']);
		expect(call('ListTaskDefinitionFamilies', {familyPrefix: 'si'}).families).toEqual(['sim']);
		expect(call('ListTaskDefinitionFamilies', {status: 'INACTIVE'}).families).toEqual([]);
	});

	it('describes the built-in Fargate providers and the ones the account created', () => {
		const {world, call} = buildEcsFixture();
		world.createAutoScalingGroup({
			name: 'batch-asg',
			clusterName: 'batch',
			instanceType: 't2.micro',
			availabilityZones: ['us-east-1a'],
			minSize: 0,
			maxSize: 4,
			desiredCapacity: 0,
		});
		world.createCapacityProvider({
			name: 'batch-cp',
			autoScalingGroupName: 'batch-asg',
			managedScaling: true,
		});
		const all = call('DescribeCapacityProviders');
		expect(rows(all.capacityProviders).map((p) => p.name)).toEqual([
			'FARGATE',
			'FARGATE_SPOT',
			'batch-cp',
		]);
		const named = call('DescribeCapacityProviders', {capacityProviders: ['batch-cp', 'ghost']});
		expect(rows(named.capacityProviders)[0]!.autoScalingGroupProvider).toMatchObject({
			managedScaling: {status: 'ENABLED'},
		});
		expect(rows(named.failures)).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/ghost', reason: 'MISSING'},
		]);
		expect(errorOf(() => call('DescribeCapacityProviders', {maxResults: 11})).code).toBe(
			'InvalidParameterException',
		);
	});

	it('tags and untags a resource', () => {
		const {cluster, call} = buildEcsFixture();
		call('TagResource', {resourceArn: cluster.arn, tags: [{key: 'env', value: 'test'}]});
		call('UntagResource', {resourceArn: cluster.arn, tagKeys: ['team']});
		expect(call('ListTagsForResource', {resourceArn: cluster.arn}).tags).toEqual([
			{key: 'env', value: 'test'},
		]);
	});
});
