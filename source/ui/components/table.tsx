// A virtualized table: only the rows in view become Ink nodes (Ink's cost follows its nodes),
// each row is one <Text> with its columns pre-padded by display width, and rows are memoized so a
// change in one row re-renders one row. Cost follows the pane height, not the 20,000 tasks behind
// it.
import {memo, useEffect, useState} from 'react';
import {Box} from 'ink';
import {Text} from './text.js';
import {displayWidth, padCell, truncate, type Align, type Cut} from '../format.js';
import {useTheme, type TextStyle, type Theme, type Tone} from '../theme.js';

export type TableColumn = {
	readonly key: string;
	readonly title: string;
	/** Fixed width in columns. Without width or flex a column takes flex 1. */
	readonly width?: number;
	/** Share of the room the fixed columns leave. */
	readonly flex?: number;
	readonly align?: Align;
	/**
	 * A flex column never gets less (the row is cut at the pane edge instead). A fixed column
	 * with one may be narrowed to it, when the row would not fit otherwise, before a flex column
	 * is cut below its content.
	 */
	readonly minWidth?: number;
	/** Where a cell too long for the column is cut: `middle` keeps a task definition's `:revision`. */
	readonly cut?: Cut;
	/**
	 * How soon an operator reads the column: 1 first (names, revisions), larger later
	 * (sparklines, placement). When a row does not fit, the later-read columns give their room
	 * first, down to their minWidth, then are hidden (a column with a priority above 1 only),
	 * before a column read sooner loses anything. Without one, a column is read first.
	 */
	readonly priority?: number;
	/**
	 * The width is the column's vocabulary (the longest status it can show), kept even when the
	 * rows in view show shorter words: the column does not jump when a longer status appears.
	 */
	readonly stable?: boolean;
};

export type TableRow = {
	/** Stable across refreshes (an ARN): React keeps the row's node while it scrolls. */
	readonly id: string;
	/** Already formatted: the table only pads and cuts. */
	readonly cells: Readonly<Record<string, string>>;
	readonly tone?: Tone;
	/** Colour for single cells (a STATUS or CPU column), over the row's tone. */
	readonly cellTones?: Readonly<Record<string, Tone>>;
};

/**
 * The rows of a table, asked for by index: the table asks only for the rows in view, so a pane
 * can build rows on demand. A plain array is one.
 */
export type TableRows = {
	readonly length: number;
	at(index: number): TableRow | undefined;
};

export type SortState = {readonly columnKey: string; readonly direction: 'asc' | 'desc'};

export type TableProps = {
	readonly columns: readonly TableColumn[];
	readonly rows: TableRows;
	readonly selectedIndex: number;
	/** Lines available, header included. */
	readonly height: number;
	readonly width: number;
	readonly sort?: SortState;
	/** The selected row is highlighted only in the focused pane; elsewhere it keeps a marker. */
	readonly focused: boolean;
	/** Shown under the header when there are no rows: `no services`. */
	readonly emptyText: string;
	/** Row ids marked with Space for a bulk action. */
	readonly marked?: ReadonlySet<string>;
	/** The columns that can be sorted by, for `onShownColumns`. */
	readonly sortable?: readonly string[];
	/** Told, after a render that changed them, which of `sortable` the header shows in full. */
	readonly onShownColumns?: (keys: readonly string[]) => void;
};

/** Selection marker and bulk-mark marker in front of every row. */
export const gutterWidth = 2;
const columnGap = 1;

/**
 * What a column's text needs, measured by the table on the rows in view: its header (the title
 * and room for the sort indicator) and its widest cell.
 */
export type ColumnNeed = {readonly header: number; readonly content: number};

/** The columns a sort indicator takes after a title: reserved, so sorting never cuts a title. */
const indicatorWidth = 1;

/**
 * Column widths for a table `width` columns wide (gutter included). Fixed columns get their
 * width, flex columns share what is left by ratio, no flex column goes under its minWidth.
 * The sum may exceed the width when the terminal is too narrow: the row is cut at the edge.
 *
 * With `needs` (what the text needs, see ColumnNeed) the room goes where the text is: a fixed
 * column is never narrower than its header, and when the ratio would cut a flex column's text
 * while another shows blanks, or the row would not fit, the widths are fitted to the text
 * instead. Room is then taken, in this order and only as much as needed, from flex columns'
 * titles longer than their text, from the blanks of fixed columns wider than their text (not
 * `stable` ones), and then by priority, the latest-read columns first: at each priority, fixed
 * columns down to their minWidth, flex columns (the widest first) down to theirs, and last the
 * columns of that priority are hidden (width 0) if it is above 1. A row that fits keeps the ratio
 * layout, so scrolling through rows of similar text does not move the columns.
 */
