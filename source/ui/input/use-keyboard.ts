/**
 * The one subscriber of Ink's keys and pastes. Each read is split into key presses
 * (key-press.ts), each press dispatched on the UI store's state as the previous press left it,
 * the next state stored, and its effects carried out, in order. The subscription is made once:
 * Ink re-subscribes whenever the handler's identity changes, and keys arriving in between would be
 * lost, so the handler reads this render's screen and effect runner through a ref.
 */
import {useInput, usePaste, type Key} from 'ink';
import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {createKeyTurns, type KeyTurn} from '../dialogs/confirm-guard.js';
import type {UiStore} from '../ui-store.js';
import {dispatchKey, dispatchPaste} from './dispatch.js';
import {keyPresses} from './key-press.js';
import type {Screen} from './screen.js';
import type {Effect, Step} from './step.js';

export type Keyboard = {
	readonly ui: UiStore;
	/** What the screen shows now. */
	readonly screen: () => Screen;
	/** Carries out an effect of the key (or paste) counted in `turn`. */
	readonly run: (effect: Effect, turn: KeyTurn) => void;
};

export function useKeyboard(keyboard: Keyboard): void {
	const current = useRef(keyboard);
	useLayoutEffect(() => {
		current.current = keyboard;
	});
	// Every key and paste counts towards its read, the ones before a dialog opens too ('+y' typed
	// ahead): a confirmation sends only when it came alone.
	const [turns] = useState(createKeyTurns);

	const apply = useCallback((step: Step, turn: KeyTurn) => {
		const {ui, run} = current.current;
		if (step.state !== ui.getState()) ui.setState(step.state, true);
		for (const effect of step.effects) run(effect, turn);
	}, []);

	const onInput = useCallback(
		(input: string, key: Key) => {
			for (const press of keyPresses(input, key)) {
				const turn = turns.note();
				const {ui, screen} = current.current;
				apply(dispatchKey(ui.getState(), press, screen()), turn);
			}
		},
		[apply, turns],
	);
	const onPaste = useCallback(
		(text: string) => {
			const turn = turns.note();
			apply(dispatchPaste(current.current.ui.getState(), text), turn);
		},
		[apply, turns],
	);
	useInput(onInput);
	usePaste(onPaste);
}
