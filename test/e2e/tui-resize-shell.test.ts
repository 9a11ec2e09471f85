// Resizing the window while ecs-top runs must give back the shell's screen and scrollback as they
// were after q, whichever way the window moved:
// - Shorter: Ink redrew a frame as tall as the terminal after ESC[3J (erase the scrollback); on
//   tmux's alternate screen, which shares the pane's history, that dropped every line the shell
//   had scrolled past. scripts/build.mjs patches Ink to erase only the screen.
// - Larger: tmux 3.3a, on leaving the alternate screen, reflows what is still on it to the width
//   the window had when ecs-top started: frame rows wider than that wrap, their overflow goes to
//   the pane's history, and a taller window pulls it back into view between the shell's lines.
//   ecs-top erases the alternate screen before leaving it, so nothing is left there to reflow.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const run = promisify(execFile);

// More lines than the 24-row screen holds: the first ones are in the scrollback when ecs-top starts.
const shellLines = Array.from({length: 40}, (_, i) => `LINE-${i + 1}`);
const wrapped = `clear; for i in $(seq 1 ${shellLines.length}); do echo LINE-$i; done; ${demoCommand}; echo EXIT=$?; sleep 60`;

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');

/** A frame drawn at `columns` x `rows`: a pane's top border runs the full width. */
const drawnAt = (columns: number, rows: number) => (s: Screen) =>
	s.lines.length === rows &&
	s.text.includes('Clusters [1/3]') &&
	s.lines.some((line) => line.startsWith('┌') && [...line].length === columns);

/** Every line of the pane, its scrollback first, without the blank ones. */
async function wholePane(terminal: TmuxTerminal): Promise<string[]> {
	const socket = await terminal.display('#{socket_path}');
	const pane = await terminal.display('#{pane_id}');
	const {stdout} = await run('tmux', ['-S', socket, 'capture-pane', '-p', '-S', '-', '-t', pane], {
		encoding: 'utf8',
	});
	return stdout.split('\n').filter((line) => line.trim() !== '');
}

describe('the shell after the window is resized under ecs-top', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it.each([
		// Shorter: the scrollback must survive the redraw.
		[60, 20],
		[80, 12],
		// Wider and taller left frame rows on the screen; only wider, in the scrollback.
		[120, 40],
		[100, 30],
		[120, 24],
	])(
		"80x24 made %ix%i, then q: the shell's own lines on its screen and scrollback, all and only",
		async (columns, rows) => {
			terminal = new TmuxTerminal();
			await terminal.start(wrapped, {columns: 80, rows: 24});
			await terminal.waitFor('the demo to load', loaded);
			await terminal.resize(columns, rows);
			await terminal.waitFor(`a frame at ${columns}x${rows}`, drawnAt(columns, rows));
			await terminal.press('q');
			await terminal.waitFor('the shell to print the exit status', (s) => /EXIT=\d+/u.test(s.text));
			expect(await wholePane(terminal)).toEqual([...shellLines, 'EXIT=0']);
			expect(await terminal.display('#{alternate_on}')).toBe('0');
		},
	);
});
