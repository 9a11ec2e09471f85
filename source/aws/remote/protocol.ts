/**
 * What crosses between the UI thread and the AWS thread (aws-thread.ts): calls to the adapters
 * by name, their plain-data answers, failures as data the UI thread turns back into the errors
 * the store expects, and a note of every HTTP attempt for the header's calls/min.
 */
import type {AwsAdapters} from '../adapters.js';
import type {AnswerDigest} from '../answer-digest.js';
import type {SessionCredentials} from '../credentials.js';
import type {AwsProblem} from '../errors.js';
import type {SharedFileTexts} from '../aws-config-files.js';
import type {TransportLimits} from '../http-handler.js';
import type {ScenarioName} from '../../sim/scenarios/index.js';

/** The options the thread builds its clients from: plain data, no functions. */
export type AwsThreadOptions = {
	readonly region?: string | undefined;
	readonly profile?: string | undefined;
	readonly endpointUrl?: string | undefined;
	/** Fixed credentials (the demo's simulator); else the standard provider chain, on the thread. */
	readonly credentials?: {readonly accessKeyId: string; readonly secretAccessKey: string};
	readonly maxAttempts?: number | undefined;
	/** Temporary credentials resolved at start (a role assumed with an MFA code). */
	readonly sessionCredentials?: SessionCredentials | undefined;
	/** The shared config files as read under their bounds: the thread's SDK parses these. */
	readonly sharedFiles?: SharedFileTexts | undefined;
	/** The transport's deadlines and answer cap; tests shorten them. */
	readonly limits?: Partial<TransportLimits> | undefined;
	/** `--debug`: the thread sends a line per AWS call (`log` messages). */
	readonly debug?: boolean | undefined;
	/**
	 * `--demo`: the thread starts the simulator itself and calls it (its address is the endpoint),
	 * so the first calls need nothing from the UI thread, and no thread of its own is started.
	 */
	readonly demo?: {readonly scenario: ScenarioName; readonly seed: number} | undefined;
	/**
	 * Make the live view's first calls as soon as the clients are built, before they are asked
	 * for (foreseen-calls.ts): `clusters` are the `--cluster` names (empty: every cluster).
	 */
	readonly foresee?: {readonly clusters: readonly string[]} | undefined;
};

/** The first message a thread gets: it loads the SDK at once, and builds its clients from this. */
export type AwsThreadInit = {readonly kind: 'init'; readonly options: AwsThreadOptions};

export type AwsCall = {
	readonly kind: 'call';
	readonly id: number;
	/** An adapter and one of its methods, or `region` (what the clients resolved). */
	readonly adapter: keyof AwsAdapters | 'clients';
	readonly method: string;
	readonly args: readonly unknown[];
	/** Made inside a poll run: a throttled attempt is not retried (request-counter.ts). */
	readonly poll: boolean;
	/**
	 * Hash the call's answers (answer-digest.ts); `known` is what they hashed to for the result
	 * the caller holds, and the thread answers `unchanged` when they hash the same again.
	 */
	readonly digest?: {readonly known: AnswerDigest | undefined};
};

/** The poll that made call `id` was aborted: its HTTP requests end now. */
export type AwsCancel = {readonly kind: 'cancel'; readonly id: number};

/** An error as data: enough to rebuild what the store tells apart (AwsApiError, throttling). */
export type RemoteError = {
	readonly name: string;
	readonly message: string;
	readonly problem?: AwsProblem;
	/** The thread's PollThrottledError: a poll that AWS throttled. */
	readonly pollThrottled?: boolean;
	readonly code?: string;
	readonly httpStatusCode?: number;
	/** AWS's request id of the failed call, for the log. */
	readonly requestId?: string;
	readonly throttling?: boolean;
	readonly cause?: RemoteError;
};

export type AwsThreadMessage =
	| {
			readonly kind: 'answer';
			readonly id: number;
			readonly value: unknown;
			/** For a call that asked for it: what its answers hashed to. */
			readonly digest?: AnswerDigest | undefined;
	  }
	/** Every answer of the call was the same as the caller's `known`: its result stands. */
	| {readonly kind: 'unchanged'; readonly id: number}
	| {readonly kind: 'failure'; readonly id: number; readonly error: RemoteError}
	/** HTTP attempts, as request-stats.ts counts them, in the order they were made. */
	| {
			readonly kind: 'attempts';
			readonly attempts: readonly {readonly operation: string; readonly throttled: boolean}[];
	  }
	/** A `--debug` line about one AWS call. */
	| {readonly kind: 'log'; readonly line: string}
	/** The demo's simulator listens here (options.demo), or could not be started. */
	| {readonly kind: 'demo-sim'; readonly url: string}
	| {readonly kind: 'demo-sim-failed'; readonly error: RemoteError};
