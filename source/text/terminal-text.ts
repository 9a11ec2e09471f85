/**
 * The one rule for text that came from outside ecs-top (AWS, the simulator, a config file, the
 * command line) before it reaches a terminal: every character a terminal would act on instead
 * of print is replaced by a visible spelling of itself. An escape sequence then reads as text
 * (`\e]0;pwned\x07`) and drives nothing: no title change, no clipboard write, no cursor move.
 *
 * Replaced: C0 and C1 controls and DEL (`\e`, `\n`, `\r`, `\t`, else `\xNN`), and format
 * characters that are invisible or reorder what follows (bidirectional overrides and isolates,
 * zero-width spaces, the soft hyphen, line and paragraph separators: `⟨U+202E⟩`), and lone
 * surrogates. Kept: zero-width joiners and emoji tag characters, which emoji sequences need.
 *
 * The result contains only characters that print, so it is idempotent: text made safe twice
 * reads the same, and every layer (the width helpers, the Text component, the printers) can
 * apply it without knowing whether another already did.
 */

const printableAscii = /^[\x20-\x7e]*$/;

// Cc: C0, DEL, C1. Zl/Zp: U+2028/U+2029, which some terminals and editors take as a line break.
// Cf but ZWNJ, ZWJ and tags: bidi controls, zero-width spaces, BOM, soft hyphen. Lone
// surrogates: written out as U+FFFD by Node, and measured differently by every library.
const unsafe = /[\p{Cc}\p{Zl}\p{Zp}\ud800-\udfff]|(?!\u200c|\u200d|[\u{e0020}-\u{e007f}])\p{Cf}/gu;

const unsafeOne = new RegExp(unsafe.source, 'u');

const named: Readonly<Record<string, string>> = {
	'\u001b': '\\e',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
};

function visible(character: string): string {
	const known = named[character];
	if (known !== undefined) return known;
	const code = character.codePointAt(0)!;
	if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
	return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** `text` with every character a terminal would interpret spelled out visibly. */
export function terminalSafe(text: string): string {
	// The common case (names, ids, numbers) is plain ASCII: one cheap test per cell.
	if (printableAscii.test(text)) return text;
	return text.replace(unsafe, visible);
}

/** Whether `terminalSafe` would change `text`. */
export function needsEscaping(text: string): boolean {
	return !printableAscii.test(text) && unsafeOne.test(text);
}
