// Each tier refreshes at the cadence its data needs (docs/polling.md): a scheduled run of the
// services tier describes the services on screen in one call, with the selected one always, and
// leaves the whole list to its sweep; cluster summaries are described without listing the
// account; the user's refresh (R) asks for everything again.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {staleSinceAt} from '../../source/store/data-status.js';
import {INSTANCES_EVERY} from '../../source/store/tiers/instances.js';
import {intervalMsOf, pollCadences, type PollTierId} from '../../source/store/poll-cadences.js';
import {focusPaused, serviceArnOf, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
let web: string;
const state = () => fleet.store.getState();
const calls = (operation: string) => state().requests.byOperation[operation] ?? 0;

async function scheduledRun(id: string): Promise<void> {
	fleet.poller.scheduler.refreshNow([id]);
	await fleet.poller.whenIdle();
}

beforeAll(async () => {
	fleet = await startFleet();
	web = await focusPaused(fleet, 'web');
}, 60_000);
afterAll(async () => {
	await fleet?.close();
});

describe('tier cadences', () => {
	it('a scheduled services run describes what is on screen in one call, the selected service first', async () => {
		const api = serviceArnOf(fleet, web, 'api');
		const redis = serviceArnOf(fleet, web, 'redis');
		state().wants.setFocus({clusterArn: web, serviceArn: api});
		state().wants.setVisibleMetrics({clusterArns: [], serviceArns: [redis]});
		await fleet.poller.whenIdle();
		const list = calls('ECS.ListServices');
		const describe = calls('ECS.DescribeServices');
		await scheduledRun('cluster');
		expect(calls('ECS.ListServices'), 'the list waits for its sweep').toBe(list);
		expect(calls('ECS.DescribeServices')).toBe(describe + 1);
		const asked = fleet.sim.server.requestLog
			.filter((entry) => entry.operation === 'DescribeServices')
			.at(-1)!.input.services;
		expect(asked).toEqual([api, redis]);
		expect(state().clusterViews[web]!.services.map((s) => s.name)).toEqual([
			'api',
			'checkout-worker',
			'frontend',
			'redis',
		]);
	});

	it('a change to a service on screen shows at its next scheduled run', async () => {
		const api = state().clusterViews[web]!.services.find((s) => s.name === 'api')!;
		const {UpdateServiceCommand} = await import('@aws-sdk/client-ecs');
		await fleet.sim.ecs.send(
			new UpdateServiceCommand({
				cluster: 'web',
				service: 'api',
				desiredCount: api.desiredCount + 1,
			}),
		);
		await scheduledRun('cluster');
		expect(state().clusterViews[web]!.services.find((s) => s.name === 'api')!.desiredCount).toBe(
			api.desiredCount + 1,
		);
		await fleet.sim.ecs.send(
			new UpdateServiceCommand({cluster: 'web', service: 'api', desiredCount: api.desiredCount}),
		);
	});

	it('the whole list is swept once its time has come', async () => {
		const list = calls('ECS.ListServices');
		fleet.sim.advance(12 * state().refreshMs);
		await scheduledRun('cluster');
		expect(calls('ECS.ListServices')).toBe(list + 1);
	});

	it('cluster summaries are described without listing the account; R lists it', async () => {
		// The clock moved (above): the listing due by now comes first.
		await scheduledRun('clusters');
		const list = calls('ECS.ListClusters');
		const describe = calls('ECS.DescribeClusters');
		await scheduledRun('clusters');
		expect(calls('ECS.ListClusters')).toBe(list);
		expect(calls('ECS.DescribeClusters')).toBe(describe + 1);
		expect(state().clusters.map((c) => c.name)).toEqual(['batch', 'staging', 'web']);
		await fleet.refresh();
		expect(calls('ECS.ListClusters')).toBe(list + 1);
	});

	it('instances are as fresh as their slower tier promises, and stale only at three of its intervals', () => {
		const status = state().dataSets.instances!;
		expect(status.cadenceMs).toBe(INSTANCES_EVERY * state().refreshMs);
		const {fetchedAt} = status;
		expect(staleSinceAt(status, fetchedAt! + 3 * state().refreshMs + 1, state().refreshMs)).toBe(
			undefined,
		);
		expect(
			staleSinceAt(status, fetchedAt! + 3 * status.cadenceMs! + 1, state().refreshMs),
		).toBeDefined();
	});

	it('every tier that ran keeps the cadence of the table the help shows', () => {
		const ran = (Object.keys(pollCadences) as PollTierId[]).filter(
			(id) => state().dataSets[id]?.cadenceMs !== undefined,
		);
		expect(ran).toEqual(expect.arrayContaining(['clusters', 'instances', 'metrics']));
		for (const id of ran)
			expect(state().dataSets[id]!.cadenceMs, id).toBe(intervalMsOf(id, state().refreshMs));
	});
});
