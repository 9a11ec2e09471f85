import {beforeAll, describe, expect, it} from 'vitest';
import {ecsHandlers} from '../../source/sim/api/ecs.js';
import {buildWorld} from '../../source/sim/scenarios/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import type {World} from '../../source/sim/world/world.js';
import {activeInstances, clusterNamed} from './scenario-fixture.js';

describe('large scenario', () => {
	let world: World;

	beforeAll(() => {
		const heapBefore = process.memoryUsage().heapUsed;
		const started = performance.now();
		world = buildWorld({scenario: 'large', seed: 1, clock: new ManualClock()});
		const ms = performance.now() - started;
		const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		// Reported, not asserted: the budget (about 3 s) depends on the machine and the engine.
		console.log(`large scenario built in ${Math.round(ms)} ms, heap +${Math.round(heapMb)} MB`);
	}, 120_000);

	it('meets the minimum counts once settled', () => {
		let services = 0;
		let running = 0;
		let instances = 0;
		for (const cluster of world.clusters.values()) {
			for (const service of cluster.services.values()) if (service.status === 'ACTIVE') services++;
			for (const task of cluster.tasks.values()) if (task.lastStatus === 'RUNNING') running++;
			instances += activeInstances(cluster).length;
		}
		expect(world.clusters.size).toBeGreaterThanOrEqual(200);
		expect(services).toBeGreaterThanOrEqual(2000);
		expect(running).toBeGreaterThanOrEqual(20_000);
		expect(instances).toBeGreaterThanOrEqual(2000);
	});

	it('puts 20,000 running tasks and about 1,000 instances in one cluster, all services steady', () => {
		const fleet = clusterNamed(world, 'fleet-main');
		expect(activeInstances(fleet).length).toBeGreaterThanOrEqual(1000);
		expect(fleet.services.size).toBeGreaterThanOrEqual(200);
		const running = [...fleet.tasks.values()].filter((t) => t.lastStatus === 'RUNNING');
		expect(running.length).toBeGreaterThanOrEqual(20_000);
		for (const service of fleet.services.values())
			expect([service.name, service.runningCount]).toEqual([service.name, service.desiredCount]);
		// Skewed like a real fleet: the biggest service is many times the smallest.
		const sizes = [...fleet.services.values()].map((s) => s.desiredCount);
		expect(Math.max(...sizes)).toBeGreaterThan(5 * Math.min(...sizes));
	});

	it('shares the rest among team clusters of uneven sizes, with and without Auto Scaling groups', () => {
		const teams = [...world.clusters.values()].filter((c) => c.name !== 'fleet-main');
		const sizes = teams.map((c) => activeInstances(c).length);
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
		expect(Math.max(...sizes)).toBeGreaterThan(4 * Math.min(...sizes));
		const withGroup = teams.filter((c) => c.capacityProviders.length > 0).length;
		expect(withGroup).toBeGreaterThan(0);
		expect(withGroup).toBeLessThan(teams.length);
		const standAlone = teams.flatMap((c) =>
			[...c.tasks.values()].filter((t) => t.startedBy?.startsWith('events-rule/')),
		);
		expect(standAlone.length).toBeGreaterThan(0);
	});

	it('pages the 20,000 running tasks of fleet-main through ListTasks, each once, in order', () => {
		const fleet = clusterNamed(world, 'fleet-main');
		const context = {
			world,
			service: 'ecs' as const,
			operation: 'ListTasks',
			region: world.region,
			accessKeyId: 'AKIDTEST',
		};
		const listed: string[] = [];
		let nextToken: string | undefined;
		let pages = 0;
		do {
			const page = ecsHandlers.ListTasks!({cluster: 'fleet-main', nextToken}, context) as {
				taskArns: string[];
				nextToken?: string;
			};
			listed.push(...page.taskArns);
			nextToken = page.nextToken;
			pages++;
		} while (nextToken !== undefined);
		const running = [...fleet.tasks.values()]
			.filter((task) => task.desiredStatus === 'RUNNING')
			.map((task) => task.arn);
		expect(running.length).toBeGreaterThanOrEqual(20_000);
		expect(pages).toBe(Math.ceil(running.length / 100));
		expect(listed).toEqual(running);
	});
});
