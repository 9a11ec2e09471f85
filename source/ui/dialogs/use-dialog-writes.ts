/**
 * The writes behind the dialogs: opening one on what the screen shows, reviewing the values
 * typed, and sending a confirmed plan. The dialog itself lives in the UI store and its keys in
 * the dispatcher (source/ui/input/dialog-keys.ts); this is the part that talks to the action
 * layer. A plan is sent once: the step turns to `sending` before the request leaves, so a second
 * `y` or Enter finds nothing to confirm, and the runner refuses a target already in flight as
 * well. Only a key pressed on its own after the confirmation was drawn sends (confirm-guard.ts).
 */
import {useContext, useEffect, useInsertionEffect, useRef, useState} from 'react';
import type {
	ActionRequest,
	ActionResult,
	ActionRunner,
	PlanOutcome,
} from '../../store/writes/types.js';
import type {Tone} from '../theme.js';
import {updateUi, useUi, type UiStore} from '../ui-store.js';
import {withMessage, withoutMarks} from '../ui-state.js';
import {
	commitIsDrawnClock,
	FrameClockContext,
	notAlone,
	notDrawnYet,
	type KeyTurn,
} from './confirm-guard.js';
import {confirmDialog, previewOf, type ActionDialog} from './dialog-model.js';
import {openDialog, type ActionTargets, type DialogOpener} from './open-dialog.js';

const resultTone: Record<ActionResult['status'], Tone> = {
	succeeded: 'ok',
	'partly-failed': 'warn',
	failed: 'error',
	refused: 'warn',
	unknown: 'warn',
};

export type DialogWrites = {
	/** What the open dialog would send now, for drawing it. */
	readonly preview: PlanOutcome | undefined;
	/** A write key: opens its dialog, or says why it cannot. */
	open(command: DialogOpener, targets: ActionTargets): void;
	/** Enter in the fields: the plan for the values typed, to confirm. */
	review(dialog: ActionDialog): void;
	/** y or Enter: sends once it is known to have come alone, if the plan was on screen. */
	confirm(dialog: ActionDialog, turn: KeyTurn): void;
	/** `+`/`-` on a confirmation: the dialog shows the adjusted plan, or the status line why not. */
	replan(request: ActionRequest): void;
};

export function useDialogWrites(
	runner: ActionRunner | undefined,
	ui: UiStore,
	/** Called with each answer, after the status line has it. */
	onResult: (result: ActionResult) => void,
): DialogWrites {
	const dialog = useUi((state) => state.dialog);
	const [fallbackClock] = useState(commitIsDrawnClock);
	const clock = useContext(FrameClockContext) ?? fallbackClock;
	// Before the renderer can draw this commit: a frame written from now on shows this plan.
	const shownPlanId = dialog?.step === 'confirm' ? dialog.plan?.id : undefined;
	useInsertionEffect(() => {
		clock.show(shownPlanId);
	}, [clock, shownPlanId]);

	const say = (text: string, tone: Tone) => updateUi(ui, (state) => withMessage(state, text, tone));
	const setDialog = (next: ActionDialog | undefined) =>
		updateUi(ui, (state) => (state.dialog === next ? state : {...state, dialog: next}));

	// A request whose answer never came is settled later, by a read: say what it found.
	useEffect(() => {
		if (runner === undefined) return undefined;
		return runner.state.subscribe((state, previous) => {
			const newest = state.results[0];
			if (newest === undefined || newest === previous.results[0] || newest.checked !== true) return;
			updateUi(ui, (current) => withMessage(current, newest.message, resultTone[newest.status]));
		});
	}, [runner, ui]);

	const onResultRef = useRef(onResult);
	useEffect(() => {
		onResultRef.current = onResult;
	});

	const send = (current: ActionDialog) => {
		const plan = current.plan;
		if (runner === undefined || plan === undefined) return;
		// The marks a bulk action used are spent as it is sent.
		updateUi(ui, (state) => withoutMarks({...state, dialog: {...current, step: 'sending'}}));
		say(`sending: ${plan.changes.join('; ')}`, 'info');
		// Close the box unless another dialog was opened meanwhile (Esc hid this one).
		const close = () => {
			if (ui.getState().dialog?.plan?.id === plan.id) setDialog(undefined);
		};
		runner.confirm(plan).then(
			(result) => {
				close();
				say(result.message, resultTone[result.status]);
				onResultRef.current(result);
			},
			(error: unknown) => {
				close();
				say(
					`the action failed: ${error instanceof Error ? error.message : String(error)}`,
					'error',
				);
			},
		);
	};

	return {
		preview:
			dialog === undefined || runner === undefined
				? undefined
				: // A preview keeps nothing and keeps its id while nothing it depends on changes: a
					// render must not mint a plan (Enter, below, plans for real).
					previewOf(dialog, (request) => runner.preview?.(request) ?? runner.plan(request)),
		open(command, targets) {
			// Write keys are bound only while writes are allowed; the runner refuses under
			// --read-only whatever asks it.
			if (runner === undefined) return;
			const opened = openDialog(command, targets, runner);
			if ('refusal' in opened) say(opened.refusal, 'warn');
			else setDialog(opened.dialog);
		},
		replan(request) {
			if (runner === undefined) return;
			const outcome = runner.plan(request);
			if (outcome.ok) setDialog(confirmDialog(outcome.plan));
			else say(`${outcome.refusal}: the pending change is unchanged`, 'warn');
		},
		review(current) {
			if (runner === undefined) return;
			const preview = previewOf(current, (request) => runner.plan(request));
			if (preview.ok) setDialog({...current, step: 'confirm', plan: preview.plan});
		},
		confirm(current, turn) {
			const planId = current.plan?.id;
			if (planId === undefined || !clock.drawn(planId)) {
				say(notDrawnYet, 'warn');
				return;
			}
			// Decided once everything read with this key has been handed on.
			setImmediate(() => {
				if (ui.getState().dialog !== current) return;
				if (turn.inputs !== 1) say(notAlone, 'warn');
				else send(current);
			});
		},
	};
}
