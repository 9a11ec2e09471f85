// A task scope too large to describe every refresh within AWS's rate limits is refreshed at the
// pace the limits allow (TASK_CALLS_PER_SECOND), never faster; R still refreshes it at once. The
// pace is relative to --refresh, so a tiny refresh interval makes the demo's small scopes "large".
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {FleetPoller} from '../../source/store/fleet-poller.js';
import type {FleetStore} from '../../source/store/fleet-store.js';
import {TASK_CALLS_PER_SECOND, taskCallsFor} from '../../source/store/tiers/tasks.js';
import type {TestSim} from '../helpers/sim.js';
import {focusPaused, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
// Taken from the fleet, for the tests below.
let sim: TestSim;
let store: FleetStore;
let poller: FleetPoller;
// The tasks tier's own: the stopped tasks the problem feed reads have a pace of their own.
const listTasksCalls = () =>
	sim.server.requestLog.filter(
		(entry) => entry.operation === 'ListTasks' && entry.input.desiredStatus !== 'STOPPED',
	).length;

beforeAll(async () => {
	// 100 ms: the batch cluster's tasks (2 calls, a 250 ms pace) are more than it allows.
	fleet = await startFleet({refreshMs: 100});
	({sim, store, poller} = fleet);
	await focusPaused(fleet, 'batch');
}, 60_000);

afterAll(async () => {
	await fleet?.close();
});

/** A run of the tasks tier as the timer starts one: not the user's R. */
async function scheduledTasksRun(): Promise<void> {
	poller.scheduler.refreshNow(['tasks']);
	await poller.whenIdle();
}

describe('the tasks tier paces large scopes', () => {
	it('describes a scope again only once its calls fit the pace, or when asked with R', async () => {
		const {focus, tasks: byScope} = store.getState();
		const tasks = byScope[`cluster:${focus.clusterArn}`]!;
		expect(tasks.length).toBeGreaterThan(0);
		const paceMs = (taskCallsFor(tasks.length) / TASK_CALLS_PER_SECOND) * 1000;
		expect(paceMs).toBeGreaterThan(100);

		const before = listTasksCalls();
		const fetchedAt = store.getState().dataSets.tasks?.fetchedAt;
		await scheduledTasksRun();
		expect(listTasksCalls(), 'a run within the pace sends nothing').toBe(before);
		// Nothing was fetched, so nothing is fresher: the age shown is the last real fetch's.
		expect(store.getState().dataSets.tasks?.fetchedAt).toBe(fetchedAt);
		// The pace is the tasks' interval: they are stale only at three paces.
		expect(store.getState().dataSets.tasks?.cadenceMs).toBeCloseTo(paceMs);

		sim.advance(paceMs);
		await scheduledTasksRun();
		expect(listTasksCalls(), 'once the pace has passed').toBe(before + 1);

		await scheduledTasksRun();
		expect(listTasksCalls()).toBe(before + 1);
		poller.refreshNow();
		await poller.whenIdle();
		expect(listTasksCalls(), 'R refreshes at once').toBe(before + 2);
	});

	it('a scope that fits the pace at the refresh interval is never held back', async () => {
		store.setState({refreshMs: 5_000});
		await poller.whenIdle();
		const before = listTasksCalls();
		await scheduledTasksRun();
		await scheduledTasksRun();
		expect(listTasksCalls()).toBe(before + 2);
	});
});
