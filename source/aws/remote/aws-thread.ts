/**
 * The AWS thread: the SDK clients and adapters, answering calls from the UI thread
 * (remote-aws.ts). Parsing AWS's answers is the heaviest work ecs-top does (at `large`, the
 * focused cluster's 1,000 container instances and 200 services cost ~200 ms of CPU every refresh),
 * and on the UI thread it held key presses back for as long, past the 30 ms key budget
 * (docs/architecture.md, "Why the SDK runs on its own thread").
 */
import {parentPort} from 'node:worker_threads';
import {createAwsAdapters, type AwsAdapters} from '../adapters.js';
import {isUnchangedAnswer, runDigested, type AnswerDigest} from '../answer-digest.js';
import {createAwsClients, type AwsClients} from '../clients.js';
import {ecsLimits} from '../ecs-limits.js';
import {runAsPoll} from '../request-counter.js';
import {RequestStats} from '../request-stats.js';
import {shareWithSdk} from '../aws-config-files.js';
import type {
	AwsCall,
	AwsCancel,
	AwsThreadInit,
	AwsThreadMessage,
	AwsThreadOptions,
} from './protocol.js';
import {ForeseenCalls, foreseenKey} from './foreseen-calls.js';
import {toRemoteError} from './remote-error.js';
import {warmUp} from './warm-up.js';

/**
 * Attempts are forwarded to the UI thread, which keeps the counts the header shows: those of one
 * turn of the event loop in one message, as a message per attempt cost more than the attempts'
 * own bookkeeping (a refresh of 20,000 tasks is 400 attempts).
 */
class ForwardedStats extends RequestStats {
	private queued: {operation: string; throttled: boolean}[] = [];

	override record(operation: string, outcome: {throttled: boolean} = {throttled: false}): void {
		if (this.queued.length === 0) setImmediate(() => this.flush());
		this.queued.push({operation, throttled: outcome.throttled});
	}

	/** Sent before any answer, so a call's attempts are counted when its answer arrives. */
	flush(): void {
		if (this.queued.length === 0) return;
		const attempts = this.queued;
		this.queued = [];
		post({kind: 'attempts', attempts});
	}
}

const forwarded = new ForwardedStats();

