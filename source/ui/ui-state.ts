/**
 * The UI's own state (which pane has the keyboard, what is selected, filters, sorts, overlays,
 * the open dialog, the marked rows) and its pure transitions. Fleet data lives in the fleet store;
 * this is only about the screen. Selections are kept by row id (an ARN), so a row stays selected
 * when refreshes reorder rows.
 */
import type {SortState} from './components/table.js';
import type {ActionDialog} from './dialogs/dialog-model.js';
import type {Command} from './keymap.js';
import type {PaneId} from './layout.js';
import type {LogsOverlay} from './logs/logs-overlay.js';
import {paneOrder} from './layout.js';
import type {Tone} from './theme.js';

export type Overlay =
	| {readonly kind: 'none'}
	| {readonly kind: 'help'; readonly scroll: number}
	| {readonly kind: 'detail'; readonly pane: PaneId; readonly id: string; readonly scroll: number}
	| {readonly kind: 'filter'; readonly pane: PaneId; readonly text: string}
	| {readonly kind: 'command'; readonly text: string}
	| {
			readonly kind: 'task-definitions';
			/** The selected family. */
			readonly selected: string | undefined;
			/** The revision shown in full (Enter), or undefined while the list is shown. */
			readonly opened: string | undefined;
			readonly scroll: number;
			/** A family's revisions, while shown (Enter on a family): see RevisionBrowse. */
			readonly revisions?: RevisionBrowse;
	  }
	| LogsOverlay
	| {
			/** `U`: the revisions of a service's family, to deploy one. */
			readonly kind: 'revisions';
			readonly clusterArn: string;
			readonly serviceArn: string;
			readonly family: string;
			/** The revision the service runs: marked, and what every row is compared with. */
			readonly running: string;
			/** The selected revision's ARN. */
			readonly selected: string | undefined;
	  }
	/** `m`: the last message whole; `:messages`: every kept message, newest first. */
	| {readonly kind: 'messages'; readonly only: 'last' | 'all'; readonly scroll: number}
	/** The problem feed (`!`): the selected problem, kept by its id. */
	| {readonly kind: 'problems'; readonly selected: string | undefined};

/** A family's revisions in `:td`: one selected, one marked with v, two compared side by side. */
export type RevisionBrowse = {
	readonly family: string;
	readonly selected: string | undefined;
	readonly marked: string | undefined;
	readonly compared: readonly [string, string] | undefined;
};

export type UiState = {
	readonly focused: PaneId;
	readonly selected: Readonly<Record<PaneId, string | undefined>>;
	readonly filters: Readonly<Record<PaneId, string>>;
	readonly sorts: Readonly<Record<PaneId, SortState>>;
	readonly overlay: Overlay;
	/** The tasks pane lists the scope's recently stopped tasks instead of its running ones (t). */
	readonly stoppedTasks: boolean;
	/** The stopped tasks' sort: their columns are not the running tasks' (`sorts.tasks`). */
	readonly stoppedSort: SortState;
	/**
	 * The sortable columns each pane's table shows in full, as it said after its last render:
	 * `<` and `>` move only among them, so the sort arrow is always on screen.
	 */
	readonly shownColumns: Readonly<Record<PaneId, readonly string[] | undefined>>;
	/** One line for the footer until the next key: a refusal, a result, an unknown command. */
	readonly message: Message | undefined;
	/** The confirmation dialog of a write key, while one is open: it has the keyboard alone. */
	readonly dialog: ActionDialog | undefined;
	/** Rows marked with Space for one bulk stop or drain, by row id (of the focused cluster). */
	readonly marked: ReadonlySet<string>;
	/**
	 * The service whose tasks the tasks pane lists, or undefined for every task of the selected
	 * cluster. Only a key changes it (docs/ui-architecture.md, "The tasks pane's scope"): moving
	 * the cursor in the services pane narrows to the service under it; Esc in the tasks pane,
	 * `:tasks`, a task run by hand and another cluster widen to the cluster.
	 */
	readonly taskService: string | undefined;
	/** How far the text view on screen (help, details, a task definition) scrolls, as it last said. */
	readonly textViewport: TextViewport;
	/** Every status-line message so far, newest first, at most `messageLogSize` (`m`, `:messages`). */
	readonly messageLog: readonly LoggedMessage[];
};