export function columnWidths(
	columns: readonly TableColumn[],
	width: number,
	needs?: readonly ColumnNeed[],
): number[] {
	const gaps = Math.max(0, columns.length - 1) * columnGap;
	const avail = Math.max(0, width - gutterWidth - gaps);
	const isFlex = (column: TableColumn) => column.width === undefined;
	const base = (column: TableColumn, i: number) =>
		Math.max(column.width ?? 0, needs?.[i]?.header ?? 0);
	const ratio = ratioWidths(columns, avail, base);
	if (needs === undefined) return ratio;

	const want = columns.map((column, i) =>
		isFlex(column)
			? Math.max(column.minWidth ?? 0, needs[i]?.header ?? 0, needs[i]?.content ?? 0)
			: base(column, i),
	);
	const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
	const fits = sum(ratio) <= avail;
	if (fits && columns.every((column, i) => !isFlex(column) || ratio[i]! >= want[i]!)) return ratio;

	const widths = want.slice();
	let excess = sum(widths) - avail;
	if (excess <= 0) {
		// Every text fits: the blanks left over go to the flex columns by ratio.
		const extra = ratioWidths(
			columns.map((column) => (isFlex(column) ? {...column, minWidth: 0} : {...column, width: 0})),
			-excess,
			() => 0,
		);
		return widths.map((w, i) => w + (isFlex(columns[i]!) ? extra[i]! : 0));
	}
	const fixedText = (i: number) =>
		columns[i]!.stable === true
			? want[i]!
			: Math.max(needs[i]?.header ?? 0, Math.min(want[i]!, needs[i]?.content ?? 0));
	const flexText = (i: number) => Math.max(columns[i]!.minWidth ?? 0, needs[i]?.content ?? 0);
	// A flex column's title longer than its text (`STOPPED BECAUSE` over `exit 137`).
	excess = shrink(widths, excess, (i) => (isFlex(columns[i]!) ? flexText(i) : undefined), false);
	// Blanks: a fixed column wider than anything it shows.
	excess = shrink(widths, excess, (i) => (isFlex(columns[i]!) ? undefined : fixedText(i)), false);
	const priorityOf = (i: number) => columns[i]!.priority ?? 1;
	const levels = [...new Set(columns.map((_, i) => priorityOf(i)))].sort((a, b) => b - a);
	for (const level of levels) {
		if (excess <= 0) break;
		const at = (i: number) => priorityOf(i) === level;
		// Text of fixed columns that may be narrowed (an EC2 id keeps enough to tell it apart).
		excess = shrink(
			widths,
			excess,
			(i) =>
				!at(i) || isFlex(columns[i]!) || columns[i]!.minWidth === undefined
					? undefined
					: Math.min(fixedText(i), columns[i]!.minWidth!),
			false,
		);
		// Text of flex columns, the widest first, so each keeps as much as the others.
		excess = shrink(
			widths,
			excess,
			(i) => (at(i) && isFlex(columns[i]!) ? (columns[i]!.minWidth ?? 0) : undefined),
			true,
		);
		if (level <= 1) continue;
		// Still too wide: the columns read last go, the rightmost first, each with its gap.
		for (let i = columns.length - 1; i >= 0 && excess > 0; i--) {
			if (!at(i) || widths[i] === 0) continue;
			excess -= widths[i]! + columnGap;
			widths[i] = 0;
		}
	}
	if (excess < 0) {
		// Hiding a column may free more than was needed: the room goes back to the flex columns.
		const flexShown = columns.findIndex((column, i) => isFlex(column) && widths[i]! > 0);
		if (flexShown >= 0) widths[flexShown]! -= excess;
	}
	return widths;
}

/** Takes up to `excess` columns, one at a time, from the column with the most to give. */
function shrink(
	widths: number[],
	excess: number,
	floor: (i: number) => number | undefined,
	byWidth: boolean,
): number {
	const floors = widths.map((_, i) => floor(i));
	while (excess > 0) {
		let pick = -1;
		let best = 0;
		for (let i = 0; i < widths.length; i++) {
			const f = floors[i];
			if (f === undefined || widths[i]! <= f) continue;
			const score = byWidth ? widths[i]! : widths[i]! - f;
			if (score > best) {
				best = score;
				pick = i;
			}
		}
		if (pick < 0) break;
		widths[pick]! -= 1;
		excess -= 1;
	}
	return excess;
}

