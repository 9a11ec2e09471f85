/**
 * ec2Query (EC2): form bodies in; XML out with the result's members straight under
 * `<OpResponse>` beside `<requestId>`, lists as `<item>`. Errors are
 * `<Response><Errors><Error>` with `<RequestID>` (EC2's own spelling).
 */
import type {SimError} from '../errors.js';
import type {ProtocolCodec, WireResponse} from './types.js';
import {escapeXml, xmlContent, xmlDeclaration, xmlElement} from './xml.js';

export const ec2Namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const headers = (requestId: string): Record<string, string> => ({
	'content-type': 'text/xml;charset=UTF-8',
	'x-amzn-requestid': requestId,
});

export const ec2QueryCodec: ProtocolCodec = {
	name: 'ec2Query',
	encodeResult(operation, result, requestId): WireResponse {
		const body =
			`${xmlDeclaration}<${operation}Response xmlns="${ec2Namespace}">` +
			xmlElement('requestId', requestId, 'item') +
			xmlContent(result ?? {}, 'item') +
			`</${operation}Response>`;
		return {status: 200, headers: headers(requestId), body};
	},
	encodeError(error: SimError, requestId): WireResponse {
		const body =
			`${xmlDeclaration}<Response><Errors><Error>` +
			`<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
			`</Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;
		return {status: error.status, headers: headers(requestId), body};
	},
};