export type Message = {readonly text: string; readonly tone: Tone};

/** The stopped tasks open on the most recent stop (the STOPPED column ascends as an age). */
export const defaultStoppedSort: SortState = {columnKey: 'stopped', direction: 'asc'};

/** The sort of the list a pane shows: the tasks pane's stopped list has its own. */
export function sortOf(state: UiState, pane: PaneId): SortState {
	return pane === 'tasks' && state.stoppedTasks ? state.stoppedSort : state.sorts[pane];
}

/** The state with the sort of the list `pane` shows changed. */
export function withSort(state: UiState, pane: PaneId, sort: SortState): UiState {
	if (pane === 'tasks' && state.stoppedTasks) return {...state, stoppedSort: sort};
	return {...state, sorts: {...state.sorts, [pane]: sort}};
}

/** What the table of `pane` said it shows in full; the same state when that did not change. */
export function withShownColumns(state: UiState, pane: PaneId, keys: readonly string[]): UiState {
	const before = state.shownColumns[pane];
	if (before !== undefined && before.join() === keys.join()) return state;
	return {...state, shownColumns: {...state.shownColumns, [pane]: keys}};
}

/** A message as the history keeps it: with when it was shown (epoch ms). */
export type LoggedMessage = Message & {readonly at: number};

/** Enough for an incident's worth of refusals and results, small enough never to matter. */
export const messageLogSize = 200;

/**
 * The state after a change, with the message it shows added to the history when it is a new one.
 * The UI store applies this to every change, so no path that sets a message can skip the log.
 */
export function withLoggedMessage(
	before: UiState | undefined,
	after: UiState,
	at: number,
): UiState {
	const message = after.message;
	if (message === undefined || message === before?.message) return after;
	if (after.messageLog[0]?.at === at && after.messageLog[0].text === message.text) return after;
	const entry: LoggedMessage = {text: message.text, tone: message.tone, at};
	return {...after, messageLog: [entry, ...after.messageLog.slice(0, messageLogSize - 1)]};
}

const noMarks: ReadonlySet<string> = new Set();

/**
 * The screen at start: the clusters pane, or with `--service NAME` the services pane, saying
 * what it is looking for until the service is found.
 */
export function initialUiState(
	sorts: Readonly<Record<PaneId, SortState>>,
	start: {
		readonly focused?: PaneId;
		readonly message?: string;
		/** The service the fleet is already focused on, if any: the tasks start scoped to it. */
		readonly taskService?: string | undefined;
	} = {},
): UiState {
	return {
		focused: start.focused ?? 'clusters',
		selected: {clusters: undefined, instances: undefined, services: undefined, tasks: undefined},
		filters: {clusters: '', instances: '', services: '', tasks: ''},
		sorts,
		overlay: {kind: 'none'},
		stoppedTasks: false,
		stoppedSort: defaultStoppedSort,
		shownColumns: {
			clusters: undefined,
			instances: undefined,
			services: undefined,
			tasks: undefined,
		},
		message: start.message === undefined ? undefined : {text: start.message, tone: 'info'},
		dialog: undefined,
		marked: noMarks,
		taskService: start.taskService,
		textViewport: {maxScroll: 0, page: 1},
		messageLog: [],
	};
}

/** The state with a line for the footer. */
export function withMessage(state: UiState, text: string, tone: Tone = 'info'): UiState {
	return {...state, message: {text, tone}};
}

/**
 * The state with `text` added to the message history only: for what the screen shows elsewhere
 * in short (the header's `DENIED cloudwatch:GetMetricData`), so it can be read whole with `m`.
 */
