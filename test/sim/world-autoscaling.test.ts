import {describe, expect, it} from 'vitest';
import type {SimError} from '../../source/sim/errors.js';
import {
	liveTasks,
	newWorld,
	run,
	runningTasks,
	taskDefinition,
	withInstances,
} from './world-fixtures.js';

function clusterWithGroup(desired: number) {
	const {world, clock} = newWorld();
	const cluster = world.createCluster({
		clusterName: 'batch',
		capacityProviders: ['batch-cp'],
		defaultCapacityProviderStrategy: [{capacityProvider: 'batch-cp', weight: 1, base: 0}],
	});
	const group = world.createAutoScalingGroup({
		name: 'batch-asg',
		clusterName: 'batch',
		instanceType: 't2.micro',
		availabilityZones: ['us-east-1a', 'us-east-1b'],
		minSize: 0,
		maxSize: 4,
		desiredCapacity: desired,
		registerNow: true,
	});
	const provider = world.createCapacityProvider({
		name: 'batch-cp',
		autoScalingGroupName: 'batch-asg',
	});
	return {world, clock, cluster, group, provider};
}

describe('Auto Scaling and capacity providers', () => {
	it('scale-out launches instances that boot and register with the cluster after a delay', () => {
		const {world, clock, cluster, group, provider} = clusterWithGroup(1);
		expect(group.arn).toMatch(
			/^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/batch-asg$/,
		);
		expect(provider.autoScalingGroupProvider?.autoScalingGroupArn).toBe(group.arn);
		expect(cluster.containerInstances.size).toBe(1);
		expect([...cluster.containerInstances.values()][0]!.capacityProviderName).toBe('batch-cp');

		world.setDesiredCapacity(group, 3, false);
		run(world, clock, 1);
		expect(group.instances).toHaveLength(3);
		const fresh = group.instances.slice(1).map((i) => world.ec2Instances.get(i.instanceId)!);
		expect(fresh.map((i) => i.state)).toEqual(['pending', 'pending']);
		expect(fresh.every((i) => /^i-[0-9a-f]{17}$/.test(i.instanceId))).toBe(true);
		// Balanced over the group's zones.
		const zones = group.instances.map(
			(i) => world.ec2Instances.get(i.instanceId)!.availabilityZone,
		);
		expect(zones.filter((z) => z === 'us-east-1a').length).toBe(2);
		run(world, clock, 25);
		expect(fresh.map((i) => i.state)).toEqual(['running', 'running']);
		expect(group.instances.map((i) => i.lifecycleState)).toEqual([
			'InService',
			'InService',
			'InService',
		]);
		expect(cluster.containerInstances.size).toBe(1);
		run(world, clock, 40);
		expect(cluster.containerInstances.size).toBe(3);
		const registered = [...cluster.containerInstances.values()].at(-1)!;
		expect(registered.status).toBe('ACTIVE');
		expect(registered.capacityProviderName).toBe('batch-cp');
		expect(registered.arn).toMatch(/container-instance\/batch\/[0-9a-f]{32}$/);
		expect(registered.attributes).toContainEqual({name: 'ecs.instance-type', value: 't2.micro'});
		expect(registered.attributes).toContainEqual({name: 'ecs.os-type', value: 'linux'});
		expect(group.activities[0]!.description).toMatch(/^Launching a new EC2 instance: i-/);
	});

	it('SetDesiredCapacity outside min..max is a ValidationError in Auto Scaling words', () => {
		const {world, group} = clusterWithGroup(1);
		const attempt = (n: number) => {
			try {
				world.setDesiredCapacity(group, n, false);
			} catch (error) {
				return error as SimError;
			}
			throw new Error('accepted');
		};
		expect(attempt(5)).toMatchObject({
			code: 'ValidationError',
			message: 'New SetDesiredCapacity value 5 is above max value 4 for the AutoScalingGroup.',
		});
		expect(attempt(-1)).toMatchObject({
			code: 'ValidationError',
			message: 'New SetDesiredCapacity value -1 is below min value 0 for the AutoScalingGroup.',
		});
		expect(group.desiredCapacity).toBe(1);
	});

	it('scale-in drains the victim first, moves its service tasks, then terminates it', () => {
		const {world, clock, cluster, group} = clusterWithGroup(2);
		taskDefinition(world, 'worker', {cpu: 128, memory: 128});
		const service = world.createService(cluster, {
			serviceName: 'worker',
			taskDefinition: 'worker',
			desiredCount: 2,
		});
		run(world, clock, 30);
		expect(service.capacityProviderStrategy).toEqual([
			{capacityProvider: 'batch-cp', weight: 1, base: 0},
		]);
		expect(runningTasks(cluster, 'worker')).toHaveLength(2);
		expect(
			runningTasks(cluster, 'worker').every((t) => t.capacityProviderName === 'batch-cp'),
		).toBe(true);

		world.setDesiredCapacity(group, 1, false);
		run(world, clock, 1);
		const draining = [...cluster.containerInstances.values()].find((i) => i.status === 'DRAINING');
		expect(draining).toBeDefined();
		const victimId = draining!.ec2InstanceId;
		expect(group.instances.find((i) => i.instanceId === victimId)!.lifecycleState).toBe(
			'Terminating:Wait',
		);
		run(world, clock, 60);
		expect(liveTasks(cluster).some((t) => t.containerInstanceId === draining!.id)).toBe(false);
		expect(runningTasks(cluster, 'worker')).toHaveLength(2);
		expect(['shutting-down', 'terminated']).toContain(world.ec2Instances.get(victimId)!.state);
		run(world, clock, 60);
		expect(world.ec2Instances.get(victimId)!.state).toBe('terminated');
		expect(group.instances.map((i) => i.instanceId)).not.toContain(victimId);
		expect(draining!.status).toBe('INACTIVE');
		// Terminated instances stay listable for about an hour.
		run(world, clock, 70 * 60);
		expect(world.ec2Instances.has(victimId)).toBe(false);
		expect(cluster.containerInstances.has(draining!.id)).toBe(false);
	});

	it('instances protected from scale-in are kept', () => {
		const {world, clock, group} = clusterWithGroup(2);
		for (const instance of group.instances) instance.protectedFromScaleIn = true;
		world.setDesiredCapacity(group, 0, false);
		run(world, clock, 120);
		expect(group.instances).toHaveLength(2);
	});
});

