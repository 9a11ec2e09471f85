import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {taskFailure} from '../../source/model/task-failure.js';
import {
	PROBLEM_SERVICES_PER_RUN,
	PROBLEM_TASKS_CALLS_PER_MINUTE,
} from '../../source/store/tiers/problem-tasks.js';
import {clusterArnOf, serviceArnOf, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
beforeEach(async () => {
	fleet = await startFleet();
});
afterEach(async () => {
	await fleet.close();
});

const state = () => fleet.store.getState();
const calls = (operation: string) => state().requests.byOperation[operation] ?? 0;

describe('the stopped tasks of failing services (problem-tasks tier)', () => {
	it("fetches the crash-looping service's stopped tasks, and only that service's", async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		const checkout = serviceArnOf(fleet, web, 'checkout-worker');
		expect(Object.keys(state().problemTasks)).toEqual([checkout]);
		const tasks = state().problemTasks[checkout]!;
		expect(tasks.length).toBeGreaterThanOrEqual(2);
		expect(tasks.every((task) => task.lastStatus === 'STOPPED')).toBe(true);
		expect(tasks.some((task) => taskFailure(task)?.kind === 'exit')).toBe(true);
	});

	it('costs nothing in a cluster where nothing fails', async () => {
		const staging = clusterArnOf(fleet, 'staging');
		const before = calls('ECS.ListTasks');
		fleet.poller.setFocus({clusterArn: staging});
		await fleet.poller.whenIdle();
		// The tasks tier lists the cluster's tasks once; nothing else asks for stopped ones.
		expect(calls('ECS.ListTasks') - before).toBe(1);
		expect(state().problemTasks).toEqual({});
	});

	it(`asks for at most ${PROBLEM_SERVICES_PER_RUN} services a run, and each in turn`, async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		fleet.store.getState().wants.setPaused(true);
		await fleet.poller.whenIdle();
		// Three more services fail beside the crash-looping one: four in all.
		for (const name of ['api', 'frontend', 'redis']) {
			const service = fleet.sim.server.world.clusters.get('web')!.services.get(name)!;
			service.deployments[0]!.rolloutState = 'FAILED';
		}
		const listed = calls('ECS.ListTasks');
		const described = calls('ECS.DescribeTasks');
		fleet.poller.scheduler.refreshNow(['cluster']);
		await fleet.poller.whenIdle();
		// Each minute (the tier's allowance refilled) a run takes the ones left waiting.
		let runs = 1;
		while (Object.keys(state().problemTasks).length < 4 && runs < 4) {
			fleet.sim.clock.advance(60_000);
			fleet.poller.scheduler.refreshNow(['problem-tasks']);
			await fleet.poller.whenIdle();
			runs++;
		}
		expect(Object.keys(state().problemTasks)).toHaveLength(4);
		// A list per service and one describe a run, never more than a run takes.
		expect(calls('ECS.ListTasks') - listed).toBeLessThanOrEqual(runs * PROBLEM_SERVICES_PER_RUN);
		expect(calls('ECS.DescribeTasks') - described).toBeLessThanOrEqual(runs);
	});

	it(`never spends more than ${PROBLEM_TASKS_CALLS_PER_MINUTE} calls a minute, however often it is woken`, async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		fleet.store.getState().wants.setPaused(true);
		await fleet.poller.whenIdle();
		const spent = () => calls('ECS.ListTasks') + calls('ECS.DescribeTasks');
		const before = spent();
		// Services start failing one after another, each waking the tier; then a refresh is asked.
		for (const name of ['api', 'frontend', 'redis']) {
			const service = fleet.sim.server.world.clusters.get('web')!.services.get(name)!;
			service.deployments[0]!.rolloutState = 'FAILED';
			fleet.poller.scheduler.refreshNow(['cluster']);
			await fleet.poller.whenIdle();
			fleet.poller.scheduler.refreshNow(['problem-tasks']);
			await fleet.poller.whenIdle();
		}
		expect(spent() - before).toBeLessThanOrEqual(PROBLEM_TASKS_CALLS_PER_MINUTE);
		// Three wake-ups of a list and a describe each would have read all four at once.
		expect(Object.keys(state().problemTasks).length).toBeLessThan(4);
		// The services it had no room for are read in the minutes after, a minute's allowance each.
		for (let minute = 1; minute <= 3; minute++) {
			const atStart = spent();
			fleet.sim.clock.advance(60_000);
			fleet.poller.scheduler.refreshNow(['problem-tasks']);
			await fleet.poller.whenIdle();
			expect(spent() - atStart).toBeLessThanOrEqual(PROBLEM_TASKS_CALLS_PER_MINUTE);
		}
		expect(Object.keys(state().problemTasks)).toHaveLength(4);
	});

	it('retries a run AWS failed at the next refresh after AWS answers, and its problem goes', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		fleet.store.getState().wants.setPaused(true);
		await fleet.poller.whenIdle();
		// A minute on, the tier has room again; then a service starts failing while every
		// ListTasks fails, so the run it wakes fails.
		fleet.sim.clock.advance(60_000);
		const api = serviceArnOf(fleet, web, 'api');
		fleet.sim.server.world.clusters.get('web')!.services.get('api')!.deployments[0]!.rolloutState =
			'FAILED';
		fleet.sim.server.faults.set({
			answerError: {
				code: 'ServerException',
				message: 'down',
				status: 500,
				operations: ['ListTasks'],
			},
		});
		fleet.poller.scheduler.refreshNow(['cluster']);
		await fleet.poller.whenIdle();
		expect(state().problems['problem-tasks']).toBeDefined();
		expect(state().problemTasks[api]).toBeUndefined();
		// AWS answers again: an ordinary refresh of the cluster, not the tier's own cadence, retries.
		fleet.sim.server.faults.reset();
		fleet.poller.scheduler.refreshNow(['cluster']);
		await fleet.poller.whenIdle();
		expect(state().problemTasks[api]).toBeDefined();
		expect(state().problems['problem-tasks']).toBeUndefined();
	});
});
