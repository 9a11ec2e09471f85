// A first load is described a part at a time with its count in the store; a refresh of a list
// already held is one describe and writes no progress at all.
import {describe, expect, it} from 'vitest';
import {createBatchedWriter, createFleetStore} from '../../source/store/fleet-store.js';
import type {TierContext} from '../../source/store/tiers/context.js';
import {confirmedList, describeCounted} from '../../source/store/tiers/first-load.js';

function context() {
	const store = createFleetStore();
	const writer = createBatchedWriter(store);
	const seen: string[] = [];
	const ctx = {
		read: () => writer.read(),
		write: (update) => {
			writer.write(update);
			writer.flush();
			const progress = store.getState().progress.services;
			seen.push(progress === undefined ? 'none' : `${progress.done}/${progress.total}`);
		},
	} as Pick<TierContext, 'read' | 'write'> as TierContext;
	return {store, ctx, seen};
}

const arns = Array.from({length: 250}, (_, index) => `arn:service/${index}`);
const describeAll = async (part: readonly string[]) => ({items: [...part], failures: []});

describe('first loads', () => {
	it('counts what has arrived, part by part, then clears the count', async () => {
		const {ctx, seen} = context();
		const signal = new AbortController().signal;
		const described = await describeCounted(
			ctx,
			'services',
			arns,
			{firstLoad: true, part: 100, signal},
			describeAll,
		);
		expect(described.items).toEqual(arns);
		expect(seen).toEqual(['0/250', '100/250', '200/250', '250/250', 'none']);
	});

	it('writes nothing on a refresh of a list already held', async () => {
		const {ctx, seen} = context();
		const signal = new AbortController().signal;
		await describeCounted(
			ctx,
			'services',
			arns,
			{firstLoad: false, part: 100, signal},
			describeAll,
		);
		expect(seen).toEqual([]);
	});

	it('believes an empty list only when it had nothing, or when a second call agrees', async () => {
		const signal = new AbortController().signal;
		const answers = [[], ['arn:a']];
		const list = async () => answers.shift() ?? [];
		expect(await confirmedList(list, true, signal)).toEqual(['arn:a']);
		let calls = 0;
		const empty = async () => {
			calls++;
			return [];
		};
		expect(await confirmedList(empty, false, signal)).toEqual([]);
		expect(calls).toBe(1);
	});
});
