import {describe, expect, it} from 'vitest';
import {
	liveTasks,
	newWorld,
	run,
	runningTasks,
	taskDefinition,
	withInstances,
} from './world-fixtures.js';

describe('service scheduler', () => {
	it('converges to desiredCount, then scales in after updateService, with ECS event messages', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
		taskDefinition(world);
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 4,
		});
		expect(service.arn).toBe('arn:aws:ecs:us-east-1:123456789012:service/web/web');
		expect(service.deployments[0]!.id).toMatch(/^ecs-svc\/\d{19}$/);
		// Steady once the tasks have stayed up past the failed-start window (2 minutes).
		run(world, clock, 150);
		expect(service.runningCount).toBe(4);
		expect(service.pendingCount).toBe(0);
		expect(service.deployments).toHaveLength(1);
		expect(service.deployments[0]!.rolloutState).toBe('COMPLETED');
		expect(service.deployments[0]!.runningCount).toBe(4);
		const messages = service.events.map((e) => e.message);
		expect(messages[0]).toBe('(service web) has reached a steady state.');
		expect(messages).toContain(
			`(service web) (deployment ${service.deployments[0]!.id}) deployment completed.`,
		);
		expect(messages.at(-1)).toMatch(
			/^\(service web\) has started 4 tasks: (\(task [0-9a-f]{32}\) ?){4}\.$/,
		);
		for (const task of runningTasks(cluster, 'web')) {
			expect(task.group).toBe('service:web');
			expect(task.startedBy).toBe(service.deployments[0]!.id);
		}

		world.updateService(cluster, service, {desiredCount: 1});
		expect(service.deployments).toHaveLength(1);
		run(world, clock, 15);
		expect(service.runningCount).toBe(1);
		expect(liveTasks(cluster, 'web')).toHaveLength(1);
		const stopped = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'STOPPED');
		expect(stopped).toHaveLength(3);
		for (const task of stopped) {
			expect(task.stopCode).toBe('ServiceSchedulerInitiated');
			expect(task.stoppedReason).toBe(
				`Scaling activity initiated by (deployment ${service.deployments[0]!.id})`,
			);
		}
		expect(
			service.events.some((e) => /^\(service web\) has stopped 3 running tasks: /.test(e.message)),
		).toBe(true);
		expect(service.events[0]!.message).toBe('(service web) has reached a steady state.');
	});

	it('replaces a task that was stopped by hand', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 2,
		});
		run(world, clock, 30);
		const victim = runningTasks(cluster, 'web')[0]!;
		world.stopTask(cluster, victim, 'testing');
		expect(victim.stoppedReason).toBe('testing');
		run(world, clock, 30);
		expect(victim.lastStatus).toBe('STOPPED');
		const running = runningTasks(cluster, 'web');
		expect(running).toHaveLength(2);
		expect(running.map((t) => t.id)).not.toContain(victim.id);
		expect(service.runningCount).toBe(2);
	});

	it('a crash-looping service restarts tasks, reports it cannot start them and backs off', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'crash', {
			env: [
				{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '3'},
				{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
			],
		});
		const service = world.createService(cluster, {
			serviceName: 'crashy',
			taskDefinition: 'crash',
			desiredCount: 1,
		});
		run(world, clock, 10 * 60);
		const stopped = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'STOPPED');
		expect(stopped.length).toBeGreaterThanOrEqual(3);
		for (const task of stopped) {
			expect(task.stopCode).toBe('EssentialContainerExited');
			expect(task.containers[0]!.exitCode).toBe(1);
		}
		expect(service.events.map((e) => e.message)).toContain(
			'(service crashy) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
		);
		// At most the first start looked steady; a failing service never does again.
		expect(
			service.events.filter((e) => e.message.endsWith('has reached a steady state.')).length,
		).toBeLessThanOrEqual(1);
		// Without backoff a 3 s crash with ~10 s start-up would fail ~45 times in 10 minutes.
		expect(stopped.length).toBeLessThan(25);
		expect(service.deployments[0]!.failedTasks).toBe(stopped.length);
	});

	it('replaces a task whose health check fails', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world, 'sick', {
			healthCheck: true,
			env: [{name: 'ECS_TOP_SIM_UNHEALTHY', value: '1'}],
		});
		const service = world.createService(cluster, {
			serviceName: 'sick',
			taskDefinition: 'sick',
			desiredCount: 1,
		});
		run(world, clock, 90);
		const stopped = [...cluster.tasks.values()].filter((t) => t.desiredStatus === 'STOPPED');
		expect(stopped.length).toBeGreaterThanOrEqual(1);
		expect(stopped[0]!.stoppedReason).toBe('Task failed container health checks');
		expect(
			service.events.some((e) =>
				/\(task [0-9a-f]{32}\) failed container health checks\.$/.test(e.message),
			),
		).toBe(true);
	});

	it('deleteService refuses a scaled-up service without force, drains with it', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 2,
		});
		run(world, clock, 30);
		expect(() => world.deleteService(cluster, service, false)).toThrow(/scaled above 0/);
		world.deleteService(cluster, service, true);
		expect(service.status).toBe('DRAINING');
		run(world, clock, 20);
		expect(service.status).toBe('INACTIVE');
		expect(liveTasks(cluster, 'web')).toEqual([]);
	});

	it('repeats the steady-state event every 6 hours, not more often', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		taskDefinition(world);
		const service = world.createService(cluster, {
			serviceName: 'web',
			taskDefinition: 'app',
			desiredCount: 1,
		});
		const steady = () =>
			service.events.filter((e) => e.message === '(service web) has reached a steady state.');
		run(world, clock, 150);
		expect(steady()).toHaveLength(1);
		clock.advance(5 * 3600_000);
		world.advanceTo(clock.now());
		expect(steady()).toHaveLength(1);
		clock.advance(3600_000);
		world.advanceTo(clock.now());
		expect(steady()).toHaveLength(2);
		expect(steady()[0]!.createdAt - steady()[1]!.createdAt).toBe(6 * 3600_000);
	});
});
