import {describe, expect, it} from 'vitest';
import type {TaskState} from '../../source/sim/world/types.js';
import {newWorld, run, runningTasks, taskDefinition, withInstances} from './world-fixtures.js';

const serving = (t: TaskState) =>
	t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY';

describe('rolling deployments', () => {
	for (const [min, max] of [
		[50, 150],
		[100, 200],
		[0, 100],
	] as const) {
		it(`honours minimumHealthyPercent ${min} and maximumPercent ${max} and ends COMPLETED`, () => {
			const {world, clock} = newWorld();
			const cluster = withInstances(world, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
			const v1 = taskDefinition(world, 'app', {cpu: 128, memory: 128, healthCheck: true});
			const service = world.createService(cluster, {
				serviceName: 'web',
				taskDefinition: 'app',
				desiredCount: 4,
				deploymentConfiguration: {minimumHealthyPercent: min, maximumPercent: max},
			});
			run(world, clock, 60);
			expect(runningTasks(cluster, 'web').filter(serving)).toHaveLength(4);
			const first = service.deployments[0]!;

			const v2 = taskDefinition(world, 'app', {
				cpu: 128,
				memory: 128,
				healthCheck: true,
				image: 'nginx:1.28',
			});
			world.updateService(cluster, service, {taskDefinition: v2.arn});
			expect(service.deployments.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
			const primary = service.deployments[0]!;
			expect(primary.rolloutState).toBe('IN_PROGRESS');
			expect(primary.rolloutStateReason).toBe(`ECS deployment ${primary.id} in progress.`);
			expect(service.taskDefinitionArn).toBe(v2.arn);

			let lowest = Infinity;
			let highest = 0;
			run(world, clock, 240, () => {
				const tasks = [...cluster.tasks.values()];
				lowest = Math.min(lowest, tasks.filter(serving).length);
				highest = Math.max(highest, tasks.filter((t) => t.desiredStatus === 'RUNNING').length);
			});
			expect(lowest).toBeGreaterThanOrEqual(Math.ceil((4 * min) / 100));
			expect(highest).toBeLessThanOrEqual(Math.floor((4 * max) / 100));
			// The rollout used the room it had: more than desiredCount at once when allowed.
			if (max > 100) expect(highest).toBeGreaterThan(4);
			else expect(lowest).toBeLessThan(4);
			expect(service.deployments).toHaveLength(1);
			expect(service.deployments[0]!.id).toBe(primary.id);
			expect(primary.rolloutState).toBe('COMPLETED');
			expect(primary.rolloutStateReason).toBe(`ECS deployment ${primary.id} completed.`);
			expect(first.status).toBe('INACTIVE');
			const running = runningTasks(cluster, 'web');
			expect(running).toHaveLength(4);
			expect(running.every((t) => t.taskDefinitionArn === v2.arn)).toBe(true);
			expect(v1.arn).not.toBe(v2.arn);
			expect(service.events.map((e) => e.message)).toContain(
				`(service web) (deployment ${primary.id}) deployment completed.`,
			);
		});
	}

	it('desiredCount alone does not create a deployment; forceNewDeployment does', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'app', {cpu: 128, memory: 128});
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 2,
		});
		run(world, clock, 30);
		world.updateService(cluster, service, {desiredCount: 3});
		expect(service.deployments).toHaveLength(1);
		world.updateService(cluster, service, {forceNewDeployment: true});
		expect(service.deployments).toHaveLength(2);
		run(world, clock, 180);
		expect(service.deployments).toHaveLength(1);
		expect(service.runningCount).toBe(3);
	});

	it('a release whose tasks crash seconds after starting stays IN_PROGRESS, never COMPLETED', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'app', {
			cpu: 128,
			memory: 128,
			env: [
				{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '15'},
				{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
			],
		});
		const service = world.createService(cluster, {
			serviceName: 'worker',
			taskDefinition: 'app',
			desiredCount: 2,
		});
		// Both tasks run at once for a few seconds before the first crash: not a steady state.
		run(world, clock, 10);
		expect(service.runningCount).toBe(2);
		run(world, clock, 20 * 60);
		const deployment = service.deployments[0]!;
		expect(deployment.failedTasks).toBeGreaterThanOrEqual(4);
		expect(deployment.rolloutState).toBe('IN_PROGRESS');
		expect(deployment.rolloutStateReason).toBe(`ECS deployment ${deployment.id} in progress.`);
		expect(service.events.map((e) => e.message)).not.toContain(
			'(service worker) has reached a steady state.',
		);
	});

	it('a completed rollout stays COMPLETED when its tasks crash later', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'app', {
			cpu: 128,
			memory: 128,
			env: [
				{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '300'},
				{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
			],
		});
		const service = world.createService(cluster, {
			serviceName: 'worker',
			taskDefinition: 'app',
			desiredCount: 2,
		});
		run(world, clock, 150);
		const deployment = service.deployments[0]!;
		expect(deployment.rolloutState).toBe('COMPLETED');
		run(world, clock, 10 * 60);
		const crashed = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'STOPPED');
		expect(crashed.length).toBeGreaterThanOrEqual(2);
		expect(crashed.every((t) => t.containers[0]?.exitCode === 1)).toBe(true);
		expect(service.deployments).toEqual([deployment]);
		expect(deployment.rolloutState).toBe('COMPLETED');
	});

	it('the circuit breaker fails a crashing deployment and rolls back to the last good one', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		const good = taskDefinition(world, 'app', {cpu: 128, memory: 128});
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 2,
			deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}},
		});
		// The good release completes (its tasks outlive the failed-start window) before the bad one.
		run(world, clock, 150);
		const bad = taskDefinition(world, 'app', {
			cpu: 128,
			memory: 128,
			env: [
				{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '2'},
				{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
			],
		});
		world.updateService(cluster, service, {taskDefinition: bad.arn});
		const failing = service.deployments[0]!;
		run(world, clock, 10 * 60);
		expect(failing.rolloutState).toBe('FAILED');
		expect(failing.failedTasks).toBeGreaterThanOrEqual(3);
		expect(service.taskDefinitionArn).toBe(good.arn);
		expect(service.deployments).toHaveLength(1);
		expect(service.deployments[0]!.taskDefinitionArn).toBe(good.arn);
		expect(service.deployments[0]!.rolloutState).toBe('COMPLETED');
		expect(runningTasks(cluster, 'web').every((t) => t.taskDefinitionArn === good.arn)).toBe(true);
		expect(service.runningCount).toBe(2);
	});
});
