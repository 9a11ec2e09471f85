// The user's refresh (R): it does not wait for a run stuck in flight, and held down it refreshes
// about once a second instead of as fast as the endpoint answers.
import {describe, expect, it} from 'vitest';
import {createPollScheduler} from '../../source/store/poll-scheduler.js';
import {FakeTimers, sleep} from '../../source/store/timers.js';

const base = 5_000;

function setup(runMs: number) {
	const timers = new FakeTimers();
	const scheduler = createPollScheduler({timers, baseIntervalMs: base, random: () => 0.5});
	const starts: number[] = [];
	let aborted = 0;
	scheduler.register({
		id: 'clusters',
		run: async (signal) => {
			starts.push(timers.now());
			signal.addEventListener('abort', () => aborted++);
			await sleep(timers, runMs, signal);
		},
	});
	return {timers, scheduler, starts, aborted: () => aborted};
}

describe('R, the user refresh', () => {
	it('aborts a run stuck in flight and runs again at once', async () => {
		const {timers, scheduler, starts, aborted} = setup(60_000);
		scheduler.start();
		await timers.advance(2_000);
		expect(starts).toEqual([0]);
		scheduler.refreshForUser();
		await timers.advance(0);
		expect(aborted()).toBe(1);
		expect(starts).toEqual([0, 2_000]);
	});

	it('held down (a press every 30 ms for 10 s), refreshes once a second, not on every press', async () => {
		const {timers, scheduler, starts} = setup(50);
		scheduler.start();
		await timers.advance(100);
		const pressedFrom = timers.now();
		for (let t = 0; t < 10_000; t += 30) {
			scheduler.refreshForUser();
			await timers.advance(30);
		}
		const byUser = starts.filter((at) => at >= pressedFrom);
		// One at the first press, then one per second of the gap: 10 or 11, where every press
		// refreshing would have been 334.
		expect(byUser.length).toBeGreaterThanOrEqual(10);
		expect(byUser.length).toBeLessThanOrEqual(11);
		for (const [index, at] of byUser.entries())
			if (index > 0) expect(at - byUser[index - 1]!).toBeGreaterThanOrEqual(1_000);
	});

	it('honours the last press of a burst once the gap has passed', async () => {
		const {timers, scheduler, starts} = setup(50);
		scheduler.start();
		await timers.advance(100);
		scheduler.refreshForUser();
		await timers.advance(200);
		scheduler.refreshForUser();
		scheduler.refreshForUser();
		expect(scheduler.userRefreshPending()).toBe(true);
		await timers.advance(800);
		expect(starts).toEqual([0, 100, 1_100]);
		expect(scheduler.userRefreshPending()).toBe(false);
		// Nothing more: the burst was one refresh, and the cadence goes on from it.
		await timers.advance(base + 49);
		expect(starts).toEqual([0, 100, 1_100]);
		await timers.advance(1);
		expect(starts).toEqual([0, 100, 1_100, 1_150 + base]);
	});
});
