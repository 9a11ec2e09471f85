// The row under the cursor stays the same row until a key moves it (use-screen-wants.ts): the
// first row of a pane nobody moved in is recorded as soon as it is shown, and a row that left
// the list gives its place to the row now at the same position.
import {describe, expect, it} from 'vitest';
import type {PaneRows} from '../../source/ui/input/screen.js';
import {pinnedSelection} from '../../source/ui/screen/use-screen-wants.js';
import {initialUiState} from '../../source/ui/ui-state.js';

const sort = {columnKey: 'name', direction: 'asc'} as const;
const start = initialUiState({clusters: sort, instances: sort, services: sort, tasks: sort});

function rows(...ids: string[]): PaneRows {
	return {ids, indexOf: new Map(ids.map((id, index) => [id, index]))};
}

const lists = (tasks: PaneRows) => ({clusters: rows(), instances: rows(), services: rows(), tasks});

describe('the selection across refreshes', () => {
	it('records the first row of a pane nobody moved in, so a re-sort does not move the cursor', () => {
		const first = pinnedSelection(start, lists(rows('t1', 't2')), lists(rows()));
		expect(first.selected.tasks).toBe('t1');
		// t0 now sorts first: the cursor stays on t1.
		const resorted = pinnedSelection(first, lists(rows('t0', 't1', 't2')), lists(rows('t1', 't2')));
		expect(resorted).toBe(first);
	});

	it('puts a cursor whose row left the list on the row now at its place', () => {
		const on = {...start, selected: {...start.selected, tasks: 't3'}};
		const before = lists(rows('t1', 't2', 't3', 't4'));
		expect(pinnedSelection(on, lists(rows('t1', 't2', 't4')), before).selected.tasks).toBe('t4');
		// The last row gone: the new last row.
		const last = {...start, selected: {...start.selected, tasks: 't4'}};
		expect(pinnedSelection(last, lists(rows('t1', 't2', 't3')), before).selected.tasks).toBe('t3');
	});

	it("leaves a service picked in another cluster alone while the first cluster's rows are listed", () => {
		// --service: web and its service are selected while batch's services are still the ones
		// listed; a refresh of those must not move the selection onto one of them.
		const picked = {...start, selected: {...start.selected, clusters: 'web', services: 'web/cw'}};
		const services = (...ids: string[]) => ({...lists(rows()), services: rows(...ids)});
		const refreshed = pinnedSelection(
			picked,
			services('batch/a', 'batch/b'),
			services('batch/a'),
			'batch',
		);
		expect(refreshed.selected.services).toBe('web/cw');
		// Once web is the focused cluster and its services are in, the picked one is the cursor's.
		const arrived = services('web/api', 'web/cw');
		expect(pinnedSelection(refreshed, arrived, services(), 'web').selected.services).toBe('web/cw');
		// Without the cluster given, as before: the row at the cursor's place in the list shown.
		expect(
			pinnedSelection(picked, services('batch/a'), services('batch/a')).selected.services,
		).toBe('batch/a');
	});

	it('keeps a row hidden by a filter selected, to come back when the filter is cleared', () => {
		const filtered = {
			...start,
			selected: {...start.selected, tasks: 't3'},
			filters: {...start.filters, tasks: 'x'},
		};
		expect(pinnedSelection(filtered, lists(rows('t1')), lists(rows('t1', 't3')))).toBe(filtered);
	});
});