export function withLoggedNote(state: UiState, text: string, tone: Tone, at: number): UiState {
	const entry: LoggedMessage = {text, tone, at};
	return {...state, messageLog: [entry, ...state.messageLog.slice(0, messageLogSize - 1)]};
}

/** The state with no row marked (a sent bulk action, another cluster, Esc). */
export function withoutMarks(state: UiState): UiState {
	return state.marked.size === 0 ? state : {...state, marked: noMarks};
}

/**
 * The text view on screen said how far it scrolls: kept for the scroll keys, and a scroll past
 * its end (the view got taller, the text shorter) comes back to the end.
 */
export function withTextViewport(state: UiState, viewport: TextViewport): UiState {
	const overlay = state.overlay;
	const clamped =
		'scroll' in overlay && overlay.scroll > viewport.maxScroll
			? {...overlay, scroll: viewport.maxScroll}
			: overlay;
	const same =
		state.textViewport.maxScroll === viewport.maxScroll &&
		state.textViewport.page === viewport.page;
	if (same && clamped === overlay) return state;
	return {...state, overlay: clamped, textViewport: same ? state.textViewport : viewport};
}

export function cyclePane(current: PaneId, step: 1 | -1): PaneId {
	const index = paneOrder.indexOf(current);
	return paneOrder[(index + step + paneOrder.length) % paneOrder.length] ?? current;
}

/** What a text view (help, details, a task definition) can show: its last start line and a page. */
export type TextViewport = {readonly maxScroll: number; readonly page: number};

/**
 * Where a movement command moves a text view's first line, if it is one: a line, a page of the
 * lines the view shows, or the very top or end, always within the text.
 */
export function scrolledTo(
	command: Command,
	scroll: number,
	viewport: TextViewport,
): number | undefined {
	const page = Math.max(1, viewport.page);
	const next: Partial<Readonly<Record<Command, number>>> = {
		up: scroll - 1,
		down: scroll + 1,
		'page-up': scroll - page,
		'page-down': scroll + page,
		top: 0,
		bottom: viewport.maxScroll,
	};
	const target = next[command];
	return target === undefined ? undefined : Math.max(0, Math.min(target, viewport.maxScroll));
}

/** The row index a movement command lands on, clamped to the list. */
export function movedIndex(
	command: Command,
	index: number,
	count: number,
	pageSize: number,
): number | undefined {
	if (count === 0) return undefined;
	const last = count - 1;
	const page = Math.max(1, pageSize);
	switch (command) {
		case 'up':
			return Math.max(0, index - 1);
		case 'down':
			return Math.min(last, index + 1);
		case 'page-up':
			return Math.max(0, index - page);
		case 'page-down':
			return Math.min(last, index + page);
		case 'top':
			return 0;
		case 'bottom':
			return last;
		default:
			return undefined;
	}
}

/**
 * `<` / `>`: the sort moves to the previous or next sortable column among those on screen
 * (`shown`, when the table has said). Numbers sort biggest first (most tasks, most CPU is what
 * an operator looks for), text A to Z; `I` reverses either.
 */
export function nextSort(
	sortable: readonly {key: string; numeric: boolean}[],
	current: SortState,
	step: 1 | -1,
	shown?: readonly string[],
): SortState {
	const columns =
		shown === undefined ? sortable : sortable.filter((column) => shown.includes(column.key));
	if (columns.length === 0) return current;
	const index = columns.findIndex((column) => column.key === current.columnKey);
	// From a column not on screen (the terminal got narrower), `>` starts at the first one.
	const from = index === -1 ? (step === 1 ? -1 : columns.length) : index;
	const next = columns[(from + step + columns.length) % columns.length] ?? columns[0]!;
	return {columnKey: next.key, direction: next.numeric ? 'desc' : 'asc'};
}

/** `I`: the same column, the other way round (htop's key for it). */
export function reversedSort(current: SortState): SortState {
	return {...current, direction: current.direction === 'asc' ? 'desc' : 'asc'};
}
