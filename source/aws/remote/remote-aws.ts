/**
 * The AWS adapters, run on their own thread (aws-thread.ts) and called from the UI thread as if
 * they were here: same interface, same errors, and the attempts counted in this thread's
 * RequestStats. The UI thread then never parses an AWS answer; it receives the adapters' plain
 * results, a structured clone that costs a fraction of the SDK's parsing, and stays free to
 * answer keys while a refresh of a large cluster is read (docs/architecture.md, "Why the SDK
 * runs on its own thread").
 *
 * A thread that dies (a bug, out of memory) fails the calls in flight with a clear message, and
 * the next call starts a new one: polling goes on.
 */
import {createHash} from 'node:crypto';
import type {ResourceLimits, Worker} from 'node:worker_threads';
import type {AwsAdapters} from '../adapters.js';
import type {AnswerDigest} from '../answer-digest.js';
import type {Task} from '../../model/task.js';
import {ecsLimits} from '../ecs-limits.js';
import {inPoll, pollSignal} from '../request-counter.js';
import {RequestStats} from '../request-stats.js';
import type {
	AwsCall,
	AwsCancel,
	AwsThreadInit,
	AwsThreadMessage,
	AwsThreadOptions,
} from './protocol.js';
import {limitsFor, newThread, takePrestarted} from './prestart.js';
import {fromRemoteError} from './remote-error.js';
import {knownTask, receivedTasks, type KnownTask} from './task-transfer.js';

export type RemoteAws = {
	readonly adapters: AwsAdapters;
	readonly stats: RequestStats;
	readonly profile: string | undefined;
	readonly endpointUrl: string | undefined;
	/** The region the thread's clients resolved (option, environment or profile). */
	region(): Promise<string>;
	/** Where the thread's ECS calls go when not to AWS's own endpoint (clients.ts). */
	endpoint(): Promise<string | undefined>;
	/**
	 * With `demo`: where the simulator the thread started listens, once it does; rejected if it
	 * could not start. A thread started after one died starts a simulator of its own (a new world).
	 */
	readonly demoSimUrl: Promise<string> | undefined;
	/** Ends the thread (and the demo's simulator with it); calls in flight fail. */
	destroy(): Promise<void>;
};

export type RemoteAwsOptions = AwsThreadOptions & {
	/** The built aws-thread.js (the caller knows where the build put it). */
	readonly entry: URL;
	/** Extra process.argv of the thread: tests name the TypeScript entry their bootstrap loads. */
	readonly argv?: string[];
	readonly stats?: RequestStats;
	/** Where the thread's own stdout/stderr go (SDK warnings): never the TUI's screen. */
	readonly log?: (text: string) => void;
	/** Told of each thread started (the first, and any after one died): tests end one this way. */
	readonly onThreadStart?: (thread: Worker) => void;
	/** `--debug`: where the thread's line per AWS call goes (the log file). */
	readonly debugLog?: (line: string) => void;
	/** The thread's heap limits; tests make them small to see an out-of-memory end. */
	readonly resourceLimits?: ResourceLimits;
	/** Items the kept results may hold in all (memoItemCapacity); tests make it small. */
	readonly memoItemCapacity?: number;
};

const adapterNames: ReadonlyArray<keyof AwsAdapters> = [
	'ecs',
	'ec2',
	'autoScaling',
	'cloudWatch',
	'sts',
	'logs',
	'ecsActions',
	'autoScalingActions',
];

/**
 * Describe calls this side splits into the batches AWS takes (the argument holding the list, and
 * the batch size), so the thread never holds, nor sends in one message, a whole fleet: one call
 * for fleet-main's 20,000 tasks held them all on the thread, then as one message, at once.
 */
const batchedCalls: Readonly<Record<string, {list: number; size: number}>> = {
	'ecs.describeClusters': {list: 0, size: ecsLimits.describeClusters},
	'ecs.describeServices': {list: 1, size: ecsLimits.describeServices},
	'ecs.describeTasks': {list: 1, size: ecsLimits.describeTasks},
	'ecs.describeContainerInstances': {list: 1, size: ecsLimits.describeContainerInstances},
};

type Described = {items: unknown[]; failures: unknown[]};

function knownTasksOf(arns: readonly string[], previous: ReadonlyMap<string, Task>): KnownTask[] {
	const known: KnownTask[] = [];
	for (const arn of arns) {
		const task = previous.get(arn);
		if (task !== undefined) known.push(knownTask(task));
	}
	return known;
}

