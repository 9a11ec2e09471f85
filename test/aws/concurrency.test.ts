import {describe, expect, it} from 'vitest';
import {chunk, createLimiter, mapBatches} from '../../source/aws/concurrency.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('limiter', () => {
	it('never runs more than the cap at once, and runs everything', async () => {
		const limit = createLimiter(3);
		let active = 0;
		let peak = 0;
		const results = await Promise.all(
			Array.from({length: 20}, (_, index) =>
				limit(async () => {
					active += 1;
					peak = Math.max(peak, active);
					await tick();
					await tick();
					active -= 1;
					return index;
				}),
			),
		);
		expect(peak).toBe(3);
		expect(results).toEqual(Array.from({length: 20}, (_, index) => index));
	});

	it('frees the slot when a task fails', async () => {
		const limit = createLimiter(1);
		await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
	});

	it('keeps the cap after tasks hand their slots on', async () => {
		const limit = createLimiter(2);
		let active = 0;
		let peak = 0;
		const run = () =>
			limit(async () => {
				active += 1;
				peak = Math.max(peak, active);
				await tick();
				active -= 1;
			});
		await Promise.all([run(), run(), run(), run()]);
		// A second wave after the queue drained must still be capped.
		await Promise.all([run(), run(), run(), run(), run()]);
		expect(peak).toBe(2);
	});

	/** The order calls ran in: a list's next page asked for after two describes were queued. */
	async function orderWith(limit: ReturnType<typeof createLimiter>): Promise<string[]> {
		const order: string[] = [];
		const ran = (name: string) => async () => {
			order.push(name);
			await tick();
		};
		const first = limit(ran('describe 1'));
		const waiting = [limit(ran('describe 2')), limit(ran('describe 3'))];
		// Asked for after the describes, while the first call holds the only slot.
		const nextPage = limit.next(ran('page 2'));
		await Promise.all([first, ...waiting, nextPage]);
		return order;
	}

	it("with listPagesFirst (--once), serves a list's next page before the calls already waiting", async () => {
		expect(await orderWith(createLimiter(1, {listPagesFirst: true}))).toEqual([
			'describe 1',
			'page 2',
			'describe 2',
			'describe 3',
		]);
	});

	it("by default (the live view), serves a list's next page in turn with the rest", async () => {
		expect(await orderWith(createLimiter(1))).toEqual([
			'describe 1',
			'describe 2',
			'describe 3',
			'page 2',
		]);
	});

	it('refuses a cap below 1', () => {
		expect(() => createLimiter(0)).toThrow(RangeError);
	});
});

describe('batches', () => {
	it('splits into chunks of at most the size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 10)).toEqual([]);
	});

	it('maps batches through the limiter, results in batch order', async () => {
		const limit = createLimiter(2);
		const sizes = await mapBatches(
			Array.from({length: 250}, (_, index) => index),
			100,
			limit,
			async (batch) => {
				await tick();
				return batch.length;
			},
		);
		expect(sizes).toEqual([100, 100, 50]);
	});
});
