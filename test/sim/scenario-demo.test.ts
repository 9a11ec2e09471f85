import {beforeAll, describe, expect, it} from 'vitest';
import {buildWorld} from '../../source/sim/scenarios/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import type {World} from '../../source/sim/world/world.js';
import {activeInstances, attribute, clusterNamed, tasksOf} from './scenario-fixture.js';

const minute = 60_000;

describe('demo scenario', () => {
	let world: World;
	let clock: ManualClock;

	beforeAll(() => {
		clock = new ManualClock();
		world = buildWorld({scenario: 'demo', seed: 1, clock});
	});

	it('is served at the clock time, already settled', () => {
		expect(world.now()).toBe(clock.now());
		expect([...world.clusters.keys()]).toEqual(['batch', 'web', 'staging']);
		for (const cluster of world.clusters.values()) {
			const running = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'RUNNING');
			expect(running.length).toBeGreaterThan(0);
			// Started in the world's past, not all at the same instant.
			for (const task of running) expect(task.startedAt).toBeLessThan(clock.now());
			expect(new Set(running.map((t) => t.startedAt)).size).toBeGreaterThan(1);
		}
	});

	it('has metric history for the clusters', () => {
		const points = world.getMetricData({
			namespace: 'AWS/ECS',
			metricName: 'CPUUtilization',
			dimensions: [{Name: 'ClusterName', Value: 'web'}],
			period: 60,
			stat: 'Average',
			startTime: clock.now() - 30 * minute,
			endTime: clock.now(),
		});
		expect(points.length).toBeGreaterThanOrEqual(20);
	});

	it('runs batch on three t2.micro instances of an Auto Scaling group behind a capacity provider', () => {
		const batch = clusterNamed(world, 'batch');
		const instances = activeInstances(batch);
		expect(instances).toHaveLength(3);
		for (const instance of instances) {
			expect(attribute(instance, 'ecs.instance-type')).toBe('t2.micro');
			expect(instance.capacityProviderName).toBe('batch-cp');
		}
		const group = world.resolveAutoScalingGroup('batch-asg')!;
		expect(group).toMatchObject({minSize: 1, maxSize: 6, desiredCapacity: 3});
		expect(group.instances.map((i) => i.instanceId).sort()).toEqual(
			instances.map((i) => i.ec2InstanceId).sort(),
		);
		const provider = world.capacityProviders.get('batch-cp')!;
		expect(provider.autoScalingGroupProvider?.autoScalingGroupArn).toBe(group.arn);
		// Off, so that scaling the group by hand is the user's job.
		expect(provider.autoScalingGroupProvider?.managedScaling.status).toBe('DISABLED');
		expect(batch.capacityProviders).toEqual(['batch-cp']);
	});

	it('keeps the batch worker at its desired count while its tasks finish and are replaced', () => {
		const batch = clusterNamed(world, 'batch');
		const runner = batch.services.get('sim-runner')!;
		expect(runner.desiredCount).toBe(4);
		const tasks = tasksOf(batch, 'sim-runner');
		expect(tasks.filter((t) => t.desiredStatus === 'RUNNING')).toHaveLength(4);
		const finished = tasks.filter((t) => t.lastStatus === 'STOPPED');
		expect(finished.length).toBeGreaterThan(4);
		for (const task of finished) {
			expect(task.stopCode).toBe('EssentialContainerExited');
			expect(task.containers[0]?.exitCode).toBe(0);
		}
	});

	it('has stand-alone report tasks, and the one-shot finishes after the clock moves', () => {
		const batch = clusterNamed(world, 'batch');
		const reports = () => [...batch.tasks.values()].filter((t) => t.startedBy === 'nightly-report');
		const before = reports();
		expect(before).toHaveLength(3);
		for (const task of before) {
			expect(task.group).toBe('family:report-job');
			expect(task.serviceName).toBeUndefined();
		}
		expect(before.filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(2);
		expect(before.filter((t) => t.lastStatus === 'STOPPED')).toHaveLength(1);

		const later = buildWorld({scenario: 'demo', seed: 1, clock: new ManualClock(clock.now())});
		later.advanceTo(clock.now() + 5 * minute);
		const after = [...clusterNamed(later, 'batch').tasks.values()].filter(
			(t) => t.startedBy === 'nightly-report',
		);
		const stopped = after.filter((t) => t.lastStatus === 'STOPPED');
		expect(stopped).toHaveLength(2);
		for (const task of stopped) expect(task.containers[0]?.exitCode).toBe(0);
		expect(after.filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(1);
	});

	it('spreads the web services over a mixed-type group in three zones', () => {
		const web = clusterNamed(world, 'web');
		const instances = activeInstances(web);
		expect(instances).toHaveLength(4);
		expect(new Set(instances.map((i) => attribute(i, 'ecs.instance-type')))).toEqual(
			new Set(['t3.medium', 'm5.large']),
		);
		expect(world.resolveAutoScalingGroup('web-asg')!.instances).toHaveLength(4);

		const frontend = tasksOf(web, 'frontend').filter((t) => t.lastStatus === 'RUNNING');
		expect(frontend).toHaveLength(6);
		expect(new Set(frontend.map((t) => t.availabilityZone)).size).toBe(3);
		expect(frontend[0]?.containers[0]?.image).toBe('nginx:1.27-alpine');
		for (const task of frontend) {
			const port = task.containers[0]?.networkBindings[0]?.hostPort ?? 0;
			expect(port).toBeGreaterThanOrEqual(32_768);
		}

		const api = web.services.get('api')!;
		expect(api).toMatchObject({desiredCount: 4, runningCount: 4});
		expect(api.deploymentConfiguration.deploymentCircuitBreaker.enable).toBe(true);
		for (const task of tasksOf(web, 'api').filter((t) => t.lastStatus === 'RUNNING'))
			expect(task.healthStatus).toBe('HEALTHY');

		const [redis] = tasksOf(web, 'redis').filter((t) => t.lastStatus === 'RUNNING');
		expect(redis?.containers[0]?.networkBindings[0]?.hostPort).toBe(6379);
		const host = web.containerInstances.get(redis!.containerInstanceId!)!;
		expect(attribute(host, 'ecs.instance-type')).toBe('t3.medium');
	});

	it('has a crash-looping service that keeps restarting tasks as the clock advances', () => {
		const later = buildWorld({scenario: 'demo', seed: 1, clock: new ManualClock(clock.now())});
		const web = clusterNamed(later, 'web');
		const seen = new Set(tasksOf(web, 'checkout-worker').map((t) => t.id));
		const crashed = tasksOf(web, 'checkout-worker').filter((t) => t.lastStatus === 'STOPPED');
		expect(crashed.length).toBeGreaterThanOrEqual(2);
		for (const task of crashed) {
			expect(task.stopCode).toBe('EssentialContainerExited');
			expect(task.containers[0]?.exitCode).toBe(1);
		}
		// Deployed straight onto the broken release, it has never reached a steady state.
		const [rollout, ...older] = web.services.get('checkout-worker')!.deployments;
		expect(older).toEqual([]);
		expect(rollout?.rolloutState).toBe('IN_PROGRESS');
		// It can have both tasks up for a moment, but never for long: sampled over two minutes it
		// keeps dropping below its desired count.
		const running: number[] = [];
		for (let t = 5_000; t <= 2 * minute; t += 5_000) {
			later.advanceTo(clock.now() + t);
			running.push(web.services.get('checkout-worker')!.runningCount);
		}
		expect(Math.min(...running)).toBeLessThan(2);

		later.advanceTo(clock.now() + 15 * minute);
		const fresh = tasksOf(web, 'checkout-worker').filter((t) => !seen.has(t.id));
		expect(fresh.length).toBeGreaterThanOrEqual(2);
		expect(fresh.some((t) => t.lastStatus === 'STOPPED' && t.containers[0]?.exitCode === 1)).toBe(
			true,
		);
	});

	it('has a cluster without an Auto Scaling group, rolling out a second revision', () => {
		const staging = clusterNamed(world, 'staging');
		expect(staging.capacityProviders).toEqual([]);
		expect([...world.autoScalingGroups.values()].some((g) => g.clusterName === 'staging')).toBe(
			false,
		);
		const instances = activeInstances(staging);
		expect(instances).toHaveLength(2);
		for (const instance of instances) {
			expect(attribute(instance, 'ecs.instance-type')).toBe('t3.small');
			expect(instance.capacityProviderName).toBeUndefined();
			expect(world.ec2Instances.get(instance.ec2InstanceId)?.autoScalingGroupName).toBeUndefined();
		}
		const service = staging.services.get('frontend-staging')!;
		expect(service.deployments.map((d) => [d.status, d.taskDefinitionArn.split('/')[1]])).toEqual([
			['PRIMARY', 'frontend-staging:2'],
			['ACTIVE', 'frontend-staging:1'],
		]);
		expect(service.deployments[0]?.rolloutState).toBe('IN_PROGRESS');
	});

	it('gives the task definition view revisions, roles, volumes and awslogs', () => {
		expect(world.taskDefinitions.get('api')?.map((d) => d.status)).toEqual([
			'INACTIVE',
			'ACTIVE',
			'ACTIVE',
		]);
		const api = world.resolveTaskDefinition('api')!;
		expect(api.containerDefinitions[0]?.image).toBe(
			'123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.42.0',
		);
		expect(api.taskRoleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
		expect(api.containerDefinitions[0]?.logConfiguration?.logDriver).toBe('awslogs');
		expect(world.resolveTaskDefinition('redis')?.volumes.map((v) => v.name)).toEqual([
			'redis-data',
		]);
		expect(world.resolveTaskDefinition('checkout-worker')?.containerDefinitions[0]?.image).toBe(
			'ghcr.io/acme/checkout:2.3.1',
		);
		for (const cluster of world.clusters.values()) {
			expect(cluster.tags.map((t) => t.key).sort()).toEqual(['env', 'team']);
			for (const service of cluster.services.values())
				expect(service.tags.map((t) => t.key).sort()).toEqual(['env', 'team']);
		}
	});
});