/** The ratio layout: fixed columns at `fixedWidth`, flex columns sharing the rest by flex. */
function ratioWidths(
	columns: readonly TableColumn[],
	avail: number,
	fixedWidth: (column: TableColumn, i: number) => number,
): number[] {
	const isFlex = (column: TableColumn) => column.width === undefined;
	const fixed = columns.reduce(
		(total, column, i) => total + (isFlex(column) ? 0 : fixedWidth(column, i)),
		0,
	);
	let room = Math.max(0, avail - fixed);
	const flexOf = (column: TableColumn) => (isFlex(column) ? Math.max(0, column.flex ?? 1) : 0);
	const totalFlex = columns.reduce((total, column) => total + flexOf(column), 0);
	const widths = columns.map((column, i) =>
		isFlex(column)
			? Math.max(
					column.minWidth ?? 0,
					totalFlex > 0 ? Math.floor((room * flexOf(column)) / totalFlex) : 0,
				)
			: fixedWidth(column, i),
	);
	// Rounding leftovers go to the flex columns from the left, so the row fills the width exactly.
	room -= widths.reduce((total, w, i) => total + (isFlex(columns[i]!) ? w : 0), 0);
	// Flooring loses less than one column per flex column, so one pass places them all.
	for (let i = 0; room > 0 && i < columns.length; i++) {
		if (flexOf(columns[i]!) > 0) {
			widths[i]! += 1;
			room -= 1;
		}
	}
	return widths;
}

/**
 * The first visible row, htop style: the window moves only when the selection would leave it,
 * and by no more than needed, so moving within the page does not scroll.
 */
export function scrollOffset(
	previous: number,
	selected: number,
	visible: number,
	total: number,
): number {
	if (visible <= 0 || total <= 0) return 0;
	let offset = previous;
	if (selected < offset) offset = selected;
	else if (selected >= offset + visible) offset = selected - visible + 1;
	return Math.max(0, Math.min(offset, total - visible));
}

/**
 * The display width of each of a row's cells, kept per row object: rows are immutable and reused
 * while they read the same, so measuring the rows in view costs only the rows that changed.
 */
const measured = new WeakMap<TableRow, {columns: readonly TableColumn[]; widths: number[]}>();
function cellWidths(row: TableRow, columns: readonly TableColumn[]): number[] {
	const cached = measured.get(row);
	if (cached !== undefined && cached.columns === columns) return cached.widths;
	const widths = columns.map((column) => displayWidth(row.cells[column.key] ?? ''));
	measured.set(row, {columns, widths});
	return widths;
}

/**
 * Column widths for the text in view, kept per columns object for the last few keys, so a
 * redraw with the same widths hands the rows the same array: scrolling back and forth between
 * two windows of different text does not re-render every row twice.
 */
const layouts = new WeakMap<readonly TableColumn[], Map<string, number[]>>();
const layoutsKept = 8;
function widthsFor(columns: readonly TableColumn[], width: number, contentKey: string): number[] {
	let kept = layouts.get(columns);
	if (kept === undefined) {
		kept = new Map();
		layouts.set(columns, kept);
	}
	const key = `${width}:${contentKey}`;
	const cached = kept.get(key);
	if (cached !== undefined) return cached;
	const widths = columnWidths(
		columns,
		width,
		contentKey.split(',').map((content, i) => ({
			header: displayWidth(columns[i]!.title) + indicatorWidth,
			content: Number(content),
		})),
	);
	kept.set(key, widths);
	if (kept.size > layoutsKept) kept.delete(kept.keys().next().value!);
	return widths;
}

/** Index math, never rows.map: the 20,000-row case costs what the 30 visible rows cost. */
function rowsInView(rows: TableRows, offset: number, visible: number): TableRow[] {
	const inView: TableRow[] = [];
	const end = Math.min(rows.length, offset + visible);
	for (let i = offset; i < end; i++) {
		const row = rows.at(i);
		if (row === undefined) break;
		inView.push(row);
	}
	return inView;
}

/** The widest cell of each column among `rows`, as `9,15,0`. */
function widestCellsKey(rows: readonly TableRow[], columns: readonly TableColumn[]): string {
	const widest = columns.map(() => 0);
	for (const row of rows)
		cellWidths(row, columns).forEach((w, i) => (widest[i] = Math.max(widest[i]!, w)));
	return widest.join(',');
}

/** Column by column, the wider of two `widestCellsKey`s. */
function widerKey(a: string, b: string): string {
	const left = a.split(',');
	return b
		.split(',')
		.map((w, i) => String(Math.max(Number(w), Number(left[i] ?? 0))))
		.join(',');
}

type Highlight = 'focused' | 'unfocused' | 'none';

