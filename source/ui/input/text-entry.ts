/**
 * Typing into the `/` filter and the `:` prompt: printable characters are text (`q` is a letter
 * here), Backspace removes one, Enter keeps the filter or runs the command, Esc cancels (and clears
 * the filter), Ctrl-C quits. The filter applies as it is typed.
 */
import {parseCommand} from '../commands/registry.js';
import {liveScopes, matchKey, type TextCommand} from '../keymap.js';
import {withMessage, type Overlay, type UiState} from '../ui-state.js';
import type {KeyPress} from './key-press.js';
import type {Screen} from './screen.js';
import {selectedRowId} from './selection.js';
import {say, stay, withEffects, type Step} from './step.js';

type TextOverlay = Extract<Overlay, {kind: 'filter' | 'command'}>;

const closed: Overlay = {kind: 'none'};

const textHandlers: {
	readonly [C in TextCommand]: (state: UiState, overlay: TextOverlay, screen: Screen) => Step;
} = {
	submit: (state, overlay, screen) => {
		const done = {...state, overlay: closed};
		return overlay.kind === 'command' ? runCommand(done, overlay.text, screen) : stay(done);
	},
	dismiss: (state, overlay) =>
		stay(
			overlay.kind === 'filter'
				? {...state, overlay: closed, filters: {...state.filters, [overlay.pane]: ''}}
				: {...state, overlay: closed},
		),
};

export function textKey(
	state: UiState,
	overlay: TextOverlay,
	press: KeyPress,
	screen: Screen,
): Step {
	const match = matchKey(press.name, liveScopes.filter);
	if (match.kind === 'command') {
		const command = match.binding.command;
		if (command === 'interrupt') return withEffects(state, {kind: 'quit'});
		if (command === 'submit' || command === 'dismiss')
			return textHandlers[command](state, overlay, screen);
	}
	const {name, input, key} = press;
	if (name === 'backspace' || name === 'delete')
		return typed(state, overlay, overlay.text.slice(0, -1));
	if (input.length > 0 && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab)
		return typed(state, overlay, overlay.text + printable(input));
	return stay(state);
}

/** A paste goes into the field being typed in, printable characters only (no newline submits). */
export function textPaste(state: UiState, overlay: TextOverlay, text: string): Step {
	return typed(state, overlay, overlay.text + printable(text));
}

function printable(text: string): string {
	return [...text].filter((character) => character >= ' ' && character !== '\u007f').join('');
}

function typed(state: UiState, overlay: TextOverlay, text: string): Step {
	if (overlay.kind === 'filter')
		return stay({
			...state,
			overlay: {...overlay, text},
			filters: {...state.filters, [overlay.pane]: text},
		});
	return stay({...state, overlay: {...overlay, text}});
}

/** Enter on the `:` prompt: what the registry parsed, done. */
function runCommand(state: UiState, text: string, screen: Screen): Step {
	const parsed = parseCommand(text);
	switch (parsed.kind) {
		case 'pane': {
			const focused = {...state, focused: parsed.pane, overlay: closed};
			if (!parsed.clearServiceScope) return stay(focused);
			const clusterArn = selectedRowId(screen.lists.clusters, state.selected.clusters);
			const widened = {...focused, taskService: undefined};
			return clusterArn === undefined
				? stay(widened)
				: withEffects(widened, {kind: 'set-focus', focus: {clusterArn}});
		}
		case 'quit':
			return withEffects(state, {kind: 'quit'});
		case 'region':
		case 'profile': {
			if (!screen.canSwitch)
				return say(state, `switching ${parsed.kind} is not available here`, 'warn');
			const name = parsed.kind === 'region' ? parsed.region : parsed.profile;
			const note =
				name === undefined
					? `switching back to the ${parsed.kind} ecs-top was started with…`
					: `switching to ${parsed.kind} ${name}…`;
			const target = parsed.kind === 'region' ? {region: parsed.region} : {profile: parsed.profile};
			// A switch that works remounts the App; one refused leaves this session as it was.
			return withEffects(withMessage(state, note), {kind: 'switch', target});
		}
		case 'task-definitions':
			return stay({
				...state,
				overlay: {kind: 'task-definitions', selected: undefined, opened: undefined, scroll: 0},
			});
		case 'undo-list':
			if (!screen.writes.allowed) return say(state, screen.writes.why, 'warn');
			return withEffects(state, {kind: 'open-dialog', command: 'undo-list'});
		case 'messages':
			return stay({...state, overlay: {kind: 'messages', only: 'all', scroll: 0}});
		case 'problems':
			return stay({...state, overlay: {kind: 'problems', selected: undefined}});
		case 'error':
			return say(state, parsed.message, 'warn');
	}
}
