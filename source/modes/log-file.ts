/**
 * ecs-top's log file: what the live view cannot show on screen (stray stderr, warnings, crashes)
 * and, with --debug, a line per AWS call, from the live view and --once alike.
 */
import {homedir} from 'node:os';
import {join} from 'node:path';
import {appendPrivately} from '../files/private-file.js';
import {printableLines} from '../text/printable.js';

export function logFilePath(env: NodeJS.ProcessEnv = process.env): string {
	const stateHome = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
	return join(stateHome, 'ecs-top', 'ecs-top.log');
}

/** A line of the log: private to the user, and safe to `tail` in a terminal (no escape runs). */
export function appendLog(path: string, text: string): void {
	try {
		appendPrivately(path, `${new Date().toISOString()} ${printableLines(text)}\n`);
	} catch {
		// A log that cannot be written must not take the monitor down.
	}
}
