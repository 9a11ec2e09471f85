/**
 * `--debug`: one log line per AWS call, with what tells a slow or failing call apart: the
 * operation, how long it took, the HTTP status, how many attempts it made and AWS's request id
 * (what AWS support asks for). Nothing else from the request is written: no headers (the
 * Authorization header is the signature), no query strings, no credentials, no bodies.
 */
import type {Pluggable} from '@smithy/types';
import {isUnchangedAnswer} from './answer-digest.js';
import {unwrapWriteError} from './write-once.js';

export type DebugLog = (line: string) => void;

type Metadata = {
	httpStatusCode?: number;
	requestId?: string;
	extendedRequestId?: string;
	attempts?: number;
	totalRetryDelay?: number;
};

function describe(metadata: Metadata | undefined): string {
	const parts = [
		`status=${metadata?.httpStatusCode ?? '-'}`,
		`attempts=${metadata?.attempts ?? 1}`,
	];
	if (metadata?.totalRetryDelay) parts.push(`retry-wait=${metadata.totalRetryDelay}ms`);
	parts.push(`request-id=${metadata?.requestId ?? '-'}`);
	return parts.join(' ');
}

/** An error's name and the first line of its message, without anything that could be a secret. */
function errorSummary(error: unknown): string {
	if (!(error instanceof Error)) return 'error';
	const firstLine = error.message.split('\n', 1)[0] ?? '';
	// A message quoting a URL could carry a presigned query string: never past the path.
	return `${error.name}: ${firstLine.replace(/\?\S*/g, '?…')}`.slice(0, 300);
}

/**
 * The outermost middleware (initialize step), so its duration and attempts are the call's as the
 * caller waited for it, retries and their back-off included.
 */
export function debugRequestLog<Input extends object, Output extends object>(
	service: string,
	log: DebugLog,
): Pluggable<Input, Output> {
	return {
		applyToStack(stack) {
			stack.add(
				(next, context) => async (args) => {
					const operation = `${service}.${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
					const started = Date.now();
					try {
						const result = await next(args);
						const metadata = (result.output as {$metadata?: Metadata}).$metadata;
						log(`aws ${operation} ok ${Date.now() - started}ms ${describe(metadata)}`);
						return result;
					} catch (error) {
						if (isUnchangedAnswer(error)) {
							log(`aws ${operation} ok ${Date.now() - started}ms unchanged`);
							throw error;
						}
						// A throttled poll arrives wrapped (PollThrottledError): AWS's answer is its cause,
						// and the retry middleware put the attempts on the wrapper. A write that AWS may
						// have applied arrives wrapped too, so that it is not retried (write-once.ts).
						const wrapped =
							(error as {cause?: {$metadata?: Metadata}}).cause ??
							(unwrapWriteError(error) as {$metadata?: Metadata} | undefined);
						const answer = wrapped?.$metadata === undefined ? error : wrapped;
						const metadata = {
							...wrapped?.$metadata,
							...(error as {$metadata?: Metadata}).$metadata,
						};
						log(
							`aws ${operation} failed ${Date.now() - started}ms ${describe(metadata)} ${errorSummary(answer)}`,
						);
						throw error;
					}
				},
				{step: 'initialize', priority: 'high', name: 'ecsTopDebugRequestLog', override: true},
			);
		},
	};
}
