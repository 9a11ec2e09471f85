/**
 * The panes' keyboard: a key is looked up once, in the scopes live over the panes, then the view
 * on top has first say (help and details scroll, the `:td` list moves its own selection), and the
 * command's handler does the rest. A write key while writes are off is not bound: it gets the one
 * message that says why, wherever it was pressed.
 */
import {
	keyLabel,
	liveScopes,
	matchKey,
	taskDefinitionListCommands,
	type Command,
	type KeyBinding,
	type PaneCommand,
} from '../keymap.js';
import {problemFeedCommands, problemsKey} from '../problems/problem-keys.js';
import {movedIndex, scrolledTo, type Overlay, type UiState} from '../ui-state.js';
import type {KeyPress} from './key-press.js';
import {logsKey} from '../logs/logs-overlay.js';
import {paneHandlers} from './pane-handlers.js';
import {browseKey, pickerKey} from '../revisions/revision-keys.js';
import type {Screen} from './screen.js';
import {say, stay, type Step} from './step.js';

const closed: Overlay = {kind: 'none'};

export function paneKey(state: UiState, press: KeyPress, screen: Screen): Step {
	const live = state.overlay.kind === 'logs' ? liveScopes.logs : liveScopes.list;
	const match = matchKey(press.name, live, screen.writes.allowed);
	if (match.kind === 'none') return stay(state);
	// A key that means something replaces the last key's message.
	let current = state.message === undefined ? state : {...state, message: undefined};
	// The log view has first say over every key (docs/logs.md).
	if (current.overlay.kind === 'logs') {
		const handled = logsKey(current, current.overlay, match.binding.command, press);
		if (handled !== undefined && 'step' in handled) return handled.step;
		if (handled !== undefined) current = handled.state;
	}
	// The keymap's list, action and global scopes hold only pane commands.
	const binding = match.binding as KeyBinding<PaneCommand>;
	const command = binding.command;
	const overlay = current.overlay;

	// Help and details take the movement keys for scrolling; Esc, Enter (and ? for help) close.
	if (overlay.kind === 'help' || overlay.kind === 'detail' || overlay.kind === 'messages') {
		const scrolled = scrollText(current, command);
		if (scrolled !== undefined) return stay(scrolled);
		if (
			command === 'back' ||
			command === 'open' ||
			(command === 'help' && overlay.kind === 'help') ||
			(command === 'show-message' && overlay.kind === 'messages')
		)
			return stay({...current, overlay: closed});
	}

	const fromTaskDefinitions = overlay.kind === 'task-definitions';
	if (overlay.kind === 'task-definitions' || overlay.kind === 'revisions') {
		const handled =
			overlay.kind === 'revisions'
				? pickerKey(current, overlay, command, screen)
				: taskDefinitionKey(current, overlay, command, screen);
		if (handled !== undefined) return handled;
		const what = overlay.kind === 'revisions' ? 'revisions' : 'task definitions';
		const past = pastList(current, command, taskDefinitionListCommands, what, press);
		if ('step' in past) return past.step;
		current = past.state;
	}

	if (overlay.kind === 'problems') {
		const handled = problemsKey(current, overlay, command, screen);
		if (handled !== undefined) return handled;
		const past = pastList(current, command, problemFeedCommands, 'problems', press);
		if ('step' in past) return past.step;
		current = past.state;
	}

	if (match.kind === 'write-refused' && !screen.writes.allowed)
		return say(current, screen.writes.why, 'warn');
	return paneHandlers[command]({state: current, screen, binding, fromTaskDefinitions});
}

/**
 * A key a list over the panes (`:td`, the revisions, the problems) left: a pane or focus key
 * leaves the list for that pane; one of `passes` goes on with the list open; the rest act on the
 * panes behind it, so they are refused rather than sent where the user cannot see.
 */
function pastList(
	state: UiState,
	command: Command,
	passes: ReadonlySet<Command>,
	what: string,
	press: KeyPress,
): {readonly state: UiState} | {readonly step: Step} {
	if (command.startsWith('pane-') || command.startsWith('focus-'))
		return {state: {...state, overlay: closed}};
	if (passes.has(command)) return {state};
	return {
		step: say(
			state,
			`${keyLabel(press.name ?? press.input)} acts on the panes: Esc closes the ${what} first`,
			'warn',
		),
	};
}

/** A movement key scrolls the text view on screen, within its text; undefined if it is no movement. */
function scrollText(state: UiState, command: Command): UiState | undefined {
	const overlay = state.overlay;
	if (!('scroll' in overlay)) return undefined;
	const scroll = scrolledTo(command, overlay.scroll, state.textViewport);
	if (scroll === undefined) return undefined;
	return scroll === overlay.scroll ? state : {...state, overlay: {...overlay, scroll}};
}

type TaskDefinitionsOverlay = Extract<Overlay, {kind: 'task-definitions'}>;

/** The `:td` view's own keys: movement, Enter and Esc, in the list or in an opened revision. */
function taskDefinitionKey(
	state: UiState,
	overlay: TaskDefinitionsOverlay,
	command: Command,
	screen: Screen,
): Step | undefined {
	const {families, newest, pageRows} = screen.taskDefinitions;
	const withOverlay = (next: TaskDefinitionsOverlay) => stay({...state, overlay: next});
	if (overlay.opened !== undefined) {
		const scrolled = scrollText(state, command);
		if (scrolled !== undefined) return stay(scrolled);
		if (command === 'back' || command === 'open')
			return withOverlay({...overlay, opened: undefined, scroll: 0});
		return undefined;
	}
	if (overlay.revisions !== undefined)
		return browseKey(state, overlay, overlay.revisions, command, screen);
	const index =
		overlay.selected === undefined ? 0 : Math.max(0, families.indexOf(overlay.selected));
	const moved = movedIndex(command, index, families.length, pageRows);
	if (moved !== undefined) return withOverlay({...overlay, selected: families[moved]});
	if (command === 'open') {
		// A family opens on its revisions, the newest selected: every one is reachable from there.
		const family = families[index];
		const arn = family === undefined ? undefined : newest.get(family);
		if (family === undefined || arn === undefined) return stay(state);
		return withOverlay({
			...overlay,
			selected: family,
			revisions: {family, selected: arn, marked: undefined, compared: undefined},
			scroll: 0,
		});
	}
	if (command === 'back') return stay({...state, overlay: closed});
	if (command === 'compare-revisions')
		return say(
			state,
			'Enter on a family lists its revisions: v marks one there, v on another compares',
		);
	return undefined;
}
