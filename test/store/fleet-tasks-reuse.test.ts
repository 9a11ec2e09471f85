// A refresh that finds a task unchanged hands back the very task object the store holds (issue 4):
// the UI's selectors compare by reference, and a 20,000-task refresh that built 20,000 fresh
// copies anyway kept them alive across 200 calls, growing the old generation every refresh.
import {ECSClient, StopTaskCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {createAwsClients, type AwsClients} from '../../source/aws/clients.js';
import {createEcsAdapter} from '../../source/aws/ecs.js';
import {RequestStats} from '../../source/aws/request-stats.js';
import type {Task} from '../../source/model/task.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
let clients: AwsClients;
let store: FleetStore;
let poller: FleetPoller;
let scope: string;
const clientsStats = new RequestStats();

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo'});
	clients = createAwsClients({
		endpointUrl: sim.server.url,
		region: 'us-east-1',
		credentials: testCredentials,
		stats: clientsStats,
		maxAttempts: 1,
	});
	store = createFleetStore({refreshMs: 5_000});
	poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats: clientsStats,
		now: () => sim.clock.now(),
	});
	poller.start();
	await poller.whenIdle();
	const batch = store.getState().clusters.find((c) => c.name === 'batch')!;
	store.getState().actions.setFocus({clusterArn: batch.arn});
	await poller.whenIdle();
	// Paused: only the runs this test asks for.
	store.getState().actions.setPaused(true);
	await poller.whenIdle();
	scope = `cluster:${batch.arn}`;
}, 60_000);

afterAll(async () => {
	poller?.stop();
	clients?.destroy();
	await sim?.close();
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
