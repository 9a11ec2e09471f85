// An endpoint that accepts and never answers, or dribbles its answer a byte at a time: each poll
// ends at its deadline, the header's problem is "cannot reach" with the reason, the data is kept,
// and it is fresh again by itself once the endpoint answers. R does not wait for a hung poll.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import type {TransportLimits} from '../../source/aws/http-handler.js';
import {RequestStats} from '../../source/aws/request-stats.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {isStale} from '../../source/store/data-status.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import {accountWideStaleSince} from '../../source/store/account-wide.js';
import {headerSegments} from '../../source/ui/header.js';
import {startLoopbackEndpoint, type LoopbackEndpoint} from '../helpers/loopback-endpoint.js';
import {appClientsAt} from '../helpers/sim.js';
import {freshSince, waitFor, watchUnhandledRejections} from './live-fleet.js';

const refreshMs = 1_000;
let sim: SimServer;
let endpoint: LoopbackEndpoint;
let clients: AwsClients | undefined;
let store: FleetStore;
let poller: FleetPoller | undefined;
let rejections: ReturnType<typeof watchUnhandledRejections>;

beforeEach(async () => {
	rejections = watchUnhandledRejections();
	sim = await startSim({scenario: 'demo', seed: 1});
	endpoint = await startLoopbackEndpoint(sim.url);
});
afterEach(async () => {
	poller?.stop();
	clients?.destroy();
	await endpoint.close();
	await sim.close();
	rejections.stop();
});

async function startFleet(limits: Partial<TransportLimits>): Promise<void> {
	clients = appClientsAt(endpoint.url, {
		stats: new RequestStats(),
		limits,
	});
	store = createFleetStore({refreshMs});
	poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats: clients.stats,
		refreshMs,
		random: () => 0.5,
	});
	poller.start();
	await waitFor(() => store.getState().clusters.length > 0, 10_000, 'the clusters');
}

/** The header as the user reads it, from the store's state. */
function headerText(): string {
	const state = store.getState();
	return headerSegments({
		account: undefined,
		region: 'us-east-1',
		profile: undefined,
		paused: false,
		staleSince: accountWideStaleSince(state),
		loaded: true,
		callsPerMinute: 0,
		problems: Object.values(state.problems).filter((problem) => problem !== undefined),
		readOnly: false,
	})
		.map((segment) => segment.text)
		.join(' ');
}

async function expectRecovery(): Promise<void> {
	endpoint.setMode({kind: 'pass'});
	const upAt = Date.now();
	await waitFor(
		() =>
			freshSince(store.getState(), 'clusters', upAt) && !('clusters' in store.getState().problems),
		8 * refreshMs,
		'fresh clusters once the endpoint answers again',
	);
	expect(headerText()).not.toMatch(/CANNOT REACH AWS|STALE/);
}

describe('a poll past its deadline', () => {
	it('an endpoint that never answers: cannot reach, with the reason, then recovers', async () => {
		await startFleet({firstByteMs: 600, answerMs: 1_500});
		const clusters = store.getState().clusters;
		endpoint.setMode({kind: 'hang'});
		const problem = await waitFor(
			() =>
				store.getState().problems.clusters?.kind === 'network' &&
				store.getState().problems.clusters,
			10 * refreshMs,
			'a network problem for the clusters',
		);
		expect(problem.message).toMatch(
			/^Cannot reach AWS: no answer from 127\.0\.0\.1:\d+ in 0\.6 s \(ecs:(ListClusters|DescribeClusters)\)$/,
		);
		expect(headerText()).toMatch(/STALE since .* CANNOT REACH AWS/);
		expect(isStale(store.getState().dataSets.clusters!, Date.now(), refreshMs)).toBe(true);
		expect(store.getState().clusters).toBe(clusters);
		await expectRecovery();
		expect(rejections.seen).toEqual([]);
	}, 30_000);

	it('an endpoint that dribbles its answer: cannot reach once the whole answer is late', async () => {
		await startFleet({firstByteMs: 600, answerMs: 1_500});
		endpoint.setMode({kind: 'dribble', everyMs: 200});
		const problem = await waitFor(
			() =>
				store.getState().problems.clusters?.kind === 'network' &&
				store.getState().problems.clusters,
			10 * refreshMs,
			'a network problem for the clusters',
		);
		expect(problem.message).toMatch(
			/^Cannot reach AWS: the answer from 127\.0\.0\.1:\d+ did not complete in 1\.5 s/,
		);
		expect(headerText()).toMatch(/CANNOT REACH AWS/);
		await expectRecovery();
	}, 30_000);

	it('R aborts a poll stuck on a hung endpoint and polls again at once', async () => {
		// A deadline far beyond the test: only the abort can end the stuck poll in time.
		await startFleet({firstByteMs: 60_000, answerMs: 60_000});
		await poller!.whenIdle();
		const seenBefore = endpoint.seen;
		endpoint.setMode({kind: 'hang'});
		poller!.refreshNow();
		await waitFor(
			() => endpoint.seen > seenBefore && store.getState().dataSets.clusters?.inFlight,
			5_000,
			'a clusters poll stuck on the hung endpoint',
		);
		// Past the minimum gap between two user refreshes, so the next R runs at once.
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		endpoint.setMode({kind: 'pass'});
		const pressedAt = Date.now();
		poller!.refreshNow();
		// The stuck poll's own deadline is 60 s away: fresh data well before it (a third of it, so
		// that a loaded machine's slowness is not mistaken for the wait) means R did not wait.
		await waitFor(
			() => freshSince(store.getState(), 'clusters', pressedAt),
			20_000,
			'fresh clusters right after R, long before the stuck poll would end',
		);
	}, 60_000);
});
