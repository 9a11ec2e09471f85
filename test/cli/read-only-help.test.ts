// `--help` says what --read-only turns off, and it names every write the keymap has: a write key
// added without a word here (and in the help) fails to compile or fails this test.
import {describe, expect, it} from 'vitest';
import {keymap, type WriteCommand} from '../../source/ui/keymap.js';
import {startCli} from '../helpers/cli-process.js';

/** The word `--help` uses for each write key's change. */
const helpWord: Readonly<Record<WriteCommand, string>> = {
	'scale-up': 'scale',
	'scale-down': 'scale',
	'set-desired': 'scale',
	'scale-cluster': 'scale',
	'stop-task': 'stop',
	// Marks change nothing themselves, but feed the bulk stop and drain: off with them.
	mark: 'Space marks',
	'run-task': 'run',
	drain: 'drain',
	deploy: 'deploy',
	'deploy-revision': 'deploy',
	'roll-back': 'roll back',
	exec: 'exec',
	'port-forward': 'port forward',
	undo: 'undo',
};

describe('--help on --read-only', () => {
	it('lists every change --read-only turns off', async () => {
		const cli = startCli(['--help']);
		expect((await cli.exit()).code).toBe(0);
		const lines = cli.stdout().split('\n');
		const start = lines.findIndex((line) => /^\s+--read-only\s/u.test(line));
		expect(start).toBeGreaterThan(-1);
		// The option's text, with the lines that go on under its description.
		const text = [
			lines[start],
			...lines
				.slice(start + 1)
				.filter((_, i, rest) => rest.slice(0, i + 1).every((l) => /^\s{20,}\S/u.test(l))),
		].join(' ');
		const writes = keymap.filter((binding) => binding.requiresWrite);
		expect(writes.length).toBeGreaterThanOrEqual(10);
		for (const binding of writes) {
			expect(text, binding.command).toContain(helpWord[binding.command as WriteCommand]);
		}
	});
});
