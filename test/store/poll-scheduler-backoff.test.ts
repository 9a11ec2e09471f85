import {ECSServiceException} from '@aws-sdk/client-ecs';
import {describe, expect, it} from 'vitest';
import {AwsApiError, classifyAwsError} from '../../source/aws/errors.js';
import {isStale} from '../../source/store/data-status.js';
import {
	backoffDelayMs,
	failureKindOf,
	createPollScheduler,
} from '../../source/store/poll-scheduler.js';
import {FakeTimers} from '../../source/store/timers.js';
import {Random} from '../../source/sim/world/random.js';

const base = 5_000;

function awsError(name: string, status = 400) {
	return new ECSServiceException({
		name,
		$fault: 'client',
		$metadata: {httpStatusCode: status},
		message: 'Rate exceeded',
	});
}

/**
 * One base-interval tier against an API that throttles every call between `from` and `to`
 * (virtual ms), on a seeded jitter source.
 */
function throttlingStorm(from: number, to: number, random: () => number) {
	const timers = new FakeTimers();
	const scheduler = createPollScheduler({timers, baseIntervalMs: base, random});
	const calls: number[] = [];
	scheduler.register({
		id: 'services',
		run: async () => {
			const now = timers.now();
			calls.push(now);
			if (now >= from && now < to) throw awsError('ThrottlingException');
		},
	});
	const callsBetween = (a: number, b: number) => calls.filter((t) => t >= a && t < b).length;
	return {timers, scheduler, calls, callsBetween};
}

describe('backoffDelayMs', () => {
	it('never waits less than the interval, nor more than the cap', () => {
		const random = new Random(7);
		for (const kind of ['throttled', 'other'] as const)
			for (let failures = 1; failures <= 40; failures++) {
				const delay = backoffDelayMs(kind, failures, base, random.next());
				expect(delay).toBeGreaterThanOrEqual(base);
				expect(delay).toBeLessThanOrEqual(2 * base);
			}
		expect(backoffDelayMs('throttled', 1, base, 0.999_999)).toBeCloseTo(2 * base, 0);
	});

	it('grows exponentially when throttled and gently otherwise, up to a configured cap', () => {
		const top = (kind: 'throttled' | 'other', n: number) => backoffDelayMs(kind, n, 1_000, 1, 8);
		expect([1, 2, 3, 4].map((n) => top('throttled', n))).toEqual([2_000, 4_000, 8_000, 8_000]);
		expect([1, 2, 3, 4].map((n) => top('other', n))).toEqual([1_500, 2_000, 2_500, 3_000]);
	});
});

describe('failureKindOf', () => {
	it.each([
		['ThrottlingException', 400],
		['RequestLimitExceeded', 503],
		['Throttling', 400],
		['TooManyRequestsException', 429],
		['SomethingNew', 429],
	])('calls %s (HTTP %i) throttling', (name, status) => {
		expect(failureKindOf(awsError(name, status))).toBe('throttled');
	});

	it('calls everything else another failure', () => {
		expect(failureKindOf(awsError('ClusterNotFoundException'))).toBe('other');
		expect(failureKindOf(new Error('socket hang up'))).toBe('other');
		expect(failureKindOf('boom')).toBe('other');
	});

	it('backs off as throttled exactly what the header reports as throttling', () => {
		const marked = Object.assign(awsError('SlowDownPlease'), {$retryable: {throttling: true}});
		const coded = Object.assign(new Error('Rate exceeded'), {code: 'Throttling'});
		const errors: unknown[] = [
			awsError('ThrottlingException'),
			awsError('RequestLimitExceeded', 503),
			awsError('SomethingNew', 429),
			marked,
			coded,
			// ECS's quota error: waiting does not lift it, so it is no reason to back off harder.
			awsError('LimitExceededException'),
			awsError('ClusterNotFoundException'),
			awsError('AccessDeniedException'),
		];
		for (const error of errors) {
			const problem = classifyAwsError(error, {service: 'ecs', operation: 'ListClusters'});
			const expected = problem.kind === 'throttled' ? 'throttled' : 'other';
			expect(failureKindOf(error)).toBe(expected);
			expect(failureKindOf(new AwsApiError(problem, {cause: error}))).toBe(expected);
		}
		expect(failureKindOf(marked)).toBe('throttled');
		expect(failureKindOf(coded)).toBe('throttled');
		expect(failureKindOf(awsError('LimitExceededException'))).toBe('other');
	});
});

