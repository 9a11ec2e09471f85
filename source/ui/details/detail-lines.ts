/**
 * The pattern every detail view (Enter) follows: the content is a pure list of lines built from
 * the entity, and one component shows a window of them. Pure lines are testable without Ink, and
 * the shell scrolls them with j/k/PgUp/PgDn/g/G knowing only how many there are.
 */
import wrapAnsi from 'wrap-ansi';
import {columnWidths, type TableColumn} from '../components/table.js';
import {displayWidth, formatAge, padCell, truncate} from '../format.js';
import {terminalSafe} from '../../text/terminal-text.js';
import {unicodeGlyphs, type Glyphs, type Tone} from '../theme.js';
import type {TextViewport} from '../ui-state.js';

/** A run of text with what it means; `strong` marks headings and table headers. */
export type DetailSegment = {
	readonly text: string;
	readonly tone?: Tone;
	readonly strong?: boolean;
};

export type DetailLine =
	| {readonly kind: 'heading'; readonly text: string}
	/** `label   value`, the labels of one view aligned in a column. */
	| {readonly kind: 'field'; readonly label: string; readonly value: readonly DetailSegment[]}
	| {
			readonly kind: 'text';
			readonly segments: readonly DetailSegment[];
			/**
			 * Columns a wrapped line's next rows are indented by (an event's age column); by
			 * default the line's own leading spaces.
			 */
			readonly hang?: number;
	  }
	| {readonly kind: 'blank'};

/** What every view's line builder needs besides its entity. */
export type DetailContext = {
	/** Columns available: tables inside a view are laid out to it. */
	readonly width: number;
	/** Epoch ms, for ages; passed in so a steady screen does not tick. */
	readonly now: number;
	/** The theme's glyphs (sparkline ramp, meter, ellipsis); Unicode when not given. */
	readonly glyphs?: Glyphs;
};

/** A context with its defaults filled in. */
export type ResolvedContext = {
	readonly width: number;
	readonly now: number;
	readonly glyphs: Glyphs;
};

export function resolveContext(context: DetailContext): ResolvedContext {
	return {width: context.width, now: context.now, glyphs: context.glyphs ?? unicodeGlyphs};
}

export const blank: DetailLine = {kind: 'blank'};

export function heading(text: string): DetailLine {
	return {kind: 'heading', text};
}

export function field(
	label: string,
	value: string | readonly DetailSegment[],
	tone?: Tone,
): DetailLine {
	return {kind: 'field', label, value: typeof value === 'string' ? [segment(value, tone)] : value};
}

export function text(...segments: readonly DetailSegment[]): DetailLine {
	return {kind: 'text', segments};
}

/** A text line whose wrapped rows start `hang` columns in, under its text rather than its prefix. */
export function hangingText(hang: number, ...segments: readonly DetailSegment[]): DetailLine {
	return {kind: 'text', segments, hang};
}

export function segment(value: string, tone?: Tone): DetailSegment {
	return tone === undefined ? {text: value} : {text: value, tone};
}

/** Everything a line builder produces: the shell clamps its scroll offset to this. */
export function detailLineCount(lines: readonly DetailLine[]): number {
	return lines.length;
}

/** The rows `lines` take wrapped at `width`: what a detail view scrolls through. */
export function detailRowCount(lines: readonly DetailLine[], width: number): number {
	return detailRows(lines, width).length;
}

/** `3m ago`, or `-` when AWS gave no time. */
export function ago(at: number | undefined, now: number): string {
	return at === undefined ? '-' : `${formatAge(now - at)} ago`;
}

/** `-` for a value AWS left out, so an empty field is visibly empty rather than blank. */
export function orDash(value: string | number | undefined): string {
	return value === undefined || value === '' ? '-' : String(value);
}

// Labels longer than this are cut, so one long label cannot push every value off screen.
const maxLabelWidth = 20;
const labelGap = 2;

export function labelWidth(lines: readonly DetailLine[]): number {
	let widest = 0;
	for (const line of lines) {
		if (line.kind === 'field') widest = Math.max(widest, displayWidth(line.label));
	}
	return Math.min(maxLabelWidth, widest);
}

/** A line as styled runs that together take at most `width` columns: cut, never wrapped. */
export function fitLine(
	line: DetailLine,
	width: number,
	labelColumn: number,
	ellipsis: string = unicodeGlyphs.ellipsis,
): DetailSegment[] {
	switch (line.kind) {
		case 'blank':
			return [];
		case 'heading':
			return fitSegments([{text: line.text, strong: true}], width, ellipsis);
		case 'field': {
			const label = padCell(line.label, labelColumn, 'left', ellipsis) + ' '.repeat(labelGap);
			return fitSegments([{text: label, tone: 'muted'}, ...line.value], width, ellipsis);
		}
		case 'text':
			return fitSegments(line.segments, width, ellipsis);
	}
}

