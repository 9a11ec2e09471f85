/**
 * Makes Ink draw its next frame whole, after the screen was cleared behind its back (the terminal
 * was handed to another program and the alternate screen entered again). Ink draws only the lines
 * that changed since its last frame, and its `clear()` keeps that last frame as the reference,
 * so a screen cleared meanwhile would stay mostly blank.
 *
 * Ink does draw a whole frame (clearing the screen first) when its last frame was as tall as the
 * terminal or taller. So until the next frame is drawn, the terminal's height reads as 0 to Ink;
 * the height is read back the moment that frame is written. The App's own size follows resize
 * events only, which this does not send, so its layout does not change.
 */
export type WholeFrame = {
	/** The next frame is to be drawn whole. */
	request(): void;
	/** Ink's onRender: called as a frame is drawn, before it is written. */
	frameDrawn(): void;
};

export function createWholeFrame(stdout: NodeJS.WriteStream): WholeFrame {
	let restore: (() => void) | undefined;
	return {
		request() {
			if (restore !== undefined) return;
			const own = Object.getOwnPropertyDescriptor(stdout, 'rows');
			let rows = stdout.rows;
			Object.defineProperty(stdout, 'rows', {
				configurable: true,
				enumerable: true,
				get: () => 0,
				// A real resize meanwhile (Node sets the size on SIGWINCH) is kept for after.
				set: (value: number) => {
					rows = value;
				},
			});
			restore = () => {
				restore = undefined;
				if (own === undefined || 'value' in own) {
					Object.defineProperty(stdout, 'rows', {
						configurable: true,
						enumerable: true,
						writable: true,
						value: rows,
					});
				} else Object.defineProperty(stdout, 'rows', own);
			};
		},
		frameDrawn() {
			const done = restore;
			// Ink writes the frame right after this call, in the same turn.
			if (done !== undefined) queueMicrotask(done);
		},
	};
}
