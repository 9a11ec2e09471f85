// A refresh that finds a task unchanged hands back the very task object the store holds:
// the UI's selectors compare by reference, and a 20,000-task refresh that built 20,000 fresh
// copies anyway kept them alive across 200 calls, growing the old generation every refresh.
import {ECSClient, StopTaskCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AwsClients} from '../../source/aws/clients.js';
import {createEcsAdapter} from '../../source/aws/ecs.js';
import type {Task} from '../../source/model/task.js';
import type {FleetPoller} from '../../source/store/fleet-poller.js';
import type {FleetStore} from '../../source/store/fleet-store.js';
import {testCredentials, type TestSim} from '../helpers/sim.js';
import {focusPaused, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
let scope: string;
// Taken from the fleet, for the tests below.
let sim: TestSim;
let store: FleetStore;
let poller: FleetPoller;
let clients: AwsClients;

beforeAll(async () => {
	fleet = await startFleet({refreshMs: 5_000});
	({sim, store, poller} = fleet);
	clients = fleet.clients;
	scope = `cluster:${await focusPaused(fleet, 'batch')}`;
}, 60_000);

afterAll(async () => {
	await fleet?.close();
});

const scopeTasks = (): readonly Task[] => store.getState().tasks[scope] ?? [];

async function refresh(): Promise<void> {
	poller.refreshNow();
	await poller.whenIdle();
}

describe('a tasks refresh keeps the objects of unchanged tasks', () => {
	it('an unchanged refresh keeps the same list; a stopped task alone is a new object', async () => {
		const before = scopeTasks();
		expect(before.length).toBeGreaterThan(1);
		await refresh();
		expect(scopeTasks(), 'nothing changed: the very same list').toBe(before);

		const stopped = before[0]!;
		const ecs = new ECSClient({
			endpoint: sim.server.url,
			region: 'us-east-1',
			credentials: testCredentials,
		});
		try {
			await ecs.send(new StopTaskCommand({cluster: stopped.clusterArn, task: stopped.arn}));
		} finally {
			ecs.destroy();
		}
		await refresh();
		const after = scopeTasks();
		expect(after).not.toBe(before);
		const stoppedAfter = after.find((task) => task.arn === stopped.arn);
		if (stoppedAfter !== undefined) {
			expect(stoppedAfter).not.toBe(stopped);
			expect(stoppedAfter.desiredStatus).toBe('STOPPED');
		}
		const others = before.filter((task) => task.arn !== stopped.arn);
		for (const task of others) {
			expect(after.find((candidate) => candidate.arn === task.arn)).toBe(task);
		}
	});

	it('the adapter hands back the object it was given for a task that did not change', async () => {
		const ecs = createEcsAdapter(clients.ecs);
		const tasks = scopeTasks();
		const cluster = tasks[0]!.clusterArn;
		const previous = new Map(tasks.map((task) => [task.arn, task]));
		const described = await ecs.describeTasks(
			cluster,
			tasks.map((task) => task.arn),
			previous,
		);
		expect(described.items).toHaveLength(tasks.length);
		for (const task of described.items) expect(task).toBe(previous.get(task.arn));

		const fresh = await ecs.describeTasks(cluster, [tasks[0]!.arn]);
		expect(fresh.items[0], 'without previous tasks: a new object').not.toBe(tasks[0]);
		expect(fresh.items[0]).toEqual(tasks[0]);
	});
});
