import {describe, expect, it} from 'vitest';
import {newWorld, run, runningTasks, taskDefinition, withInstances} from './world-fixtures.js';

describe('placement', () => {
	it('binpack on memory fills one instance before the next', () => {
		const {world} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
		taskDefinition(world, 'app', {cpu: 128, memory: 512});
		const {tasks} = world.runTask(cluster, {
			taskDefinition: 'app',
			count: 6,
			placementStrategy: [{type: 'binpack', field: 'memory'}],
		});
		expect(new Set(tasks.map((t) => t.containerInstanceId)).size).toBe(1);
		// A t3.medium registers 3,928 MiB: a 7th and 8th 512 MiB task spill onto a second instance.
		const more = world.runTask(cluster, {
			taskDefinition: 'app',
			count: 2,
			placementStrategy: [{type: 'binpack', field: 'memory'}],
		});
		const instances = new Set([...tasks, ...more.tasks].map((t) => t.containerInstanceId));
		expect(instances.size).toBe(2);
	});

	it('the default service strategy spreads tasks evenly over zones', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1c']);
		taskDefinition(world, 'app', {cpu: 128, memory: 128});
		world.createService(cluster, {serviceName: 'web', taskDefinition: 'app', desiredCount: 6});
		run(world, clock, 30);
		const perZone = new Map<string, number>();
		for (const task of runningTasks(cluster, 'web'))
			perZone.set(task.availabilityZone, (perZone.get(task.availabilityZone) ?? 0) + 1);
		expect([...perZone.values()]).toEqual([2, 2, 2]);
		// And within us-east-1a, one per instance.
		const inA = runningTasks(cluster, 'web').filter((t) => t.availabilityZone === 'us-east-1a');
		expect(new Set(inA.map((t) => t.containerInstanceId)).size).toBe(2);
	});

	it('distinctInstance puts at most one task of the group on an instance', () => {
		const {world} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		taskDefinition(world, 'app', {cpu: 128, memory: 128});
		const {tasks, failures} = world.runTask(cluster, {
			taskDefinition: 'app',
			count: 3,
			placementConstraints: [{type: 'distinctInstance'}],
		});
		expect(tasks).toHaveLength(2);
		expect(new Set(tasks.map((t) => t.containerInstanceId)).size).toBe(2);
		expect(failures.map((f) => f.reason)).toEqual(['DistinctInstance constraint']);
	});

	it('memberOf by zone and by instance type', () => {
		const {world} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		world.launchInstance({
			instanceType: 't2.micro',
			availabilityZone: 'us-east-1c',
			clusterName: 'web',
			registerNow: true,
		});
		taskDefinition(world, 'app', {cpu: 128, memory: 128});
		const inB = world.runTask(cluster, {
			taskDefinition: 'app',
			count: 3,
			placementConstraints: [
				{type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1b'},
			],
		});
		expect(inB.tasks.map((t) => t.availabilityZone)).toEqual([
			'us-east-1b',
			'us-east-1b',
			'us-east-1b',
		]);
		const onT2 = world.runTask(cluster, {
			taskDefinition: 'app',
			count: 2,
			placementConstraints: [{type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*'}],
		});
		expect(onT2.tasks.map((t) => t.availabilityZone)).toEqual(['us-east-1c', 'us-east-1c']);
		const nowhere = world.runTask(cluster, {
			taskDefinition: 'app',
			placementConstraints: [
				{type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.large'},
			],
		});
		expect(nowhere.tasks).toEqual([]);
		expect(nowhere.failures[0]!.reason).toBe('MemberOf constraint');
	});

	it('insufficient CPU: RunTask failure RESOURCE:CPU and a rate-limited "unable to place" event', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a'], 't2.micro');
		const instance = [...cluster.containerInstances.values()][0]!;
		expect(instance.registeredResources).toMatchObject({cpu: 1024, memory: 982});
		expect(instance.registeredResources.ports).toEqual([22, 2375, 2376, 51678, 51679]);
		taskDefinition(world, 'big', {cpu: 2048, memory: 128});
		const {tasks, failures} = world.runTask(cluster, {taskDefinition: 'big'});
		expect(tasks).toEqual([]);
		expect(failures).toEqual([{arn: instance.arn, reason: 'RESOURCE:CPU'}]);

		taskDefinition(world, 'fat', {cpu: 128, memory: 2048});
		expect(world.runTask(cluster, {taskDefinition: 'fat'}).failures[0]!.reason).toBe(
			'RESOURCE:MEMORY',
		);

		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'big',
			desiredCount: 1,
		});
		run(world, clock, 120);
		const unable = service.events.filter((e) => e.message.includes('was unable to place a task'));
		expect(unable).toHaveLength(1);
		expect(unable[0]!.message).toBe(
			`(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${instance.id}) has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
		);
		run(world, clock, 5 * 60);
		expect(
			service.events.filter((e) => e.message.includes('was unable to place a task')).length,
		).toBe(2);
	});

	it('an empty cluster: RunTask is refused, a service says no container instances were found', () => {
		const {world, clock} = newWorld();
		const cluster = world.createCluster({clusterName: 'empty'});
		taskDefinition(world);
		expect(() => world.runTask(cluster, {taskDefinition: 'app'})).toThrow(
			'No Container Instances were found in your cluster.',
		);
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 1,
		});
		run(world, clock, 5);
		expect(service.events[0]!.message).toMatch(
			/^\(service web\) was unable to place a task because no container instance met all of its requirements\. Reason: No Container Instances were found in your cluster\./,
		);
	});

	it('a fixed host port is taken once per instance: the next task gets RESOURCE:PORTS', () => {
		const {world} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		taskDefinition(world, 'fixed', {cpu: 128, memory: 128, hostPort: 8080});
		const {tasks, failures} = world.runTask(cluster, {taskDefinition: 'fixed', count: 3});
		expect(tasks).toHaveLength(2);
		expect(new Set(tasks.map((t) => t.containerInstanceId)).size).toBe(2);
		expect(failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
		for (const instance of cluster.containerInstances.values())
			expect(instance.remainingResources.ports).toContain(8080);
	});
});
