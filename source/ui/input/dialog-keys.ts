/**
 * An open confirmation dialog has the keyboard alone (its fields take text: `n` typed into a
 * family name is a letter). Nothing here keeps the user from leaving: Ctrl-C quits from anywhere,
 * and `q` from a confirmation or while a request is being sent (the action layer records its
 * outcome as unknown on the way out); only while typing into a field is `q` a letter. Those keys
 * are passed on to the panes' keyboard, which quits.
 */
import {backspace, nextField, typeInto, type ActionDialog} from '../dialogs/dialog-model.js';
import {matchKey, type DialogCommand, type KeyScope} from '../keymap.js';
import type {UiState} from '../ui-state.js';
import type {KeyPress} from './key-press.js';
import {say, stay, withEffects, type Step} from './step.js';

export const cancelledMessage = 'cancelled: nothing was sent';

// A confirmation takes its own keys and the global ones, of which it acts only on quitting.
const confirmationScopes: readonly KeyScope[] = ['dialog', 'global'];

const confirmationHandlers: {
	readonly [C in DialogCommand]: (state: UiState, dialog: ActionDialog) => Step;
} = {
	// Sent only if it came alone and after the plan was drawn: the shell knows both.
	confirm: (state, dialog) => withEffects(state, {kind: 'confirm-dialog', dialog}),
	cancel: (state) => say({...state, dialog: undefined}, cancelledMessage),
	'adjust-up': (state, dialog) => adjust(state, dialog, 1),
	'adjust-down': (state, dialog) => adjust(state, dialog, -1),
	// The plan's equivalent aws command, to run or keep elsewhere.
	'copy-command': (state, dialog) => {
		const commands = dialog.plan?.cliCommands ?? [];
		if (commands.length === 0) return say(state, 'this plan has no aws command to copy', 'warn');
		return withEffects(state, {kind: 'copy', text: commands.join('\n'), what: 'the aws command'});
	},
};

/**
 * `+` or `-` again on a `+`/`-` confirmation: the pending change grows by one instead of being
 * lost, so `+ + +` then y sends 6 -> 9 in one request.
 */
function adjust(state: UiState, dialog: ActionDialog, step: 1 | -1): Step {
	const request = dialog.plan?.request;
	if (request?.kind !== 'scale-service' || dialog.fields.length > 0) return stay(state);
	return withEffects(state, {
		kind: 'replan-dialog',
		request: {...request, desiredCount: request.desiredCount + step},
	});
}

/** The dialog's step for a key, or undefined when the key is not the dialog's (Ctrl-C, q). */
export function dialogKey(state: UiState, dialog: ActionDialog, press: KeyPress): Step | undefined {
	if (press.name === 'ctrl+c') return undefined;
	if (dialog.step === 'edit') return editKey(state, dialog, press);
	const match = matchKey(press.name, confirmationScopes);
	const command = match.kind === 'command' ? match.binding.command : undefined;
	if (command === 'quit' || command === 'interrupt') return undefined;
	if (dialog.step === 'sending') {
		// Esc hides the box; the request goes on and its answer still comes to the status line.
		return stay(press.name === 'escape' ? {...state, dialog: undefined} : state);
	}
	if (
		command === 'confirm' ||
		command === 'cancel' ||
		command === 'adjust-up' ||
		command === 'adjust-down' ||
		command === 'copy-command'
	)
		return confirmationHandlers[command](state, dialog);
	return stay(state);
}

/** Typing values: Enter reviews the plan, Esc cancels, Tab moves between the fields. */
function editKey(state: UiState, dialog: ActionDialog, press: KeyPress): Step {
	const {name, input, key} = press;
	const edited = (next: ActionDialog) => stay(next === dialog ? state : {...state, dialog: next});
	if (name === 'escape') return say({...state, dialog: undefined}, cancelledMessage);
	if (name === 'enter') return withEffects(state, {kind: 'review-dialog', dialog});
	if (name === 'tab' || name === 'shift+tab')
		return edited(nextField(dialog, name === 'tab' ? 1 : -1));
	if (name === 'backspace' || name === 'delete') return edited(backspace(dialog));
	if (!key.ctrl && !key.meta && input.length > 0) return edited(typeInto(dialog, input));
	return stay(state);
}

/** A paste types into a field; a confirmation takes a key pressed on its own, never a paste. */
export function dialogPaste(state: UiState, dialog: ActionDialog, text: string): Step {
	if (dialog.step === 'edit') return stay({...state, dialog: typeInto(dialog, text)});
	return say(state, 'pasted text ignored: a confirmation takes a key pressed on its own', 'warn');
}
