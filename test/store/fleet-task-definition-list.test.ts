import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startFleet, type Fleet} from './fleet-fixture.js';

const count = (fleet: Fleet, operation: string) =>
	fleet.stats.snapshot().byOperation[operation] ?? 0;

describe('the :td view data', () => {
	let fleet: Fleet;

	beforeAll(async () => {
		fleet = await startFleet();
	});

	afterAll(async () => {
		await fleet.close();
	});

	it('lists task definitions only while the view is open', async () => {
		expect(fleet.store.getState().taskDefinitionArns).toBeUndefined();
		expect(count(fleet, 'ECS.ListTaskDefinitions')).toBe(0);

		fleet.store.getState().wants.showTaskDefinitionList(true);
		await fleet.poller.whenIdle();
		const arns = fleet.store.getState().taskDefinitionArns ?? [];
		const families = new Set(arns.map((arn) => arn.split('/').pop()!.split(':')[0]));
		for (const family of ['sim-runner', 'frontend', 'api', 'checkout-worker', 'redis']) {
			expect(families).toContain(family);
		}
		// Newest revision first, as the view shows them.
		const frontend = arns
			.filter((arn) => arn.includes('/frontend:'))
			.map((arn) => Number(arn.split(':').pop()));
		expect(frontend).toEqual([...frontend].sort((a, b) => b - a));

		fleet.store.getState().wants.showTaskDefinitionList(false);
		const calls = count(fleet, 'ECS.ListTaskDefinitions');
		expect(calls).toBeGreaterThan(0);
		await fleet.refresh();
		expect(count(fleet, 'ECS.ListTaskDefinitions')).toBe(calls);
	});

	it('fetches an opened task definition once, even with no cluster in focus', async () => {
		const arn = fleet.store.getState().taskDefinitionArns?.find((a) => a.includes('/redis:'));
		expect(arn).toBeDefined();
		fleet.store.getState().wants.openTaskDefinition(arn);
		await fleet.poller.whenIdle();
		expect(fleet.store.getState().taskDefinitions[arn!]?.family).toBe('redis');
		const calls = count(fleet, 'ECS.DescribeTaskDefinition');
		expect(calls).toBeGreaterThan(0);
		await fleet.refresh();
		expect(count(fleet, 'ECS.DescribeTaskDefinition')).toBe(calls);
	});
});
