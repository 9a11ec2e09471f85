// The AWS thread makes the live view's first calls before the poller asks for them (the demo's as
// soon as its simulator listens), and the poller's first run takes those answers: the same data,
// the same errors, and not one call more reaches AWS.
import type {Worker} from 'node:worker_threads';
import {afterEach, describe, expect, it} from 'vitest';
import type {AwsThreadOptions} from '../../source/aws/remote/protocol.js';
import {startRemoteAws, type RemoteAws} from '../../source/aws/remote/remote-aws.js';
import type {RequestStats} from '../../source/aws/request-stats.js';
import {demoThreadOptions} from '../../source/modes/connection.js';
import type {FaultSettings} from '../../source/sim/faults.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import {waitFor} from '../faults/live-fleet.js';
import {testCredentials} from '../helpers/sim.js';

// The thread's entry is the TypeScript module, loaded through tsx by a small bootstrap.
const entry = new URL('../helpers/ts-thread.mjs', import.meta.url);
const argv = [new URL('../../source/aws/remote/aws-thread.ts', import.meta.url).href];

const remotes: RemoteAws[] = [];
const pollers: FleetPoller[] = [];
const sims: SimServer[] = [];

afterEach(async () => {
	for (const poller of pollers.splice(0)) poller.stop();
	await Promise.all(remotes.splice(0).map((remote) => remote.destroy()));
	await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

function connect(options: AwsThreadOptions, threads: Worker[] = []): RemoteAws {
	const remote = startRemoteAws({
		...options,
		entry,
		argv,
		log: () => {},
		onThreadStart: (thread) => threads.push(thread),
	});
	remotes.push(remote);
	return remote;
}

function poll(remote: RemoteAws, clusters: string[] = []): FleetStore {
	const store = createFleetStore({refreshMs: 60_000});
	const poller = createFleetPoller({
		adapters: remote.adapters,
		store,
		stats: remote.stats,
		refreshMs: 60_000,
		clusters,
	});
	pollers.push(poller);
	poller.start();
	return store;
}

/** HTTP attempts of one operation, whatever its service's prefix. */
function attempts(stats: RequestStats, operation: string): number {
	return Object.entries(stats.snapshot().byOperation)
		.filter(([name]) => name.endsWith(`.${operation}`))
		.reduce((sum, [, count]) => sum + count, 0);
}

const firstCalls = ['ListClusters', 'DescribeClusters', 'GetCallerIdentity'];

const counts = (stats: RequestStats, operations = firstCalls) =>
	Object.fromEntries(operations.map((operation) => [operation, attempts(stats, operation)]));

async function firstClustersIn(store: FleetStore): Promise<void> {
	await waitFor(
		() => {
			const state = store.getState();
			return state.clusters.length > 0 && state.identity !== undefined;
		},
		20_000,
		'the first clusters and the caller identity',
	);
}

/** The demo's thread options as the live view gives them, with its `--cluster` names. */
const demoWith = (clusters: string[]): AwsThreadOptions =>
	demoThreadOptions({
		demo: {scenario: 'demo', seed: 1},
		region: undefined,
		debug: false,
		clusters,
	})!;

/** Until the thread has made each of the first calls once, unasked. */
const foreseenCallsMade = (remote: RemoteAws) =>
	waitFor(
		() => firstCalls.every((operation) => attempts(remote.stats, operation) === 1),
		20_000,
		'the foreseen calls',
	);

describe('the first calls, foreseen by the AWS thread', () => {
	it('are made before they are asked, and the first poll takes them: no call more', async () => {
		const remote = connect(demoWith([]));
		// Unasked, the thread lists the clusters, describes them and asks who the caller is.
		await foreseenCallsMade(remote);
		const store = poll(remote);
		await firstClustersIn(store);
		expect(store.getState().clusters.map((cluster) => cluster.name)).toEqual([
			'batch',
			'staging',
			'web',
		]);
		expect(store.getState().identity?.account).toBe('123456789012');
		expect(counts(remote.stats)).toEqual({
			ListClusters: 1,
			DescribeClusters: 1,
			GetCallerIdentity: 1,
		});
	}, 30_000);

	it('describe the --cluster ones by name, with no listing', async () => {
		const remote = connect(demoWith(['web']));
		await waitFor(
			() => attempts(remote.stats, 'DescribeClusters') === 1,
			20_000,
			'the foreseen describe',
		);
		const store = poll(remote, ['web']);
		await firstClustersIn(store);
		expect(store.getState().clusters.map((cluster) => cluster.name)).toEqual(['web']);
		expect(counts(remote.stats)).toEqual({
			ListClusters: 0,
			DescribeClusters: 1,
			GetCallerIdentity: 1,
		});
	}, 30_000);

	it('are not made again by a thread started after one died', async () => {
		const threads: Worker[] = [];
		const remote = connect(demoWith([]), threads);
		await foreseenCallsMade(remote);
		await threads[0]!.terminate();
		// The next call starts a thread (and a simulator) of its own; a call foreseen there would
		// have gone out before it, on the same simulator, and been counted before its answer.
		let listed: string[] = [];
		for (const deadline = Date.now() + 20_000; listed.length === 0 && Date.now() < deadline;)
			listed = await remote.adapters.ecs.listClusterArns().catch(() => []);
		expect(listed).toHaveLength(3);
		expect(threads).toHaveLength(2);
		expect(counts(remote.stats)).toEqual({
			ListClusters: 2,
			DescribeClusters: 1,
			GetCallerIdentity: 1,
		});
	}, 30_000);

	// Faults that answer every attempt the same way: the two runs' calls meet the same answers.
	const faults: Record<string, Partial<FaultSettings>> = {
		'an account denied ECS': {denied: ['ecs']},
		'an endpoint failing every call': {
			answerError: {code: 'InternalFailure', message: 'Internal Failure', status: 500},
		},
	};
	it.each(Object.keys(faults))(
		'fail the first poll as the calls it would have made itself, counted once: %s',
		async (name) => {
			const outcomes: {problem: string | undefined; counts: Record<string, number>}[] = [];
			for (const foresee of [undefined, {clusters: []}]) {
				const sim = await startSim({faults: faults[name]!});
				sims.push(sim);
				const remote = connect({
					endpointUrl: sim.url,
					region: 'us-east-1',
					credentials: testCredentials,
					...(foresee === undefined ? {} : {foresee}),
				});
				const store = poll(remote);
				const problem = await waitFor(
					() => store.getState().problems.clusters?.message,
					20_000,
					'the clusters problem',
				);
				await waitFor(
					() =>
						store.getState().identity !== undefined ||
						store.getState().problems.identity !== undefined,
					20_000,
					'the caller identity, or its problem',
				);
				outcomes.push({problem, counts: counts(remote.stats)});
			}
			expect(outcomes[0]!.problem).toMatch(/\S/u);
			expect(outcomes[1]).toEqual(outcomes[0]);
		},
		60_000,
	);
});
