/**
 * Starts the simulator in a worker thread (sim-worker.ts) and hands back its address. The thread
 * is unreferenced: a demo's simulator never keeps ecs-top running, and the process ending ends it.
 * Nothing it prints reaches the terminal behind the TUI's back: its stdout and stderr are read
 * here and passed to this process's stderr, which the TUI sends to its log file.
 */
import {Worker} from 'node:worker_threads';
import type {StartSimOptions} from '../index.js';

/** What the thread posts once it listens. */
export type SimThreadMessage = {url: string};

export interface SimThread {
	url: string;
	close(): Promise<void>;
}

/** Only plain data crosses to the thread: no clock (it runs in real time), no host or port. */
export type SimThreadOptions = Pick<StartSimOptions, 'scenario' | 'seed'>;

/**
 * `entry` is the built sim-worker.js (the caller knows where the build put it). Rejects if the
 * thread fails before it listens.
 */
export function startSimThread(entry: URL, options: SimThreadOptions): Promise<SimThread> {
	const worker = new Worker(entry, {workerData: options, stdout: true, stderr: true});
	worker.unref();
	const forward = (chunk: Buffer) => process.stderr.write(`demo simulator: ${chunk.toString()}`);
	worker.stdout.on('data', forward);
	worker.stderr.on('data', forward);
	let exited = false;
	const exit = new Promise<void>((resolve) =>
		worker.once('exit', () => {
			exited = true;
			resolve();
		}),
	);
	const close = async () => {
		if (!exited) await worker.terminate();
		await exit;
	};
	return new Promise((resolve, reject) => {
		const fail = (error: unknown) => {
			cleanUp();
			reject(error instanceof Error ? error : new Error(`demo simulator: ${String(error)}`));
		};
		const failOnExit = (code: number) =>
			fail(new Error(`the demo simulator's thread exited (code ${code}) before listening`));
		const listening = (message: SimThreadMessage) => {
			cleanUp();
			// Past this point a failure of the thread shows as an unreachable endpoint in the header;
			// the reason goes to the log.
			worker.on('error', (error) => forward(Buffer.from(`${error.stack ?? error.message}\n`)));
			resolve({url: message.url, close});
		};
		const cleanUp = () => {
			worker.off('error', fail);
			worker.off('exit', failOnExit);
			worker.off('message', listening);
		};
		worker.once('error', fail);
		worker.once('exit', failOnExit);
		worker.once('message', listening);
	});
}

/**
 * Starts a thread at once, for whoever asks first (the TUI's first session, well after this
 * call); whoever asks later (a `:region` switch builds a new session) gets a thread of its own.
 */
export function prestartSimThread(
	entry: URL,
	options: SimThreadOptions,
): (options: SimThreadOptions) => Promise<SimThread> {
	let prestarted: Promise<SimThread> | undefined = startSimThread(entry, options);
	// Its failure is heard by whoever takes it, not as an unhandled rejection before then.
	prestarted.catch(() => {});
	return (later) => {
		const thread = prestarted ?? startSimThread(entry, later);
		prestarted = undefined;
		return thread;
	};
}
