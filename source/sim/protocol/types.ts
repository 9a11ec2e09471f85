/**
 * What every wire codec provides to the server: turn a request body into handler input and a
 * handler's result or SimError into the bytes AWS would send, so the SDK's own deserializers
 * accept them unchanged.
 */
import type {SimError} from '../errors.js';
import type {ServiceName} from '../handler.js';

export interface WireResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** The error dialects differ in codes (ThrottlingException vs Throttling vs RequestLimitExceeded). */
export type ProtocolName = 'awsJson1_1' | 'awsJson1_0' | 'ec2Query' | 'awsQuery';

export interface ProtocolCodec {
	readonly name: ProtocolName;
	encodeResult(operation: string, result: unknown, requestId: string): WireResponse;
	encodeError(error: SimError, requestId: string): WireResponse;
}

/** A request the router understood: which service and operation, with its decoded input. */
export interface RoutedRequest {
	service: ServiceName;
	operation: string;
	input: Record<string, unknown>;
	codec: ProtocolCodec;
}