function fitSegments(
	segments: readonly DetailSegment[],
	width: number,
	ellipsis: string,
): DetailSegment[] {
	// Made terminal-safe before measuring: a newline or an escape sequence in an AWS message is
	// shown as `\n` or `\e`, takes the columns it is shown in, and cannot break the layout.
	const cleaned = segments.map((part) => ({...part, text: terminalSafe(part.text)}));
	const total = cleaned.reduce((sum, part) => sum + displayWidth(part.text), 0);
	if (total <= width) return cleaned;
	// Too long: keep whole runs while they leave room for the ellipsis, cut the one that does not.
	const markWidth = displayWidth(ellipsis);
	const out: DetailSegment[] = [];
	let used = 0;
	for (const part of cleaned) {
		const room = width - used;
		const w = displayWidth(part.text);
		if (w + markWidth <= room) {
			out.push(part);
			used += w;
			continue;
		}
		const kept = room > markWidth ? truncate(part.text, room - markWidth, '') : '';
		out.push({...part, text: kept + truncate(ellipsis, Math.max(0, room), '')});
		break;
	}
	return out;
}

/**
 * A line as the rows it takes at `width`: wrapped, never cut, so a long event message or stop
 * reason is read whole at any terminal width. A field's value wraps in its value column; a text
 * line's rows after the first start under its text (its `hang`); a table row, already laid out
 * to the width, stays one row. Words break at spaces; a word longer than the room (an ARN)
 * breaks where the room ends.
 */
export function wrapLine(
	line: DetailLine,
	width: number,
	labelColumn: number,
	ellipsis: string = unicodeGlyphs.ellipsis,
): DetailSegment[][] {
	if (width <= 0) return [[]];
	switch (line.kind) {
		case 'blank':
			return [[]];
		case 'heading':
			return wrapSegments([{text: line.text, strong: true}], width, ellipsis);
		case 'field': {
			const column = Math.min(labelColumn + labelGap, Math.floor(width / 2));
			const label = padCell(line.label, Math.max(0, column - labelGap), 'left', ellipsis);
			const labelRun = {text: label + ' '.repeat(column - displayWidth(label)), tone: 'muted'};
			return withPrefix(labelRun as DetailSegment, column, line.value, width, ellipsis);
		}
		case 'text': {
			const cleaned = clean(line.segments);
			const leading = /^ */.exec(cleaned.map((part) => part.text).join(''))![0].length;
			const hang = Math.min(line.hang ?? leading, Math.floor(width / 2));
			const [prefix, rest] = splitAtColumn(cleaned, hang);
			return withPrefix(prefix, hang, rest, width, ellipsis);
		}
	}
}

/** Every line's rows, in order: what a detail view shows and scrolls through. */
export function detailRows(
	lines: readonly DetailLine[],
	width: number,
	ellipsis: string = unicodeGlyphs.ellipsis,
): DetailSegment[][] {
	const labels = labelWidth(lines);
	return lines.flatMap((line) => wrapLine(line, width, labels, ellipsis));
}

function clean(segments: readonly DetailSegment[]): DetailSegment[] {
	return segments.map((part) => ({...part, text: terminalSafe(part.text)}));
}

/** `prefix` (taking `column` columns) before the first row of `body`, spaces before the others. */
function withPrefix(
	prefix: DetailSegment | undefined,
	column: number,
	body: readonly DetailSegment[],
	width: number,
	ellipsis: string,
): DetailSegment[][] {
	const rows = wrapSegments(body, width - column, ellipsis);
	const indent = {text: ' '.repeat(column)};
	return rows.map((row, i) => {
		const lead = i === 0 ? prefix : indent;
		return lead === undefined || lead.text === '' ? row : [lead, ...row];
	});
}

/** The runs before and after column `at` (a cut inside a run splits it, tone kept on both sides). */
function splitAtColumn(
	segments: readonly DetailSegment[],
	at: number,
): [DetailSegment | undefined, DetailSegment[]] {
	if (at <= 0) return [undefined, [...segments]];
	let prefix = '';
	const rest: DetailSegment[] = [];
	for (const part of segments) {
		const room = at - displayWidth(prefix);
		if (room <= 0) rest.push(part);
		else if (displayWidth(part.text) <= room) prefix += part.text;
		else {
			const kept = truncate(part.text, room, '');
			prefix += kept;
			rest.push({...part, text: part.text.slice(kept.length)});
		}
	}
	const prefixTone = segments[0]?.tone;
	return [prefixTone === undefined ? {text: prefix} : {text: prefix, tone: prefixTone}, rest];
}

