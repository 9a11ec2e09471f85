/**
 * The files ecs-top keeps about a user's session (the log, the audit record) are the user's
 * alone: their directory is 0700 and they are 0600 whatever the umask, and ones left by an
 * older version with wider modes are tightened when first written. A log names clusters,
 * identities and errors; nobody else on the machine should read it.
 */
import {
	appendFileSync,
	chmodSync,
	closeSync,
	fsyncSync,
	mkdirSync,
	openSync,
	writeSync,
} from 'node:fs';
import {dirname} from 'node:path';

export const privateDirectoryMode = 0o700;
export const privateFileMode = 0o600;

// Per process: the modes are set once per path, not on every line.
const secured = new Set<string>();

/** Makes a new file's directory entry durable too: a file fsynced but not linked is lost. */
function syncDirectory(path: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		fsyncSync(fd);
	} catch {
		// Some file systems refuse to sync a directory: the file's own data is on disk.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Appends `text` to the file at `path`, creating it and its directory private. chmod after
 * creating: the mode given to mkdir and open is filtered by the umask, and does nothing to a
 * directory or file that already exists. `durable` waits until the text is on disk (fsync), for
 * a record that must survive whatever ends the process next.
 */
export function appendPrivately(path: string, text: string, {durable = false} = {}): void {
	if (!secured.has(path)) {
		const directory = dirname(path);
		mkdirSync(directory, {recursive: true, mode: privateDirectoryMode});
		chmodSync(directory, privateDirectoryMode);
		appendFileSync(path, '', {mode: privateFileMode});
		chmodSync(path, privateFileMode);
		if (durable) syncDirectory(directory);
		secured.add(path);
	}
	if (!durable) {
		appendFileSync(path, text, {encoding: 'utf8', mode: privateFileMode});
		return;
	}
	const fd = openSync(path, 'a', privateFileMode);
	try {
		writeSync(fd, text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
