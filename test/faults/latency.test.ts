// Every call answered 2 s late: polls never pile up (at most one run per tier in flight, read off
// the simulator's request log), and the UI still moves the selection at once.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {RequestLogEntry} from '../../source/sim/server.js';
import {renderApp, selectedRow} from '../ui/app-fixture.js';
import {sleep, waitFor, liveFleetPerTest} from './live-fleet.js';

const refreshMs = 1_000;
const latencyMs = 2_000;
const live = liveFleetPerTest({refreshMs, focus: 'web'});
// Registered after the fleet's hooks, so it runs first: the app unmounts before the fleet closes.
afterEach(() => cleanup());

/** The most requests the log shows in flight at once (each one lasts `latencyMs`). */
function mostInFlight(entries: readonly RequestLogEntry[]): number {
	let most = 0;
	for (const entry of entries) {
		const overlapping = entries.filter(
			(other) => other.time <= entry.time && other.time + latencyMs > entry.time,
		).length;
		most = Math.max(most, overlapping);
	}
	return most;
}

/**
 * Operations each called once per run of one tier, with the tier's own input: the tiers that run
 * every refresh (the slower ones, docs/polling.md, would not run twice in the window).
 */
const perTier: Record<string, (entry: RequestLogEntry) => boolean> = {
	'cluster: DescribeServices': (e) => e.operation === 'DescribeServices',
	'tasks: ListTasks RUNNING': (e) =>
		e.operation === 'ListTasks' && (e.input.desiredStatus ?? 'RUNNING') === 'RUNNING',
};

describe('2 s latency on every call', () => {
	it('runs each tier once at a time, one run after the other', async () => {
		await waitFor(
			() => live.fleet.store.getState().clusterViews[live.fleet.store.getState().focus.clusterArn!],
			10_000,
			'web loaded',
		);
		await live.fleet.faults({latencyMs});
		const slowFrom = Date.now();
		await sleep(5 * latencyMs);
		// Requests sent before the latency was on answer quickly: leave them out.
		const slow = live.fleet.requests(slowFrom + 100);
		for (const [tier, matches] of Object.entries(perTier)) {
			const times = slow.filter(matches).map((e) => e.time);
			expect(times.length, tier).toBeGreaterThanOrEqual(2);
			const gaps = times.slice(1).map((time, i) => time - times[i]!);
			// The next run starts only after the slow answer came back (and one interval later).
			expect(Math.min(...gaps), `${tier} gaps ${gaps.join(', ')}`).toBeGreaterThanOrEqual(
				latencyMs,
			);
		}
		const most = mostInFlight(slow);
		console.info(`2 s latency: at most ${most} requests in flight at once over ${slow.length}`);
		// The adapters' shared cap on calls in flight.
		expect(most).toBeLessThanOrEqual(4);
		expect(live.rejections.seen).toEqual([]);
	});

	it('moves the selection at once while every poll waits on the slow endpoint', async () => {
		const app = await renderApp({store: live.fleet.store, columns: 200, rows: 50});
		await app.waitFor((frame) => frame.includes('staging'), 10_000);
		await live.fleet.faults({latencyMs});
		await sleep(refreshMs);
		const before = selectedRow(app.frame(), 'Clusters');
		const times: number[] = [];
		for (const key of ['j', 'k', 'j']) times.push(await app.keyToFrameMs(key));
		console.info(`2 s latency: key to frame ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
		expect(selectedRow(app.frame(), 'Clusters')).not.toBe(before);
		// Generous for a loaded 2-core machine; the point is "not after the 2 s answer".
		expect(Math.max(...times)).toBeLessThan(500);
		expect(live.rejections.seen).toEqual([]);
	});
});
