// What a --once snapshot asks AWS for: the stopped tasks behind a cluster's failing services are
// described with its running tasks, in calls of up to 100, not in a call per service.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {takeSnapshot} from '../../source/store/snapshot.js';
import {startTestSim, type TestSim, appClientsAt} from '../helpers/sim.js';

type Logged = {
	operation: string;
	input: {cluster?: string; desiredStatus?: string; tasks?: string[]};
};

let sim: TestSim;
let clients: AwsClients;

beforeAll(async () => {
	sim = await startTestSim({scenario: 'large'});
	clients = appClientsAt(sim.server.url);
}, 120_000);
afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

async function requestsSince(since: number): Promise<{entries: Logged[]; next: number}> {
	const answer = await fetch(new URL(`/__sim/requests?since=${since}`, sim.server.url));
	return (await answer.json()) as {entries: Logged[]; next: number};
}

describe('a --once snapshot', () => {
	it("describes a cluster's running tasks and its failing services' stopped ones in the fewest calls, and finds them all", async () => {
		const adapters = createAwsAdapters(clients);
		const {next} = await requestsSince(0);
		const snapshot = await takeSnapshot(adapters, {region: 'us-east-1', clusters: []});
		const {entries} = await requestsSince(next);

		const stoppedListsByCluster = new Map<string, number>();
		for (const entry of entries)
			if (entry.operation === 'ListTasks' && entry.input.desiredStatus === 'STOPPED')
				stoppedListsByCluster.set(
					entry.input.cluster!,
					(stoppedListsByCluster.get(entry.input.cluster!) ?? 0) + 1,
				);
		// Clusters where more than one service fails: a call per service would be more than one.
		const several = [...stoppedListsByCluster].filter(([, lists]) => lists > 1);
		expect(several.length).toBeGreaterThan(0);

		for (const [clusterArn] of several) {
			const part = snapshot.clusters.find((c) => c.cluster.arn === clusterArn)!;
			const stoppedArns = new Set(part.stoppedTasks.map((task) => task.arn));
			expect(stoppedArns.size).toBeGreaterThan(0);
			const describing = entries.filter(
				(entry) => entry.operation === 'DescribeTasks' && entry.input.cluster === clusterArn,
			);
			const described = new Set([...stoppedArns, ...part.tasks.map((task) => task.arn)]);
			expect(describing).toHaveLength(Math.ceil(described.size / 100));
			expect(new Set(describing.flatMap((entry) => entry.input.tasks!))).toEqual(described);
			// Each failing service's own stopped tasks, as its own listing gives them.
			const perService = await Promise.all(
				part.services
					.filter((service) => part.stoppedTasks.some((t) => t.serviceName === service.name))
					.map((service) =>
						adapters.ecs.listTaskArns(clusterArn, {
							serviceName: service.name,
							desiredStatus: 'STOPPED',
						}),
					),
			);
			expect([...stoppedArns].sort()).toEqual(perService.flat().sort());
		}
	}, 120_000);
});
