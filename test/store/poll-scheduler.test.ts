import {describe, expect, it} from 'vitest';
import type {DataStatus} from '../../source/store/data-status.js';
import {createPollScheduler, type TierSpec} from '../../source/store/poll-scheduler.js';
import {FakeTimers, sleep} from '../../source/store/timers.js';

const base = 5_000;

type Work = (timers: FakeTimers, signal: AbortSignal) => Promise<void>;

/** Fetches that take `ms` of virtual time and stop early when aborted. */
const takes =
	(ms: number): Work =>
	(timers, signal) =>
		sleep(timers, ms, signal);

/** Fetches that take `ms` and ignore their abort signal, like a call already on the wire. */
const ignoresAbortFor =
	(ms: number): Work =>
	(timers) =>
		sleep(timers, ms);

interface Probe {
	starts: number[];
	aborted: number;
	running: number;
	maxRunning: number;
}

/** Registers tiers whose fetches record when they started, how many overlapped, what was aborted. */
function setup(specs: Array<Omit<TierSpec, 'run'> & {work?: Work}>) {
	const timers = new FakeTimers();
	const notifications: Array<ReadonlyMap<string, DataStatus>> = [];
	const scheduler = createPollScheduler({
		timers,
		baseIntervalMs: base,
		random: () => 0.5,
		onStatus: (changes) => notifications.push(changes),
	});
	const probes = new Map<string, Probe>();
	for (const {work, ...spec} of specs) {
		const probe: Probe = {starts: [], aborted: 0, running: 0, maxRunning: 0};
		probes.set(spec.id, probe);
		scheduler.register({
			...spec,
			run: async (signal) => {
				probe.starts.push(timers.now());
				probe.running++;
				probe.maxRunning = Math.max(probe.maxRunning, probe.running);
				signal.addEventListener('abort', () => probe.aborted++);
				try {
					await work?.(timers, signal);
				} finally {
					probe.running--;
				}
			},
		});
	}
	return {timers, scheduler, notifications, of: (id: string) => probes.get(id)!};
}

describe('poll scheduler cadence', () => {
	it('runs a tier at once on start, then one interval after each run', async () => {
		const {timers, scheduler, of} = setup([{id: 'clusters'}]);
		scheduler.start();
		await timers.advance(20_000);
		expect(of('clusters').starts).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
	});

	it('times the next run from the end of a slow one, so 2 s latency lowers the call rate', async () => {
		const {timers, scheduler, of} = setup([{id: 'services', work: takes(2_000)}]);
		scheduler.start();
		await timers.advance(60_000 - 1);
		expect(of('services').starts.slice(0, 4)).toEqual([0, 7_000, 14_000, 21_000]);
		// A fixed 5 s timer would start 12 a minute and overlap nothing only by luck.
		expect(of('services').starts.length).toBe(9);
		expect(of('services').maxRunning).toBe(1);
	});

	it('runs a 60 s tier twelve times less often than a base-interval tier', async () => {
		const {timers, scheduler, of} = setup([
			{id: 'clusters'},
			{id: 'metrics', intervalMs: 60_000},
			{id: 'asg', intervalFactor: 12},
		]);
		scheduler.start();
		await timers.advance(10 * 60_000 - 1);
		expect(of('clusters').starts.length).toBe(120);
		expect(of('metrics').starts.length).toBe(10);
		expect(of('asg').starts.length).toBe(10);
	});

	it('follows a new base interval (--refresh) from the last run, leaving fixed intervals alone', async () => {
		const {timers, scheduler, of} = setup([{id: 'clusters'}, {id: 'metrics', intervalMs: 60_000}]);
		scheduler.start();
		await timers.advance(1_000);
		scheduler.setBaseInterval(2_000);
		await timers.advance(5_000);
		expect(of('clusters').starts).toEqual([0, 2_000, 4_000, 6_000]);
		expect(scheduler.intervalOf('clusters')).toBe(2_000);
		expect(of('metrics').starts).toEqual([0]);
		expect(timers.nextDueAt()).toBe(8_000);
	});
});

