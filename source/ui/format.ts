// Pure text helpers for the TUI. Everything is measured in terminal columns (display width),
// not string length: CJK names and emoji take two columns, and a table padded by `.length`
// would drift out of alignment.
//
// Every helper first makes its text terminal-safe (control characters and escape sequences
// spelled out, see source/text/terminal-text.ts), then measures and cuts what will be shown:
// a cut never lands inside an escape sequence, because none is left, and widths are those of
// the visible spelling. What they return is safe to print.
import stringWidth from 'string-width';
import {terminalSafe} from '../text/terminal-text.js';

export type Align = 'left' | 'right' | 'center';

export const ellipsis = '…';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

// Printable ASCII is one column per character: the common case skips string-width's
// grapheme segmentation, which matters when formatting every visible cell on each frame.
const printableAscii = /^[\x20-\x7e]*$/;

/** Columns `text` takes once made terminal-safe (as every helper here shows it). */
export function displayWidth(text: string): number {
	return printableAscii.test(text) ? text.length : stringWidth(terminalSafe(text));
}

/** Cut `text` to at most `width` columns, ending in `mark` (an ellipsis) when something was cut. */
export function truncate(raw: string, width: number, mark: string = ellipsis): string {
	if (width <= 0) return '';
	const text = terminalSafe(raw);
	if (displayWidth(text) <= width) return text;
	const markWidth = displayWidth(mark);
	if (markWidth >= width) return mark.slice(0, width);
	const budget = width - markWidth;
	if (printableAscii.test(text)) return text.slice(0, budget) + mark;
	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const w = stringWidth(segment);
		// A wide character that would straddle the edge is dropped whole, never split.
		if (used + w > budget) break;
		kept += segment;
		used += w;
	}
	return kept + mark;
}

/**
 * Where a cell too long for its column loses text: its end, its middle (keeping the end), or
 * its start (`tail`: the last columns are kept with no mark, for a sparkline whose newest points
 * and latest value are at its end: a narrower one shows fewer, more recent points).
 */
export type Cut = 'end' | 'middle' | 'tail';

/**
 * Cut `text` to at most `width` columns in the middle, so its end stays readable: a task
 * definition keeps its `:revision` (`checkout-wo…:42`), the part an operator compares during a
 * rollout. The end kept is what follows the last `:` whenever that leaves a column of the head
 * beside the mark (a revision is never cut away), otherwise half the room; the head is
 * `truncate`'s, in what the end leaves.
 */
export function truncateMiddle(raw: string, width: number, mark: string = ellipsis): string {
	if (width <= 0) return '';
	const text = terminalSafe(raw);
	if (displayWidth(text) <= width) return text;
	const markWidth = displayWidth(mark);
	if (markWidth >= width) return mark.slice(0, width);
	const budget = width - markWidth;
	const colon = text.lastIndexOf(':');
	const suffix = colon > 0 ? displayWidth(text.slice(colon)) : Number.POSITIVE_INFINITY;
	const tailBudget = suffix <= budget - 1 ? suffix : Math.floor(budget / 2);
	const tail = lastColumns(text, tailBudget);
	// The text is longer than `width`, so truncate always cuts it and ends in the mark.
	return truncate(text, width - tail.used, mark) + tail.text;
}

/** The last `width` columns of `raw`, with no mark: see Cut's `tail`. */
export function keepTail(raw: string, width: number): string {
	const text = terminalSafe(raw);
	if (displayWidth(text) <= width) return text;
	return lastColumns(text, width).text;
}

/** The end of safe `text` that fits in `width` columns, whole graphemes only, and its width. */
function lastColumns(text: string, width: number): {readonly text: string; readonly used: number} {
	const parts = printableAscii.test(text)
		? [...text]
		: [...graphemes.segment(text)].map((g) => g.segment);
	let tail = '';
	let used = 0;
	for (let i = parts.length - 1; i >= 0; i--) {
		const w = displayWidth(parts[i]!);
		if (used + w > width) break;
		tail = parts[i]! + tail;
		used += w;
	}
	return {text: tail, used};
}

/** Exactly `width` columns: truncated if longer, padded with spaces on the side `align` says. */
export function padCell(
	text: string,
	width: number,
	align: Align = 'left',
	mark: string = ellipsis,
	where: Cut = 'end',
): string {
	if (width <= 0) return '';
	const cut =
		where === 'middle'
			? truncateMiddle(text, width, mark)
			: where === 'tail'
				? keepTail(text, width)
				: truncate(text, width, mark);
	const gap = width - displayWidth(cut);
	if (gap <= 0) return cut;
	if (align === 'right') return ' '.repeat(gap) + cut;
	if (align === 'center') {
		const left = Math.floor(gap / 2);
		return ' '.repeat(left) + cut + ' '.repeat(gap - left);
	}
	return cut + ' '.repeat(gap);
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const year = 365 * day;

/**
 * Age in one unit, k9s style (`45s`, `12m`, `3h`, `4d`, `2y`): short enough for a column and
 * coarse enough that it rarely changes, so a steady screen is not rewritten every second.
 */
export function formatAge(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '-';
	// Clock skew between the host and AWS can make a fresh start time lie in the future.
	const age = Math.max(0, ms);
	if (age < minute) return `${Math.floor(age / second)}s`;
	if (age < hour) return `${Math.floor(age / minute)}m`;
	if (age < day) return `${Math.floor(age / hour)}h`;
	if (age < year) return `${Math.floor(age / day)}d`;
	return `${Math.floor(age / year)}y`;
}

/** A percentage value (CloudWatch reports 0..100, and can exceed 100) as `71%`; `-` when unknown. */
export function formatPercent(percent: number | undefined): string {
	if (percent === undefined || !Number.isFinite(percent)) return '-';
	return `${Math.round(percent)}%`;
}

/** At most `decimals` places, trailing zeros dropped: 0.5 not 0.50, 2 not 2.00. */
export function formatNumber(value: number, decimals = 2): string {
	return String(Number(value.toFixed(decimals)));
}

/**
 * The readable tail of an ARN (`.../task/batch/3f2c9a…` -> `3f2c9a…`, `.../cluster/web` -> `web`,
 * `.../task-definition/sim:12` -> `sim:12`), cut to `n` characters plus an ellipsis.
 */
export function shortId(raw: string, n = 8, mark: string = ellipsis): string {
	const arnOrId = terminalSafe(raw);
	const slash = arnOrId.lastIndexOf('/');
	const tail = slash >= 0 ? arnOrId.slice(slash + 1) : arnOrId;
	if (n <= 0) return '';
	return tail.length > n ? tail.slice(0, n) + mark : tail;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | undefined): string {
	if (bytes === undefined || !Number.isFinite(bytes)) return '-';
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1024 && unit < binaryUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${formatNumber(value, value >= 100 || unit === 0 ? 0 : 1)} ${binaryUnits[unit]}`;
}

/** ECS reports memory in MiB (task sizes, instance resources). */
export function formatMiB(mib: number | undefined): string {
	return mib === undefined ? '-' : formatBytes(mib * 1024 * 1024);
}

/** ECS CPU units: 1024 units are one vCPU. */
export function formatCpuUnits(units: number | undefined): string {
	if (units === undefined || !Number.isFinite(units)) return '-';
	return `${formatNumber(units / 1024, 2)} vCPU`;
}
