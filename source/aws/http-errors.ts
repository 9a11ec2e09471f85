/**
 * The transport's own failures (http-handler.ts): an endpoint too slow to answer, an answer too
 * large to read. Plain data besides the message, so they survive the AWS thread's boundary as
 * names and codes (remote/remote-error.ts), and errors.ts classifies them.
 */

/** Which deadline passed: the connection, the start of the answer, or the whole answer. */
export type DeadlinePhase = 'connect' | 'first-byte' | 'answer';

export const deadlineErrorName = 'DeadlineExceeded';
export const tooLargeErrorName = 'AnswerTooLarge';

export function seconds(ms: number): string {
	const value = ms / 1000;
	return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}

/**
 * Deliberately not named `TimeoutError` nor coded ETIMEDOUT: the SDK retries those by name, and
 * a poll past its deadline is not retried (the next poll is the retry), so the header can say
 * "cannot reach" after one deadline instead of after three. Outside polls (the writes) the
 * transport marks it retryable, and the SDK's retry settings (AWS_MAX_ATTEMPTS) decide.
 */
export class HttpDeadlineError extends Error {
	override readonly name = deadlineErrorName;
	constructor(
		readonly phase: DeadlinePhase,
		readonly host: string,
		readonly limitMs: number,
	) {
		super(
			phase === 'connect'
				? `no connection to ${host} in ${seconds(limitMs)}`
				: phase === 'first-byte'
					? `no answer from ${host} in ${seconds(limitMs)}`
					: `the answer from ${host} did not complete in ${seconds(limitMs)}`,
		);
	}
}

export function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** An answer over the size cap, refused before the SDK parses it (a 50 MB one took the heap). */
export class AnswerTooLargeError extends Error {
	override readonly name = tooLargeErrorName;
	constructor(
		readonly host: string,
		readonly capBytes: number,
		readonly announcedBytes: number | undefined,
	) {
		super(
			announcedBytes === undefined
				? `the answer from ${host} was over the ${megabytes(capBytes)} ecs-top reads from one call: refused`
				: `the answer from ${host} is ${megabytes(announcedBytes)}, over the ${megabytes(capBytes)} ecs-top reads from one call: refused unread`,
		);
	}
}
