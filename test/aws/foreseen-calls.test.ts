// The AWS thread's answers to calls it makes before they are asked: handed over once, while
// fresh, errors included, and only to the call asked exactly as foreseen.
import {describe, expect, it} from 'vitest';
import {ForeseenCalls, foreseenKey} from '../../source/aws/remote/foreseen-calls.js';
import type {AwsCall} from '../../source/aws/remote/protocol.js';

const firstList: Omit<AwsCall, 'kind' | 'id'> = {
	adapter: 'ecs',
	method: 'listClusterArns',
	args: [],
	poll: true,
	digest: {known: undefined},
};
const key = foreseenKey(firstList)!;

function manualClock() {
	const clock = {ms: 0, now: () => clock.ms};
	return clock;
}

describe('foreseen calls', () => {
	it('hands an answer to the first call that asks for it, and to no later one', async () => {
		const foreseen = new ForeseenCalls<string[]>(3_000, manualClock().now);
		let runs = 0;
		void foreseen.foresee(key, async () => {
			runs += 1;
			return ['arn:aws:ecs:us-east-1:1:cluster/web'];
		});
		await expect(foreseen.take(key)).resolves.toEqual(['arn:aws:ecs:us-east-1:1:cluster/web']);
		expect(foreseen.take(key)).toBeUndefined();
		expect(runs).toBe(1);
	});

	it('hands over a call still in flight, which settles for the taker', async () => {
		const foreseen = new ForeseenCalls<string>(3_000, manualClock().now);
		let answer!: (value: string) => void;
		void foreseen.foresee(key, () => new Promise((resolve) => (answer = resolve)));
		const taken = foreseen.take(key)!;
		answer('listed');
		await expect(taken).resolves.toBe('listed');
	});

	it('does not hand over an answer that settled longer ago than the age allowed', async () => {
		const clock = manualClock();
		const foreseen = new ForeseenCalls<string>(3_000, clock.now);
		await foreseen.foresee(key, async () => 'listed at start');
		clock.ms += 3_001;
		expect(foreseen.take(key)).toBeUndefined();
	});

	it('hands a fresh answer over up to the age allowed', async () => {
		const clock = manualClock();
		const foreseen = new ForeseenCalls<string>(3_000, clock.now);
		await foreseen.foresee(key, async () => 'listed at start');
		clock.ms += 3_000;
		await expect(foreseen.take(key)).resolves.toBe('listed at start');
	});

	it('hands over a failure as the failure the caller would have had', async () => {
		const foreseen = new ForeseenCalls<string>(3_000, manualClock().now);
		const denied = Object.assign(new Error('not authorized to perform ecs:ListClusters'), {
			name: 'AccessDeniedException',
		});
		await foreseen.foresee(key, () => Promise.reject(denied)).catch(() => {});
		await expect(foreseen.take(key)).rejects.toBe(denied);
	});

	it('keys only a poll’s first call of its kind, by what decides its answer', () => {
		expect(foreseenKey({...firstList, poll: false})).toBeUndefined();
		expect(foreseenKey({...firstList, digest: {known: ['abc']}})).toBeUndefined();
		expect(foreseenKey({...firstList, digest: undefined})).not.toBe(key);
		expect(foreseenKey({...firstList, method: 'describeClusters', args: [['web']]})).not.toBe(
			foreseenKey({...firstList, method: 'describeClusters', args: [['batch']]}),
		);
		expect(foreseenKey({...firstList})).toBe(key);
	});
});
