/**
 * A pane's list and its rows, memoized the way the 20,000-task case needs: the list (sort and
 * filter over the entities) is rebuilt when the entities, the filter or the sort change, and
 * while filtering when the context's textKey does (never for ages and metrics alone); the rows for
 * the table follow every context, but are only built for the rows in view (pane-list.ts).
 */
import {useMemo, useState} from 'react';
import type {ContainerInstance} from '../../model/container-instance.js';
import type {RowMark} from '../../store/writes/types.js';
import {rowMarker} from '../dialogs/row-marks.js';
import type {SortState, TableRows} from '../components/table.js';
import type {PaneId} from '../layout.js';
import {listContextKey, paneList, paneRows, type PaneList} from '../panes/pane-list.js';
import type {PaneDefinition, RowContext} from '../panes/pane-rows.js';

export function usePaneList<T>(
	definition: PaneDefinition<T>,
	items: readonly T[],
	filter: string,
	sort: SortState,
	context: RowContext,
): PaneList<T> {
	// What the list reads of the context: a filter the EC2 ids (textKey), a CPU or MEM sort the
	// metrics (the whole context, fine for the short lists that have them), others nothing.
	const listKey = listContextKey(definition, filter, sort, context);
	return useMemo(
		() => paneList(definition, items, filter, sort, context),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- what the list reads of the context
		[definition, items, filter, sort, listKey],
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

/**
 * EC2 instance ids by container instance ARN, as the same Map object for as long as they are the
 * same: container instances change every refresh of a busy cluster (their remaining CPU and
 * memory), the ids behind them almost never, and the Map is what a filter's text depends on.
 */
export function useEc2InstanceIds(
	instances: readonly ContainerInstance[],
): ReadonlyMap<string, string> {
	const [held, setHeld] = useState<ReadonlyMap<string, string>>(() => new Map());
	const fresh = useMemo(() => {
		const ids = new Map<string, string>();
		for (const instance of instances)
			if (instance.ec2InstanceId !== undefined) ids.set(instance.arn, instance.ec2InstanceId);
		return ids;
	}, [instances]);
	const current = useMemo(() => (sameEntries(fresh, held) ? held : fresh), [fresh, held]);
	// State derived from props, corrected during render as React allows (table.tsx does too).
	if (current !== held) setHeld(current);
	return current;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
	if (a.size !== b.size) return false;
	for (const [key, value] of a) if (b.get(key) !== value) return false;
	return true;
}
