/**
 * A pane's list as the screen shows it: entities filtered by the `/` text and sorted by the
 * chosen column. Rows (the formatted cells) are built only for what the table draws, the few
 * dozen rows in view, never for the 20,000 tasks behind them: a refresh (new ages, new metrics)
 * then costs the rows on screen, and scrolling through every task does not leave a row object
 * per task on the heap (the key latency and memory budgets at `large`: docs/architecture.md).
 *
 * A row rebuilt for a new refresh that reads the same as before keeps its previous object, so the
 * table's memoized row lines do not re-render and an unchanged refresh writes nothing.
 */
import {asciiMeter} from '../components/meter.js';
import type {SortState, TableRow, TableRows} from '../components/table.js';
import type {PaneDefinition, RowContext} from './pane-rows.js';
import {compareText} from '../../text/plain-order.js';

export type PaneList<T> = {
	readonly items: readonly T[];
	/** Row ids (ARNs) in list order. */
	readonly ids: readonly string[];
	/** Row index by row id, for the selection. */
	readonly indexOf: ReadonlyMap<string, number>;
	/** Before the filter: `[3/12]` says 12 when 3 match. */
	readonly total: number;
};

type Cached<T> = {readonly item: T; readonly context: RowContext; readonly row: TableRow};

/**
 * Rows last built per pane, by row id, least recently used first. Bounded: enough for the rows
 * of a tall terminal several times over, so moving the selection back and forth reuses them.
 */
const cacheLimit = 1000;
const caches = new WeakMap<PaneDefinition<never>, Map<string, Cached<unknown>>>();

function cacheOf<T>(definition: PaneDefinition<T>): Map<string, Cached<T>> {
	const key = definition as unknown as PaneDefinition<never>;
	let cache = caches.get(key);
	if (cache === undefined) {
		cache = new Map();
		caches.set(key, cache);
	}
	return cache as Map<string, Cached<T>>;
}

function sameRecord(
	a: Readonly<Record<string, string>> | undefined,
	b: Readonly<Record<string, string>> | undefined,
): boolean {
	if (a === b) return true;
	if (a === undefined || b === undefined) return false;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	for (const key of keys) if (a[key] !== b[key]) return false;
	return true;
}

/** Whether two rows draw the same line: same id, cells and tones. */
export function sameRow(a: TableRow, b: TableRow): boolean {
	return (
		a === b ||
		(a.id === b.id &&
			a.tone === b.tone &&
			sameRecord(a.cells, b.cells) &&
			sameRecord(a.cellTones, b.cellTones))
	);
}

/**
 * The row of one entity. Built again only when the entity or the context changed, and then the
 * previous row object comes back if it reads the same (a refresh that moved no age).
 */
export function rowOf<T>(definition: PaneDefinition<T>, item: T, context: RowContext): TableRow {
	const cache = cacheOf(definition);
	const id = definition.key(item);
	const cached = cache.get(id);
	if (cached !== undefined) cache.delete(id); // Re-inserted below: most recently used last.
	let row: TableRow;
	if (cached !== undefined && cached.item === item && cached.context === context) row = cached.row;
	else {
		const built = definition.row(item, context);
		row = cached !== undefined && sameRow(cached.row, built) ? cached.row : built;
	}
	cache.set(id, {item, context, row});
	if (cache.size > cacheLimit) cache.delete(cache.keys().next().value!);
	return row;
}

/**
 * What `/` matches an entity against: the cells of its row but those that move with the clock or
 * the metrics, lower-cased. Kept per entity object while the context's textKey holds, so a filter
 * over 20,000 tasks formats each task once, and again only when it or the EC2 ids change.
 */
const searchTexts = new WeakMap<object, {textKey: object; text: string}>();
function searchText<T>(definition: PaneDefinition<T>, item: T, context: RowContext): string {
	const key = item as unknown as object;
	const cached = searchTexts.get(key);
	if (cached !== undefined && cached.textKey === context.textKey) return cached.text;
	const unsearched = definition.unsearched ?? [];
	const text = Object.entries(definition.row(item, context).cells)
		.filter(([column]) => !unsearched.includes(column))
		.map(([, cell]) => cell)
		.join(' ')
		.toLowerCase();
	searchTexts.set(key, {textKey: context.textKey, text});
	return text;
}

