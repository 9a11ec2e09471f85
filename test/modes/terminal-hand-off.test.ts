// The hand-off itself: the terminal is given back before the program runs and taken again after,
// raw mode included, whatever the program does; a program that cannot start is said plainly.
import {describe, expect, it} from 'vitest';
import {createTerminalHandOff} from '../../source/modes/terminal-hand-off.js';

function fakeTerminal() {
	const steps: string[] = [];
	const stdin = {
		isTTY: true,
		isRaw: true,
		setRawMode(raw: boolean) {
			steps.push(`raw ${String(raw)}`);
			stdin.isRaw = raw;
			return stdin;
		},
	};
	const handOff = createTerminalHandOff(
		{
			release: () => steps.push('release'),
			retake: () => steps.push('retake'),
			log: () => {},
		},
		stdin as unknown as NodeJS.ReadStream,
	);
	return {steps, stdin, handOff};
}

describe('handing the terminal over', () => {
	it('leaves raw mode and the screen first, and takes both back after, with the exit status', async () => {
		const {steps, stdin, handOff} = fakeTerminal();
		const outcome = await handOff({
			file: process.execPath,
			args: ['-e', 'process.exitCode = 3'],
		});
		expect(outcome).toEqual({ok: true, exitCode: 3, signal: null});
		expect(steps).toEqual(['raw false', 'release', 'retake', 'raw true']);
		expect(stdin.isRaw).toBe(true);
	});

	it('says why a program could not start, and still takes the terminal back', async () => {
		const {steps, handOff} = fakeTerminal();
		const outcome = await handOff({file: 'ecs-top-no-such-program', args: []});
		expect(outcome.ok).toBe(false);
		expect(outcome.ok ? '' : outcome.error).toContain('ENOENT');
		expect(steps).toEqual(['raw false', 'release', 'retake', 'raw true']);
	});
});
