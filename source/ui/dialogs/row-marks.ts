/**
 * Two kinds of marks on rows. Bulk marks (Space) pick the tasks or instances one confirmation
 * will stop or drain; they live in the UI. Action marks (`desired 12, pending`, `stopping`) are
 * the action layer's optimistic notes, shown on the row until a poll shows the change.
 */
import {useCallback, useRef, useState} from 'react';
import {useStore} from 'zustand';
import {createStore} from 'zustand/vanilla';
import type {ActionRunner, ActionState, RowMark} from '../../store/writes/types.js';
import type {TableRow} from '../components/table.js';
import type {PaneId} from '../layout.js';

// Without an action layer (read-only, tests of the panes) nothing is ever marked.
const noActions = createStore<ActionState>(() => ({
	inFlight: {},
	marks: {},
	results: [],
	undo: [],
}));

/** The action layer's marks by ARN. */
export function useRowMarks(runner: ActionRunner | undefined): Readonly<Record<string, RowMark>> {
	return useStore(runner?.state ?? noActions, (state) => state.marks);
}

export type BulkMarks = {
	/** As of the last render: for drawing. */
	readonly marked: ReadonlySet<string>;
	/** As of the last key: for acting (Space Space x in one read must stop both rows). */
	current(): ReadonlySet<string>;
	toggle(id: string): void;
	clear(): void;
};

const none: ReadonlySet<string> = new Set();

/** Rows marked with Space for a bulk stop or drain. */
export function useBulkMarks(): BulkMarks {
	const [marked, setMarkedState] = useState<ReadonlySet<string>>(none);
	// Held Space arrives faster than renders: each press toggles what the previous one left.
	const ref = useRef(marked);
	const setMarked = useCallback((next: ReadonlySet<string>) => {
		ref.current = next;
		setMarkedState(next);
	}, []);
	const toggle = useCallback(
		(id: string) => {
			const next = new Set(ref.current);
			if (next.has(id)) next.delete(id);
			else next.add(id);
			setMarked(next);
		},
		[setMarked],
	);
	const clear = useCallback(() => {
		if (ref.current.size > 0) setMarked(none);
	}, [setMarked]);
	const current = useCallback(() => ref.current, []);
	return {marked, current, toggle, clear};
}

/** The cell that carries an action mark in each pane: where the change will show once made. */
const markCell: Readonly<Record<PaneId, string>> = {
	clusters: 'name',
	instances: 'status',
	services: 'deploy',
	tasks: 'status',
};
/** The first cell, which shows the bulk mark. */
const firstCell: Readonly<Record<PaneId, string>> = {
	clusters: 'name',
	instances: 'instance',
	services: 'name',
	tasks: 'id',
};

type Decorated = {
	readonly mark: RowMark | undefined;
	readonly bulk: boolean;
	readonly row: TableRow;
};
/** The marked copy of a row, kept while its marks hold: the table redraws a row whose object changed. */
const decorated = new WeakMap<TableRow, Decorated>();

/**
 * What draws the marks into a row: the row itself when it has none (and so with no marks at all,
 * the table gets every row as the pane built it), else a copy with the mark in its cell.
 */
export function rowMarker(
	pane: PaneId,
	marks: Readonly<Record<string, RowMark>>,
	bulk: ReadonlySet<string>,
): (row: TableRow) => TableRow {
	return (row) => {
		const mark = marks[row.id];
		const isBulk = bulk.has(row.id);
		if (mark === undefined && !isBulk) return row;
		const cached = decorated.get(row);
		if (cached !== undefined && cached.mark === mark && cached.bulk === isBulk) return cached.row;
		const cells = {...row.cells};
		const cellTones = {...row.cellTones};
		if (mark !== undefined) {
			const key = markCell[pane];
			cells[key] = pane === 'clusters' ? `${cells[key] ?? ''} (${mark.text})` : mark.text;
			cellTones[key] = mark.tone ?? 'warn';
		}
		if (isBulk) {
			const key = firstCell[pane];
			cells[key] = `*${cells[key] ?? ''}`;
			cellTones[key] = 'info';
		}
		const marked = {...row, cells, cellTones};
		decorated.set(row, {mark, bulk: isBulk, row: marked});
		return marked;
	};
}