describe('a throttling storm', () => {
	it('makes the tier call measurably less often while it lasts', async () => {
		const {timers, scheduler, callsBetween} = throttlingStorm(60_000, 240_000, () => 0.5);
		scheduler.start();
		await timers.advance(300_000);
		const normalPerMinute = callsBetween(0, 60_000);
		const stormPerMinute = callsBetween(60_000, 240_000) / 3;
		expect(normalPerMinute).toBe(12);
		expect(stormPerMinute).toBeLessThanOrEqual(0.75 * normalPerMinute);
	});

	it('is fresh again within two base intervals of the storm ending, for any jitter', async () => {
		const stormEnd = 180_000;
		const sources: Array<[string, () => number]> = [
			['worst-case jitter', () => 0.999_999],
			['no jitter', () => 0],
			...Array.from({length: 20}, (_, seed): [string, () => number] => {
				const random = new Random(seed + 1);
				return [`seed ${seed + 1}`, () => random.next()];
			}),
		];
		for (const [name, random] of sources) {
			const {timers, scheduler} = throttlingStorm(60_000, stormEnd, random);
			scheduler.start();
			await timers.advance(stormEnd - 1);
			const during = scheduler.status('services')!;
			expect(isStale(during, timers.now(), base), name).toBe(true);
			await timers.advance(1 + 2 * base);
			const after = scheduler.status('services')!;
			expect(after.fetchedAt, name).toBeGreaterThanOrEqual(stormEnd);
			expect(isStale(after, timers.now(), base), name).toBe(false);
			scheduler.stop();
		}
	});

	it('keeps the data and its age through the storm, and resets the back-off on the first success', async () => {
		const {timers, scheduler, calls} = throttlingStorm(60_000, 120_000, () => 0.5);
		scheduler.start();
		await timers.advance(60_000 - 1);
		const lastGood = scheduler.status('services')!.fetchedAt;
		expect(lastGood).toBe(55_000);
		await timers.advance(30_000);
		expect(scheduler.status('services')).toMatchObject({
			fetchedAt: lastGood,
			staleSince: 60_000,
			error: {kind: 'throttled', message: 'Rate exceeded'},
		});
		await timers.advance(60_000);
		const afterStorm = calls.filter((t) => t >= 120_000);
		expect(afterStorm.length).toBeGreaterThanOrEqual(4);
		// Back to the plain cadence right after the first success: no lingering back-off.
		const gaps = afterStorm.slice(1).map((t, i) => t - afterStorm[i]!);
		expect(new Set(gaps)).toEqual(new Set([base]));
		expect(scheduler.status('services')).toMatchObject({consecutiveFailures: 0});
		expect(scheduler.status('services')?.error).toBeUndefined();
	});

	it('backs one throttled tier off without slowing the others', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0.9});
		const clusterCalls: number[] = [];
		scheduler.register({
			id: 'metrics',
			run: async () => {
				throw awsError('Throttling');
			},
		});
		scheduler.register({id: 'clusters', run: async () => void clusterCalls.push(timers.now())});
		scheduler.start();
		await timers.advance(60_000 - 1);
		expect(clusterCalls).toHaveLength(12);
		expect(scheduler.status('metrics')?.consecutiveFailures).toBeLessThan(12);
	});
});

describe('other failures', () => {
	it('mark the data stale with the message, keep fetchedAt, and never retry faster than the interval', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0});
		let up = true;
		const calls: number[] = [];
		scheduler.register({
			id: 'clusters',
			run: async () => {
				calls.push(timers.now());
				if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:4566');
			},
		});
		scheduler.start();
		await timers.advance(10_000);
		up = false;
		await timers.advance(30_000);
		expect(scheduler.status('clusters')).toMatchObject({
			fetchedAt: 10_000,
			error: {kind: 'other', message: 'connect ECONNREFUSED 127.0.0.1:4566'},
			staleSince: 15_000,
		});
		expect(isStale(scheduler.status('clusters')!, timers.now(), base)).toBe(true);
		const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(base);
	});

	it('count a run that throws before returning a promise like any other failure', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0});
		scheduler.register({
			id: 'asg',
			run: () => {
				throw new TypeError('cannot read properties of undefined');
			},
		});
		scheduler.start();
		await timers.advance(base);
		expect(scheduler.status('asg')).toMatchObject({
			consecutiveFailures: 2,
			error: {kind: 'other', message: 'cannot read properties of undefined'},
		});
	});
});

describe('a once-a-minute tier after a throttled call', () => {
	it('retries on the base refresh, so its problem clears within two refreshes of the storm', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0.999});
		const calls: number[] = [];
		let throttled = true;
		scheduler.register({
			id: 'metrics',
			intervalMs: 12 * base,
			run: async () => {
				calls.push(timers.now());
				if (throttled) throw awsError('ThrottlingException');
			},
		});
		scheduler.start();
		await timers.advance(0);
		expect(calls).toEqual([0]);
		// The storm ends right after the failed call.
		throttled = false;
		await timers.advance(2 * base);
		// Retried within two base refreshes (its own cadence would wait 60-120 s).
		expect(calls).toHaveLength(2);
		expect(calls[1]!).toBeLessThanOrEqual(2 * base);
		// Healthy again, it goes back to once a minute.
		await timers.advance(calls[1]! + 12 * base - 1 - timers.now());
		expect(calls).toHaveLength(2);
		await timers.advance(1);
		expect(calls).toHaveLength(3);
		scheduler.stop();
	});
});

describe('a tier refreshed every few refreshes, when throttled', () => {
	it('backs off from its own interval: a storm never makes it call more often than when well', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0});
		const calls: number[] = [];
		scheduler.register({
			id: 'clusters',
			intervalFactor: 3,
			run: async () => {
				calls.push(timers.now());
				throw awsError('ThrottlingException');
			},
		});
		scheduler.start();
		await timers.advance(0);
		await timers.advance(3 * base - 1);
		expect(calls).toEqual([0]);
		await timers.advance(1);
		expect(calls).toEqual([0, 3 * base]);
		scheduler.stop();
	});
});
