/**
 * The AWS adapters, run on their own thread (aws-thread.ts) and called from the UI thread as if
 * they were here: same interface, same errors, and the attempts counted in this thread's
 * RequestStats. The UI thread then never parses an AWS answer; it receives the adapters' plain
 * results, a structured clone that costs a fraction of the SDK's parsing, and stays free to
 * answer keys while a refresh of a large cluster is read (issue 4).
 *
 * A thread that dies (a bug, out of memory) fails the calls in flight with a clear message, and
 * the next call starts a new one: polling goes on.
 */
import {Worker} from 'node:worker_threads';
import type {AwsAdapters} from '../adapters.js';
import {inPoll} from '../request-counter.js';
import {RequestStats} from '../request-stats.js';
import type {AwsCall, AwsThreadMessage, AwsThreadOptions} from './protocol.js';
import {fromRemoteError} from './remote-error.js';

export type RemoteAws = {
	readonly adapters: AwsAdapters;
	readonly stats: RequestStats;
	readonly profile: string | undefined;
	readonly endpointUrl: string | undefined;
	/** The region the thread's clients resolved (option, environment or profile). */
	region(): Promise<string>;
	/** Ends the thread; calls in flight fail. */
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
};

const adapterNames: ReadonlyArray<keyof AwsAdapters> = [
	'ecs',
	'ec2',
	'autoScaling',
	'cloudWatch',
	'sts',
	'ecsActions',
	'autoScalingActions',
];

type Pending = {resolve(value: unknown): void; reject(error: Error): void};

export function startRemoteAws(options: RemoteAwsOptions): RemoteAws {
	const {
		entry,
		argv,
		log = (text) => process.stderr.write(text),
		onThreadStart,
		...threadOptions
	} = options;
	const stats = options.stats ?? new RequestStats();
	const workerData: AwsThreadOptions = {
		region: threadOptions.region,
		profile: threadOptions.profile,
		endpointUrl: threadOptions.endpointUrl,
		maxAttempts: threadOptions.maxAttempts,
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
	let nextId = 1;
	let worker: Worker | undefined;
	let destroyed = false;

	const failAll = (reason: string) => {
		for (const call of pending.values()) call.reject(new Error(reason));
		pending.clear();
	};

	const start = (): Worker => {
		const thread = new Worker(entry, {
			workerData,
			stdout: true,
			stderr: true,
			...(argv === undefined ? {} : {argv}),
		});
		// Calls in flight keep it referenced (below); an idle thread never keeps ecs-top running.
		thread.unref();
		const forward = (chunk: Buffer) => log(`aws thread: ${chunk.toString()}`);
		thread.stdout.on('data', forward);
		thread.stderr.on('data', forward);
		thread.on('message', (message: AwsThreadMessage) => {
			if (message.kind === 'attempt') {
				stats.record(message.operation, {throttled: message.throttled});
				return;
			}
			const call = pending.get(message.id);
			if (call === undefined) return;
			pending.delete(message.id);
			if (pending.size === 0) thread.unref();
			if (message.kind === 'answer') call.resolve(message.value);
			else call.reject(fromRemoteError(message.error));
		});
		thread.on('error', (error) => {
			log(`aws thread failed: ${error.stack ?? error.message}\n`);
			failAll(`the AWS thread failed (${error.message}); the next refresh starts a new one`);
		});
		thread.on('exit', (code) => {
			if (worker === thread) worker = undefined;
			if (pending.size > 0)
				failAll(`the AWS thread stopped (exit code ${code}); the next refresh starts a new one`);
		});
		onThreadStart?.(thread);
		return thread;
	};

	const call = (adapter: AwsCall['adapter'], method: string, args: unknown[]) => {
		if (destroyed) return Promise.reject(new Error('the AWS connection is closed'));
		worker ??= start();
		const thread = worker;
		const id = nextId++;
		// The only Map an adapter takes is describeTasks' tasks as last seen, for handing back
		// unchanged tasks as the same objects. An answer from the thread is a copy either way (the
		// store's reuseList keeps the objects it holds), so 20,000 tasks are not sent over for it.
		const sent = args.map((arg) => (arg instanceof Map ? undefined : arg));
		const message: AwsCall = {id, adapter, method, args: sent, poll: inPoll()};
		return new Promise<unknown>((resolve, reject) => {
			pending.set(id, {resolve, reject});
			thread.ref();
			try {
				thread.postMessage(message);
			} catch (error) {
				pending.delete(id);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	};

	const adapters = Object.fromEntries(
		adapterNames.map((name) => [
			name,
			new Proxy(
				{},
				{
					get: (_target, method) =>
						// Not a thenable: `await adapters.ecs` must not look for a `then` call.
						typeof method === 'string' && method !== 'then'
							? (...args: unknown[]) => call(name, method, args)
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
		async destroy() {
			destroyed = true;
			failAll('the AWS connection is closed');
			const thread = worker;
			worker = undefined;
			if (thread !== undefined) await thread.terminate();
		},
	};
}
