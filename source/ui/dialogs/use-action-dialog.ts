/**
 * The open confirmation dialog and its keys. While a dialog is open it has the keyboard alone
 * (its fields take text: `n` typed into a family name is a letter). A plan is sent once: the
 * step turns to `sending` before the request leaves, so a second `y` or Enter finds nothing to
 * confirm, and the runner refuses a target already in flight as well. Only a key pressed on its
 * own after the confirmation was drawn sends (confirm-guard.ts); a paste only types into a field.
 * Nothing here keeps the user from leaving: Ctrl-C quits from anywhere, and `q` from a
 * confirmation or while a request is being sent (the runner records its outcome as unknown on the
 * way out); only while typing into a field is `q` a letter.
 */
import type {Key} from 'ink';
import {useCallback, useContext, useEffect, useInsertionEffect, useRef, useState} from 'react';
import type {ActionResult, ActionRunner, PlanOutcome} from '../../store/actions/types.js';
import {commandFor, keyName} from '../keymap.js';
import type {Tone} from '../theme.js';
import {backspace, nextField, previewOf, typeInto, type ActionDialog} from './dialog-model.js';
import {
	commitIsDrawnClock,
	createKeyTurns,
	FrameClockContext,
	notAlone,
	notDrawnYet,
} from './confirm-guard.js';
import {openDialog, type ActionTargets} from './open-dialog.js';

export type Say = (text: string, tone?: Tone) => void;

const resultTone: Record<ActionResult['status'], Tone> = {
	succeeded: 'ok',
	'partly-failed': 'warn',
	failed: 'error',
	refused: 'warn',
	unknown: 'warn',
};

export type ActionDialogControl = {
	readonly dialog: ActionDialog | undefined;
	readonly preview: PlanOutcome | undefined;
	/** A write key: opens its dialog, or says why it cannot. */
	open(command: string, targets: ActionTargets): void;
	/** Keys while a dialog is open; false when none is (the key is someone else's). */
	onKey(input: string, key: Key): boolean;
	/** Pasted text while a dialog is open (it types into a field, never confirms); false when none is. */
	onPaste(text: string): boolean;
};

