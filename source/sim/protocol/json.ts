/**
 * awsJson1_0 / awsJson1_1 (ECS, CloudWatch, CloudWatch Logs): JSON bodies in and out, timestamps as
 * epoch seconds (CloudWatch Logs models its times as plain numbers of milliseconds instead),
 * errors as `{"__type", "message"}` plus `x-amzn-errortype`. A query-compatible service
 * (CloudWatch) also sends `x-amzn-query-error: <Code>;<Sender|Receiver>`, which the SDK reads
 * before `__type` to pick the typed exception by its old query error code.
 */
import {SimError} from '../errors.js';
import type {ProtocolCodec, WireResponse} from './types.js';

export interface JsonCodecOptions {
	version: '1.0' | '1.1';
	/** For awsQueryCompatible services: the query error code and the JSON `__type` for a code. */
	queryCompatible?: (code: string) => {queryCode: string; type: string};
}

export function createJsonCodec(options: JsonCodecOptions): ProtocolCodec {
	const contentType = `application/x-amz-json-${options.version}`;
	const headers = (requestId: string): Record<string, string> => ({
		'content-type': contentType,
		'x-amzn-requestid': requestId,
	});
	return {
		name: options.version === '1.0' ? 'awsJson1_0' : 'awsJson1_1',
		encodeResult(_operation, result, requestId): WireResponse {
			return {
				status: 200,
				headers: headers(requestId),
				body: JSON.stringify(toJsonValue(result ?? {})),
			};
		},
		encodeError(error: SimError, requestId): WireResponse {
			const response: WireResponse = {status: error.status, headers: headers(requestId), body: ''};
			if (options.queryCompatible) {
				const {queryCode, type} = options.queryCompatible(error.code);
				if (headerSafe(type)) response.headers['x-amzn-errortype'] = type;
				if (headerSafe(queryCode))
					response.headers['x-amzn-query-error'] = `${queryCode};${error.fault}`;
				// Some CloudWatch error shapes model `Message`, others `message`: send both.
				response.body = JSON.stringify({
					__type: type,
					message: error.message,
					Message: error.message,
				});
			} else {
				if (headerSafe(error.code)) response.headers['x-amzn-errortype'] = error.code;
				response.body = JSON.stringify({__type: error.code, message: error.message});
			}
			return response;
		},
	};
}

/** Decodes a JSON request body; an empty body is `{}` as the SDK sends for operations without input. */
export function decodeJsonBody(body: string): Record<string, unknown> {
	if (body.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		throw new SimError(
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new SimError(
			'SerializationException',
			'Start of structure or map found where not expected.',
		);
	}
	return parsed as Record<string, unknown>;
}

/**
 * Dates become epoch seconds (fractional, as AWS sends them); undefined members are dropped.
 * Every answer passes through here (a DescribeTasks of 100 tasks is ~5,000 members), so it walks
 * keys by index rather than through `Object.entries`, which allocates a pair per member.
 */
export function toJsonValue(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Date) return value.getTime() / 1000;
	if (Array.isArray(value)) {
		const out = new Array<unknown>(value.length);
		for (let i = 0; i < value.length; i++) out[i] = toJsonValue(value[i]);
		return out;
	}
	const record = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	const keys = Object.keys(record);
	for (let i = 0; i < keys.length; i++) {
		const key = keys[i]!;
		const member = record[key];
		if (member !== undefined) out[key] = toJsonValue(member);
	}
	return out;
}

/**
 * Whether an error code can go in a header. AWS's codes always can; one given to the
 * `answerError` fault may not (HTTP refuses control characters there), and then it is sent in
 * the body alone, where the SDK looks next.
 */
function headerSafe(code: string): boolean {
	return /^[\x21-\x7e]+$/.test(code);
}
