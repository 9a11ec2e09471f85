// Freed capacity reaches the services waiting for it at once, not at the next 15-second sweep:
// a service that could not place its task starts it in the very step another task's
// reservation is given back.
import {describe, expect, it} from 'vitest';
import {liveTasks, newWorld, run, taskDefinition, withInstances} from './world-fixtures.js';

describe('capacity freed by a stopping task', () => {
	it('starts the task that was waiting for it in the same step', () => {
		const {world, clock} = newWorld(11);
		const cluster = withInstances(world, ['us-east-1a'], 't3.small');
		// Two families that each need most of the instance's memory: only one task fits.
		taskDefinition(world, 'first', {memory: 1200});
		taskDefinition(world, 'second', {memory: 1200});
		const first = world.createService(cluster, {
			serviceName: 'first',
			taskDefinition: 'first',
			desiredCount: 1,
		});
		run(world, clock, 40);
		world.createService(cluster, {
			serviceName: 'second',
			taskDefinition: 'second',
			desiredCount: 1,
		});
		run(world, clock, 40);
		expect(liveTasks(cluster, 'second')).toEqual([]);

		world.updateService(cluster, first, {desiredCount: 0});
		const [old] = liveTasks(cluster, 'first');
		let stoppedAt: number | undefined;
		run(world, clock, 30, () => {
			if (stoppedAt === undefined && old!.lastStatus === 'STOPPED') stoppedAt = world.now();
		});
		expect(stoppedAt).toBeDefined();
		const [waiting] = liveTasks(cluster, 'second');
		expect(waiting).toBeDefined();
		expect(waiting!.createdAt).toBe(stoppedAt);
	});
});
