/**
 * Calls the AWS thread makes before the UI thread asks for them, because it knows they come
 * first: the live view's first poll lists the clusters, describes what it found and asks who the
 * caller is, and all of that depends only on the options the thread already holds. Made as soon
 * as the clients are built, their round trips overlap the UI thread's start instead of following
 * it (docs/performance.md, first frame).
 *
 * Each answer (or error, or the call still in flight) is handed to the first call from the UI
 * thread that asks exactly the same, once; the UI thread then sees what it would have seen had it
 * asked itself, and AWS sees no call more. One settled longer ago than `maxAgeMs` is not handed
 * over: the caller asks afresh.
 */
import type {AwsCall} from './protocol.js';

/** What decides a call's answer, as its key; undefined for calls never foreseen. */
export function foreseenKey(
	call: Pick<AwsCall, 'adapter' | 'method' | 'args' | 'poll' | 'digest'>,
): string | undefined {
	// Only a poll's first call of its kind: a later one holds an answer the thread compares with.
	if (!call.poll || call.digest?.known !== undefined) return undefined;
	return JSON.stringify([call.adapter, call.method, call.args, call.digest !== undefined]);
}

type Foreseen<T> = {readonly answer: Promise<T>; settledAt: number | undefined};

export class ForeseenCalls<T> {
	private readonly entries = new Map<string, Foreseen<T>>();

	constructor(
		private readonly maxAgeMs: number,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** Starts `run` now and keeps what it gives for the first `take` of `key`. */
	foresee(key: string, run: () => Promise<T>): Promise<T> {
		const answer = run();
		const entry: Foreseen<T> = {answer, settledAt: undefined};
		this.entries.set(key, entry);
		const settled = () => {
			entry.settledAt = this.now();
			// Never asked for: let it go once it could no longer be handed over anyway.
			setTimeout(() => {
				if (this.entries.get(key) === entry) this.entries.delete(key);
			}, this.maxAgeMs).unref();
		};
		// A failure is handed over like an answer; until then, it is nobody's unhandled rejection.
		answer.then(settled, settled);
		return answer;
	}

	/** The foreseen answer to `key`, once, if it is still fresh; else undefined. */
	take(key: string | undefined): Promise<T> | undefined {
		if (key === undefined) return undefined;
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		this.entries.delete(key);
		if (entry.settledAt !== undefined && this.now() - entry.settledAt > this.maxAgeMs)
			return undefined;
		return entry.answer;
	}
}
