/**
 * The dispatcher: (UI state, a key press or a paste, what the screen shows) → (the next UI state,
 * the effects to carry out). Pure, so every key's meaning is tested without Ink. The keyboard
 * belongs to one of three owners, in this order: an open dialog, the text being typed (the `/`
 * filter, the `:` prompt), the panes (and the views over them).
 */
import type {UiState} from '../ui-state.js';
import {logsSearchKey, logsSearchPaste} from '../logs/logs-overlay.js';
import {dialogKey, dialogPaste} from './dialog-keys.js';
import type {KeyPress} from './key-press.js';
import {paneKey} from './pane-keys.js';
import type {Screen} from './screen.js';
import {say, type Step} from './step.js';
import {textKey, textPaste} from './text-entry.js';

export function dispatchKey(state: UiState, press: KeyPress, screen: Screen): Step {
	if (state.dialog !== undefined) {
		const step = dialogKey(state, state.dialog, press);
		if (step !== undefined) return step;
	}
	const overlay = state.overlay;
	if (overlay.kind === 'filter' || overlay.kind === 'command')
		return textKey(state, overlay, press, screen);
	if (overlay.kind === 'logs' && overlay.searching) return logsSearchKey(state, overlay, press);
	return paneKey(state, press, screen);
}

/** A paste is text, never keys: it goes into the field being typed in, else nowhere. */
export function dispatchPaste(state: UiState, text: string): Step {
	if (state.dialog !== undefined) return dialogPaste(state, state.dialog, text);
	const overlay = state.overlay;
	if (overlay.kind === 'filter' || overlay.kind === 'command')
		return textPaste(state, overlay, text);
	if (overlay.kind === 'logs' && overlay.searching) return logsSearchPaste(state, overlay, text);
	return say(state, 'pasted text ignored: paste into / or :', 'warn');
}
