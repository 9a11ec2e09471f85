/**
 * What ecs-top's printers (stderr messages, the --once summary, the log file) write for text
 * they did not write themselves: secrets in URLs masked, then terminal-safe.
 */
import {terminalSafe} from './terminal-text.js';
import {maskUrlSecrets} from './url-secrets.js';

/** One line of a message: no control character survives, a newline included. */
export function printableLine(text: string): string {
	return terminalSafe(maskUrlSecrets(text));
}

/** Several lines (a stack trace): each made safe, the line breaks kept. */
export function printableLines(text: string): string {
	return text.split('\n').map(printableLine).join('\n');
}

// JSON.stringify escapes C0 controls but writes DEL, C1 controls (U+009B is a CSI to some
// terminals), bidi overrides and line separators as they are.
const rawInJson =
	/[\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
/** The same characters, without `g`: `test` then keeps no position between calls. */
const rawInJsonAnywhere = new RegExp(rawInJson.source);

/**
 * Text with no DEL and nothing past ASCII holds none of rawInJson's characters: a UTF-8 length
 * counts every character past ASCII, and finding that out is ~5 times faster than the regexp's
 * search (30 MB: ~10 against ~60 ms).
 */
function plainAscii(text: string): boolean {
	return !text.includes('\u007f') && Buffer.byteLength(text, 'utf8') === text.length;
}

/**
 * JSON whose text holds no character a terminal would act on, and which parses to exactly
 * `value`: those characters can only occur inside strings, where `\uXXXX` means the same.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
	const json = JSON.stringify(value, null, indent);
	// Looked for before replacing: a replace that finds nothing still costs twice the search,
	// and --once's document of a large account is 30 MB that almost never holds one.
	if (typeof json === 'string' && plainAscii(json)) return json;
	if (!rawInJsonAnywhere.test(json)) return json;
	return json.replace(
		rawInJson,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
