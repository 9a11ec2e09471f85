// The endpoint stops answering (connections dropped), then comes back: a "cannot reach" problem,
// the data kept and marked stale, and fresh again by itself once the endpoint answers.
import {describe, expect, it} from 'vitest';
import {isStale} from '../../source/store/data-status.js';
import {freshSince, waitFor, liveFleetPerTest} from './live-fleet.js';

const refreshMs = 1_000;
const live = liveFleetPerTest({refreshMs, focus: 'web'});

const state = live.state;

describe('an endpoint that is down, then back', () => {
	it('says it cannot reach AWS, keeps the data stale, and recovers by itself', async () => {
		const web = state().focus.clusterArn!;
		await waitFor(() => state().clusterViews[web]?.services.length, 10_000, 'web loaded');
		const clusters = state().clusters;
		const services = state().clusterViews[web]!.services;
		const fetchedAt = state().dataSets.clusters!.fetchedAt!;

		await live.fleet.faults({down: true});
		const problem = await waitFor(
			() => state().problems.clusters?.kind === 'network' && state().problems.clusters,
			5 * refreshMs,
			'a network problem',
		);
		expect(problem.message).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNRESET/);
		const status = state().dataSets.clusters!;
		expect(isStale(status, Date.now(), refreshMs)).toBe(true);
		expect(status.fetchedAt).toBeGreaterThanOrEqual(fetchedAt);
		// Kept, not blanked: the very same lists.
		expect(state().clusters).toBe(clusters);
		expect(state().clusterViews[web]!.services).toBe(services);

		await live.fleet.faults({down: false});
		const upAt = Date.now();
		const healedAt = await waitFor(
			() =>
				['clusters', 'cluster', 'tasks'].every((id) =>
					freshSince(state(), id as 'clusters', upAt),
				) && Date.now(),
			6 * refreshMs,
			'fresh data once the endpoint is back',
		);
		console.info(
			`endpoint down: fresh ${healedAt - upAt} ms (${((healedAt - upAt) / refreshMs).toFixed(2)} intervals) after it came back`,
		);
		expect(state().problems).toEqual({});
		expect(healedAt - upAt).toBeLessThanOrEqual(2 * refreshMs);
		expect(live.rejections.seen).toEqual([]);
	});
});