type Pending = {
	resolve(value: unknown): void;
	reject(error: Error): void;
	/** Where the call's result is kept, for an answer the same as last time's. */
	readonly memoKey?: string | undefined;
	/** The result held for that key when the call was sent. */
	readonly held?: MemoEntry | undefined;
	/** Rebuilds the answer's value on this side (tasks: task-transfer.ts). */
	readonly received?: ((value: unknown) => unknown) | undefined;
};

/** The result of a read call, and what its answers hashed to (answer-digest.ts). */
type MemoEntry = {readonly digest: AnswerDigest; readonly value: unknown};

/**
 * The reads whose results are kept, so that a refresh answered with the same bytes as the last is
 * neither decoded on the thread nor sent across: the polls' lists and describes, where an idle
 * account's answers repeat. Not the writes, nor CloudWatch (each call asks for new minutes).
 */
const memoCalls = new Set([
	'ecs.listClusterArns',
	'ecs.describeClusters',
	'ecs.listServiceArns',
	'ecs.listServiceArnsPage',
	'ecs.describeServices',
	'ecs.listTaskArns',
	'ecs.describeTasks',
	'ecs.listContainerInstanceArns',
	'ecs.describeContainerInstances',
	'ecs.describeCapacityProviders',
	'autoScaling.describeAutoScalingGroups',
]);

/**
 * Results kept, the least recently used dropped first: a refresh of fleet-main's 20,000 tasks is
 * 200 describes and one list, its 2,000-service cluster 200 describes, so this holds a whole
 * refresh of either with room to spare, and a busy fleet's outdated batches age out.
 */
const memoCapacity = 1_000;

/**
 * And at most this many described items (tasks, services, instances) in all: a refresh of
 * fleet-main's 20,000 tasks with its 2,000 services and 1,000 instances, with room to spare.
 * Counted in entries alone, the memo went on holding a big scope's tasks (up to 100,000) long
 * after the store had let them go. A list counts as one: its ARNs are the strings the described
 * items hold anyway.
 */
const memoItemCapacity = 30_000;

function memoItems(entry: MemoEntry): number {
	const items = (entry.value as {items?: unknown} | undefined)?.items;
	return Array.isArray(items) ? items.length : 1;
}

function memoKeyOf(adapter: string, method: string, args: readonly unknown[]): string | undefined {
	const name = `${adapter}.${method}`;
	if (!memoCalls.has(name)) return undefined;
	// describeTasks' third argument, the tasks held, changes what crosses, not the result.
	const keyArgs = name === 'ecs.describeTasks' ? args.slice(0, 2) : args;
	// Hashed: a describe's key spelled out is its 100 ARNs (~9 KB), and 200 of them stayed held.
	return `${name}:${createHash('sha256').update(JSON.stringify(keyArgs)).digest('base64')}`;
}

function abortError(signal: AbortSignal): Error {
	const error = new Error('the poll was aborted', {cause: signal.reason});
	error.name = 'AbortError';
	return error;
}

/** What the UI says when the thread ends under a call: out of memory said as such. */
function threadFailure(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ERR_WORKER_OUT_OF_MEMORY')
		return 'the AWS thread ran out of memory reading an answer; the next refresh starts a new one';
	return `the AWS thread failed (${error.message}); the next refresh starts a new one`;
}

export {prestartAwsThread} from './prestart.js';

