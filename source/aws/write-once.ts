/**
 * How the write adapters send a request: once, within a deadline.
 *
 * - Once: the SDK retries an attempt that failed with a network error, a timeout or a 5xx. For a
 *   read that is harmless; for a write it may send a change AWS already applied a second time
 *   (a second forced deployment, a second scaling step). Only an attempt AWS plainly refused
 *   (throttling, any 4xx) or one that never left (connection refused, no DNS) may be retried.
 * - Within a deadline: an AbortSignal on `send` ends the attempt, and any retry, once the
 *   deadline passes; the action layer then records the outcome as unknown and checks it later.
 */
import type {MiddlewareStack, Pluggable} from '@smithy/types';
import {isThrottlingError} from './errors.js';

/** What the action layer passes with each write: plain data, so it crosses to the AWS thread. */
export type WriteOptions = {
	/** Milliseconds from the call until the request is abandoned. */
	readonly deadlineMs?: number | undefined;
};

/**
 * Network failures that prove the request never reached a server: trying again cannot apply
 * anything twice, and the write layer records such a write as refused, not of unknown outcome.
 */
export const notDeliveredCodes: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

function statusOf(error: unknown): number | undefined {
	const status = (error as {$metadata?: {httpStatusCode?: unknown}} | undefined)?.$metadata
		?.httpStatusCode;
	return typeof status === 'number' ? status : undefined;
}

/** Whether an attempt that failed this way may have been applied by AWS. */
export function mayHaveApplied(error: unknown): boolean {
	if (isThrottlingError(error)) return false;
	const status = statusOf(error);
	if (status !== undefined && status >= 400 && status < 500) return false;
	const code = (error as {code?: unknown} | undefined)?.code;
	return !(typeof code === 'string' && notDeliveredCodes.has(code));
}

/**
 * Carries such a failure past the SDK's retry middleware, which retries what it recognises as
 * transient, looking through `cause` too: this error has no cause, code or status for it to
 * find. The adapter unwraps it (`unwrapWriteError`) before the failure is classified.
 */
export class UnretriedWriteError extends Error {
	override readonly name = 'UnretriedWriteError';
	constructor(readonly original: unknown) {
		super(original instanceof Error ? original.message : String(original));
	}
}

export function unwrapWriteError(error: unknown): unknown {
	return error instanceof UnretriedWriteError ? error.original : error;
}

function sendOnceGuard<I extends object, O extends object>(): Pluggable<I, O> {
	return {
		applyToStack(stack) {
			stack.add(
				(next) => async (args) => {
					try {
						return await next(args);
					} catch (error) {
						throw mayHaveApplied(error) ? new UnretriedWriteError(error) : error;
					}
				},
				// Inside the retry loop (finalizeRequest), so it sees every attempt's failure.
				{step: 'deserialize', priority: 'high', name: 'ecsTopSendOnce', override: true},
			);
		},
	};
}

/** Adds the guard to one command. */
export function sendOnce<I extends object, O extends object, C>(
	command: C & {readonly middlewareStack: MiddlewareStack<I, O>},
): C {
	command.middlewareStack.use(sendOnceGuard<I, O>());
	return command;
}

/** The signal for `send`, or none without a deadline. */
export function deadlineSignal(options: WriteOptions | undefined): AbortSignal | undefined {
	const ms = options?.deadlineMs;
	return ms === undefined ? undefined : AbortSignal.timeout(Math.max(1, ms));
}
