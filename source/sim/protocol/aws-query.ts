/**
 * awsQuery (Auto Scaling, STS): form bodies in; XML out as
 * `<OpResponse><OpResult>..</OpResult><ResponseMetadata>` with lists as `<member>`. Errors are
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`.
 */
import type {SimError} from '../errors.js';
import type {ProtocolCodec, WireResponse} from './types.js';
import {escapeXml, xmlContent, xmlDeclaration} from './xml.js';

const headers = (requestId: string): Record<string, string> => ({
	'content-type': 'text/xml',
	'x-amzn-requestid': requestId,
});

export function createAwsQueryCodec(xmlNamespace: string): ProtocolCodec {
	return {
		name: 'awsQuery',
		encodeResult(operation, result, requestId): WireResponse {
			// An operation without output (SetDesiredCapacity) answers with only the metadata.
			const hasResult = result !== undefined && result !== null;
			const body =
				`${xmlDeclaration}<${operation}Response xmlns="${xmlNamespace}">` +
				(hasResult
					? `<${operation}Result>${xmlContent(result, 'member')}</${operation}Result>`
					: '') +
				`<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
				`</${operation}Response>`;
			return {status: 200, headers: headers(requestId), body};
		},
		encodeError(error: SimError, requestId): WireResponse {
			const body =
				`${xmlDeclaration}<ErrorResponse xmlns="${xmlNamespace}"><Error>` +
				`<Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
				`<Message>${escapeXml(error.message)}</Message></Error>` +
				`<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
			return {status: error.status, headers: headers(requestId), body};
		},
	};
}