/** Styled runs wrapped to rows of at most `width` columns, each run keeping its style. */
function wrapSegments(
	segments: readonly DetailSegment[],
	width: number,
	ellipsis: string,
): DetailSegment[][] {
	const cleaned = clean(segments);
	const plain = cleaned.map((part) => part.text).join('');
	if (displayWidth(plain) <= width) return [cleaned];
	if (width < 1) return [fitSegments(cleaned, Math.max(0, width), ellipsis)];
	// trim: false keeps every character, so the rows laid end to end are the text again and each
	// row maps back onto the runs by position.
	const wrapped = wrapAnsi(plain, width, {hard: true, trim: false, wordWrap: true}).split('\n');
	if (wrapped.join('') !== plain) return [fitSegments(cleaned, width, ellipsis)];
	const rows: DetailSegment[][] = [];
	let run = 0;
	let offset = 0;
	for (const [index, rowText] of wrapped.entries()) {
		const row: DetailSegment[] = [];
		let need = rowText.length;
		while (need > 0 && run < cleaned.length) {
			const part = cleaned[run]!;
			const take = Math.min(need, part.text.length - offset);
			if (take > 0) row.push({...part, text: part.text.slice(offset, offset + take)});
			need -= take;
			offset += take;
			if (offset >= part.text.length) {
				run += 1;
				offset = 0;
			}
		}
		// The space a row broke at stays at the end of the row before; a row does not start with it.
		if (index > 0) trimStart(row);
		rows.push(fitSegments(trimEndBeyond(row, width), width, ellipsis));
	}
	return rows;
}

/** Spaces kept at a row's end may pass the width; they are dropped rather than cut with a mark. */
function trimEndBeyond(row: DetailSegment[], width: number): DetailSegment[] {
	const total = row.reduce((sum, part) => sum + displayWidth(part.text), 0);
	if (total <= width || row.length === 0) return row;
	const last = row.at(-1)!;
	return [...row.slice(0, -1), {...last, text: last.text.replace(/ +$/, '')}];
}

function trimStart(row: DetailSegment[]): void {
	while (row.length > 0) {
		const first = row[0]!;
		const trimmed = first.text.replace(/^ +/, '');
		if (trimmed !== '') {
			row[0] = {...first, text: trimmed};
			return;
		}
		row.shift();
	}
}

export type DetailWindow = {
	/** Index of the first line shown. */
	readonly first: number;
	/** Content lines shown. */
	readonly count: number;
	/** `lines 12-40 of 120`, when the content does not fit; it takes the last row. */
	readonly indicator: string | undefined;
};

/**
 * Which lines fit in `height` rows at `scrollOffset`, clamped so the last page is full. When
 * the content is taller than the view, the last row goes to the position indicator.
 */
export function detailWindow(total: number, height: number, scrollOffset: number): DetailWindow {
	if (height <= 0) return {first: 0, count: 0, indicator: undefined};
	if (total <= height) return {first: 0, count: total, indicator: undefined};
	const rows = height - 1;
	const first = clampDetailScroll(total, height, scrollOffset);
	const count = Math.min(rows, total - first);
	const indicator = rows > 0 ? `lines ${first + 1}-${first + count} of ${total}` : undefined;
	return {first, count, indicator};
}

/** What a detail view of `total` lines in `height` rows can scroll: its last start and a page. */
export function detailViewport(total: number, height: number): TextViewport {
	return {
		maxScroll: clampDetailScroll(total, height, Number.POSITIVE_INFINITY),
		// The last row says where the view is whenever the text is taller than the view.
		page: total <= height ? height : Math.max(1, height - 1),
	};
}

/** The largest useful scroll offset for `total` lines in `height` rows (indicator included). */
export function clampDetailScroll(total: number, height: number, scrollOffset: number): number {
	if (total <= height) return 0;
	const rows = Math.max(1, height - 1);
	return Math.max(0, Math.min(Math.floor(scrollOffset), total - rows));
}

export type DetailTableColumn = TableColumn;

export type DetailTableRow = {
	readonly cells: Readonly<Record<string, string>>;
	readonly tone?: Tone;
	readonly cellTones?: Readonly<Record<string, Tone>>;
};

// Table rows are indented like the Table component's gutter, so a table inside a detail view
// lines up with the panes the user just came from.
const indent = '  ';

/**
 * A small table as detail lines: a header and one line per row, columns padded by display
 * width to fit `width` (the shared Table's column rules), cell tones kept per cell.
 */
export function tableLines(
	columns: readonly DetailTableColumn[],
	rows: readonly DetailTableRow[],
	width: number,
	empty: string,
	ellipsis: string = unicodeGlyphs.ellipsis,
): DetailLine[] {
	const widths = columnWidths(columns, width);
	const cells = (value: (column: DetailTableColumn, i: number) => DetailSegment) =>
		columns.map((column, i) => {
			const cell = value(column, i);
			const padded = padCell(cell.text, widths[i] ?? 0, column.align, ellipsis);
			return {...cell, text: (i > 0 ? ' ' : '') + padded};
		});
	const header = text({text: indent}, ...cells((column) => ({text: column.title, strong: true})));
	if (rows.length === 0) return [header, text({text: indent + empty, tone: 'muted'})];
	return [
		header,
		...rows.map((row) =>
			text(
				segment(indent, row.tone),
				...cells((column) => {
					const tone = row.cellTones?.[column.key] ?? row.tone;
					return segment(row.cells[column.key] ?? '', tone);
				}),
			),
		),
	];
}
