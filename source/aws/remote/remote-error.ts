/**
 * Errors across the thread boundary. Structured cloning keeps an Error's message but not its
 * class or the SDK's fields, and the store tells failures apart by class (AwsApiError and its
 * classified problem, PollThrottledError) and by the SDK's throttling marks: those are carried
 * as data and rebuilt on the UI thread.
 */
import {AwsApiError, PollThrottledError} from '../errors.js';
import type {RemoteError} from './protocol.js';

const maxCauses = 4;

export function toRemoteError(error: unknown, depth = 0): RemoteError {
	if (!(error instanceof Error)) return {name: 'Error', message: String(error)};
	const fields = error as Error & {
		code?: unknown;
		$metadata?: {httpStatusCode?: unknown; requestId?: unknown};
		$retryable?: {throttling?: unknown};
	};
	const cause = depth < maxCauses && error.cause !== undefined ? error.cause : undefined;
	return {
		name: error.name,
		message: error.message,
		...(error instanceof AwsApiError ? {problem: error.problem} : {}),
		...(error instanceof PollThrottledError ? {pollThrottled: true} : {}),
		...(typeof fields.code === 'string' ? {code: fields.code} : {}),
		...(typeof fields.$metadata?.httpStatusCode === 'number'
			? {httpStatusCode: fields.$metadata.httpStatusCode}
			: {}),
		...(typeof fields.$metadata?.requestId === 'string'
			? {requestId: fields.$metadata.requestId}
			: {}),
		...(fields.$retryable?.throttling === true ? {throttling: true} : {}),
		...(cause === undefined ? {} : {cause: toRemoteError(cause, depth + 1)}),
	};
}

export function fromRemoteError(remote: RemoteError): Error {
	const cause = remote.cause === undefined ? undefined : fromRemoteError(remote.cause);
	if (remote.problem !== undefined) return new AwsApiError(remote.problem, {cause});
	if (remote.pollThrottled === true) return new PollThrottledError(cause);
	const error = new Error(remote.message, cause === undefined ? undefined : {cause}) as Error & {
		code?: string;
		$metadata?: {httpStatusCode?: number; requestId?: string};
		$retryable?: {throttling: boolean};
	};
	error.name = remote.name;
	if (remote.code !== undefined) error.code = remote.code;
	if (remote.httpStatusCode !== undefined || remote.requestId !== undefined)
		error.$metadata = {
			...(remote.httpStatusCode === undefined ? {} : {httpStatusCode: remote.httpStatusCode}),
			...(remote.requestId === undefined ? {} : {requestId: remote.requestId}),
		};
	if (remote.throttling === true) error.$retryable = {throttling: true};
	return error;
}
