// A first load is described in parts, all asked for at once, with its count in the store; a refresh of a list
// already held is one describe and writes no progress at all.
import {describe, expect, it} from 'vitest';
import {createBatchedWriter, createFleetStore} from '../../source/store/fleet-store.js';
import type {TierContext} from '../../source/store/tiers/context.js';
import {confirmedList, describeCounted} from '../../source/store/tiers/first-load.js';
import type {Described} from '../../source/model/failure.js';

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

	it('asks for every part at once, keeps the listed order when they answer out of order', async () => {
		const {ctx, seen} = context();
		const signal = new AbortController().signal;
		const asked: Array<{part: readonly string[]; answer: () => void}> = [];
		const describing = describeCounted(
			ctx,
			'services',
			arns,
			{firstLoad: true, part: 100, signal},
			(part) =>
				new Promise<Described<string>>((resolve) => {
					asked.push({part, answer: () => resolve({items: [...part], failures: []})});
				}),
		);
		// The adapter's cap on calls in flight, not this loop, decides how many run at once.
		expect(asked.map(({part}) => part.length)).toEqual([100, 100, 50]);
		for (const index of [2, 0, 1]) {
			asked[index]!.answer();
			await Promise.resolve();
		}
		const described = await describing;
		expect(described.items).toEqual(arns);
		expect(seen).toEqual(['0/250', '50/250', '150/250', '250/250', 'none']);
	});

	it('fails with the first part that fails, and no count comes in after it is cleared', async () => {
		const {ctx, seen} = context();
		const signal = new AbortController().signal;
		let answerLast: () => void = () => undefined;
		const describing = describeCounted(
			ctx,
			'services',
			arns,
			{firstLoad: true, part: 100, signal},
			(part) =>
				part[0] === arns[0]
					? Promise.reject(new Error('throttled'))
					: new Promise<Described<string>>((resolve) => {
							answerLast = () => resolve({items: [...part], failures: []});
						}),
		);
		await expect(describing).rejects.toThrow('throttled');
		answerLast();
		await new Promise((resolve) => setImmediate(resolve));
		expect(seen.at(-1)).toBe('none');
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
