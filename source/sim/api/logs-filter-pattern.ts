/**
 * CloudWatch Logs filter patterns for unstructured text: `ERROR timeout` (every term),
 * `"connection refused"` (a phrase), `?ERROR ?WARN` (any of these), `ERROR -healthcheck` (not
 * that), and `%regex%`. Matching is case-sensitive, as in CloudWatch. JSON (`{ $.level = ... }`)
 * and space-delimited (`[ip, ...]`) patterns are refused with a message that says so, rather than
 * matched wrongly.
 */
import {invalidParameter} from './logs-input.js';

export type EventMatcher = (message: string) => boolean;

export function parseFilterPattern(pattern: string | undefined): EventMatcher {
	const text = (pattern ?? '').trim();
	if (text === '') return () => true;
	if (text.startsWith('{') || text.startsWith('['))
		throw invalidParameter(
			'Invalid filter pattern: the simulator matches terms, "phrases", ?alternatives, -exclusions and %regular expressions%, not JSON or space-delimited patterns.',
		);
	if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
		let regex: RegExp;
		try {
			regex = new RegExp(text.slice(1, -1));
		} catch {
			throw invalidParameter(`Invalid regular expression in filter pattern: ${text}`);
		}
		return (message) => regex.test(message);
	}

	const required: string[] = [];
	const excluded: string[] = [];
	const optional: string[] = [];
	for (const {term, mark} of terms(text)) {
		if (term === '') continue;
		if (mark === '-') excluded.push(term);
		else if (mark === '?') optional.push(term);
		else required.push(term);
	}
	return (message) =>
		required.every((t) => message.includes(t)) &&
		!excluded.some((t) => message.includes(t)) &&
		(optional.length === 0 || optional.some((t) => message.includes(t)));
}

/** Splits on spaces outside quotes; a leading `?` or `-` marks the term that follows. */
function terms(text: string): Array<{term: string; mark: '' | '?' | '-'}> {
	const out: Array<{term: string; mark: '' | '?' | '-'}> = [];
	let i = 0;
	while (i < text.length) {
		while (text[i] === ' ' || text[i] === '\t') i++;
		if (i >= text.length) break;
		let mark: '' | '?' | '-' = '';
		if (text[i] === '?' || text[i] === '-') mark = text[i++] as '?' | '-';
		let term = '';
		if (text[i] === '"') {
			i++;
			while (i < text.length && text[i] !== '"') {
				if (text[i] === '\\' && i + 1 < text.length) i++;
				term += text[i++];
			}
			if (text[i] !== '"')
				throw invalidParameter(`Invalid filter pattern: unterminated quote in ${text}`);
			i++;
		} else {
			while (i < text.length && text[i] !== ' ' && text[i] !== '\t') term += text[i++];
		}
		out.push({term, mark});
	}
	return out;
}
