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
	  }
	/** The problem feed (`!`): the selected problem, kept by its id. */
	| {readonly kind: 'problems'; readonly selected: string | undefined};

export type UiState = {
	readonly focused: PaneId;
	readonly selected: Readonly<Record<PaneId, string | undefined>>;
	readonly filters: Readonly<Record<PaneId, string>>;
	readonly sorts: Readonly<Record<PaneId, SortState>>;
	readonly overlay: Overlay;
	/** The tasks pane lists the scope's recently stopped tasks instead of its running ones (t). */
	readonly stoppedTasks: boolean;
	/** One line for the footer until the next key: a refusal, a result, an unknown command. */
	readonly message: Message | undefined;
	/** The confirmation dialog of a write key, while one is open: it has the keyboard alone. */
	readonly dialog: ActionDialog | undefined;
	/** Rows marked with Space for one bulk stop or drain, by row id (of the focused cluster). */
	readonly marked: ReadonlySet<string>;
	/**
	 * Whether the selected service scopes the tasks. Esc in the tasks pane, `:tasks` and a task
	 * run by hand widen them to the cluster's, until a service is selected again.
	 */
	readonly serviceScoped: boolean;
	/** How far the text view on screen (help, details, a task definition) scrolls, as it last said. */
	readonly textViewport: TextViewport;
};

export type Message = {readonly text: string; readonly tone: Tone};

const noMarks: ReadonlySet<string> = new Set();

/**
 * The screen at start: the clusters pane, or with `--service NAME` the services pane, saying
 * what it is looking for until the service is found.
 */
export function initialUiState(
	sorts: Readonly<Record<PaneId, SortState>>,
	start: {readonly focused?: PaneId; readonly message?: string} = {},
): UiState {
	return {
		focused: start.focused ?? 'clusters',
		selected: {clusters: undefined, instances: undefined, services: undefined, tasks: undefined},
		filters: {clusters: '', instances: '', services: '', tasks: ''},
		sorts,
		overlay: {kind: 'none'},
		stoppedTasks: false,
		message: start.message === undefined ? undefined : {text: start.message, tone: 'info'},
		dialog: undefined,
		marked: noMarks,
		serviceScoped: true,
		textViewport: {maxScroll: 0, page: 1},
	};
}

/** The state with a line for the footer. */
export function withMessage(state: UiState, text: string, tone: Tone = 'info'): UiState {
	return {...state, message: {text, tone}};
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
 * `<` / `>`: the sort moves to the previous or next sortable column. Numbers sort biggest first
 * (most tasks, most CPU is what an operator looks for), text A to Z.
 */
export function nextSort(
	sortable: readonly {key: string; numeric: boolean}[],
	current: SortState,
	step: 1 | -1,
): SortState {
	if (sortable.length === 0) return current;
	const index = sortable.findIndex((column) => column.key === current.columnKey);
	const next = sortable[(index + step + sortable.length) % sortable.length] ?? sortable[0]!;
	return {columnKey: next.key, direction: next.numeric ? 'desc' : 'asc'};
}
