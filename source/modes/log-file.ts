/**
 * Where the live view writes what it cannot show (problems, stray library output): a module of
 * its own so that `--help` can name the path without loading the TUI (Ink, React).
 */
import {homedir} from 'node:os';
import {join} from 'node:path';

export function logFilePath(env: NodeJS.ProcessEnv = process.env): string {
	const stateHome = env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
	return join(stateHome, 'ecs-top', 'ecs-top.log');
}