/**
 * The entities the pane lists, in order. `context` is read to match a filter (the filter
 * matches what the row says) and by the sort keys that read it (PaneDefinition.sortReads):
 * listContextKey says which context changes can change the list.
 */
export function paneList<T>(
	definition: PaneDefinition<T>,
	items: readonly T[],
	filter: string,
	sort: SortState,
	context: RowContext,
): PaneList<T> {
	const needle = filter.trim().toLowerCase();
	let kept =
		needle === ''
			? items
			: items.filter((item) => searchText(definition, item, context).includes(needle));
	const sortValue = definition.sortBy[sort.columnKey];
	if (sortValue !== undefined) {
		const direction = sort.direction === 'asc' ? 1 : -1;
		const keyed = kept.map((item) => ({
			item,
			id: definition.key(item),
			value: sortValue(item, context),
		}));
		keyed.sort((a, b) => {
			// Rows without a value (no metric yet) go last whichever way the column sorts.
			if (a.value === undefined || b.value === undefined) {
				if (a.value !== b.value) return a.value === undefined ? 1 : -1;
				return compareText(a.id, b.id);
			}
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: compareText(String(a.value), String(b.value));
			// Ties keep a stable, meaningful order (by id) so rows do not jump between refreshes.
			return order === 0 ? compareText(a.id, b.id) : order * direction;
		});
		kept = keyed.map(({item}) => item);
	}
	const ids = kept.map((item) => definition.key(item));
	const indexOf = new Map(ids.map((id, index) => [id, index]));
	return {items: kept, ids, indexOf, total: items.length};
}

/**
 * The list's rows for the table, built when the table asks for one (only rows in view), with
 * `decorate` (the marks) applied on top.
 */
export function paneRows<T>(
	definition: PaneDefinition<T>,
	list: PaneList<T>,
	context: RowContext,
	decorate: (row: TableRow) => TableRow = (row) => row,
): TableRows {
	return {
		length: list.items.length,
		at(index) {
			const item = list.items[index];
			return item === undefined ? undefined : decorate(rowOf(definition, item, context));
		},
	};
}

/**
 * What of the context the pane's list depends on, for a memo of paneList: undefined while it
 * reads none (ages and metrics alone never sort or filter it again), the textKey while a filter
 * or the EC2 ids sort it, and the whole context while a metric does (a list of clusters or
 * services, never the 20,000 tasks: the tasks pane has no metric column).
 */
export function listContextKey<T>(
	definition: PaneDefinition<T>,
	filter: string,
	sort: SortState,
	context: RowContext,
): object | undefined {
	const reads =
		definition.sortBy[sort.columnKey] === undefined
			? undefined
			: definition.sortReads?.[sort.columnKey];
	if (reads === 'metrics') return context;
	if (reads === 'ec2-ids' || filter.trim() !== '') return context.textKey;
	return undefined;
}

/** A context with nothing in it: the sort keys of a sample item without a live context. */
const emptyContext: RowContext = {
	now: 0,
	sparklineRamp: [],
	meterGlyphs: asciiMeter,
	metric: () => undefined,
	ec2InstanceId: () => undefined,
	textKey: {},
};

/**
 * Sortable columns of a pane, numeric (sorted biggest first) when they sort by a metric or when
 * the sort key of a sample item is a number.
 */
export function sortableColumns<T>(
	definition: PaneDefinition<T>,
	sample: T | undefined,
	context: RowContext = emptyContext,
): Array<{key: string; numeric: boolean}> {
	return definition.columns
		.filter((column) => definition.sortBy[column.key] !== undefined)
		.map((column) => ({
			key: column.key,
			numeric:
				definition.sortReads?.[column.key] === 'metrics' ||
				(sample !== undefined &&
					typeof definition.sortBy[column.key]!(sample, context) === 'number'),
		}));
}