describe('draining by hand', () => {
	it('service tasks move off a DRAINING instance, replacements first; ACTIVE again takes tasks', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		taskDefinition(world, 'app', {cpu: 128, memory: 128});
		world.runTask(cluster, {taskDefinition: 'app'});
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 4,
		});
		run(world, clock, 30);
		const [a] = [...cluster.containerInstances.values()];
		const standalone = [...cluster.tasks.values()].find((t) => !t.serviceName)!;
		const result = world.updateContainerInstancesState(cluster, [a!.arn, 'nope'], 'DRAINING');
		expect(result.containerInstances.map((i) => i.status)).toEqual(['DRAINING']);
		expect(result.failures).toEqual([
			{arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/web/nope', reason: 'MISSING'},
		]);
		let lowest = Infinity;
		run(world, clock, 60, () => {
			lowest = Math.min(
				lowest,
				runningTasks(cluster, 'web').filter((t) => t.desiredStatus === 'RUNNING').length,
			);
		});
		expect(lowest).toBeGreaterThanOrEqual(4);
		expect(runningTasks(cluster, 'web').every((t) => t.containerInstanceId !== a!.id)).toBe(true);
		expect(service.runningCount).toBe(4);
		// Standalone tasks are left alone by draining.
		expect(standalone.lastStatus).toBe('RUNNING');
		world.updateContainerInstancesState(cluster, [a!.id], 'ACTIVE');
		expect(a!.status).toBe('ACTIVE');
	});
});