describe('one run per tier at a time', () => {
	it('never runs a tier twice at once, however often refresh is asked for', async () => {
		const {timers, scheduler, of} = setup([{id: 'tasks', work: takes(3_000)}]);
		scheduler.start();
		for (let t = 0; t < 30_000; t += 100) {
			scheduler.refreshNow();
			await timers.advance(100);
		}
		expect(of('tasks').maxRunning).toBe(1);
		// Back to back at most: the 300 requests collapse into one run per 3 s.
		expect(of('tasks').starts).toEqual([
			0, 3_000, 6_000, 9_000, 12_000, 15_000, 18_000, 21_000, 24_000, 27_000, 30_000,
		]);
	});

	it('turns refreshes during a run into exactly one extra run right after it', async () => {
		const {timers, scheduler, of} = setup([{id: 'tasks', work: takes(2_000)}]);
		scheduler.start();
		await timers.advance(500);
		scheduler.refreshNow(['tasks']);
		scheduler.refreshNow(['tasks']);
		scheduler.refreshNow();
		await timers.advance(8_999 - 500);
		expect(of('tasks').starts).toEqual([0, 2_000]);
		await timers.advance(1);
		// Then the normal cadence, timed from the end of the extra run.
		expect(of('tasks').starts).toEqual([0, 2_000, 9_000]);
	});

	it('runs an idle tier at once on refresh and restarts its cadence from there', async () => {
		const {timers, scheduler, of} = setup([{id: 'clusters'}, {id: 'services'}]);
		scheduler.start();
		await timers.advance(2_000);
		scheduler.refreshNow(['clusters']);
		await timers.advance(8_000);
		expect(of('clusters').starts).toEqual([0, 2_000, 7_000]);
		expect(of('services').starts).toEqual([0, 5_000, 10_000]);
	});

	it('restarts a run whose focus is outdated without ever overlapping it', async () => {
		const {timers, scheduler, of} = setup([{id: 'services', work: ignoresAbortFor(3_000)}]);
		scheduler.start();
		await timers.advance(1_000);
		scheduler.refreshNow(['services'], {restart: true});
		expect(of('services').aborted).toBe(1);
		await timers.advance(2_000);
		expect(of('services').starts).toEqual([0, 3_000]);
		expect(of('services').maxRunning).toBe(1);
		expect(scheduler.status('services')?.consecutiveFailures).toBe(0);
	});
});

describe('pause and resume (the p key)', () => {
	it('runs nothing automatically while paused, and runs what fell due on resume', async () => {
		const {timers, scheduler, of} = setup([{id: 'clusters'}, {id: 'metrics', intervalMs: 60_000}]);
		scheduler.start();
		await timers.advance(1_000);
		scheduler.pause();
		expect(scheduler.isPaused()).toBe(true);
		await timers.advance(40_000);
		expect(of('clusters').starts).toEqual([0]);
		expect(timers.pending).toBe(0);
		scheduler.resume();
		await timers.advance(0);
		// clusters was due at 5 s: now; metrics is due at 60 s: then, not now.
		expect(of('clusters').starts).toEqual([0, 41_000]);
		await timers.advance(19_000);
		expect(of('clusters').starts).toEqual([0, 41_000, 46_000, 51_000, 56_000]);
		expect(of('metrics').starts).toEqual([0, 60_000]);
	});

	it('still honours an explicit refresh while paused, once, without resuming', async () => {
		const {timers, scheduler, of} = setup([{id: 'clusters'}]);
		scheduler.start();
		scheduler.pause();
		await timers.advance(10_000);
		scheduler.refreshNow();
		await timers.advance(30_000);
		expect(of('clusters').starts).toEqual([0, 10_000]);
	});
});

