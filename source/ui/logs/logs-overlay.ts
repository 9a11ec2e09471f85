/**
 * The log view's own state and keys (docs/logs.md): what it is open on, where it scrolls, and its
 * switches (follow, wrap, timestamps, the `/` search, which filters the lines). Pure: the
 * dispatcher calls these with the UI state and the key's command.
 */
import type {LogTarget} from '../../model/log-source.js';
import {keyLabel, paneFreeCommands, type Command} from '../keymap.js';
import type {PaneId} from '../layout.js';
import {scrolledTo, type Overlay, type TextViewport, type UiState} from '../ui-state.js';
import type {KeyPress} from '../input/key-press.js';
import {say, stay, withEffects, type Step} from '../input/step.js';

export type LogsOverlay = {
	readonly kind: 'logs';
	readonly target: LogTarget;
	/** What the title names: `task 0c4e6270`, `service api`. */
	readonly title: string;
	/** First row shown, when not at the end. */
	readonly scroll: number;
	/** Shows the newest lines, and keeps showing them as new ones arrive. */
	readonly atEnd: boolean;
	readonly follow: boolean;
	readonly wrap: boolean;
	readonly timestamps: boolean;
	/** Only lines containing this (any case) are shown; empty: all. */
	readonly search: string;
	/** The search is being typed: keys are text until Enter or Esc. */
	readonly searching: boolean;
};

const closed: Overlay = {kind: 'none'};

function lastSegment(arn: string): string {
	return arn.slice(arn.lastIndexOf('/') + 1);
}

/** `l` on a row: the view over a task's or a service's logs, following, at the newest line. */
export function logsOverlayFor(pane: PaneId, id: string): LogsOverlay | undefined {
	const base = {scroll: 0, atEnd: true, follow: true, wrap: false, timestamps: true, search: ''};
	if (pane === 'tasks')
		return {
			kind: 'logs',
			target: {kind: 'task', taskArn: id},
			title: `task ${lastSegment(id).slice(0, 8)}`,
			...base,
			searching: false,
		};
	if (pane === 'services')
		return {
			kind: 'logs',
			target: {kind: 'service', serviceArn: id},
			title: `service ${lastSegment(id)}`,
			...base,
			searching: false,
		};
	return undefined;
}

/** The footer's hints in the log view. */
export const logsFooterCommands: ReadonlySet<Command> = new Set<Command>([
	'logs-follow',
	'logs-wrap',
	'logs-timestamps',
	'filter',
	'help',
	'quit',
]);

/** Keys that reach the shell from the log view; the rest act on panes it hides. */
const passThrough: ReadonlySet<Command> = new Set<Command>(paneFreeCommands);

function withOverlay(state: UiState, overlay: LogsOverlay): Step {
	return stay({...state, overlay});
}

/** Where a movement lands: from the end it starts at the last page the view drew. */
function moved(
	overlay: LogsOverlay,
	command: Command,
	viewport: TextViewport,
): LogsOverlay | undefined {
	const from = overlay.atEnd ? viewport.maxScroll : overlay.scroll;
	const scroll = scrolledTo(command, from, viewport);
	if (scroll === undefined) return undefined;
	// G, or moving down onto the last page, sticks to the newest lines again.
	const atEnd = command === 'bottom' || (command !== 'top' && scroll >= viewport.maxScroll);
	return {...overlay, scroll, atEnd};
}

/**
 * The log view's answer to a key, or undefined to let the shell's handler have it (help, `:`,
 * quit, refresh, pause; a pane key, after closing the view).
 */
export function logsKey(
	state: UiState,
	overlay: LogsOverlay,
	command: Command,
	press: KeyPress,
): {step: Step} | {state: UiState} | undefined {
	const step = (next: LogsOverlay) => ({step: withOverlay(state, next)});
	const movedTo = moved(overlay, command, state.textViewport);
	if (movedTo !== undefined) return step(movedTo);
	switch (command) {
		case 'back':
			// Esc clears a search first, then closes.
			if (overlay.search !== '') return step({...overlay, search: '', atEnd: true});
			return {step: stay({...state, overlay: closed})};
		case 'filter':
			return step({...overlay, searching: true});
		case 'logs-follow':
			return {
				step: say(
					{
						...state,
						overlay: {...overlay, follow: !overlay.follow, atEnd: !overlay.follow || overlay.atEnd},
					},
					overlay.follow
						? 'follow off: no new lines until f'
						: 'following: new lines every refresh',
				),
			};
		case 'logs-wrap':
			return step({...overlay, wrap: !overlay.wrap});
		case 'logs-timestamps':
			return step({...overlay, timestamps: !overlay.timestamps});
		case 'logs':
			return {step: stay({...state, overlay: closed})};
		default:
			break;
	}
	if (passThrough.has(command)) return undefined;
	// Going to a pane leaves the view for it.
	if (command.startsWith('pane-') || command.startsWith('focus-'))
		return {state: {...state, overlay: closed}};
	return {
		step: say(
			state,
			`${keyLabel(press.name ?? press.input)} acts on the panes: Esc closes the logs first`,
			'warn',
		),
	};
}

/** A key while the search is typed: text, Backspace, Enter keeps it, Esc clears it. */
export function logsSearchKey(state: UiState, overlay: LogsOverlay, press: KeyPress): Step {
	const {name, input, key} = press;
	if (name === 'ctrl+c') return withEffects(state, {kind: 'quit'});
	if (name === 'enter') return withOverlay(state, {...overlay, searching: false});
	if (name === 'escape') return withOverlay(state, {...overlay, searching: false, search: ''});
	if (name === 'backspace' || name === 'delete')
		return withOverlay(state, {...overlay, search: overlay.search.slice(0, -1)});
	if (input.length > 0 && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab)
		return withOverlay(state, {...overlay, search: overlay.search + printable(input)});
	return stay(state);
}

/** A paste while the search is typed is more of it. */
export function logsSearchPaste(state: UiState, overlay: LogsOverlay, text: string): Step {
	return withOverlay(state, {...overlay, search: overlay.search + printable(text)});
}

function printable(text: string): string {
	return [...text].filter((character) => character >= ' ' && character !== '\u007f').join('');
}
