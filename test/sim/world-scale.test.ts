import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import type {World} from '../../source/sim/world/world.js';
import {start} from './world-fixtures.js';

/** Clusters of m5.xlarge instances running services, some crash-looping, as scenarios build them. */
function buildWorld(seed: number, clusters: number, clock: ManualClock): World {
	const world = createWorld({seed, clock, startTime: clock.now() - 15 * 60_000});
	world.registerTaskDefinition({
		family: 'web',
		containerDefinitions: [
			{
				name: 'web',
				image: 'nginx',
				cpu: 128,
				memory: 256,
				portMappings: [{containerPort: 80, protocol: 'tcp'}],
			},
		],
	});
	world.registerTaskDefinition({
		family: 'crash',
		containerDefinitions: [
			{
				name: 'c',
				image: 'busybox',
				cpu: 64,
				memory: 64,
				environment: [
					{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '5'},
					{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
				],
			},
		],
	});
	for (let c = 0; c < clusters; c++) {
		const name = `c${c}`;
		const cluster = world.createCluster({clusterName: name});
		world.createAutoScalingGroup({
			name: `${name}-asg`,
			clusterName: name,
			instanceType: 'm5.xlarge',
			availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
			minSize: 0,
			maxSize: 20,
			desiredCapacity: 10,
			registerNow: true,
		});
		for (let s = 0; s < 10; s++)
			world.createService(cluster, {
				serviceName: `s${s}`,
				taskDefinition: c % 10 === 0 && s === 0 ? 'crash' : 'web',
				desiredCount: 12,
			});
	}
	world.advanceTo(clock.now());
	return world;
}

function dump(world: World): string {
	const ids: string[] = [];
	for (const cluster of world.clusters.values()) {
		for (const i of cluster.containerInstances.values()) ids.push(i.arn, i.ec2InstanceId);
		for (const s of cluster.services.values())
			ids.push(s.arn, ...s.deployments.map((d) => d.id), ...s.events.map((e) => e.message));
		for (const t of cluster.tasks.values())
			ids.push(t.arn, t.lastStatus, String(t.version), t.containerInstanceId ?? '');
	}
	return JSON.stringify(ids);
}

describe('the world at scale', () => {
	it('the same seed and calls give the same world, whatever the cadence of advanceTo', () => {
		const clockA = new ManualClock(start);
		const clockB = new ManualClock(start);
		const a = buildWorld(42, 3, clockA);
		const b = buildWorld(42, 3, clockB);
		for (let i = 0; i < 300; i++) {
			clockA.advance(1000);
			a.advanceTo(clockA.now());
		}
		clockB.advance(137_000);
		b.advanceTo(clockB.now());
		clockB.advance(163_000);
		b.advanceTo(clockB.now());
		expect(dump(a)).toEqual(dump(b));
		expect(a.nextRequestId()).toEqual(b.nextRequestId());
		const other = buildWorld(43, 3, new ManualClock(start));
		expect(dump(other)).not.toEqual(dump(a));
	});

	// CPU time, not wall time: a CPU-bound job beside the test slows the clock, not the work.
	it('settles thousands of tasks quickly and then steps cheaply', () => {
		const cpuMsSince = (since: NodeJS.CpuUsage) => {
			const used = process.cpuUsage(since);
			return (used.user + used.system) / 1000;
		};
		const clock = new ManualClock(start);
		const c0 = process.cpuUsage();
		const world = buildWorld(1, 50, clock);
		const settleMs = cpuMsSince(c0);
		let tasks = 0;
		for (const cluster of world.clusters.values()) tasks += cluster.tasks.size;
		expect(tasks).toBeGreaterThan(5500);
		expect(settleMs).toBeLessThan(8000);

		const c1 = process.cpuUsage();
		for (let i = 0; i < 100; i++) {
			clock.advance(1000);
			world.advanceTo(clock.now());
		}
		expect(cpuMsSince(c1)).toBeLessThan(1000);

		// Hours ahead: fast-forwarded rather than stepped second by second.
		const c2 = process.cpuUsage();
		clock.advance(6 * 3600_000);
		world.advanceTo(clock.now());
		expect(world.now()).toBe(clock.now());
		expect(cpuMsSince(c2)).toBeLessThan(5000);
	});
});
