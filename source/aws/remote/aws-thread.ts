/**
 * The AWS thread: the SDK clients and adapters, answering calls from the UI thread
 * (remote-aws.ts). Parsing AWS's answers is the heaviest work ecs-top does (at `large`, the
 * focused cluster's 1,000 container instances and 200 services cost ~200 ms of CPU every refresh),
 * and on the UI thread it held key presses back for as long, past the 30 ms key budget
 * (docs/architecture.md, "Why the SDK runs on its own thread").
 */
import {parentPort} from 'node:worker_threads';
import {createAwsAdapters, type AwsAdapters} from '../adapters.js';
import {createAwsClients, type AwsClients} from '../clients.js';
import {runAsPoll} from '../request-counter.js';
import {RequestStats} from '../request-stats.js';
import {shareWithSdk} from '../shared-config.js';
import type {
	AwsCall,
	AwsCancel,
	AwsThreadInit,
	AwsThreadMessage,
	AwsThreadOptions,
} from './protocol.js';
import {toRemoteError} from './remote-error.js';

/** Attempts are forwarded as they happen: the UI thread keeps the counts the header shows. */
class ForwardedStats extends RequestStats {
	override record(operation: string, outcome: {throttled: boolean} = {throttled: false}): void {
		post({kind: 'attempt', operation, throttled: outcome.throttled});
	}
}

function post(message: AwsThreadMessage): void {
	try {
		parentPort!.postMessage(message);
	} catch (error) {
		// An answer that cannot be cloned is a bug of ours: the caller hears of it, not nobody.
		if (message.kind !== 'answer') throw error;
		parentPort!.postMessage({kind: 'failure', id: message.id, error: toRemoteError(error)});
	}
}

// Its options come by message, not as workerData: the thread can be started (and the SDK loaded)
// before the endpoint is known, while the UI thread draws its first frame.
let clients: AwsClients | undefined;
let adapters: AwsAdapters | undefined;

function init(options: AwsThreadOptions): void {
	if (options.sharedFiles !== undefined) shareWithSdk(options.sharedFiles);
	const {debug, ...clientOptions} = options;
	clients = createAwsClients({
		...clientOptions,
		stats: new ForwardedStats(),
		...(debug ? {debugLog: (line: string) => post({kind: 'log', line})} : {}),
	});
	adapters = createAwsAdapters(clients);
}

/** The polls' calls in flight, to abort when the UI thread's poll is aborted. */
const inFlight = new Map<number, AbortController>();

function invoke(call: AwsCall, signal: AbortSignal | undefined): Promise<unknown> {
	if (clients === undefined || adapters === undefined)
		return Promise.reject(new Error('the AWS thread was called before it was given its options'));
	if (call.adapter === 'clients') {
		if (call.method === 'region') return clients.region();
		if (call.method === 'endpoint') return clients.endpoint();
		return Promise.reject(new Error(`no such call: clients.${call.method}`));
	}
	const adapter = adapters[call.adapter] as Record<string, unknown> | undefined;
	const method = adapter?.[call.method];
	if (typeof method !== 'function')
		return Promise.reject(new Error(`no such call: ${call.adapter}.${call.method}`));
	const args = [...call.args];
	// describeTasks' tasks as last seen come as a list of their compared fields (task-transfer.ts).
	if (call.adapter === 'ecs' && call.method === 'describeTasks' && Array.isArray(args[2]))
		args[2] = new Map((args[2] as {arn: string}[]).map((known) => [known.arn, known]));
	const run = () => (method as (...args: unknown[]) => Promise<unknown>).apply(adapter, args);
	return call.poll ? runAsPoll(run, signal) : run();
}

parentPort!.on('message', (message: AwsThreadInit | AwsCall | AwsCancel) => {
	if (message.kind === 'init') {
		init(message.options);
		return;
	}
	if (message.kind === 'cancel') {
		inFlight.get(message.id)?.abort(new Error('the poll was aborted'));
		return;
	}
	const call = message;
	const controller = call.poll ? new AbortController() : undefined;
	if (controller !== undefined) inFlight.set(call.id, controller);
	invoke(call, controller?.signal)
		.then(
			(value) => post({kind: 'answer', id: call.id, value}),
			(error: unknown) => post({kind: 'failure', id: call.id, error: toRemoteError(error)}),
		)
		.finally(() => inFlight.delete(call.id));
});
