/**
 * A pane's list as the screen shows it: entities filtered by the `/` text and sorted by the
 * chosen column, each with its table row. Rows are built once per data change; key presses that
 * only move the selection reuse them, which is what keeps key latency flat at 20,000 tasks.
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

type Built<T> = {readonly item: T; readonly row: TableRow; readonly search: string};

/** Every row of the pane (built once per data change), before filter and sort. */
export function buildRows<T>(
	definition: PaneDefinition<T>,
	items: readonly T[],
	context: RowContext,
): Array<Built<T>> {
	return items.map((item) => {
		const row = definition.row(item, context);
		return {item, row, search: Object.values(row.cells).join(' ').toLowerCase()};
	});
}

export function paneList<T>(
	definition: PaneDefinition<T>,
	built: ReadonlyArray<Built<T>>,
	filter: string,
	sort: SortState,
): PaneList<T> {
	const needle = filter.trim().toLowerCase();
	let kept = needle === '' ? built : built.filter((entry) => entry.search.includes(needle));
	const sortValue = definition.sortBy[sort.columnKey];
	if (sortValue !== undefined) {
		const direction = sort.direction === 'asc' ? 1 : -1;
		const keyed = kept.map((entry) => ({entry, value: sortValue(entry.item)}));
		keyed.sort((a, b) => {
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: String(a.value).localeCompare(String(b.value));
			// Ties keep a stable, meaningful order (by id) so rows do not jump between refreshes.
			return order === 0 ? a.entry.row.id.localeCompare(b.entry.row.id) : order * direction;
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
