import {describe, expect, it} from 'vitest';
import {buildWorld, scenarioNames} from '../../source/sim/scenarios/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {canonicalDump} from './scenario-fixture.js';

const start = Date.UTC(2026, 2, 14, 9, 30, 0);

function demoDump(seed: number): string {
	return canonicalDump(buildWorld({scenario: 'demo', seed, clock: new ManualClock(start)}));
}

describe('scenario determinism', () => {
	it('builds the same world, ids and placements included, from the same seed and start time', () => {
		const first = demoDump(42);
		expect(first.split('\n').length).toBeGreaterThan(100);
		expect(demoDump(42)).toBe(first);
	});

	it('builds a different world from a different seed', () => {
		const a = demoDump(42).split('\n');
		const b = demoDump(43).split('\n');
		// Same shape (the scenario's story does not depend on the seed), different identities.
		expect(b.filter((line) => line.startsWith('cluster')).length).toBe(
			a.filter((line) => line.startsWith('cluster')).length,
		);
		const taskArns = (lines: string[]) =>
			new Set(lines.filter((l) => l.trim().startsWith('task ')).map((l) => l.trim().split(' ')[1]));
		const shared = [...taskArns(a)].filter((arn) => taskArns(b).has(arn));
		expect(shared).toEqual([]);
	});

	it('serves an empty world for tests that build their own', () => {
		const clock = new ManualClock(start);
		const world = buildWorld({scenario: 'empty', seed: 1, clock});
		expect(world.clusters.size).toBe(0);
		expect(world.ec2Instances.size).toBe(0);
		expect(world.now()).toBe(start);
		expect(scenarioNames).toEqual(['demo', 'large', 'wide', 'empty']);
	});
});
