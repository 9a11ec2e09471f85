/**
 * The AWS thread started ahead of the session that will use it, and handed over to it.
 *
 * Starting a thread costs Node ~50 ms before the thread runs a line of ours, and loading the SDK
 * on it as much again; the UI thread meanwhile compiles the flag parsing, Ink and React. So the
 * command starts the thread first thing (source/cli/launch.ts), before it even compiles the rest
 * of itself, and the session takes that thread when it connects. This module is all that start
 * needs, so the command's first module stays a few kilobytes: it imports nothing of ours but
 * types.
 */
import {Worker, type ResourceLimits} from 'node:worker_threads';
import type {AwsThreadInit, AwsThreadMessage, AwsThreadOptions} from './protocol.js';

// Its garbage is its own to collect, off the UI thread, so it can be collected often: a small
// heap keeps the thread's share of resident memory near its code's (~20 MB). Answers are read a
// batch at a time (batchedCalls), far under these limits, and the transport refuses one over
// its cap before parsing it. The limit is also what keeps an out-of-memory on this thread from
// taking the process (and the user's terminal) with it: V8 ends the thread, not the process.
const threadLimits: ResourceLimits = {maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64};
// With --demo the thread also holds the simulator's world (`large`: 20,000 tasks and their
// history), which the small heap above was never sized for: Node's defaults, as the simulator had
// on a thread of its own.
const demoThreadLimits: ResourceLimits = {};

/** A thread's heap limits are fixed when it starts: a demo's thread and AWS's differ. */
type ThreadKind = 'aws' | 'demo';

function kindOf(options: AwsThreadOptions | undefined): ThreadKind {
	return options?.demo === undefined ? 'aws' : 'demo';
}

function limitsOf(kind: ThreadKind): ResourceLimits {
	return kind === 'aws' ? threadLimits : demoThreadLimits;
}

export function limitsFor(options: AwsThreadOptions | undefined): ResourceLimits {
	return limitsOf(kindOf(options));
}

/**
 * Options compared as data: the same fields with the same values, whatever their order. Field
 * names sort by code unit: `localeCompare` would load ICU's collation data (~2 MB resident) for
 * names that are plain ASCII.
 */
function sameOptions(a: AwsThreadOptions | undefined, b: AwsThreadOptions): boolean {
	const byName = ([x]: [string, unknown], [y]: [string, unknown]) => (x < y ? -1 : x > y ? 1 : 0);
	const canonical = (value: unknown): string =>
		JSON.stringify(value, (_key, field: unknown) =>
			field !== null && typeof field === 'object' && !Array.isArray(field)
				? Object.fromEntries(Object.entries(field).sort(byName))
				: field,
		);
	return a !== undefined && canonical(a) === canonical(b);
}

export function newThread(
	entry: URL,
	argv: string[] | undefined,
	resourceLimits: ResourceLimits = threadLimits,
): Worker {
	return new Worker(entry, {
		stdout: true,
		stderr: true,
		...(argv === undefined ? {} : {argv}),
		resourceLimits,
	});
}

type Prestarted = {
	entry: string;
	thread: Worker;
	kind: ThreadKind;
	exited: boolean;
	/** The options it was given (at once, or when they became known), if any yet. */
	options: AwsThreadOptions | undefined;
	/** The messages it posted before it was taken (the demo's simulator listening). */
	early: AwsThreadMessage[];
	keep(message: AwsThreadMessage): void;
};

let prestarted: Prestarted | undefined;

function told(started: Prestarted, options: AwsThreadOptions): void {
	started.options = options;
	started.thread.postMessage({kind: 'init', options} satisfies AwsThreadInit);
}

/**
 * Starts the thread now, so it loads the SDK while this thread loads Ink and draws the first
 * frame; the first startRemoteAws with the same entry takes it. `options`, when known this early
 * (--demo: the simulator is the thread's to start), are sent at once: the thread then starts the
 * simulator and builds its clients without waiting for the UI thread, and is taken only by a
 * startRemoteAws with the same options.
 *
 * Called again for a thread started without options (the command's first guess,
 * `startedFor`), it tells that thread the options now known, or, if the guess was the other kind
 * of thread (a demo's or AWS's heap), ends it and starts the right one; if that thread has ended
 * already, it starts another.
 */
export function prestartAwsThread(
	entry: URL,
	options?: AwsThreadOptions,
	/** As startRemoteAws's: tests name the TypeScript entry their bootstrap loads. */
	argv?: string[],
	/** For a thread started before the flags are parsed: which kind the options will ask for. */
	startedFor: ThreadKind = kindOf(options),
): number | undefined {
	const guessed = prestarted;
	// One that has ended is of no use to anyone: a new one is started in its place.
	if (guessed !== undefined && !guessed.exited) {
		const open = guessed.entry === entry.href && guessed.options === undefined;
		if (!open) return undefined;
		if (guessed.kind === kindOf(options)) {
			if (options !== undefined) told(guessed, options);
			return guessed.thread.threadId;
		}
		prestarted = undefined;
		void guessed.thread.terminate();
	}
	const started: Prestarted = {
		entry: entry.href,
		thread: newThread(entry, argv, limitsOf(startedFor)),
		kind: startedFor,
		exited: false,
		options: undefined,
		early: [],
		keep: (message) => started.early.push(message),
	};
	if (options !== undefined) told(started, options);
	// Until someone takes it, it must not keep the process alive (an early exit, a bad flag),
	// and a failure is no crash: whoever comes for it then starts a thread of its own.
	started.thread.unref();
	started.thread.on('error', () => {});
	started.thread.once('exit', () => (started.exited = true));
	started.thread.on('message', started.keep);
	prestarted = started;
	// Which thread it is, for a test to see that the session took this one.
	return started.thread.threadId;
}

export type Taken = {thread: Worker; initialized: boolean; early: AwsThreadMessage[]};

export function takePrestarted(entry: URL, options: AwsThreadOptions): Taken | undefined {
	if (prestarted?.entry !== entry.href) return undefined;
	const started = prestarted;
	prestarted = undefined;
	const initialized = started.options !== undefined;
	if (started.exited) return undefined;
	const useless = initialized
		? // Given other options (its simulator already started).
			!sameOptions(started.options, options)
		: // Started with the other kind's heap limits.
			started.kind !== kindOf(options);
	if (useless) {
		void started.thread.terminate();
		return undefined;
	}
	// Taken, its messages go to the taker's listener, which replays those kept until then.
	started.thread.off('message', started.keep);
	return {thread: started.thread, initialized, early: started.early};
}
