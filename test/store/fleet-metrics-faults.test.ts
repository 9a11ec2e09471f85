import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {metricSeriesKey} from '../../source/store/fleet-store.js';
import {METRIC_POINTS} from '../../source/store/tiers/metrics.js';
import {clusterArnOf, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
beforeEach(async () => {
	fleet = await startFleet();
});
afterEach(async () => {
	await fleet.close();
});

const state = () => fleet.store.getState();
const metricCalls = () =>
	fleet.sim.server.requestLog.filter((entry) => entry.operation === 'GetMetricData');

describe('metrics for visible rows', () => {
	it('fetches 30 minutes first, then only the minutes after the newest point', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setVisibleMetrics({clusterArns: [web], serviceArns: []});
		await fleet.poller.whenIdle();
		const cpu = () => state().metrics[metricSeriesKey(web, 'CPUUtilization')];
		expect(cpu()?.points).toHaveLength(METRIC_POINTS);
		expect(state().metrics[metricSeriesKey(web, 'MemoryReservation')]?.points.length).toBe(
			METRIC_POINTS,
		);
		expect(metricCalls()).toHaveLength(1);
		const newest = cpu()!.points.at(-1)!.timestamp;

		fleet.sim.advance(3 * 60_000);
		await fleet.refresh();
		const calls = metricCalls();
		expect(calls).toHaveLength(2);
		// Epoch seconds on the wire (JSON protocol): the minute after the newest point.
		expect(Number(calls[1]!.input.StartTime) * 1000).toBe(newest + 60_000);
		expect(cpu()?.points).toHaveLength(METRIC_POINTS);
		expect(cpu()!.points.at(-1)!.timestamp).toBe(newest + 3 * 60_000);
	});

	it('makes no CloudWatch call while no complete minute is new, and none for hidden rows', async () => {
		const web = clusterArnOf(fleet, 'web');
		await fleet.refresh();
		expect(metricCalls()).toHaveLength(0);
		fleet.poller.setVisibleMetrics({clusterArns: [web], serviceArns: []});
		await fleet.poller.whenIdle();
		await fleet.refresh();
		expect(metricCalls()).toHaveLength(1);
	});
});

describe('failures never blank data', () => {
	it('a throttling storm marks data stale with a throttled problem, keeps it, and recovers', async () => {
		const clusters = state().clusters;
		const fetchedAt = state().dataSets.clusters?.fetchedAt;
		fleet.sim.server.faults.set({throttleRate: 1});
		await fleet.refresh();
		const status = state().dataSets.clusters!;
		expect(status.error?.kind).toBe('throttled');
		expect(status.staleSince).toBeDefined();
		expect(status.fetchedAt).toBe(fetchedAt);
		expect(state().problems.clusters).toMatchObject({
			kind: 'throttled',
			action: 'ecs:ListClusters',
		});
		expect(state().clusters).toBe(clusters);
		expect(state().requests.throttled).toBeGreaterThan(0);

		fleet.sim.server.faults.reset();
		await fleet.refresh();
		expect(state().dataSets.clusters?.error).toBeUndefined();
		expect(state().problems.clusters).toBeUndefined();
		expect(state().clusters).toBe(clusters);
	});

	it('AccessDenied on CloudWatch names the action, and everything else still refreshes', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.sim.server.faults.set({denied: ['cloudwatch']});
		fleet.poller.setFocus({clusterArn: web});
		fleet.poller.setVisibleMetrics({clusterArns: [web], serviceArns: []});
		await fleet.poller.whenIdle();
		expect(state().problems.metrics).toMatchObject({
			kind: 'access-denied',
			action: 'cloudwatch:GetMetricData',
		});
		expect(state().problems.metrics?.message).toContain('cloudwatch:GetMetricData');
		expect(state().dataSets.metrics?.error).toBeDefined();
		const before = state().dataSets.cluster?.fetchedAt;
		fleet.sim.advance(60_000);
		await fleet.refresh();
		expect(state().clusterViews[web]?.services.length).toBeGreaterThan(0);
		expect(state().dataSets.cluster?.fetchedAt).toBeGreaterThan(before ?? Infinity);
		expect(state().problems.cluster).toBeUndefined();
		expect(state().problems.clusters).toBeUndefined();
	});
});
