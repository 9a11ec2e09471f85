// `--once --json` writes its tasks' text while the last clusters are still being fetched. Scripts
// parse the document, so however much was written ahead, the text must be the document's own,
// byte for byte, in its order: the tasks of each cluster in the clusters' order.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import type {AwsClients} from '../../source/aws/clients.js';
import {onceDocument, onceDocumentParts} from '../../source/modes/once-document.js';
import {earlyTasks} from '../../source/modes/once-early-tasks.js';
import {jsonParts} from '../../source/modes/once-json.js';
import {takeSnapshot, type Snapshot} from '../../source/store/snapshot.js';
import {terminalSafeJson} from '../../source/text/printable.js';
import {appClientsAt, startTestSim, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
let clients: AwsClients;

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 3});
	clients = appClientsAt(sim.server.url);
});
afterAll(async () => {
	clients?.destroy();
	await sim?.close();
});

const snapshotNow = (progress?: ReturnType<typeof earlyTasks>['progress']) =>
	takeSnapshot(createAwsAdapters(clients), {
		region: 'us-east-1',
		clusters: [],
		now: () => sim.clock.now(),
		progress,
	});

/** What `ecs-top --once --json` writes, with the tasks written by `early`. */
function documentText(snapshot: Snapshot, early: ReturnType<typeof earlyTasks>): string {
	const document = {...onceDocumentParts(snapshot), tasks: early.finish(snapshot)};
	return [...jsonParts(document)].join('');
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await turn();
}

async function turns(count: number): Promise<void> {
	for (let i = 0; i < count; i++) await turn();
}

const taskCount = (snapshot: Snapshot) =>
	snapshot.clusters.reduce((sum, cluster) => sum + cluster.tasks.length, 0);

describe("--once --json's tasks written ahead", () => {
	it('is the whole document stringified, byte for byte, as the snapshot is fetched', async () => {
		const early = earlyTasks();
		const snapshot = await snapshotNow(early.progress);
		early.stop();
		expect(taskCount(snapshot)).toBeGreaterThan(0);
		expect(documentText(snapshot, early)).toBe(terminalSafeJson(onceDocument(snapshot), 2));
	});

	it('is the same text whether a cluster was written whole, in part, or not at all ahead', async () => {
		const snapshot = await snapshotNow();
		const [first, second] = snapshot.clusters.filter((cluster) => cluster.tasks.length > 1);
		expect(second).toBeDefined();
		const whole = terminalSafeJson(onceDocument(snapshot), 2);

		// Told of two clusters, written ahead until the first is done; nothing of the others.
		const early = earlyTasks();
		early.progress.containerInstancesIn(
			snapshot.clusters.map((cluster) => cluster.containerInstances),
		);
		early.progress.clusterIn(snapshot.clusters.indexOf(first!), first!);
		early.progress.clusterIn(snapshot.clusters.indexOf(second!), second!);
		await until(() => early.writtenAhead() >= first!.tasks.length);
		expect(documentText(snapshot, early)).toBe(whole);

		// Nothing written ahead: no instances known, so no task could be written.
		const none = earlyTasks();
		none.progress.clusterIn(0, snapshot.clusters[0]!);
		await turns(5);
		expect(none.writtenAhead()).toBe(0);
		expect(documentText(snapshot, none)).toBe(whole);
	});

	it('writes tasks ahead in the gaps of the fetch, and nothing once stopped', async () => {
		const snapshot = await snapshotNow();
		const early = earlyTasks();
		early.progress.containerInstancesIn(
			snapshot.clusters.map((cluster) => cluster.containerInstances),
		);
		for (const [index, cluster] of snapshot.clusters.entries())
			early.progress.clusterIn(index, cluster);
		await until(() => early.writtenAhead() > 0);
		early.stop();
		const stoppedAt = early.writtenAhead();
		expect(stoppedAt).toBeLessThan(taskCount(snapshot));
		// Each turn of the event loop wrote more while it ran.
		await turns(5);
		expect(early.writtenAhead()).toBe(stoppedAt);
	});
});
