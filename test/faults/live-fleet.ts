/**
 * The fleet store and pollers as the app runs them (real timers, a short refresh interval, the
 * SDK's default retries) against a simulator on real time, whose fault knobs the tests turn
 * through its admin endpoint `POST /__sim/faults`, as a person would with curl. The request log's
 * times are wall-clock times, so a test can read the call rate and spacing off it.
 */
import {afterEach, beforeEach} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {RequestStats} from '../../source/aws/request-stats.js';
import type {FaultSettings} from '../../source/sim/faults.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import type {RequestLogEntry} from '../../source/sim/server.js';
import {isStale} from '../../source/store/data-status.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {
	createFleetStore,
	type DataSetId,
	type FleetState,
	type FleetStore,
} from '../../source/store/fleet-store.js';
import {appClientsAt} from '../helpers/sim.js';

export type LiveFleet = {
	sim: SimServer;
	stats: RequestStats;
	store: FleetStore;
	poller: FleetPoller;
	refreshMs: number;
	/** Patches the simulator's faults over HTTP; `reset` clears them all. */
	faults(patch: Partial<FaultSettings> | 'reset'): Promise<void>;
	/** Requests the simulator saw at or after `since` (epoch ms) and before `until`. */
	requests(since: number, until?: number): RequestLogEntry[];
	close(): Promise<void>;
};

export async function startLiveFleet(
	options: {refreshMs?: number; focus?: string} = {},
): Promise<LiveFleet> {
	const refreshMs = options.refreshMs ?? 1_000;
	const sim = await startSim({scenario: 'demo', seed: 1});
	const stats = new RequestStats();
	const clients = appClientsAt(sim.url, {
		stats,
	});
	const store = createFleetStore({refreshMs});
	// Jitter fixed at its middle: a throttled tier waits 1.5 intervals, the same in every run.
	const poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats,
		refreshMs,
		random: () => 0.5,
	});
	poller.start();
	if (options.focus !== undefined) {
		const name = options.focus;
		const cluster = await waitFor(
			() => store.getState().clusters.find((c) => c.name === name),
			10_000,
			`cluster ${name}`,
		);
		poller.setFocus({clusterArn: cluster.arn});
	}
	return {
		sim,
		stats,
		store,
		poller,
		refreshMs,
		async faults(patch) {
			const path = patch === 'reset' ? '/__sim/faults/reset' : '/__sim/faults';
			const response = await fetch(`${sim.url}${path}`, {
				method: 'POST',
				body: patch === 'reset' ? '' : JSON.stringify(patch),
			});
			if (!response.ok) throw new Error(`faults ${JSON.stringify(patch)}: ${response.status}`);
		},
		requests: (since, until = Infinity) =>
			sim.requestLog.filter((entry) => entry.time >= since && entry.time < until),
		async close() {
			poller.stop();
			clients.destroy();
			await sim.close();
		},
	};
}

/** Polls `check` every 20 ms until it returns something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(
	check: () => T | undefined | false,
	timeoutMs: number,
	what: string,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(20);
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Fresh: fetched since `since`, last attempt fine, not aged out. */
export function freshSince(state: FleetState, id: DataSetId, since: number): boolean {
	const status = state.dataSets[id];
	return (
		status !== undefined &&
		(status.fetchedAt ?? 0) >= since &&
		!isStale(status, Date.now(), state.refreshMs)
	);
}

/** Collects unhandled promise rejections while a test runs (there must be none). */
export function watchUnhandledRejections(): {readonly seen: unknown[]; stop(): void} {
	const seen: unknown[] = [];
	const listener = (reason: unknown) => seen.push(reason);
	process.on('unhandledRejection', listener);
	return {seen, stop: () => process.off('unhandledRejection', listener)};
}

/** Calls per second the simulator saw between two moments. */
export function callRate(fleet: LiveFleet, since: number, until: number): number {
	return fleet.requests(since, until).length / ((until - since) / 1000);
}

/**
 * A fresh live fleet for each test of the file, closed after it, with unhandled rejections
 * watched meanwhile (a test asserts there were none). Call at the top of a test file.
 */
export function liveFleetPerTest(options: {refreshMs?: number; focus?: string}): {
	readonly fleet: LiveFleet;
	readonly rejections: ReturnType<typeof watchUnhandledRejections>;
	state(): FleetState;
} {
	let fleet: LiveFleet | undefined;
	let rejections: ReturnType<typeof watchUnhandledRejections> | undefined;
	beforeEach(async () => {
		rejections = watchUnhandledRejections();
		fleet = await startLiveFleet(options);
	});
	afterEach(async () => {
		await fleet?.close();
		rejections?.stop();
	});
	return {
		get fleet() {
			return fleet!;
		},
		get rejections() {
			return rejections!;
		},
		state: () => fleet!.store.getState(),
	};
}
