// Sessions a test file wires: their audit and log files in a temporary state home, not the
// user's, and each closed after its test.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, vi} from 'vitest';
import type {Wiring} from '../../source/modes/session.js';

/** Registers the hooks; push each wiring to the list returned, and it is closed after the test. */
export function wiredSessions(prefix: string): Wiring[] {
	let home: string;
	const wired: Wiring[] = [];
	beforeAll(() => {
		home = mkdtempSync(join(tmpdir(), prefix));
		vi.stubEnv('XDG_STATE_HOME', join(home, 'state'));
	});
	afterEach(async () => {
		await Promise.all(wired.splice(0).map((wiring) => wiring.close()));
	});
	afterAll(() => {
		vi.unstubAllEnvs();
		rmSync(home, {recursive: true, force: true});
	});
	return wired;
}
