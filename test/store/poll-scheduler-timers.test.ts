import {describe, expect, it} from 'vitest';
import {FakeTimers, sleep, systemTimers} from '../../source/store/timers.js';

describe('FakeTimers (the poll scheduler clock in tests)', () => {
	it('runs due callbacks in due-time order, then creation order, at their own due time', async () => {
		const timers = new FakeTimers(1_000);
		const ran: string[] = [];
		timers.setTimeout(() => ran.push(`b@${timers.now()}`), 200);
		timers.setTimeout(() => ran.push(`a@${timers.now()}`), 100);
		timers.setTimeout(() => ran.push(`c@${timers.now()}`), 200);
		timers.setTimeout(() => ran.push('late'), 301);
		await timers.advance(300);
		expect(ran).toEqual(['a@1100', 'b@1200', 'c@1200']);
		expect(timers.now()).toBe(1_300);
		expect(timers.pending).toBe(1);
	});

	it('lets async work started by one callback settle before the next callback runs', async () => {
		const timers = new FakeTimers();
		const log: string[] = [];
		timers.setTimeout(() => {
			void (async () => {
				await Promise.resolve();
				await Promise.resolve();
				log.push('first finished');
				timers.setTimeout(() => log.push('armed by first'), 0);
			})();
		}, 10);
		timers.setTimeout(() => log.push('second'), 10);
		await timers.advance(10);
		expect(log).toEqual(['first finished', 'second', 'armed by first']);
	});

	it('forgets a cleared callback', async () => {
		const timers = new FakeTimers();
		let ran = false;
		const handle = timers.setTimeout(() => (ran = true), 5);
		timers.clearTimeout(handle);
		await timers.advance(10);
		expect(ran).toBe(false);
		expect(timers.pending).toBe(0);
	});
});

describe('sleep', () => {
	it('resolves after the time has passed on the given timers', async () => {
		const timers = new FakeTimers();
		let done = false;
		void sleep(timers, 2_000).then(() => (done = true));
		await timers.advance(1_999);
		expect(done).toBe(false);
		await timers.advance(1);
		expect(done).toBe(true);
	});

	it('rejects at once on abort and leaves no timer behind', async () => {
		const timers = new FakeTimers();
		const controller = new AbortController();
		const slept = sleep(timers, 10_000, controller.signal);
		controller.abort(new Error('focus moved'));
		await expect(slept).rejects.toThrow('focus moved');
		expect(timers.pending).toBe(0);
		await expect(sleep(timers, 1, controller.signal)).rejects.toThrow('focus moved');
	});

	it('works on the real clock too', async () => {
		const before = systemTimers.now();
		await sleep(systemTimers, 20);
		expect(systemTimers.now() - before).toBeGreaterThanOrEqual(15);
	});
});
