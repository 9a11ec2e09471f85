// Half of all calls throttled, on every API, for several refresh intervals: the pollers keep
// running, say throttled, slow down, keep the data, and are fresh again within two intervals.
import {describe, expect, it} from 'vitest';
import {callRate, freshSince, sleep, waitFor, liveFleetPerTest} from './live-fleet.js';

const refreshMs = 1_000;
const live = liveFleetPerTest({refreshMs, focus: 'web'});

const state = live.state;
const tiers = ['clusters', 'cluster', 'tasks'] as const;

describe('a throttling storm on every API', () => {
	it('backs off, says throttled, keeps the data and is fresh within two intervals after', async () => {
		await waitFor(() => state().clusterViews[state().focus.clusterArn!], 10_000, 'web loaded');
		await sleep(4 * refreshMs);
		const calmStart = Date.now() - 3 * refreshMs;
		const stormStart = Date.now();
		const calmRate = callRate(live.fleet, calmStart, stormStart);
		const clusters = state().clusters;

		await live.fleet.faults({throttleRate: 0.5});
		await waitFor(
			() => Object.values(state().problems).some((p) => p?.kind === 'throttled'),
			5 * refreshMs,
			'a throttled problem',
		);
		await sleep(8 * refreshMs);
		const stormEnd = Date.now();
		// The first interval of the storm is still the old cadence: measure after it.
		const stormRate = callRate(live.fleet, stormStart + refreshMs, stormEnd);
		expect(
			live.fleet.requests(stormStart, stormEnd).some((r) => r.errorCode === 'ThrottlingException'),
		).toBe(true);
		// Nothing blanked: the clusters on screen are the ones fetched before the storm or since.
		expect(state().clusters.length).toBe(clusters.length);
		expect(state().clusterViews[state().focus.clusterArn!]?.services.length).toBeGreaterThan(0);

		await live.fleet.faults('reset');
		const healedAt = await waitFor(
			() => tiers.every((id) => freshSince(state(), id, stormEnd)) && Date.now(),
			6 * refreshMs,
			'fresh data after the storm',
		);
		const healMs = healedAt - stormEnd;
		await waitFor(
			() => Object.values(state().problems).every((p) => p?.kind !== 'throttled'),
			2 * refreshMs,
			'no throttled problem left',
		);
		console.info(
			`throttling storm: ${calmRate.toFixed(1)} calls/s calm, ${stormRate.toFixed(1)} in the storm; fresh ${healMs} ms (${(healMs / refreshMs).toFixed(2)} intervals) after it`,
		);
		expect(stormRate).toBeLessThan(calmRate * 0.85);
		expect(healMs).toBeLessThanOrEqual(2 * refreshMs);
		expect(live.rejections.seen).toEqual([]);
	});
});
