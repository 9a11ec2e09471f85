/**
 * The UI's own state (which pane has the keyboard, what is selected, filters, sorts, overlays)
 * and its pure transitions. Fleet data lives in the fleet store; this is only about the screen.
 * Selections are kept by row id (an ARN), so a row stays selected when refreshes reorder rows.
 */
import type {SortState} from './components/table.js';
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
	  };

export type UiState = {
	readonly focused: PaneId;
	readonly selected: Readonly<Record<PaneId, string | undefined>>;
	readonly filters: Readonly<Record<PaneId, string>>;
	readonly sorts: Readonly<Record<PaneId, SortState>>;
	readonly overlay: Overlay;
	/** The tasks pane lists the scope's recently stopped tasks instead of its running ones (t). */
	readonly stoppedTasks: boolean;
	/** One line for the footer until the next key: a refusal, a result, an unknown command. */
	readonly message: {readonly text: string; readonly tone: Tone} | undefined;
};

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
	};
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
	command: string,
	scroll: number,
	viewport: TextViewport,
): number | undefined {
	const page = Math.max(1, viewport.page);
	const next: Readonly<Record<string, number>> = {
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
	command: string,
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

export type ParsedCommand =
	| {readonly kind: 'pane'; readonly pane: PaneId; readonly clearServiceScope?: boolean}
	/** Without a name: back to the region or profile ecs-top was started with. */
	| {readonly kind: 'region'; readonly region: string | undefined}
	| {readonly kind: 'profile'; readonly profile: string | undefined}
	| {readonly kind: 'quit'}
	| {readonly kind: 'task-definitions'}
	| {readonly kind: 'error'; readonly message: string};

/** The `:` commands, as help, the prompt and its errors list them. */
export const commandSummary = ':clusters :svc :tasks :td :region [NAME] :profile [NAME] :q';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The `:` command line, k9s style: `:svc`, `:tasks`, `:region eu-west-1`, `:q`. */
export function parseCommand(text: string): ParsedCommand {
	const [word = '', ...rest] = text.trim().split(/\s+/);
	const argument = rest.join(' ');
	switch (word.toLowerCase()) {
		case 'clusters':
		case 'cluster':
		case 'cl':
			return {kind: 'pane', pane: 'clusters'};
		case 'instances':
		case 'inst':
		case 'ci':
		case 'nodes':
			return {kind: 'pane', pane: 'instances'};
		case 'svc':
		case 'services':
		case 'service':
			return {kind: 'pane', pane: 'services'};
		case 'tasks':
		case 'task':
		case 'po':
			// `:tasks` is every task of the cluster, not only the selected service's.
			return {kind: 'pane', pane: 'tasks', clearServiceScope: true};
		case 'td':
		case 'taskdefs':
			return {kind: 'task-definitions'};
		case 'region':
			if (argument === '') return {kind: 'region', region: undefined};
			if (!regionPattern.test(argument)) {
				return {
					kind: 'error',
					message: `:region needs a region name like eu-west-1${argument ? `, not ${argument}` : ''}`,
				};
			}
			return {kind: 'region', region: argument};
		case 'profile':
			return {kind: 'profile', profile: argument === '' ? undefined : argument};
		case 'q':
		case 'quit':
		case 'q!':
			return {kind: 'quit'};
		case '':
			return {
				kind: 'error',
				message: `type a command: ${commandSummary}`,
			};
		default:
			return {
				kind: 'error',
				message: `unknown command :${word} (try ${commandSummary})`,
			};
	}
}
