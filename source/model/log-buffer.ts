/**
 * The log view's lines, bounded: a follow left open for hours must keep memory flat, so past the
 * bound the oldest lines are dropped (and counted, so the view can say so). Both the number of
 * lines and the text they hold are bounded: one CloudWatch event may be 256 KB.
 */

/** One event as the view shows it. */
export type LogLine = {
	/** Epoch ms of the event. */
	readonly at: number;
	/** The container it came from, and that container's task (the id, not the ARN). */
	readonly container: string;
	readonly taskId: string;
	/** The event's text as CloudWatch holds it, cut to `maxLineChars`; not yet terminal-safe. */
	readonly text: string;
};

export type LogBuffer = {
	readonly lines: readonly LogLine[];
	/** Lines dropped from the start to stay within the bound, since the view opened. */
	readonly dropped: number;
	readonly chars: number;
};

export const logBufferLimits = {
	lines: 5_000,
	/** About 4 MB of UTF-16 at most, whatever the lines hold. */
	chars: 2_000_000,
	/** A longer event is cut (a JSON dump, a base64 blob): it would fill pages of the view. */
	lineChars: 4_000,
} as const;

export const emptyLogBuffer: LogBuffer = {lines: [], dropped: 0, chars: 0};

/** `text` cut to the longest line kept, with a note of how much was cut. */
export function cutLine(text: string, max: number = logBufferLimits.lineChars): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)} … (${text.length - max} more characters)`;
}

/**
 * The buffer with `added` appended in time order and its oldest lines dropped past the bounds.
 * Events of several groups arrive in one refresh: `added` is sorted, and merged into the end of
 * what is held when it starts earlier than the last line held.
 */
export function appendLines(
	buffer: LogBuffer,
	added: readonly LogLine[],
	limits: {lines: number; chars: number} = logBufferLimits,
): LogBuffer {
	if (added.length === 0) return buffer;
	const incoming = [...added].sort((a, b) => a.at - b.at);
	const lines = [...buffer.lines];
	let chars = buffer.chars;
	for (const line of incoming) {
		let index = lines.length;
		while (index > 0 && lines[index - 1]!.at > line.at) index--;
		lines.splice(index, 0, line);
		chars += line.text.length;
	}
	let drop = Math.max(0, lines.length - limits.lines);
	let dropChars = 0;
	for (let index = 0; index < drop; index++) dropChars += lines[index]!.text.length;
	// Past the text bound, more go; the newest line always stays.
	while (drop < lines.length - 1 && chars - dropChars > limits.chars)
		dropChars += lines[drop++]!.text.length;
	return {
		lines: drop === 0 ? lines : lines.slice(drop),
		dropped: buffer.dropped + drop,
		chars: chars - dropChars,
	};
}
