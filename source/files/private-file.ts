/**
 * The files ecs-top keeps about a user's session (the log, the audit record) are the user's
 * alone: their directory is 0700 and they are 0600 whatever the umask, and ones left by an
 * older version with wider modes are tightened when first written. A log names clusters,
 * identities and errors; nobody else on the machine should read it.
 */
import {appendFileSync, chmodSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';

export const privateDirectoryMode = 0o700;
export const privateFileMode = 0o600;

// Per process: the modes are set once per path, not on every line.
const secured = new Set<string>();

/**
 * Appends `text` to the file at `path`, creating it and its directory private. chmod after
 * creating: the mode given to mkdir and open is filtered by the umask, and does nothing to a
 * directory or file that already exists.
 */
export function appendPrivately(path: string, text: string): void {
	if (!secured.has(path)) {
		const directory = dirname(path);
		mkdirSync(directory, {recursive: true, mode: privateDirectoryMode});
		chmodSync(directory, privateDirectoryMode);
		appendFileSync(path, '', {mode: privateFileMode});
		chmodSync(path, privateFileMode);
		secured.add(path);
	}
	appendFileSync(path, text, {encoding: 'utf8', mode: privateFileMode});
}
