/**
 * A pane's list and its rows, memoized the way the 20,000-task case needs: the list (sort and
 * filter over the entities) is rebuilt when the entities, the filter or the sort change, and on
 * a new context (a refresh's ages and metrics) only while a filter reads the rows; the rows for
 * the table follow every context, but are only built for the rows in view (pane-list.ts).
 */
import {useMemo} from 'react';
import type {RowMark} from '../../store/actions/types.js';
import {rowMarker} from '../actions/row-marks.js';
import type {SortState, TableRows} from '../components/table.js';
import type {PaneId} from '../layout.js';
import {paneList, paneRows, type PaneList} from '../panes/pane-list.js';
import type {PaneDefinition, RowContext} from '../panes/pane-rows.js';

export function usePaneList<T>(
	definition: PaneDefinition<T>,
	items: readonly T[],
	filter: string,
	sort: SortState,
	context: RowContext,
): PaneList<T> {
	const filterContext = filter === '' ? undefined : context;
	return useMemo(
		() => paneList(definition, items, filter, sort, context),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the context only while filtering
		[definition, items, filter, sort, filterContext],
	);
}

/** The rows the table asks for, with the action and bulk marks drawn in. */
export function usePaneRows<T>(
	pane: PaneId,
	definition: PaneDefinition<T>,
	list: PaneList<T>,
	context: RowContext,
	marks: Readonly<Record<string, RowMark>>,
	bulk: ReadonlySet<string>,
): TableRows {
	return useMemo(
		() => paneRows(definition, list, context, rowMarker(pane, marks, bulk)),
		[pane, definition, list, context, marks, bulk],
	);
}
