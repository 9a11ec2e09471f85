// A long session visits service after service, each with its task definitions: what the store
// holds of them must stay bounded, without ever dropping one the screen shows.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {TaskDefinition} from '../../source/model/task-definition.js';
import {
	MAX_HELD_TASK_DEFINITIONS,
	neededTaskDefinitions,
	withinBound,
} from '../../source/store/tiers/task-definitions.js';
import {modelBuilders} from '../helpers/model-builders.js';
import {clusterArnOf, serviceArnOf, startFleet, type Fleet} from './fleet-fixture.js';

const {arn, taskDefinition} = modelBuilders({now: Date.UTC(2026, 0, 1)});

/** `count` definitions of families nothing on screen runs, the first the longest held. */
function heldElsewhere(count: number): Record<string, TaskDefinition> {
	const held: Record<string, TaskDefinition> = {};
	for (let index = 1; index <= count; index += 1) {
		const definitionArn = arn(`task-definition/seen-earlier-${index}:1`);
		held[definitionArn] = taskDefinition({arn: definitionArn, family: `seen-earlier-${index}`});
	}
	return held;
}

describe('the bound on held task definitions', () => {
	it('drops those the screen does not need, the longest held first', () => {
		const held = heldElsewhere(8);
		const arns = Object.keys(held);
		const needed = new Set([arns[0]!, arns[2]!]);
		const bounded = withinBound(held, needed, 5);
		expect(Object.keys(bounded)).toEqual([arns[0], arns[2], arns[5], arns[6], arns[7]]);
	});

	it('keeps every one the screen needs, even past the bound', () => {
		const held = heldElsewhere(6);
		const arns = Object.keys(held);
		const bounded = withinBound(held, new Set(arns.slice(0, 4)), 2);
		expect(Object.keys(bounded)).toEqual(arns.slice(0, 4));
	});

	it('is the same record while under the bound: nothing re-renders', () => {
		const held = heldElsewhere(3);
		expect(withinBound(held, new Set(), 3)).toBe(held);
	});
});

describe('task definitions in a long session', () => {
	let fleet: Fleet;

	beforeAll(async () => {
		fleet = await startFleet();
	});
	afterAll(async () => {
		await fleet.close();
	});

	it('a new service on screen pushes out the longest held, never what is on screen', async () => {
		// A session that has already seen as many definitions as the store holds.
		fleet.store.setState({taskDefinitions: heldElsewhere(MAX_HELD_TASK_DEFINITIONS)});
		const earliest = Object.keys(fleet.store.getState().taskDefinitions)[0]!;
		const clusterArn = clusterArnOf(fleet, 'web');
		fleet.store.getState().wants.setFocus({clusterArn});
		await fleet.poller.whenIdle();
		const serviceArn = serviceArnOf(fleet, clusterArn, 'frontend');
		fleet.store.getState().wants.setFocus({clusterArn, serviceArn});
		await fleet.poller.whenIdle();

		const state = fleet.store.getState();
		const needed = [...neededTaskDefinitions(state)];
		expect(needed.some((name) => name.endsWith('task-definition/frontend:3'))).toBe(true);
		for (const name of needed) expect(state.taskDefinitions[name]?.arn).toBe(name);
		expect(Object.keys(state.taskDefinitions)).toHaveLength(MAX_HELD_TASK_DEFINITIONS);
		expect(state.taskDefinitions[earliest]).toBeUndefined();
	});
});
