/**
 * Time as the poll scheduler sees it, injected so tests drive it without patching globals (the
 * AWS SDK, Ink and vitest itself keep using the real clock while a test fakes ours).
 */

/** Opaque: only the Timers that made a handle can clear it. */
export type TimerHandle = unknown;

export interface Timers {
	now(): number;
	setTimeout(fn: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}

/**
 * The process clock. Timers stay ref'd on purpose: while the TUI runs, a pending poll is a
 * reason to stay alive; the scheduler's stop() clears every timer it armed, so quitting is
 * not held up by one.
 */
export const systemTimers: Timers = {
	now: () => Date.now(),
	setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on `timers`; rejects with the signal's reason as soon as it aborts. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(signal.reason);
			return;
		}
		const onAbort = () => {
			timers.clearTimeout(handle);
			reject(signal?.reason);
		};
		const handle = timers.setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

interface FakeTimer {
	readonly at: number;
	readonly seq: number;
	readonly fn: () => void;
}

/**
 * Virtual time for tests. `advance` runs due callbacks one at a time in (due time, creation)
 * order, moving `now()` to each one's due time, and lets promise chains settle after each, so
 * an async poll started by one callback finishes (or arms its next timer) before the next
 * callback runs — the order a real event loop would give for work that takes no time.
 */
export class FakeTimers implements Timers {
	private current: number;
	private seq = 0;
	private readonly queue: FakeTimer[] = [];

	constructor(start = 0) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	setTimeout(fn: () => void, ms: number): TimerHandle {
		const timer: FakeTimer = {at: this.current + Math.max(0, ms), seq: this.seq++, fn};
		// Kept sorted: a scheduler arms a handful of timers, so insertion beats a heap here.
		let i = this.queue.length;
		while (i > 0 && before(timer, this.queue[i - 1]!)) i--;
		this.queue.splice(i, 0, timer);
		return timer;
	}

	clearTimeout(handle: TimerHandle): void {
		const i = this.queue.indexOf(handle as FakeTimer);
		if (i >= 0) this.queue.splice(i, 1);
	}

	/** How many callbacks are waiting: 0 after a clean shutdown. */
	get pending(): number {
		return this.queue.length;
	}

	/** When the earliest pending callback is due, if any. */
	nextDueAt(): number | undefined {
		return this.queue[0]?.at;
	}

	async advance(ms: number): Promise<void> {
		const target = this.current + ms;
		await settle();
		for (;;) {
			const next = this.queue[0];
			if (!next || next.at > target) break;
			this.queue.shift();
			this.current = next.at;
			next.fn();
			await settle();
		}
		this.current = target;
		await settle();
	}

	/** Lets pending promise chains finish without moving time. */
	async flush(): Promise<void> {
		await settle();
	}
}

function before(a: FakeTimer, b: FakeTimer): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

// Node drains the whole microtask queue, chains included, before the next macrotask runs.
function settle(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
