/**
 * What each command of the panes' keyboard does: one handler per command of the keymap's global,
 * list and action scopes, in a table the compiler checks against the keymap (a command without a
 * handler, or a handler for no command, is a type error). Each is a pure step: the next UI state
 * and the effects to carry out.
 */
import type {KeyBinding, PaneCommand, WriteCommand} from '../keymap.js';
import type {PaneId} from '../layout.js';
import {
	cyclePane,
	movedIndex,
	nextSort,
	reversedSort,
	sortOf,
	withMessage,
	withSort,
	withoutMarks,
	type UiState,
} from '../ui-state.js';
import {logsOverlayFor} from '../logs/logs-overlay.js';
import {copySelected, showConsoleUrl, showMessage} from './readable-handlers.js';
import type {Screen} from './screen.js';
import {selectedIndex, selectedRowId, withSelection} from './selection.js';
import {say, stay, withEffects, type Step} from './step.js';

export type PaneKey = {
	readonly state: UiState;
	readonly screen: Screen;
	readonly binding: KeyBinding<PaneCommand>;
	/** The key came while the `:td` list was open (it was closed for pane keys). */
	readonly fromTaskDefinitions: boolean;
};

type Handler = (key: PaneKey) => Step;

/** R's note, cleared once the refresh has brought the clusters back. */
export const refreshingMessage = 'refreshing…';

const quit: Handler = ({state}) => withEffects(state, {kind: 'quit'});

const goToPane =
	(pane: PaneId): Handler =>
	({state}) =>
		stay({...state, focused: pane});

const focusStep =
	(step: 1 | -1): Handler =>
	({state}) =>
		stay({...state, focused: cyclePane(state.focused, step)});

/** Up, down, a page, the ends: the selection moves within the focused pane's list. */
const move: Handler = ({state, screen, binding}) => {
	const pane = state.focused;
	const rows = screen.lists[pane];
	const moved = movedIndex(
		binding.command,
		selectedIndex(rows, state.selected[pane]),
		rows.ids.length,
		screen.pageRows[pane],
	);
	return stay(withSelection(state, rows, pane, moved));
};

/** `<` / `>`: the next sortable column to the left or right, among those the table shows. */
const sortStep =
	(step: 1 | -1): Handler =>
	({state, screen}) => {
		const pane = state.focused;
		const sort = nextSort(
			screen.sortable(pane),
			sortOf(state, pane),
			step,
			state.shownColumns[pane],
		);
		return stay(withSort(state, pane, sort));
	};

/** `I`: the same column the other way round. */
const reverseSort: Handler = ({state}) =>
	stay(withSort(state, state.focused, reversedSort(sortOf(state, state.focused))));

/** Enter: the selected row's details, a cluster's included. */
const open: Handler = ({state, screen}) => {
	const pane = state.focused;
	const id = selectedRowId(screen.lists[pane], state.selected[pane]);
	if (id === undefined) return stay(state);
	return stay({...state, overlay: {kind: 'detail', pane, id, scroll: 0}});
};

/** Right arrow: a cluster drills down to its services (k9s style), from its row or its details. */
const drill: Handler = ({state, screen}) => {
	const pane = state.focused;
	if (pane !== 'clusters') return stay(state);
	const id = selectedRowId(screen.lists[pane], state.selected[pane]);
	if (id === undefined) return stay(state);
	// Drilling into a cluster shows all of its tasks until a service is picked.
	return withEffects(
		{...state, focused: 'services', overlay: {kind: 'none'}, taskService: undefined},
		{kind: 'set-focus', focus: {clusterArn: id}},
	);
};

/** Esc: clears the filter, then the marks, then widens a service's tasks to the cluster's. */
const back: Handler = ({state, screen}) => {
	const pane = state.focused;
	if (state.filters[pane] !== '') return stay({...state, filters: {...state.filters, [pane]: ''}});
	if (state.marked.size > 0) return say(withoutMarks(state), 'marks cleared');
	if (
		pane === 'tasks' &&
		(state.taskService !== undefined || screen.focus.serviceArn !== undefined)
	)
		return withEffects(
			{...state, taskService: undefined},
			{kind: 'set-focus', focus: {clusterArn: screen.focus.clusterArn}},
		);
	return stay(state);
};

/**
 * Whether a write key means something where it was pressed: `r` in the `:td` list runs the
 * chosen definition whatever pane is behind it; otherwise it says which pane to go to.
 */
