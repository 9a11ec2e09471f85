/**
 * ecs-top's log file: what the live view cannot show on screen (stray stderr, warnings, crashes)
 * and, with --debug, a line per AWS call, from the live view and --once alike.
 */
import {appendFileSync, mkdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';

export function logFilePath(env: NodeJS.ProcessEnv = process.env): string {
	const stateHome = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
	return join(stateHome, 'ecs-top', 'ecs-top.log');
}

export function appendLog(path: string, text: string): void {
	try {
		mkdirSync(join(path, '..'), {recursive: true});
		appendFileSync(path, `${new Date().toISOString()} ${text}\n`);
	} catch {
		// A log that cannot be written must not take the monitor down.
	}
}