function gutter(theme: Theme, highlight: Highlight, marked: boolean): string {
	return (
		(highlight === 'none' ? ' ' : theme.glyphs.selected) + (marked ? theme.glyphs.marked : ' ')
	);
}

type Segment = {text: string; tone: Tone | undefined};

/** A row as runs of same-tone text, so a row with one coloured cell is two or three nodes. */
function rowSegments(
	row: TableRow,
	columns: readonly TableColumn[],
	widths: readonly number[],
	prefix: string,
	width: number,
	ellipsis: string,
): Segment[] {
	const segments: Segment[] = [{text: prefix, tone: row.tone}];
	let used = gutterWidth;
	let shown = 0;
	columns.forEach((column, i) => {
		// A hidden column (width 0, see columnWidths) takes no gap either.
		if (used >= width || widths[i] === 0) return;
		const gap = shown > 0 ? columnGap : 0;
		const cell =
			' '.repeat(gap) +
			padCell(row.cells[column.key] ?? '', widths[i] ?? 0, column.align, ellipsis, column.cut);
		const tone = row.cellTones?.[column.key] ?? row.tone;
		const last = segments[segments.length - 1]!;
		if (last.tone === tone) last.text += cell;
		else segments.push({text: cell, tone});
		used += gap + (widths[i] ?? 0);
		shown += 1;
	});
	const line = segments.map((segment) => segment.text).join('');
	// Cut at the pane edge here rather than let Ink wrap, and pad so a highlight spans the row.
	const fitted = padCell(line, width, 'left', ellipsis);
	if (fitted !== line) return cutSegments(segments, fitted);
	return segments;
}

function cutSegments(segments: Segment[], fitted: string): Segment[] {
	// A row cut or padded to the pane width: keep the tones and re-split the fitted line. It
	// starts with the original text (truncate keeps a prefix), so code-unit lengths line up.
	const out: Segment[] = [];
	let rest = fitted;
	for (const segment of segments) {
		if (rest.length === 0) break;
		const take = Math.min(segment.text.length, rest.length);
		out.push({text: rest.slice(0, take), tone: segment.tone});
		rest = rest.slice(take);
	}
	if (rest.length > 0 && out.length > 0) out[out.length - 1]!.text += rest;
	return out;
}

type RowLineProps = {
	readonly row: TableRow;
	readonly columns: readonly TableColumn[];
	readonly widths: readonly number[];
	readonly width: number;
	readonly highlight: Highlight;
	readonly marked: boolean;
	readonly theme: Theme;
};

