/**
 * Handing the terminal to another program (`e`, `F`: the `aws` CLI) and taking it back.
 *
 * The program runs with `spawnSync`: while it runs, this process's event loop is stopped, so
 * nothing in ecs-top reads a key meant for the program or draws over its output; the polls and
 * the clock simply wait. The AWS thread and the demo's simulator run on threads of their own and
 * go on answering. Around it, the terminal is given back as quitting gives it back (cooked mode,
 * cursor shown, main screen, no bracketed paste) and taken again after, with the last frame
 * forgotten so the next one is drawn whole.
 */
import {spawnSync} from 'node:child_process';
import type {HandOff, HandOffOutcome} from '../store/writes/hand-off.js';

export type TerminalControl = {
	/** Leaves the alternate screen and shows the cursor, as on the way out. */
	release(): void;
	/** Enters the alternate screen again and makes the next frame a whole one. */
	retake(): void;
	/** For the log: what ran and how it ended. */
	log(line: string): void;
};

export function createTerminalHandOff(
	control: TerminalControl,
	stdin: NodeJS.ReadStream = process.stdin,
	env: NodeJS.ProcessEnv = process.env,
): HandOff {
	return async (command) => {
		const rawBefore = stdin.isTTY && stdin.isRaw;
		// Ctrl-C while the program has the terminal in cooked mode goes to the whole process group:
		// it is the program's to handle, not a reason for ecs-top to end. Kept a moment after the
		// program ends, as the signal is handled once the event loop runs again.
		const keepRunning = () => {};
		process.on('SIGINT', keepRunning);
		let outcome: HandOffOutcome;
		try {
			if (rawBefore) stdin.setRawMode(false);
			control.release();
			const run = spawnSync(command.file, [...command.args], {stdio: 'inherit', env});
			outcome =
				run.error === undefined
					? {ok: true, exitCode: run.status, signal: run.signal}
					: {ok: false, error: run.error.message};
		} catch (error) {
			outcome = {ok: false, error: error instanceof Error ? error.message : String(error)};
		} finally {
			control.retake();
			if (rawBefore) stdin.setRawMode(true);
			setTimeout(() => process.off('SIGINT', keepRunning), 200).unref();
		}
		control.log(
			`hand-off: ${command.file} ${command.args.slice(0, 2).join(' ')} ${
				outcome.ok
					? `exited ${String(outcome.exitCode ?? outcome.signal)}`
					: `failed: ${outcome.error}`
			}`,
		);
		return outcome;
	};
}
