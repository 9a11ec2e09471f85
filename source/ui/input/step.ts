/**
 * What the dispatcher gives back for one key or paste: the next UI state, and the effects the
 * shell carries out after it (tell the fleet store what the screen wants, open or send a dialog,
 * switch the session, quit). The dispatcher itself touches nothing outside the state it is given.
 */
import type {Focus} from '../../store/fleet-store.js';
import type {ActionRequest} from '../../store/writes/types.js';
import type {ActionDialog} from '../dialogs/dialog-model.js';
import type {DialogOpener} from '../dialogs/open-dialog.js';
import {withMessage, type UiState} from '../ui-state.js';
import type {Tone} from '../theme.js';

export type SwitchTarget =
	{readonly region: string | undefined} | {readonly profile: string | undefined};

export type Effect =
	| {readonly kind: 'quit'}
	/** The fleet store's focus: what is fetched. */
	| {readonly kind: 'set-focus'; readonly focus: Focus}
	| {readonly kind: 'refresh'}
	| {readonly kind: 'set-paused'; readonly paused: boolean}
	/** `:region` / `:profile`: reconnect elsewhere; the answer comes later. */
	| {readonly kind: 'switch'; readonly target: SwitchTarget}
	/** A write key: its dialog opens on what the screen shows, or the status line says why not. */
	| {
			readonly kind: 'open-dialog';
			readonly command: DialogOpener;
			/** `U`'s picker: the revision chosen for the service it was opened on. */
			readonly revision?: {readonly serviceArn: string; readonly taskDefinition: string};
	  }
	/** `U`: the revisions of the selected service's family, over the panes. */
	| {readonly kind: 'open-revisions'}
	/** Enter in a dialog's fields: the plan for the values typed, to confirm. */
	| {readonly kind: 'review-dialog'; readonly dialog: ActionDialog}
	/** y or Enter on a plan: sent if the key came alone and after the plan was drawn. */
	| {readonly kind: 'confirm-dialog'; readonly dialog: ActionDialog}
	/** `+`/`-` on a `+`/`-` confirmation: the same dialog on the adjusted request. */
	| {readonly kind: 'replan-dialog'; readonly request: ActionRequest}
	/** `c`: `text` to the clipboard through the terminal; `what` names it in the message. */
	| {readonly kind: 'copy'; readonly text: string; readonly what: string};

export type Step = {readonly state: UiState; readonly effects: readonly Effect[]};

const noEffects: readonly Effect[] = [];

/** The state as it is now, or as changed, with no effect. */
export function stay(state: UiState): Step {
	return {state, effects: noEffects};
}

export function withEffects(state: UiState, ...effects: Effect[]): Step {
	return {state, effects};
}

/** A line on the status line, and nothing else. */
export function say(state: UiState, text: string, tone: Tone = 'info'): Step {
	return stay(withMessage(state, text, tone));
}