// Props are the row object and primitives: with immutable rows from the store, moving the
// selection re-renders the two rows whose highlight changed and nothing else.
const RowLine = memo(function RowLine({
	row,
	columns,
	widths,
	width,
	highlight,
	marked,
	theme,
}: RowLineProps) {
	const segments = rowSegments(
		row,
		columns,
		widths,
		gutter(theme, highlight, marked),
		width,
		theme.glyphs.ellipsis,
	);
	const toneStyle = (tone: Tone | undefined): TextStyle => (tone ? theme.status[tone] : {});
	if (highlight === 'focused') {
		// The selection colour wins over tones: a red cell on a cyan bar is unreadable.
		return (
			<Text wrap="truncate" {...theme.selection}>
				{segments.map((segment) => segment.text).join('')}
			</Text>
		);
	}
	const rowStyle = highlight === 'unfocused' ? theme.selectionUnfocused : {};
	if (segments.length === 1) {
		return (
			<Text wrap="truncate" {...rowStyle} {...toneStyle(segments[0]!.tone)}>
				{segments[0]!.text}
			</Text>
		);
	}
	return (
		<Text wrap="truncate" {...rowStyle}>
			{segments.map((segment, i) => (
				<Text key={i} {...toneStyle(segment.tone)}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
});

/** The header line with the sort indicator after the sorted column's title. */
export function headerLine(
	columns: readonly TableColumn[],
	widths: readonly number[],
	width: number,
	sort: SortState | undefined,
	theme: Theme,
): string {
	const titles = columns.flatMap((column, i) => {
		if (widths[i] === 0) return [];
		const indicator =
			sort?.columnKey === column.key
				? sort.direction === 'asc'
					? theme.glyphs.sortAscending
					: theme.glyphs.sortDescending
				: '';
		const w = widths[i] ?? 0;
		// The indicator must survive a narrow column: cut the title, not the arrow.
		const title = truncate(
			column.title,
			Math.max(0, w - displayWidth(indicator)),
			theme.glyphs.ellipsis,
		);
		return [padCell(title + indicator, w, column.align, theme.glyphs.ellipsis)];
	});
	return padCell(' '.repeat(gutterWidth) + titles.join(' '), width, 'left', theme.glyphs.ellipsis);
}

/**
 * The columns whose title and sort arrow the header shows whole at these widths: a column past
 * the pane's edge, or cut by it, is not one (sorting by it would show no arrow).
 */
export function shownColumns(
	columns: readonly TableColumn[],
	widths: readonly number[],
	width: number,
): string[] {
	const total =
		gutterWidth +
		widths.reduce((sum, w) => sum + w, 0) +
		Math.max(0, columns.length - 1) * columnGap;
	// A header cut at the edge ends in an ellipsis, which takes the last column.
	const limit = total > width ? width - 1 : width;
	const shown: string[] = [];
	let start = gutterWidth;
	columns.forEach((column, i) => {
		const w = widths[i] ?? 0;
		const titleEnd =
			column.align === 'right' ? w : Math.min(w, displayWidth(column.title) + indicatorWidth);
		if (w > 0 && start + titleEnd <= limit) shown.push(column.key);
		start += w + columnGap;
	});
	return shown;
}

/**
 * The header with the sort named at its right end (` AGE▼`), for when the sorted column is not
 * on screen (the terminal got narrower): which way the rows are sorted is always said.
 */
export function withSortLabel(
	header: string,
	columns: readonly TableColumn[],
	sort: SortState,
	width: number,
	theme: Theme,
): string {
	const column = columns.find((c) => c.key === sort.columnKey);
	if (column === undefined) return header;
	const arrow = sort.direction === 'asc' ? theme.glyphs.sortAscending : theme.glyphs.sortDescending;
	const label = ` ${column.title}${arrow}`;
	const room = Math.max(0, width - displayWidth(label));
	return padCell(header, room, 'left', theme.glyphs.ellipsis) + label;
}

export function Table({
	columns,
	rows,
	selectedIndex,
	height,
	width,
	sort,
	focused,
	emptyText,
	marked,
	sortable,
	onShownColumns,
}: TableProps) {
	const theme = useTheme();
	const visible = Math.max(0, height - 1);
	const selected = Math.max(0, Math.min(selectedIndex, rows.length - 1));

	// The window start depends on where it was (htop scrolling), so it is state; it is
	// corrected during render, which React allows for state derived from props.
	const [previousOffset, setPreviousOffset] = useState(0);
	const offset = scrollOffset(previousOffset, selected, visible, rows.length);
	if (offset !== previousOffset) setPreviousOffset(offset);

	const inView = rowsInView(rows, offset, visible);

	// Widths follow the widest text this table has shown, grow-only: a refresh or a scroll that
	// shows shorter text does not narrow a column and move the others. The same text gives the
	// same widths object (the memoized row lines compare it by identity).
	// State derived from the rows, corrected during render as the scroll offset above is.
	const [grown, setGrown] = useState<{columns: readonly TableColumn[]; key: string}>();
	const inViewKey = widestCellsKey(inView, columns);
	const contentKey = grown?.columns === columns ? widerKey(grown.key, inViewKey) : inViewKey;
	if (grown?.columns !== columns || grown.key !== contentKey) setGrown({columns, key: contentKey});
	const widths = widthsFor(columns, width, contentKey);

	const shown = shownColumns(columns, widths, width);
	const shownSortable = (
		sortable === undefined ? [] : shown.filter((key) => sortable.includes(key))
	).join(',');
	useEffect(() => {
		if (sortable !== undefined && width > 0)
			onShownColumns?.(shownSortable === '' ? [] : shownSortable.split(','));
	}, [shownSortable, onShownColumns, sortable, width]);

	// A few columns' titles: cheaper to build than to memoize against the widths in view.
	const line = headerLine(columns, widths, width, sort, theme);
	const header =
		sort !== undefined && !shown.includes(sort.columnKey)
			? withSortLabel(line, columns, sort, width, theme)
			: line;
	if (height <= 0 || width <= 0) return null;

	const lines = inView.map((row, index) => {
		const i = offset + index;
		return (
			<RowLine
				key={row.id}
				row={row}
				columns={columns}
				widths={widths}
				width={width}
				highlight={i === selected ? (focused ? 'focused' : 'unfocused') : 'none'}
				marked={marked?.has(row.id) ?? false}
				theme={theme}
			/>
		);
	});

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate" {...theme.header}>
				{header}
			</Text>
			{rows.length === 0 && visible > 0 ? (
				<Text wrap="truncate" {...theme.status.muted}>
					{padCell(' '.repeat(gutterWidth) + emptyText, width, 'left', theme.glyphs.ellipsis)}
				</Text>
			) : (
				lines
			)}
		</Box>
	);
}