function post(message: AwsThreadMessage): void {
	if (message.kind !== 'attempts') forwarded.flush();
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
/** Settles once the clients are built: for --demo, once the simulator listens. */
let ready: Promise<void> | undefined;

function init(options: AwsThreadOptions): void {
	if (options.sharedFiles !== undefined) shareWithSdk(options.sharedFiles);
	const {debug, demo, foresee, ...clientOptions} = options;
	const build = (endpointUrl: string | undefined) => {
		clients = createAwsClients({
			...clientOptions,
			...(endpointUrl === undefined ? {} : {endpointUrl}),
			stats: forwarded,
			answerDigests: true,
			...(debug ? {debugLog: (line: string) => post({kind: 'log', line})} : {}),
		});
		adapters = createAwsAdapters(clients);
	};
	if (demo === undefined) {
		build(undefined);
		ready = Promise.resolve();
	} else {
		ready = startDemoSim(demo).then(build);
		// A simulator that failed to start is told the UI thread below, and fails each call.
		ready.catch(() => {});
	}
	// Before any call's own wait for `ready` (invoke): a call coming while the clients are built
	// finds the foreseen answers already there.
	if (foresee !== undefined) {
		foreseeing = true;
		ready.then(
			() => foreseeFirstCalls(foresee.clusters),
			() => {},
		);
	}
}

/**
 * How long a foreseen answer is good for. The first poll asks within a second or so of the
 * clients being built; an older answer would show the account as it was, not as it is.
 */
const foreseenMaxAgeMs = 3_000;
const foreseen = new ForeseenCalls<Invoked>(foreseenMaxAgeMs);
/** Whether the thread was told to foresee the first calls: they warm it up instead (below). */
let foreseeing = false;

/**
 * The clusters tier's first run, as it asks (source/store/tiers/clusters.ts): inside a poll, the
 * clusters listed (or the `--cluster` ones) then described, answers hashed for nobody, and the
 * caller's identity.
 */
function foreseeFirstCalls(clusters: readonly string[]): void {
	const firstCall = (
		adapter: AwsCall['adapter'],
		method: string,
		args: unknown[],
		digested: boolean,
	): AwsCall => ({
		kind: 'call',
		id: 0,
		adapter,
		method,
		args,
		poll: true,
		...(digested ? {digest: {known: undefined}} : {}),
	});
	const foresee = (call: AwsCall) =>
		foreseen.foresee(foreseenKey(call)!, () => invokeReady(call, undefined));
	const describe = (refs: readonly string[]) => {
		// More than one batch is asked in parts whose split this side does not know.
		if (refs.length > 0 && refs.length <= ecsLimits.describeClusters)
			void foresee(firstCall('ecs', 'describeClusters', [refs], true)).catch(() => {});
	};
	void foresee(firstCall('sts', 'getCallerIdentity', [], false)).catch(() => {});
	const named = [...new Set(clusters)].filter((name) => name !== '');
	if (named.length > 0) {
		describe(named);
		return;
	}
	foresee(firstCall('ecs', 'listClusterArns', [], true)).then(
		({value}) => {
			if (Array.isArray(value)) describe(value as string[]);
		},
		() => {},
	);
}

/**
 * The demo's simulator, served from this thread: the calls need no address from the UI thread,
 * and no thread of its own is booted for it. Imported only for --demo, so a session against AWS
 * loads no simulator code. It ends with the thread.
 */
async function startDemoSim(demo: NonNullable<AwsThreadOptions['demo']>): Promise<string> {
	try {
		const {startSim} = await import('../../sim/index.js');
		const sim = await startSim({scenario: demo.scenario, seed: demo.seed});
		post({kind: 'demo-sim', url: sim.url});
		return sim.url;
	} catch (error) {
		post({kind: 'demo-sim-failed', error: toRemoteError(error)});
		throw error;
	}
}

/** The polls' calls in flight, to abort when the UI thread's poll is aborted. */
const inFlight = new Map<number, AbortController>();

type Invoked = {value: unknown; digest?: AnswerDigest | undefined};

function invoke(call: AwsCall, signal: AbortSignal | undefined): Promise<Invoked> {
	if (ready === undefined)
		return Promise.reject(new Error('the AWS thread was called before it was given its options'));
	return ready.then(() => foreseen.take(foreseenKey(call)) ?? invokeReady(call, signal));
}

function invokeReady(call: AwsCall, signal: AbortSignal | undefined): Promise<Invoked> {
	if (clients === undefined || adapters === undefined)
		return Promise.reject(new Error('the AWS thread has no clients'));
	if (call.adapter === 'clients') {
		if (call.method === 'region') return clients.region().then((value) => ({value}));
		if (call.method === 'endpoint') return clients.endpoint().then((value) => ({value}));
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
	const apply = () => (method as (...args: unknown[]) => Promise<unknown>).apply(adapter, args);
	const digest = call.digest;
	const run = (): Promise<Invoked> =>
		digest === undefined ? apply().then((value) => ({value})) : runDigested(digest.known, apply);
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
			({value, digest}) => post({kind: 'answer', id: call.id, value, digest}),
			(error: unknown) =>
				post(
					isUnchangedAnswer(error)
						? {kind: 'unchanged', id: call.id}
						: {kind: 'failure', id: call.id, error: toRemoteError(error)},
				),
		)
		.finally(() => inFlight.delete(call.id));
});

// The SDK is loaded; its options come later (the UI thread sends them once it has drawn its
// first frame; --demo's at once, and the simulator then starts first). Meanwhile, compile what
// the first calls run (warm-up.ts).
// After the demo's simulator listens, when it was asked for by then: the calls wait for that.
// Not when the first calls are foreseen: they compile the same code, against the real endpoint.
setImmediate(
	() =>
		void (ready ?? Promise.resolve())
			.catch(() => {})
			.then(() => (foreseeing ? undefined : warmUp())),
);