export function startRemoteAws(options: RemoteAwsOptions): RemoteAws {
	const {
		entry,
		argv,
		log = (text) => process.stderr.write(text),
		onThreadStart,
		debugLog,
		resourceLimits = limitsFor(options),
		memoItemCapacity: itemCapacity = memoItemCapacity,
		...threadOptions
	} = options;
	const stats = options.stats ?? new RequestStats();
	const clientOptions: AwsThreadOptions = {
		region: threadOptions.region,
		profile: threadOptions.profile,
		endpointUrl: threadOptions.endpointUrl,
		maxAttempts: threadOptions.maxAttempts,
		sessionCredentials: threadOptions.sessionCredentials,
		sharedFiles: threadOptions.sharedFiles,
		limits: threadOptions.limits,
		debug: debugLog !== undefined,
		...(threadOptions.demo === undefined
			? {}
			: {demo: {scenario: threadOptions.demo.scenario, seed: threadOptions.demo.seed}}),
		...(threadOptions.foresee === undefined
			? {}
			: {foresee: {clusters: [...threadOptions.foresee.clusters]}}),
		...(threadOptions.credentials === undefined
			? {}
			: {
					credentials: {
						accessKeyId: threadOptions.credentials.accessKeyId,
						secretAccessKey: threadOptions.credentials.secretAccessKey,
					},
				}),
	};
	const pending = new Map<number, Pending>();
	const memo = new Map<string, MemoEntry>();
	let memoItemCount = 0;
	const forget = (key: string) => {
		const entry = memo.get(key);
		if (entry === undefined) return;
		memo.delete(key);
		memoItemCount -= memoItems(entry);
	};
	const remember = (key: string, entry: MemoEntry) => {
		forget(key);
		memo.set(key, entry);
		memoItemCount += memoItems(entry);
		while (memo.size > 1 && (memo.size > memoCapacity || memoItemCount > itemCapacity))
			forget(memo.keys().next().value!);
	};
	let nextId = 1;
	let worker: Worker | undefined;
	let destroyed = false;
	let demoSim: {resolve(url: string): void; reject(error: Error): void} | undefined;
	const demoSimUrl =
		clientOptions.demo === undefined
			? undefined
			: new Promise<string>((resolve, reject) => (demoSim = {resolve, reject}));
	// Heard by whoever asks for it; until then, no unhandled rejection.
	demoSimUrl?.catch(() => {});

	const failAll = (reason: string) => {
		for (const call of pending.values()) call.reject(new Error(reason));
		pending.clear();
	};

	let threadsStarted = 0;
	const start = (): Worker => {
		// A prestarted thread has the default limits: tests asking for others start their own.
		const taken =
			options.resourceLimits === undefined ? takePrestarted(entry, clientOptions) : undefined;
		const thread = taken?.thread ?? newThread(entry, argv, resourceLimits);
		// Only the session's first thread foresees its first calls: the polls a thread started
		// after one died makes are not a first run's, and foreseen calls would be calls more.
		const initOptions =
			threadsStarted++ === 0 ? clientOptions : {...clientOptions, foresee: undefined};
		if (taken?.initialized !== true)
			thread.postMessage({kind: 'init', options: initOptions} satisfies AwsThreadInit);
		// Calls in flight keep it referenced (below); an idle thread never keeps ecs-top running.
		thread.unref();
		const forward = (chunk: Buffer) => log(`aws thread: ${chunk.toString()}`);
		thread.stdout.on('data', forward);
		thread.stderr.on('data', forward);
		const receive = (message: AwsThreadMessage) => {
			if (message.kind === 'demo-sim') {
				demoSim?.resolve(message.url);
				return;
			}
			if (message.kind === 'demo-sim-failed') {
				const error = fromRemoteError(message.error);
				demoSim?.reject(new Error(`the demo simulator did not start: ${error.message}`));
				return;
			}
			if (message.kind === 'attempts') {
				for (const attempt of message.attempts)
					stats.record(attempt.operation, {throttled: attempt.throttled});
				return;
			}
			if (message.kind === 'log') {
				debugLog?.(message.line);
				return;
			}
			const call = pending.get(message.id);
			if (call === undefined) return;
			pending.delete(message.id);
			if (pending.size === 0) thread.unref();
			if (message.kind === 'unchanged') {
				if (call.held === undefined || call.memoKey === undefined) {
					call.reject(
						new Error('the AWS thread said "unchanged" of a call it was told nothing of'),
					);
					return;
				}
				remember(call.memoKey, call.held);
				call.resolve(call.held.value);
				return;
			}
			if (message.kind === 'failure') {
				call.reject(fromRemoteError(message.error));
				return;
			}
			let value: unknown;
			try {
				value = call.received === undefined ? message.value : call.received(message.value);
			} catch (error) {
				call.reject(error instanceof Error ? error : new Error(String(error)));
				return;
			}
			if (call.memoKey !== undefined && message.digest !== undefined)
				remember(call.memoKey, {digest: message.digest, value});
			call.resolve(value);
		};
		for (const message of taken?.early ?? []) receive(message);
		thread.on('message', receive);
		thread.on('error', (error) => {
			log(`aws thread failed: ${error.stack ?? error.message}\n`);
			failAll(threadFailure(error));
			demoSim?.reject(new Error(threadFailure(error)));
		});
		thread.on('exit', (code) => {
			demoSim?.reject(
				new Error(`the AWS thread stopped (exit code ${code}) before the demo simulator listened`),
			);
			if (worker === thread) worker = undefined;
			if (pending.size > 0)
				failAll(`the AWS thread stopped (exit code ${code}); the next refresh starts a new one`);
		});
		onThreadStart?.(thread);
		return thread;
	};

	const call = (
		adapter: AwsCall['adapter'],
		method: string,
		args: unknown[],
		options: {
			/** The arguments the result depends on, when some only change what crosses. */
			memoArgs?: readonly unknown[];
			received?: (value: unknown) => unknown;
		} = {},
	) => {
		if (destroyed) return Promise.reject(new Error('the AWS connection is closed'));
		worker ??= start();
		const thread = worker;
		const id = nextId++;
		const memoKey = memoKeyOf(adapter, method, options.memoArgs ?? args);
		const held = memoKey === undefined ? undefined : memo.get(memoKey);
		const message: AwsCall = {
			kind: 'call',
			id,
			adapter,
			method,
			args,
			poll: inPoll(),
			...(memoKey === undefined ? {} : {digest: {known: held?.digest}}),
		};
		const signal = pollSignal();
		if (signal?.aborted) return Promise.reject(abortError(signal));
		return new Promise<unknown>((resolve, reject) => {
			// An aborted poll stops waiting at once, and the thread ends the call's requests: a hung
			// endpoint must not hold the retry that `R` asked for.
			const onAbort = () => {
				if (!pending.delete(id)) return;
				if (pending.size === 0) thread.unref();
				thread.postMessage({kind: 'cancel', id} satisfies AwsCancel);
				reject(abortError(signal!));
			};
			const settle =
				<T>(done: (value: T) => void) =>
				(value: T) => {
					signal?.removeEventListener('abort', onAbort);
					done(value);
				};
			pending.set(id, {
				resolve: settle(resolve),
				reject: settle(reject),
				memoKey,
				held,
				received: options.received,
			});
			signal?.addEventListener('abort', onAbort, {once: true});
			thread.ref();
			try {
				thread.postMessage(message);
			} catch (error) {
				pending.delete(id);
				signal?.removeEventListener('abort', onAbort);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	};

	/** A describe call as one call per batch, answers merged in order like the adapter does. */
	const callInBatches = async (
		adapter: AwsCall['adapter'],
		method: string,
		args: unknown[],
	): Promise<unknown> => {
		const split = batchedCalls[`${adapter}.${method}`];
		const list = split === undefined ? undefined : args[split.list];
		if (split === undefined || !Array.isArray(list)) return call(adapter, method, args);
		// describeTasks' third argument, the tasks as last seen: told to the thread as a few
		// fields each, so it can answer "unchanged" instead of sending a task this side holds.
		const previous =
			adapter === 'ecs' && method === 'describeTasks' && args[2] instanceof Map
				? (args[2] as ReadonlyMap<string, Task>)
				: undefined;
		const batches: unknown[][] = [];
		for (let start = 0; start < list.length; start += split.size)
			batches.push(list.slice(start, start + split.size));
		const tasks = adapter === 'ecs' && method === 'describeTasks';
		// Each batch's tasks are rebuilt as it arrives, so its structured clone dies young: held
		// until the last of fleet-main's 200 batches, the clones (~25 MB) outlived the young
		// generation and were promoted, and the old one grew to twice what it kept.
		const receivedFor = (batch: unknown[]) =>
			tasks
				? (value: unknown) => {
						const answer = value as Described;
						return {...answer, items: receivedTasks(answer.items as Task[], previous, batch)};
					}
				: undefined;
		const answers = await Promise.all(
			batches.map(async (batch) => {
				const batchArgs = args.with(split.list, batch);
				const memoArgs = [...batchArgs];
				const received = receivedFor(batch);
				if (previous !== undefined) batchArgs[2] = knownTasksOf(batch as string[], previous);
				return (await call(adapter, method, batchArgs, {
					memoArgs,
					...(received === undefined ? {} : {received}),
				})) as Described;
			}),
		);
		return {
			items: answers.flatMap((answer) => answer.items),
			failures: answers.flatMap((answer) => answer.failures),
		};
	};

	// The demo's simulator starts with the thread: whoever awaits its address needs no call first.
	if (demoSimUrl !== undefined) worker = start();

	const adapters = Object.fromEntries(
		adapterNames.map((name) => [
			name,
			new Proxy(
				{},
				{
					get: (_target, method) =>
						// Not a thenable: `await adapters.ecs` must not look for a `then` call.
						typeof method === 'string' && method !== 'then'
							? (...args: unknown[]) => callInBatches(name, method, args)
							: undefined,
				},
			),
		]),
	) as unknown as AwsAdapters;

	return {
		adapters,
		stats,
		profile: threadOptions.profile,
		endpointUrl: threadOptions.endpointUrl,
		region: () => call('clients', 'region', []) as Promise<string>,
		endpoint: () => call('clients', 'endpoint', []) as Promise<string | undefined>,
		demoSimUrl,
		async destroy() {
			destroyed = true;
			failAll('the AWS connection is closed');
			const thread = worker;
			worker = undefined;
			if (thread !== undefined) await thread.terminate();
		},
	};
}