export function useActionDialog(
	runner: ActionRunner | undefined,
	say: Say,
	/** Called as a plan is sent (the bulk marks it used are spent). */
	onSend?: () => void,
	/** Called with each answer, after the status line has it. */
	onResult?: (result: ActionResult) => void,
): ActionDialogControl {
	const [dialog, setDialogState] = useState<ActionDialog | undefined>(undefined);
	// Keys may arrive faster than renders: each acts on the state the previous one left.
	const dialogRef = useRef<ActionDialog | undefined>(undefined);
	const setDialog = useCallback((next: ActionDialog | undefined) => {
		dialogRef.current = next;
		setDialogState(next);
	}, []);
	const [fallbackClock] = useState(commitIsDrawnClock);
	const clock = useContext(FrameClockContext) ?? fallbackClock;
	// Before the renderer can draw this commit: a frame written from now on shows this plan.
	const shownPlanId = dialog?.step === 'confirm' ? dialog.plan?.id : undefined;
	useInsertionEffect(() => {
		clock.show(shownPlanId);
	}, [clock, shownPlanId]);
	const turns = useRef(createKeyTurns());

	// A request whose answer never came is settled later, by a read: say what it found.
	const sayRef = useRef(say);
	useEffect(() => {
		sayRef.current = say;
	});
	useEffect(() => {
		if (runner === undefined) return undefined;
		return runner.state.subscribe((state, previous) => {
			const newest = state.results[0];
			if (newest === undefined || newest === previous.results[0] || newest.checked !== true) return;
			sayRef.current(newest.message, resultTone[newest.status]);
		});
	}, [runner]);

	const open = (command: string, targets: ActionTargets) => {
		if (runner === undefined || runner.readOnly) {
			say('read-only: ecs-top was started with --read-only, so nothing can be changed', 'warn');
			return;
		}
		const opened = openDialog(command, targets, runner);
		if ('refusal' in opened) say(opened.refusal, 'warn');
		else setDialog(opened.dialog);
	};

	const send = (current: ActionDialog) => {
		const plan = current.plan;
		if (runner === undefined || plan === undefined) return;
		setDialog({...current, step: 'sending'});
		onSend?.();
		say(`sending: ${plan.changes.join('; ')}`, 'info');
		runner.confirm(plan).then(
			(result) => {
				// Close the box unless another dialog was opened meanwhile (Esc hid this one).
				if (dialogRef.current?.plan?.id === plan.id) setDialog(undefined);
				say(result.message, resultTone[result.status]);
				onResult?.(result);
			},
			(error: unknown) => {
				if (dialogRef.current?.plan?.id === plan.id) setDialog(undefined);
				say(
					`the action failed: ${error instanceof Error ? error.message : String(error)}`,
					'error',
				);
			},
		);
	};

	/** y or Enter: sends once it is known to have come alone, if the plan was on screen. */
	const confirm = (current: ActionDialog, turn: {readonly inputs: number}) => {
		const planId = current.plan?.id;
		if (planId === undefined || !clock.drawn(planId)) {
			say(notDrawnYet, 'warn');
			return;
		}
		// Decided once everything read with this key has been handed on.
		setImmediate(() => {
			if (dialogRef.current !== current) return;
			if (turn.inputs !== 1) say(notAlone, 'warn');
			else send(current);
		});
	};

	const onPaste = (text: string): boolean => {
		turns.current.note();
		const current = dialogRef.current;
		if (current === undefined) return false;
		if (current.step === 'edit') setDialog(typeInto(current, text));
		else say('pasted text ignored: a confirmation takes a key pressed on its own', 'warn');
		return true;
	};

	const onKey = (input: string, key: Key): boolean => {
		// Every key counts towards its read, the ones before a dialog opens too ('+y' typed ahead).
		const turn = turns.current.note();
		const current = dialogRef.current;
		if (current === undefined) return false;
		const name = keyName(input, key);
		// Ctrl-C must always get the user out: the App quits on it.
		if (name === 'ctrl+c') return false;
		if (current.step === 'sending') {
			// Quitting is the App's: the request's outcome is recorded whatever the user does.
			if (commandFor(input, key, 'list') === 'quit') return false;
			if (name === 'escape') setDialog(undefined);
			return true;
		}
		if (current.step === 'confirm') {
			// Nothing is sent yet: quitting leaves as a cancel would.
			if (commandFor(input, key, 'list') === 'quit') return false;
			const command = commandFor(input, key, 'dialog');
			if (command === 'confirm') confirm(current, turn);
			else if (command === 'cancel') {
				setDialog(undefined);
				say('cancelled: nothing was sent', 'info');
			}
			return true;
		}
		// edit: the fields take text; Enter reviews the plan, Esc cancels.
		if (name === 'escape') {
			setDialog(undefined);
			say('cancelled: nothing was sent', 'info');
		} else if (name === 'enter') {
			if (runner === undefined) return true;
			const preview = previewOf(current, (request) => runner.plan(request));
			if (preview.ok) setDialog({...current, step: 'confirm', plan: preview.plan});
		} else if (name === 'tab' || name === 'shift+tab') {
			setDialog(nextField(current, name === 'tab' ? 1 : -1));
		} else if (name === 'backspace' || name === 'delete') {
			setDialog(backspace(current));
		} else if (!key.ctrl && !key.meta && input.length > 0) {
			setDialog(typeInto(current, input));
		}
		return true;
	};

	const preview =
		dialog === undefined || runner === undefined
			? undefined
			: previewOf(dialog, (request) => runner.plan(request));
	return {dialog, preview, open, onKey, onPaste};
}
