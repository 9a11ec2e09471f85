/**
 * What makes a key a confirmation: it was pressed on its own, after the dialog was on screen.
 * A key that came in the same read as other keys (a paste without bracketed paste, keys typed
 * ahead or sent by a script) or before the dialog's first frame was drawn was not a decision
 * about what the dialog showed, so it does not send anything.
 */
import {createContext} from 'react';

/**
 * Which confirmation has been drawn. The dialog marks the plan it shows as the tree that shows it
 * is committed (`shown`); the renderer says when a frame has been written (`frameDrawn`), and the
 * plan shown then has been drawn.
 */
export type FrameClock = {
	/** The plan id the committed tree shows in a confirmation, if any. */
	show(planId: string | undefined): void;
	/** Called by the renderer after each frame it writes. */
	frameDrawn(): void;
	/** Whether a frame showing this plan's confirmation has been written. */
	drawn(planId: string): boolean;
};

/** For the live view: Ink's `onRender` calls `frameDrawn` after each frame. */
export function createFrameClock(): FrameClock {
	let shown: string | undefined;
	let drawn: string | undefined;
	return {
		show: (planId) => (shown = planId),
		frameDrawn: () => (drawn = shown),
		drawn: (planId) => drawn === planId,
	};
}

/**
 * Without a renderer that reports frames (ink-testing-library renders each commit at once, as
 * Ink's debug mode does), what is committed is drawn.
 */
export function commitIsDrawnClock(): FrameClock {
	let shown: string | undefined;
	return {
		show: (planId) => (shown = planId),
		frameDrawn: () => {},
		drawn: (planId) => shown === planId,
	};
}

export const FrameClockContext = createContext<FrameClock | undefined>(undefined);

/**
 * Keys (and pastes) that arrive in one turn of the event loop came in one read, or reads the
 * App had no chance to draw between: a turn ends at the next `setImmediate`, after Ink has
 * handed on everything it read.
 */
export type KeyTurn = {readonly inputs: number};

export function createKeyTurns(): {note(): KeyTurn} {
	let turn: {inputs: number} | undefined;
	return {
		note() {
			if (turn === undefined) {
				const current = {inputs: 0};
				turn = current;
				setImmediate(() => {
					if (turn === current) turn = undefined;
				});
			}
			turn.inputs++;
			return turn;
		},
	};
}

/** Said when a confirming key did not count, and why. */
export const notAlone =
	'not sent: y or Enter came with other keys (typed ahead or pasted); press it on its own';
export const notDrawnYet =
	'not sent: y or Enter came before this box was on screen; press it again to send';
