/**
 * The screen as the dispatcher sees it when a key comes: the lists and page sizes of the last
 * render, the `:td` list, and the fleet's focus and pause as the fleet store has them now (a
 * second `p` in the same read must see the first one's pause).
 */
import {selectProblems} from '../../store/fleet-problems.js';
import type {FleetStore} from '../../store/fleet-store.js';
import type {Screen} from '../input/screen.js';
import type {WriteAccess} from '../input/write-access.js';
import {paneOrder, type Layout, type PaneId} from '../layout.js';
import {sortableColumns} from '../panes/pane-list.js';
import type {PaneDefinition} from '../panes/pane-rows.js';
import type {TaskDefinitionList} from '../task-definitions-view.js';
import type {PaneDefinitions, PaneLists} from './use-pane-data.js';
import {familyRevisionArns} from '../revisions/revision-list.js';

export type KeyScreenParts = {
	readonly lists: PaneLists;
	/** What each list was built with: the stopped tasks sort by their own columns. */
	readonly definitions: PaneDefinitions;
	readonly layout: Layout;
	/** The terminal's rows: a pane not on screen pages by them. */
	readonly rows: number;
	readonly taskDefinitionList: TaskDefinitionList;
	readonly writes: WriteAccess;
	readonly canSwitch: boolean;
};

/** Rows a pane shows: its height less the borders and the header line. */
export function pageRowsOf(layout: Layout, rows: number): Record<PaneId, number> {
	const height = (pane: PaneId) => layout.panes.find((rect) => rect.pane === pane)?.height ?? rows;
	const pages = {} as Record<PaneId, number>;
	for (const pane of paneOrder) pages[pane] = height(pane) - 3;
	return pages;
}

export function keyScreen(parts: KeyScreenParts, fleet: FleetStore): Screen {
	const {lists, definitions, layout, rows, taskDefinitionList} = parts;
	const state = fleet.getState();
	const {focus, paused} = state;
	return {
		lists,
		pageRows: pageRowsOf(layout, rows),
		sortable: (pane) =>
			sortableColumns(
				definitions[pane] as PaneDefinition<unknown>,
				(lists[pane].items as readonly unknown[])[0],
			),
		taskDefinitions: {
			families: taskDefinitionList.rows.map((row) => row.id),
			newest: taskDefinitionList.newest,
			// The list's box less its borders, header and the lines around it.
			pageRows: rows - 6,
		},
		revisionArns: (family, extra) => familyRevisionArns(fleet.getState(), family, extra),
		// Derived only when a key reads it (the feed's keys): at 2,000 services it is tens of ms.
		get problems() {
			const {problems} = selectProblems(state);
			return {
				ids: problems.map((problem) => problem.id),
				targets: new Map(problems.map((problem) => [problem.id, problem.target])),
				// The feed's box less its borders, header and the lines around it.
				pageRows: rows - 6,
			};
		},
		focus,
		paused,
		writes: parts.writes,
		canSwitch: parts.canSwitch,
	};
}
