// The capacity providers and Auto Scaling groups behind many clusters are described in batches
// across all of them, not two calls per cluster: `large` has 200 clusters and over a hundred
// providers, each behind its own group.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {RequestStats} from '../../source/aws/request-stats.js';
import {fetchCapacity} from '../../source/store/cluster-fetch.js';
import {takeSnapshot} from '../../source/store/snapshot.js';
import {startTestSim, type TestSim, appClientsAt} from '../helpers/sim.js';

let sim: TestSim;
let clients: AwsClients;
const stats = new RequestStats();

beforeAll(async () => {
	sim = await startTestSim({scenario: 'large'});
	clients = appClientsAt(sim.server.url, {
		stats,
	});
}, 120_000);
afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

describe('capacity across clusters', () => {
	it('describes every provider and group of 200 clusters in a handful of calls, each cluster its own', async () => {
		const adapters = createAwsAdapters(clients);
		const clusters = (await adapters.ecs.describeClusters(await adapters.ecs.listClusterArns()))
			.items;
		const providers = new Set(
			clusters.flatMap((c) => c.capacityProviders).filter((n) => !n.startsWith('FARGATE')),
		);
		expect(providers.size).toBeGreaterThan(100);
		const before = {...stats.snapshot().byOperation};
		const {byCluster, failures} = await fetchCapacity(adapters, clusters);
		const made = (op: string) => (stats.snapshot().byOperation[op] ?? 0) - (before[op] ?? 0);
		expect(failures).toEqual([]);
		// 100 names a call, and at worst 10 providers a page; never a call per cluster.
		expect(made('ECS.DescribeCapacityProviders')).toBeGreaterThanOrEqual(
			Math.ceil(providers.size / 100),
		);
		expect(made('ECS.DescribeCapacityProviders')).toBeLessThanOrEqual(
			Math.ceil(providers.size / 10),
		);
		const groups = [...byCluster.values()].flatMap((c) => c.groups.map((g) => g.name));
		expect(made('AutoScaling.DescribeAutoScalingGroups')).toBe(
			Math.ceil(new Set(groups).size / 100),
		);
		// Each cluster gets the groups behind its own providers, as a call of its own would.
		const fleetMain = clusters.find((c) => c.name === 'fleet-main')!;
		const own = await fetchCapacity(adapters, [fleetMain]);
		expect(byCluster.get(fleetMain.arn)).toEqual(own.byCluster.get(fleetMain.arn));
		expect(own.byCluster.get(fleetMain.arn)!.groups.length).toBe(2);
	}, 60_000);

	it('a --once snapshot describes the capacity of all its clusters together, not two calls per cluster', async () => {
		const adapters = createAwsAdapters(clients);
		const all = (await adapters.ecs.describeClusters(await adapters.ecs.listClusterArns())).items;
		// Twelve clusters with groups behind them: a call per cluster would be 12 of each.
		const picked = all
			.filter((c) => c.capacityProviders.some((n) => !n.startsWith('FARGATE')))
			.slice(0, 12);
		expect(picked).toHaveLength(12);
		const before = {...stats.snapshot().byOperation};
		const snapshot = await takeSnapshot(adapters, {
			region: 'us-east-1',
			clusters: picked.map((c) => c.name),
		});
		const made = (op: string) => (stats.snapshot().byOperation[op] ?? 0) - (before[op] ?? 0);
		expect(made('ECS.DescribeCapacityProviders')).toBeLessThanOrEqual(4);
		expect(made('AutoScaling.DescribeAutoScalingGroups')).toBe(1);
		// Each cluster still lists the groups behind its own providers, and only those.
		for (const part of snapshot.clusters) {
			const own = await fetchCapacity(adapters, [part.cluster]);
			expect(part.autoScalingGroups).toEqual(own.byCluster.get(part.cluster.arn)!.groups);
		}
		expect(snapshot.clusters.some((part) => part.autoScalingGroups.length > 0)).toBe(true);
	}, 60_000);
});
