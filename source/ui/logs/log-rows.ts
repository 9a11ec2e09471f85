/**
 * The log view's rows: each event's text made terminal-safe (a log line is untrusted text: an
 * escape sequence in it must read as text, never drive the terminal), split at its line breaks,
 * then cut or wrapped to the width. Pure, so the view only draws.
 */
import type {LogLine} from '../../model/log-buffer.js';
import {terminalSafe} from '../../text/terminal-text.js';
import {displayWidth, truncate} from '../format.js';

export type LogRow = {
	/** The time and source columns, or blank under a wrapped or continued line. */
	readonly prefix: string;
	readonly text: string;
};

export type RowOptions = {
	readonly width: number;
	readonly wrap: boolean;
	readonly timestamps: boolean;
	/** Which column names the line's origin: none (one container), its container, or both. */
	readonly source: 'none' | 'container' | 'task';
	readonly ellipsis: string;
};

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** `12:31:05.042` in the local time zone. */
export function clockTime(at: number): string {
	const date = new Date(at);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function sourceOf(line: LogLine, source: RowOptions['source']): string {
	if (source === 'none') return '';
	if (source === 'container') return line.container;
	return `${line.taskId.slice(0, 8)} ${line.container}`;
}

/** The lines the search lets through (any case, in the text or the source). */
export function matchingLines(lines: readonly LogLine[], search: string): readonly LogLine[] {
	if (search === '') return lines;
	const needle = search.toLowerCase();
	return lines.filter(
		(line) =>
			line.text.toLowerCase().includes(needle) || line.container.toLowerCase().includes(needle),
	);
}

/** Pieces of `text` of at most `width` columns each, never splitting a character. */
function wrapped(text: string, width: number): string[] {
	if (width <= 0) return [text];
	if (/^[\x20-\x7e]*$/.test(text)) {
		const pieces: string[] = [];
		for (let start = 0; start < text.length; start += width)
			pieces.push(text.slice(start, start + width));
		return pieces.length === 0 ? [''] : pieces;
	}
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const w = displayWidth(segment);
		if (used + w > width && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}
		piece += segment;
		used += w;
	}
	pieces.push(piece);
	return pieces;
}

/** Every row the lines take at this width: one per line break, more when wrapped. */
export function logRows(lines: readonly LogLine[], options: RowOptions): LogRow[] {
	const sourceWidth =
		options.source === 'none'
			? 0
			: Math.min(
					32,
					lines.reduce(
						(widest, line) => Math.max(widest, displayWidth(sourceOf(line, options.source))),
						0,
					),
				);
	const rows: LogRow[] = [];
	for (const line of lines) {
		const time = options.timestamps ? `${clockTime(line.at)} ` : '';
		const cut = truncate(sourceOf(line, options.source), sourceWidth, options.ellipsis);
		const source = sourceWidth === 0 ? '' : `${cut}${' '.repeat(sourceWidth - displayWidth(cut))} `;
		const prefix = `${time}${source}`;
		const prefixWidth = displayWidth(prefix);
		const blank = ' '.repeat(prefixWidth);
		const room = Math.max(1, options.width - prefixWidth);
		// Tabs as spaces (stack traces indent with them), other controls spelled out.
		const parts = line.text.replace(/\r?\n$/, '').split(/\r?\n/);
		parts.forEach((part, index) => {
			const safe = terminalSafe(part.replaceAll('\t', '    '));
			const pieces = options.wrap ? wrapped(safe, room) : [truncate(safe, room, options.ellipsis)];
			pieces.forEach((piece, pieceIndex) =>
				rows.push({prefix: index === 0 && pieceIndex === 0 ? prefix : blank, text: piece}),
			);
		});
	}
	return rows;
}
