// Credentials expire; CloudWatch alone is denied: a clear message (naming the permission), and
// everything else keeps working.
import {describe, expect, it} from 'vitest';
import {freshSince, waitFor, liveFleetPerTest} from './live-fleet.js';

const refreshMs = 1_000;
const live = liveFleetPerTest({refreshMs, focus: 'web'});

const state = live.state;

describe('credentials and permissions', () => {
	it('expired credentials: says so and what to do, keeps the data, recovers once renewed', async () => {
		const web = state().focus.clusterArn!;
		await waitFor(() => state().clusterViews[web]?.services.length, 10_000, 'web loaded');
		const clusters = state().clusters;
		await live.fleet.faults({expiredCredentials: true});
		const problem = await waitFor(
			() => state().problems.clusters?.kind === 'credentials-expired' && state().problems.clusters,
			5 * refreshMs,
			'an expired-credentials problem',
		);
		expect(problem.message).toBe(
			'AWS credentials expired: refresh them (aws sso login, or new keys)',
		);
		expect(state().clusters).toBe(clusters);

		await live.fleet.faults('reset');
		const renewedAt = Date.now();
		const healedAt = await waitFor(
			() => freshSince(state(), 'clusters', renewedAt) && Date.now(),
			3 * refreshMs,
			'fresh again',
		);
		console.info(
			`expired credentials: fresh ${healedAt - renewedAt} ms (${((healedAt - renewedAt) / refreshMs).toFixed(2)} intervals) after renewal`,
		);
		expect(healedAt - renewedAt).toBeLessThanOrEqual(2 * refreshMs);
		expect(state().problems.clusters).toBeUndefined();
		expect(live.rejections.seen).toEqual([]);
	});

	it('CloudWatch denied: names cloudwatch:GetMetricData, and ECS keeps refreshing', async () => {
		const web = state().focus.clusterArn!;
		await waitFor(() => state().clusterViews[web]?.services.length, 10_000, 'web loaded');
		await live.fleet.faults({denied: ['cloudwatch']});
		live.fleet.poller.setVisibleMetrics({clusterArns: [web], serviceArns: []});
		const problem = await waitFor(
			() => state().problems.metrics,
			5 * refreshMs,
			'a metrics problem',
		);
		expect(problem).toMatchObject({kind: 'access-denied', action: 'cloudwatch:GetMetricData'});
		expect(problem.message).toMatch(
			/^Access denied: cloudwatch:GetMetricData is not allowed for .+; add it to the IAM policy$/,
		);

		const deniedAt = Date.now();
		await waitFor(
			() =>
				['clusters', 'cluster', 'tasks'].every((id) =>
					freshSince(state(), id as 'clusters', deniedAt),
				),
			3 * refreshMs,
			'ECS data refreshed while CloudWatch is denied',
		);
		expect(Object.keys(state().problems)).toEqual(['metrics']);
		expect(live.rejections.seen).toEqual([]);
	});
});