describe('focus changes: enabling and disabling tiers', () => {
	it('aborts a disabled tier at once and never runs it again while disabled', async () => {
		let focused = true;
		const {timers, scheduler, of} = setup([
			{id: 'tasks', work: takes(10_000), enabled: () => focused},
		]);
		scheduler.start();
		await timers.advance(1_000);
		focused = false;
		scheduler.reevaluate();
		await timers.flush();
		expect(of('tasks').aborted).toBe(1);
		expect(scheduler.status('tasks')).toMatchObject({inFlight: false, consecutiveFailures: 0});
		expect(scheduler.status('tasks')?.error).toBeUndefined();
		expect(timers.pending).toBe(0);
		await timers.advance(60_000);
		expect(of('tasks').starts).toEqual([0]);
	});

	it('runs a re-enabled tier at once', async () => {
		let focused = false;
		const {timers, scheduler, of} = setup([{id: 'tasks', enabled: () => focused}]);
		scheduler.start();
		await timers.advance(12_345);
		expect(of('tasks').starts).toEqual([]);
		focused = true;
		scheduler.reevaluate();
		await timers.advance(5_000);
		expect(of('tasks').starts).toEqual([12_345, 17_345]);
	});

	it('waits for an aborted run that ignores its signal before running the re-enabled tier', async () => {
		const {timers, scheduler, of} = setup([{id: 'services', work: ignoresAbortFor(3_000)}]);
		scheduler.start();
		await timers.advance(1_000);
		scheduler.setEnabled('services', false);
		await timers.advance(500);
		scheduler.setEnabled('services', true);
		await timers.advance(2_000);
		expect(of('services').starts).toEqual([0, 3_000]);
		expect(of('services').maxRunning).toBe(1);
	});

	it('does not run a disabled tier on an explicit refresh', async () => {
		const {timers, scheduler, of} = setup([{id: 'stopped-tasks', enabled: () => false}]);
		scheduler.start();
		scheduler.refreshNow();
		await timers.advance(10_000);
		expect(of('stopped-tasks').starts).toEqual([]);
	});
});

describe('start, stop, register', () => {
	it('leaves no pending timer and aborts every run in flight on stop', async () => {
		const {timers, scheduler, of} = setup([
			{id: 'clusters'},
			{id: 'services', work: takes(4_000)},
			{id: 'metrics', intervalMs: 60_000, work: takes(1_000)},
		]);
		scheduler.start();
		await timers.advance(2_500);
		scheduler.stop();
		await timers.flush();
		expect(timers.pending).toBe(0);
		expect(of('services').aborted).toBe(1);
		expect(scheduler.status('services')?.inFlight).toBe(false);
		await timers.advance(60_000);
		expect(of('clusters').starts).toEqual([0]);
	});

	it('runs a tier registered while started at once, and forgets an unregistered one', async () => {
		const timers = new FakeTimers();
		const scheduler = createPollScheduler({timers, baseIntervalMs: base});
		scheduler.start();
		await timers.advance(3_000);
		const starts: number[] = [];
		const unregister = scheduler.register({
			id: 'asg',
			run: async () => void starts.push(timers.now()),
		});
		await timers.advance(5_000);
		unregister();
		await timers.advance(20_000);
		expect(starts).toEqual([3_000, 8_000]);
		expect(timers.pending).toBe(0);
		expect(() => scheduler.register({id: 'asg', run: async () => {}})).not.toThrow();
		expect(() => scheduler.register({id: 'asg', run: async () => {}})).toThrow(/already/);
	});
});

describe('status notifications', () => {
	it('reports tiers that change together as one batch, with the latest status of each', async () => {
		const {timers, scheduler, notifications} = setup([
			{id: 'clusters'},
			{id: 'services'},
			{id: 'tasks'},
		]);
		scheduler.start();
		await timers.flush();
		// Six changes (three starts, three completions) arrive as two notifications, not six.
		expect(notifications).toHaveLength(2);
		const [startedBatch, settledBatch] = notifications;
		expect([...startedBatch!.keys()]).toEqual(['clusters', 'services', 'tasks']);
		for (const status of startedBatch!.values()) expect(status.inFlight).toBe(true);
		expect([...settledBatch!.keys()]).toEqual(['clusters', 'services', 'tasks']);
		for (const status of settledBatch!.values())
			expect(status).toMatchObject({fetchedAt: 0, inFlight: false, nextRunAt: 5_000});
	});

	it('says when a run is in flight and when the next one is due', async () => {
		const {timers, scheduler} = setup([{id: 'services', work: takes(2_000)}]);
		scheduler.start();
		expect(scheduler.status('services')).toMatchObject({inFlight: true});
		await timers.advance(2_000);
		expect(scheduler.status('services')).toMatchObject({
			inFlight: false,
			fetchedAt: 2_000,
			nextRunAt: 7_000,
		});
	});
});