function wrongPane({state, binding, fromTaskDefinitions}: PaneKey): Step | undefined {
	const panes = binding.panes;
	if (panes === undefined || panes.includes(state.focused)) return undefined;
	if (fromTaskDefinitions && binding.command === 'run-task') return undefined;
	return say(
		state,
		`${binding.description.toLowerCase()}: go to the ${panes.join(' or ')} pane first`,
		'warn',
	);
}

/** A write key: its dialog opens on what the screen shows (the shell gathers the targets). */
const write =
	(command: WriteCommand): Handler =>
	(key) =>
		wrongPane(key) ?? withEffects(key.state, {kind: 'open-dialog', command});

/** Space: marks or unmarks the row and moves on, like htop, so holding it marks a run of rows. */
const mark: Handler = (key) => {
	const refused = wrongPane(key);
	if (refused !== undefined) return refused;
	const {state, screen} = key;
	const pane = state.focused;
	const rows = screen.lists[pane];
	const index = selectedIndex(rows, state.selected[pane]);
	const id = rows.ids[index];
	if (id === undefined) return stay(state);
	const marked = new Set(state.marked);
	if (marked.has(id)) marked.delete(id);
	else marked.add(id);
	return stay(
		withSelection({...state, marked}, rows, pane, Math.min(index + 1, rows.ids.length - 1)),
	);
};

/** `l`: the log view over the selected task or service (the fleet reads logs while it is open). */
const openLogs: Handler = (key) => {
	const refused = wrongPane(key);
	if (refused !== undefined) return refused;
	const {state, screen} = key;
	const pane = state.focused;
	const id = selectedRowId(screen.lists[pane], state.selected[pane]);
	const overlay = id === undefined ? undefined : logsOverlayFor(pane, id);
	if (overlay === undefined)
		return say(state, `no ${pane === 'tasks' ? 'task' : 'service'} selected`);
	return stay({...state, overlay});
};

export const paneHandlers: {readonly [C in PaneCommand]: Handler} = {
	help: ({state}) => stay({...state, overlay: {kind: 'help', scroll: 0}}),
	filter: ({state}) =>
		stay({
			...state,
			overlay: {kind: 'filter', pane: state.focused, text: state.filters[state.focused]},
		}),
	command: ({state}) => stay({...state, overlay: {kind: 'command', text: ''}}),
	problems: ({state}) =>
		stay({
			...state,
			overlay:
				state.overlay.kind === 'problems'
					? {kind: 'none'}
					: {kind: 'problems', selected: undefined},
		}),
	'focus-next': focusStep(1),
	'focus-previous': focusStep(-1),
	'pane-clusters': goToPane('clusters'),
	'pane-instances': goToPane('instances'),
	'pane-services': goToPane('services'),
	'pane-tasks': goToPane('tasks'),
	refresh: ({state}) => withEffects(withMessage(state, refreshingMessage), {kind: 'refresh'}),
	'show-message': showMessage,
	copy: copySelected,
	'console-url': showConsoleUrl,
	pause: ({state, screen}) =>
		withEffects(
			withMessage(
				state,
				screen.paused ? 'polling resumed' : 'polling paused: p resumes, R refreshes once',
			),
			{kind: 'set-paused', paused: !screen.paused},
		),
	quit,
	interrupt: quit,

	up: move,
	down: move,
	'page-up': move,
	'page-down': move,
	top: move,
	bottom: move,
	open,
	drill,
	back,
	'toggle-stopped': ({state}) => {
		const stopped = !state.stoppedTasks;
		return say(
			{...state, stoppedTasks: stopped},
			stopped ? 'stopped tasks of the last hour: t shows the running ones' : 'running tasks',
		);
	},
	logs: openLogs,
	'compare-revisions': ({state}) =>
		say(state, 'v compares two revisions: in :td, Enter on a family lists its revisions'),
	'sort-previous': sortStep(-1),
	'sort-next': sortStep(1),
	'sort-reverse': reverseSort,

	'scale-up': write('scale-up'),
	'scale-down': write('scale-down'),
	'set-desired': write('set-desired'),
	'scale-cluster': write('scale-cluster'),
	'stop-task': write('stop-task'),
	mark,
	'run-task': write('run-task'),
	drain: write('drain'),
	deploy: write('deploy'),
	// U picks the revision first: its list opens over the panes, the dialog after Enter.
	'deploy-revision': (key) => wrongPane(key) ?? withEffects(key.state, {kind: 'open-revisions'}),
	'roll-back': write('roll-back'),
	undo: write('undo'),
	exec: write('exec'),
	'port-forward': write('port-forward'),
};
