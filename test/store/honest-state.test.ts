// What the store believes, and what it tells: an empty answer where there was a fleet is asked
// again before the panes empty, an answer that is not the API's shape is an error (the data stays,
// marked stale, with the failed call named), and every AWS problem is written to the log with its
// operation, HTTP status and request id.
import {afterEach, describe, expect, it} from 'vitest';
import type {Mutation} from '../helpers/mutating-proxy.js';
import {startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet | undefined;
afterEach(async () => {
	await fleet?.close();
	fleet = undefined;
});

/** ListClusters answered as `answer` says, counting the calls; the rest passes unchanged. */
function listClusters(answer: () => 'as-is' | 'empty' | 'no-body') {
	const calls = {count: 0};
	const mutate: Mutation = (body, operation) => {
		if (operation !== 'ListClusters') return body;
		calls.count++;
		const how = answer();
		if (how === 'empty') return {clusterArns: []};
		if (how === 'no-body') return undefined;
		return body;
	};
	return {mutate, calls};
}

describe('honest state', () => {
	it('asks again before an empty cluster list empties a pane that had clusters', async () => {
		let empty = 0;
		const {mutate, calls} = listClusters(() => (empty-- > 0 ? 'empty' : 'as-is'));
		fleet = await startFleet({mutate});
		const before = fleet.store.getState().clusters;
		expect(before.length).toBeGreaterThan(0);

		empty = 1;
		const callsBefore = calls.count;
		await fleet.refresh();
		expect(calls.count - callsBefore).toBe(2);
		expect(fleet.store.getState().clusters).toBe(before);

		// A fleet that really emptied says so twice, and is believed.
		empty = 2;
		await fleet.refresh();
		expect(fleet.store.getState().clusters).toEqual([]);
	});

	it('takes an empty 200 body for an error: the clusters stay, stale, the failed call named', async () => {
		let broken = false;
		const {mutate} = listClusters(() => (broken ? 'no-body' : 'as-is'));
		fleet = await startFleet({mutate});
		const before = fleet.store.getState().clusters;
		broken = true;
		await fleet.refresh();
		const state = fleet.store.getState();
		expect(state.clusters).toBe(before);
		expect(state.problems.clusters?.action).toBe('ecs:ListClusters');
		expect(state.problems.clusters?.message).toMatch(/answered without a clusterArns list/);
		expect(state.dataSets.clusters?.staleSince).toBeDefined();
	});

	it('writes each AWS problem to the log with operation, HTTP status and request id, once', async () => {
		const lines: string[] = [];
		fleet = await startFleet({log: (line) => lines.push(line)});
		expect(lines).toEqual([]);
		fleet.sim.server.faults.set({denied: ['ecs']});
		await fleet.refresh();
		await fleet.refresh();
		const clusters = lines.filter((line) => line.startsWith('AWS problem (clusters)'));
		expect(clusters).toHaveLength(1);
		expect(clusters[0]).toMatch(
			/^AWS problem \(clusters\): ecs:ListClusters failed, HTTP 400, request id [\w-]+, kind access-denied: .+/,
		);
		expect(lines.join('\n')).not.toContain('test-secret-do-not-print');
		fleet.sim.server.faults.set({denied: []});
		await fleet.refresh();
		expect(lines.at(-1)).toMatch(/^AWS problem \(\w+\) over: the data is current again$/);
	});
});
