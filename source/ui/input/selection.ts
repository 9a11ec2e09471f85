/** The selected row of a pane, kept by row id in the UI state and found in the pane's list. */
import type {PaneId} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {PaneRows} from './screen.js';

/** The selected row's index; the first row when none is selected or it is gone. */
export function selectedIndex(rows: PaneRows, selectedId: string | undefined): number {
	return selectedId === undefined ? 0 : (rows.indexOf.get(selectedId) ?? 0);
}

/** The id of the row the selection is on: the first row when none is selected or it is gone. */
export function selectedRowId(rows: PaneRows, selectedId: string | undefined): string | undefined {
	return rows.ids[selectedIndex(rows, selectedId)];
}

/**
 * The state with the row at `index` selected, by a key: a service selected scopes the tasks to
 * it, another cluster widens them to that cluster's.
 */
export function withSelection(
	state: UiState,
	rows: PaneRows,
	pane: PaneId,
	index: number | undefined,
): UiState {
	const id = index === undefined ? undefined : rows.ids[index];
	if (id === undefined) return state;
	const taskService =
		pane === 'services'
			? id
			: pane === 'clusters' && id !== state.selected.clusters
				? undefined
				: state.taskService;
	return {...state, selected: {...state.selected, [pane]: id}, taskService};
}
