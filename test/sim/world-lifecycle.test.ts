import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import {liveTasks, newWorld, run, start, taskDefinition, withInstances} from './world-fixtures.js';

describe('task lifecycle', () => {
	it('goes PROVISIONING -> PENDING -> RUNNING with ordered timestamps and dynamic host ports', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const {tasks, failures} = world.runTask(cluster, {taskDefinition: 'app'});
		expect(failures).toEqual([]);
		const task = tasks[0]!;
		expect(task.arn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/web\/[0-9a-f]{32}$/);
		expect(task.lastStatus).toBe('PROVISIONING');
		expect(task.group).toBe('family:app');
		const seen: string[] = [task.lastStatus];
		let version = task.version;
		run(world, clock, 20, () => {
			if (seen.at(-1) !== task.lastStatus) seen.push(task.lastStatus);
			expect(task.version).toBeGreaterThanOrEqual(version);
			version = task.version;
		});
		expect(seen).toEqual(['PROVISIONING', 'PENDING', 'RUNNING']);
		expect(task.createdAt).toBe(start);
		expect(task.pullStartedAt!).toBeGreaterThan(task.createdAt);
		expect(task.pullStoppedAt! - task.pullStartedAt!).toBeGreaterThanOrEqual(3000);
		expect(task.startedAt!).toBeGreaterThan(task.pullStoppedAt!);
		expect(task.connectivityAt!).toBeLessThanOrEqual(task.startedAt!);
		expect(task.healthStatus).toBe('UNKNOWN');
		const container = task.containers[0]!;
		expect(container.lastStatus).toBe('RUNNING');
		expect(container.containerArn).toMatch(
			new RegExp(`^arn:aws:ecs:us-east-1:123456789012:container/web/${task.id}/[0-9a-f-]{36}$`),
		);
		expect(container.networkBindings).toEqual([
			{bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp'},
		]);
		const instance = [...cluster.containerInstances.values()][0]!;
		expect(instance.remainingResources.cpu).toBe(2048 - 256);
		expect(instance.remainingResources.ports).toContain(32768);
	});

	it('stops through DEACTIVATING, STOPPING, DEPROVISIONING and gives the reservation back', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const task = world.runTask(cluster, {taskDefinition: 'app'}).tasks[0]!;
		run(world, clock, 20);
		expect(task.lastStatus).toBe('RUNNING');
		world.stopTask(cluster, task, undefined);
		expect(task.desiredStatus).toBe('STOPPED');
		expect(task.stopCode).toBe('UserInitiated');
		expect(task.stoppedReason).toBe('Task stopped by user');
		const seen: string[] = [task.lastStatus];
		run(world, clock, 10, () => {
			if (seen.at(-1) !== task.lastStatus) seen.push(task.lastStatus);
		});
		expect(seen).toEqual(['RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
		expect(task.stoppingAt!).toBeLessThanOrEqual(task.executionStoppedAt!);
		expect(task.executionStoppedAt!).toBeLessThan(task.stoppedAt!);
		expect([0, 143]).toContain(task.containers[0]!.exitCode);
		const instance = [...cluster.containerInstances.values()][0]!;
		expect(instance.remainingResources.cpu).toBe(2048);
		expect(instance.remainingResources.ports).not.toContain(32768);
		// Kept describable for about an hour, then dropped.
		run(world, clock, 30 * 60);
		expect(cluster.tasks.has(task.id)).toBe(true);
		run(world, clock, 31 * 60);
		expect(cluster.tasks.has(task.id)).toBe(false);
	});

	it('turns HEALTHY after the health check interval, UNHEALTHY when told to fail', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'ok', {healthCheck: true});
		taskDefinition(world, 'sick', {
			healthCheck: true,
			env: [{name: 'ECS_TOP_SIM_UNHEALTHY', value: '1'}],
		});
		const ok = world.runTask(cluster, {taskDefinition: 'ok'}).tasks[0]!;
		const sick = world.runTask(cluster, {taskDefinition: 'sick'}).tasks[0]!;
		run(world, clock, 15);
		expect(ok.lastStatus).toBe('RUNNING');
		expect(ok.healthStatus).toBe('UNKNOWN');
		run(world, clock, 15);
		expect(ok.healthStatus).toBe('HEALTHY');
		expect(ok.containers[0]!.healthStatus).toBe('HEALTHY');
		expect(sick.healthStatus).toBe('UNKNOWN');
		run(world, clock, 30);
		expect(sick.healthStatus).toBe('UNHEALTHY');
	});

	it('a batch container exits by itself with its exit code: EssentialContainerExited', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'job', {
			env: [
				{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '120'},
				{name: 'ECS_TOP_SIM_EXIT_CODE', value: '0'},
			],
		});
		const task = world.runTask(cluster, {taskDefinition: 'job', startedBy: 'cron'}).tasks[0]!;
		run(world, clock, 60);
		expect(task.lastStatus).toBe('RUNNING');
		run(world, clock, 90);
		expect(task.lastStatus).toBe('STOPPED');
		expect(task.stopCode).toBe('EssentialContainerExited');
		expect(task.stoppedReason).toBe('Essential container in task exited');
		expect(task.containers[0]!.exitCode).toBe(0);
		expect(task.startedBy).toBe('cron');
		expect(task.stoppedAt! - task.startedAt!).toBeGreaterThanOrEqual(120_000);
		expect(liveTasks(cluster)).toEqual([]);
	});

	it('a world built in the past and advanced to the clock has timestamps from its own time', () => {
		const clock = new ManualClock(start);
		const world = createWorld({seed: 1, clock, startTime: start - 15 * 60_000});
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const task = world.runTask(cluster, {taskDefinition: 'app'}).tasks[0]!;
		expect(task.createdAt).toBe(start - 15 * 60_000);
		world.advanceTo(clock.now());
		expect(world.now()).toBe(start);
		expect(task.lastStatus).toBe('RUNNING');
		expect(task.startedAt!).toBeLessThan(start - 14 * 60_000);
	});
});
