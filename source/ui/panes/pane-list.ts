/**
 * A pane's list as the screen shows it: entities filtered by the `/` text and sorted by the
 * chosen column, each with its table row. Rows are built once per data change; key presses that
 * only move the selection reuse them, which is what keeps key latency flat at 20,000 tasks.
 *
 * A refresh reuses them too: an entity the store kept (same object) whose row reads the same as
 * before keeps its row object, and when every row is kept the very same array comes back. The
 * table memoizes rows by identity and the App sorts again only when that array changes, so a
 * refresh of 20,000 unchanged tasks re-renders nothing and sorts nothing.
 */
import type {SortState, TableRow} from '../components/table.js';
import type {PaneDefinition, RowContext} from './pane-rows.js';

export type PaneList<T> = {
	readonly items: readonly T[];
	readonly rows: readonly TableRow[];
	/** Row index by row id, for the selection. */
	readonly indexOf: ReadonlyMap<string, number>;
	/** Before the filter: `[3/12]` says 12 when 3 match. */
	readonly total: number;
};

export type Built<T> = {readonly item: T; readonly row: TableRow};

type Cached<T> = {context: RowContext; built: Built<T>};

type Memory = {
	/** The last row built for each entity object (entities are immutable in the store). */
	readonly byItem: WeakMap<object, Cached<unknown>>;
	/** The last list returned, handed back whole when nothing in it changed. */
	last: ReadonlyArray<Built<unknown>> | undefined;
};

const memories = new WeakMap<PaneDefinition<never>, Memory>();

function memoryOf<T>(definition: PaneDefinition<T>): Memory {
	const key = definition as unknown as PaneDefinition<never>;
	let memory = memories.get(key);
	if (memory === undefined) {
		memory = {byItem: new WeakMap(), last: undefined};
		memories.set(key, memory);
	}
	return memory;
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
 * Every row of the pane, before filter and sort. A row is rebuilt only when its entity or the
 * context changed, and kept (same object) when it reads the same as before.
 */
export function buildRows<T>(
	definition: PaneDefinition<T>,
	items: readonly T[],
	context: RowContext,
): ReadonlyArray<Built<T>> {
	const memory = memoryOf(definition);
	const last = memory.last as ReadonlyArray<Built<T>> | undefined;
	let unchanged = last !== undefined && last.length === items.length;
	const built = items.map((item, index) => {
		const entry = rowFor(definition, memory, item, context);
		if (unchanged && last![index] !== entry) unchanged = false;
		return entry;
	});
	if (unchanged) return last!;
	memory.last = built;
	return built;
}

function rowFor<T>(
	definition: PaneDefinition<T>,
	memory: Memory,
	item: T,
	context: RowContext,
): Built<T> {
	const key = typeof item === 'object' && item !== null ? (item as object) : undefined;
	const cached = key === undefined ? undefined : (memory.byItem.get(key) as Cached<T> | undefined);
	if (cached !== undefined && cached.context === context) return cached.built;
	const row = definition.row(item, context);
	const built = cached !== undefined && sameRow(cached.built.row, row) ? cached.built : {item, row};
	if (key !== undefined) memory.byItem.set(key, {context, built});
	return built;
}

/** What `/` matches a row against: every cell, lower-cased; built the first time a filter asks. */
const searchTexts = new WeakMap<TableRow, string>();
function searchText(row: TableRow): string {
	let text = searchTexts.get(row);
	if (text === undefined) {
		text = Object.values(row.cells).join(' ').toLowerCase();
		searchTexts.set(row, text);
	}
	return text;
}

// One collator, as String#localeCompare would use, without building one per comparison.
const collator = new Intl.Collator();

export function paneList<T>(
	definition: PaneDefinition<T>,
	built: ReadonlyArray<Built<T>>,
	filter: string,
	sort: SortState,
): PaneList<T> {
	const needle = filter.trim().toLowerCase();
	let kept =
		needle === '' ? built : built.filter((entry) => searchText(entry.row).includes(needle));
	const sortValue = definition.sortBy[sort.columnKey];
	if (sortValue !== undefined) {
		const direction = sort.direction === 'asc' ? 1 : -1;
		const keyed = kept.map((entry) => ({entry, value: sortValue(entry.item)}));
		keyed.sort((a, b) => {
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: collator.compare(String(a.value), String(b.value));
			// Ties keep a stable, meaningful order (by id) so rows do not jump between refreshes.
			return order === 0 ? collator.compare(a.entry.row.id, b.entry.row.id) : order * direction;
		});
		kept = keyed.map(({entry}) => entry);
	}
	const rows = kept.map((entry) => entry.row);
	const indexOf = new Map(rows.map((row, index) => [row.id, index]));
	return {items: kept.map((entry) => entry.item), rows, indexOf, total: built.length};
}

/** Sortable columns of a pane, numeric when the sort key of a sample item is a number. */
export function sortableColumns<T>(
	definition: PaneDefinition<T>,
	sample: T | undefined,
): Array<{key: string; numeric: boolean}> {
	return definition.columns
		.filter((column) => definition.sortBy[column.key] !== undefined)
		.map((column) => ({
			key: column.key,
			numeric: sample !== undefined && typeof definition.sortBy[column.key]!(sample) === 'number',
		}));
}
