import {ECSClient, paginateListServices} from '@aws-sdk/client-ecs';
import {beforeAll, describe, expect, it} from 'vitest';
import {startSim} from '../../source/sim/index.js';
import {buildWorld} from '../../source/sim/scenarios/index.js';
import {wideClusterName, wideCounts} from '../../source/sim/scenarios/wide.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import type {World} from '../../source/sim/world/world.js';
import {activeInstances, canonicalDump, clusterNamed} from './scenario-fixture.js';

const start = Date.UTC(2026, 2, 14, 9, 30, 0);

function build(seed: number): World {
	return buildWorld({scenario: 'wide', seed, clock: new ManualClock(start)});
}

describe('wide scenario', () => {
	let world: World;

	beforeAll(() => {
		const cpu = process.cpuUsage();
		const started = performance.now();
		world = build(1);
		const ms = performance.now() - started;
		const used = process.cpuUsage(cpu);
		// Reported, not asserted: the machine's load decides the wall time (about 0.5 to 0.9 s
		// cold on two cores).
		console.log(
			`wide scenario built in ${Math.round(ms)} ms (${Math.round((used.user + used.system) / 1000)} ms CPU)`,
		);
	}, 60_000);

	it('is one cluster with 2,000 services and about 10,000 running tasks on 300 instances', () => {
		expect([...world.clusters.keys()]).toEqual([wideClusterName]);
		const cluster = clusterNamed(world, wideClusterName);
		const services = [...cluster.services.values()].filter((s) => s.status === 'ACTIVE');
		expect(services).toHaveLength(wideCounts.services);
		expect(services.reduce((sum, s) => sum + s.desiredCount, 0)).toBe(wideCounts.tasks);
		const running = [...cluster.tasks.values()].filter((t) => t.lastStatus === 'RUNNING').length;
		expect(running).toBeGreaterThan(0.98 * wideCounts.tasks);
		expect(running).toBeLessThanOrEqual(wideCounts.tasks);
		expect(activeInstances(cluster)).toHaveLength(wideCounts.instances);
	});

	it('is settled: nearly every service runs its desired count with its rollout completed', () => {
		const services = [...clusterNamed(world, wideClusterName).services.values()];
		const steady = services.filter(
			(s) =>
				s.runningCount === s.desiredCount &&
				s.deployments.length === 1 &&
				s.deployments[0]!.rolloutState === 'COMPLETED',
		);
		// The exceptions are the few crash loops (and a batch task between runs).
		expect(steady.length).toBeGreaterThan(0.97 * services.length);
		const crashLooping = services.filter((s) =>
			s.events.some((e) => e.message.includes('is unable to consistently start tasks')),
		);
		expect(crashLooping.length + steady.length).toBeGreaterThan(0.98 * services.length);
	});

	it('is skewed as real fleets are: a few big services, most with one to five tasks', () => {
		const sizes = [...clusterNamed(world, wideClusterName).services.values()]
			.map((s) => s.desiredCount)
			.sort((a, b) => a - b);
		const median = sizes[Math.floor(sizes.length / 2)]!;
		expect(median).toBeLessThanOrEqual(5);
		expect(sizes[sizes.length - 1]!).toBeGreaterThan(10 * median);
		expect(sizes.filter((n) => n === 0).length).toBeGreaterThan(0);
	});

	it('gives every awslogs group its log group, so the services’ logs can be read', () => {
		const cluster = clusterNamed(world, wideClusterName);
		for (const service of cluster.services.values()) {
			const definition = world.resolveTaskDefinition(service.taskDefinitionArn)!;
			const group =
				definition.containerDefinitions[0]!.logConfiguration!.options!['awslogs-group']!;
			expect(world.logs.groups.has(group)).toBe(true);
		}
	});

	it('is the same world for the same seed, and another for another seed', () => {
		const dump = canonicalDump(world);
		expect(canonicalDump(build(1))).toBe(dump);
		const other = canonicalDump(build(2));
		expect(other).not.toBe(dump);
	}, 60_000);

	it('is served: ListServices pages through all 2,000 services', async () => {
		const server = await startSim({scenario: 'wide', seed: 1, clock: new ManualClock(start)});
		const ecs = new ECSClient({
			endpoint: server.url,
			region: 'us-east-1',
			credentials: {accessKeyId: 'AKIDWIDE', secretAccessKey: 'test'},
			maxAttempts: 1,
		});
		try {
			const arns: string[] = [];
			for await (const page of paginateListServices(
				{client: ecs, pageSize: 100},
				{cluster: wideClusterName, maxResults: 100},
			))
				arns.push(...(page.serviceArns ?? []));
			expect(new Set(arns).size).toBe(wideCounts.services);
		} finally {
			ecs.destroy();
			await server.close();
		}
	}, 60_000);
});
