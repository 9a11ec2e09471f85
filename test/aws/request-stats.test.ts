import {describe, expect, it} from 'vitest';
import {RequestStats} from '../../source/aws/request-stats.js';

describe('request stats', () => {
	it('counts by operation, throttled apart', () => {
		const stats = new RequestStats(() => 0);
		stats.record('ECS.ListClusters');
		stats.record('ECS.ListClusters', {throttled: true});
		stats.record('ECS.DescribeClusters');
		expect(stats.snapshot()).toEqual({
			total: 3,
			throttled: 1,
			lastMinute: 3,
			byOperation: {'ECS.ListClusters': 2, 'ECS.DescribeClusters': 1},
		});
		expect(stats.count('ECS.ListClusters')).toBe(2);
		expect(stats.count('EC2.DescribeInstances')).toBe(0);
	});

	it('counts calls in a sliding minute', () => {
		let now = 1_000_000;
		const stats = new RequestStats(() => now);
		stats.record('ECS.ListClusters');
		now += 30_000;
		stats.record('ECS.ListClusters');
		stats.record('ECS.ListClusters');
		expect(stats.callsInLastMinute()).toBe(3);
		now += 30_001;
		expect(stats.callsInLastMinute()).toBe(2);
		now += 30_000;
		expect(stats.callsInLastMinute()).toBe(0);
		expect(stats.total).toBe(3);
	});

	it('stays right over many calls (the window is pruned, not scanned)', () => {
		let now = 0;
		const stats = new RequestStats(() => now);
		for (let call = 0; call < 10_000; call += 1) {
			now += 100; // 10 calls a second: 600 in any minute
			stats.record('ECS.DescribeTasks');
		}
		expect(stats.callsInLastMinute()).toBe(600);
	});

	it('tells subscribers about each call until they unsubscribe', () => {
		const stats = new RequestStats(() => 0);
		let calls = 0;
		const unsubscribe = stats.subscribe(() => (calls += 1));
		stats.record('STS.GetCallerIdentity');
		unsubscribe();
		stats.record('STS.GetCallerIdentity');
		expect(calls).toBe(1);
	});
});
