/**
 * The `rewrites` fault: text replaced in AWS answers after they are encoded, as a proxy that
 * rewrites traffic would. The replacement is written the way the answer's format can carry
 * it, so the client's parser hands the exact text to the application: JSON string escapes, or
 * XML character references (which the SDK's XML parser decodes, control characters included).
 */
import type {FaultSettings} from '../faults.js';
import type {WireResponse} from './types.js';

function jsonEncoded(text: string): string {
	return JSON.stringify(text).slice(1, -1);
}

function xmlEncoded(text: string): string {
	return [...text]
		.map((character) => {
			const code = character.codePointAt(0)!;
			return /[&<>"']/.test(character) || code < 0x20 || (code >= 0x7f && code <= 0x9f)
				? `&#x${code.toString(16)};`
				: character;
		})
		.join('');
}

export function rewriteAnswer(
	response: WireResponse,
	rules: FaultSettings['rewrites'],
): WireResponse {
	if (rules === undefined || rules.length === 0) return response;
	const xml = (response.headers['content-type'] ?? '').includes('xml');
	let body = response.body;
	for (const {find, replace} of rules) {
		const encode = xml ? xmlEncoded : jsonEncoded;
		body = body.split(encode(find)).join(encode(replace));
	}
	return body === response.body ? response : {...response, body};
}
