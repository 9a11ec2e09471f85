// `--cluster` (or the config file's `clusters`) in the live view: only the named clusters are
// shown and polled, described by name or ARN without listing the account, and a name AWS does
// not know is a problem on screen while the others stay live.
import {afterEach, describe, expect, it} from 'vitest';
import {startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet | undefined;
afterEach(async () => {
	await fleet?.close();
	fleet = undefined;
});

const state = () => fleet!.store.getState();
const calls = (operation: string) => state().requests.byOperation[operation] ?? 0;

describe('the live view with --cluster', () => {
	it('shows only the named clusters, by name or ARN, and never lists the account', async () => {
		// The demo account has batch, staging and web; web is named by its ARN.
		const all = await startFleet();
		const webArn = all.store.getState().clusters.find((c) => c.name === 'web')!.arn;
		await all.close();

		fleet = await startFleet({clusters: ['batch', webArn]});
		expect(state().clusters.map((c) => c.name)).toEqual(['batch', 'web']);
		expect(state().problems.clusters).toBeUndefined();
		expect(state().dataSets.clusters?.fetchedAt).toBeDefined();
		await fleet.refresh();
		expect(state().clusters.map((c) => c.name)).toEqual(['batch', 'web']);
		expect(calls('ECS.ListClusters')).toBe(0);
		expect(calls('ECS.DescribeClusters')).toBe(2);
		const asked = fleet.sim.server.requestLog
			.filter((entry) => entry.operation === 'DescribeClusters')
			.map((entry) => entry.input.clusters);
		expect(asked.at(-1)).toEqual(['batch', webArn]);
	});

	it('says which named cluster AWS does not know, and keeps the others live', async () => {
		const lines: string[] = [];
		fleet = await startFleet({
			clusters: ['web', 'nope'],
			region: 'us-east-1',
			log: (line) => lines.push(line),
		});
		expect(state().clusters.map((c) => c.name)).toEqual(['web']);
		expect(state().problems.clusters).toMatchObject({
			kind: 'not-found',
			message: 'cluster nope not found in us-east-1',
		});
		// The clusters that do exist are current: not a failed refresh, not stale.
		expect(state().dataSets.clusters?.error).toBeUndefined();
		expect(state().dataSets.clusters?.fetchedAt).toBeDefined();
		expect(lines.join('\n')).toContain('cluster nope not found in us-east-1');
	});

	it('with only unknown names, shows no clusters and says why', async () => {
		fleet = await startFleet({clusters: ['nope', 'gone'], region: 'us-east-1'});
		expect(state().clusters).toEqual([]);
		expect(state().problems.clusters?.message).toBe('cluster nope, gone not found in us-east-1');
	});
});
