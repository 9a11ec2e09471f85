// Random keys and a resize storm at the live demo in a real terminal: whatever
// is typed and however the window is dragged, ecs-top keeps running, draws sane frames, writes
// nothing to stderr, sends no mutation under --read-only, and gives the terminal back on quit.
// The keys come from a fixed seed: ECS_TOP_FUZZ_SEED=N replays another sequence (the timing of
// the batches is the machine's, so a failure names its seed and its batch).
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {keymap} from '../../source/ui/keymap.js';
import {
	fuzzAlphabet,
	quitKeys,
	randomKeys,
	randomTerminalInput,
	seededRandom,
	tmuxKey,
} from './fuzz-keys.js';
import {crashText, frameProblems, paneNames, screenProblems} from './screen.js';
import {demoCommand, isAlive, TmuxTerminal, type Screen} from './tmux.js';

const seed = Number(process.env['ECS_TOP_FUZZ_SEED'] ?? 20_261_125);
const keyCount = 10_000;
// Keys per send-keys call: fast enough to keep each test under a minute on a loaded machine, and
// bursts are part of the test (a held key, a paste, keys typed during a slow frame).
const batchSize = 100;

const borders = /[┌┐└┘│]/u;
const loaded = (s: Screen) =>
	s.text.includes('Clusters [1/3]') && /Services \(batch\)/u.test(s.text);

/** The demo wrapped in a shell, as in tui-restore: the shell's screen must come back after it. */
async function startWrapped(terminal: TmuxTerminal, flags: string, columns: number, rows: number) {
	const stderrPath = join(terminal.dir, 'stderr');
	await terminal.start(
		`clear; echo BEFORE-MARK; ${demoCommand} ${flags} 2>'${stderrPath}'; echo EXIT=$?; sleep 60`,
		{columns, rows},
	);
	await terminal.waitFor('the demo to load', loaded, {timeoutMs: 30_000});
	return {stderrPath, pid: await terminal.commandPid()};
}

/** After ecs-top ended: status 0, the shell's screen and cursor back, stderr and log clean. */
async function expectCleanEnd(terminal: TmuxTerminal, stderrPath: string): Promise<void> {
	const screen = await terminal.waitFor(
		'the shell after ecs-top',
		(s) => /EXIT=\d+/u.test(s.text),
		{
			timeoutMs: 30_000,
		},
	);
	expect(screen.text).toMatch(/^BEFORE-MARK$/mu);
	expect(screen.text).toMatch(/^EXIT=0$/mu);
	expect(screen.text).not.toMatch(borders);
	expect(await terminal.display('#{alternate_on}')).toBe('0');
	expect(await terminal.display('#{cursor_flag}')).toBe('1');
	expect(readFileSync(stderrPath, 'utf8')).toBe('');
	const logPath = join(terminal.dir, 'state', 'ecs-top', 'ecs-top.log');
	const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
	expect(log).not.toMatch(/crash|while ending|terminal failed/u);
}

describe('the fuzz alphabet', () => {
	it('has every key of the keymap except the quit keys, and no q at all', () => {
		const alphabet = new Set(fuzzAlphabet());
		const keys = keymap.flatMap((binding) => binding.keys);
		for (const name of keys) {
			if (quitKeys.has(name)) expect(alphabet).not.toContain(tmuxKey(name));
			else expect(alphabet).toContain(tmuxKey(name));
		}
		expect([...alphabet].filter((key) => /^(q|Q|C-c)$/u.test(key))).toEqual([]);
	});

	it('gives the same keys for the same seed', () => {
		const alphabet = fuzzAlphabet();
		const first = randomKeys(alphabet, 50, seededRandom(seed));
		expect(randomKeys(alphabet, 50, seededRandom(seed))).toEqual(first);
		expect(randomKeys(alphabet, 50, seededRandom(seed + 1))).not.toEqual(first);
	});
});

describe('under random input', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it(`${keyCount} random keys (seed ${seed}, --read-only): never crashes, then Ctrl-C restores the terminal`, async () => {
		const columns = 120;
		const rows = 40;
		terminal = new TmuxTerminal();
		const {stderrPath, pid} = await startWrapped(terminal, '--read-only', columns, rows);
		const random = seededRandom(seed);
		const keys = randomKeys(fuzzAlphabet(), keyCount, random);
		const screens = new Set<string>();
		for (let start = 0; start < keys.length; start += batchSize) {
			const batch = start / batchSize + 1;
			// Each batch ends in Escape or Enter, sent last so it is usually read as itself: once the
			// filter or the command line is open, the alphabet's ~50 keys mostly type text, and the
			// run would spend most of its keys there.
			const last = random() < 0.5 ? 'Escape' : 'Enter';
			await terminal.press(...keys.slice(start, start + batchSize));
			await terminal.press(last);
			const where = `seed ${seed}, batch ${batch} (keys ${start + 1}-${start + batchSize})`;
			expect(isAlive(pid), `ecs-top is running after ${where}`).toBe(true);
			// The screen once the TUI has read the whole batch and drawn what it did: a capture taken
			// earlier shows how far a busy machine had got, not what the keys did.
			const settled = await terminal.waitForQuiet(150);
			// A capture can still catch a frame half drawn (a refresh landing): a problem must last.
			const screen =
				screenProblems(settled, columns, rows).length === 0
					? settled
					: await terminal
							.waitFor('a sane screen', (s) => screenProblems(s, columns, rows).length === 0, {
								timeoutMs: 10_000,
							})
							.catch(async () => terminal.capture());
			expect(screenProblems(screen, columns, rows), `after ${where}:\n${screen.text}`).toEqual([]);
			// Without the header, whose call counter and clock change on their own.
			screens.add(screen.text.split('\n').slice(1).join('\n'));
		}
		// The keys did things: the settled screens after the batches were far from all the same
		// (the views, dialogs, filters and panes the keys opened; 98 of 100 differ for this seed).
		expect(screens.size).toBeGreaterThan(20);
		// Ctrl-C once the screen is still: the last keys have been read, so it is read alone.
		await terminal.waitForQuiet();
		await terminal.press(tmuxKey('ctrl+c'));
		await expectCleanEnd(terminal, stderrPath);
		// --read-only: the action layer sent nothing, so it recorded nothing.
		const auditPath = join(terminal.dir, 'state', 'ecs-top', 'audit.jsonl');
		expect(existsSync(auditPath) ? readFileSync(auditPath, 'utf8') : '').toBe('');
	}, 120_000);

	it(`terminal sequences, modified function keys, Alt keys and random bytes (seed ${seed}): never crashes, then q quits`, async () => {
		const columns = 120;
		const rows = 40;
		terminal = new TmuxTerminal();
		const {stderrPath, pid} = await startWrapped(terminal, '--read-only', columns, rows);
		const random = seededRandom(seed);
		const alphabet = fuzzAlphabet();
		for (let batch = 1; batch <= 40; batch++) {
			// Keys the App knows between the rest, so the sequences land in every view and field.
			await terminal.press(...randomKeys(alphabet, 10, random));
			await terminal.sendBytes(randomTerminalInput(30, random));
			const where = `seed ${seed}, batch ${batch}`;
			expect(isAlive(pid), `ecs-top is running after ${where}`).toBe(true);
			const screen = await terminal
				.waitFor('a sane screen', (s) => screenProblems(s, columns, rows).length === 0, {
					timeoutMs: 10_000,
				})
				.catch(async () => terminal.capture());
			expect(screenProblems(screen, columns, rows), `after ${where}:\n${screen.text}`).toEqual([]);
		}
		// Out of whatever field, dialog or view the input left open (each Esc read alone), then q.
		for (let i = 0; i < 3; i++) {
			await terminal.waitForQuiet();
			await terminal.press('Escape');
		}
		await terminal.waitForQuiet();
		await terminal.press('q');
		await expectCleanEnd(terminal, stderrPath);
	}, 120_000);

	it(`a storm of resizes between 30x8 and 250x70 (seed ${seed}): never crashes, then clean frames and q restores the terminal`, async () => {
		terminal = new TmuxTerminal();
		const {stderrPath, pid} = await startWrapped(terminal, '', 120, 40);
		const random = seededRandom(seed);
		const started = Date.now();
		for (let resize = 1; resize <= 60; resize++) {
			const columns = 30 + Math.floor(random() * 221);
			const rows = 8 + Math.floor(random() * 63);
			await terminal.resize(columns, rows);
			// Now and then a pause, so some sizes get drawn before the next one comes.
			if (random() < 0.2) await new Promise((resolve) => setTimeout(resolve, 100));
			const where = `seed ${seed}, resize ${resize} to ${columns}x${rows}`;
			expect(isAlive(pid), `ecs-top is running after ${where}`).toBe(true);
			const screen = await terminal.capture();
			expect(screen.text, `after ${where}`).not.toMatch(crashText);
		}
		const stormMs = Date.now() - started;
		// Dozens of resizes within a few seconds: a storm, not a slow walk through sizes.
		expect(stormMs).toBeLessThan(20_000);
		// Settled at a size, the frame is clean: nothing of the storm's sizes left behind.
		for (const [columns, rows, panes] of [
			[200, 50, ['Clusters', 'Instances', 'Services', 'Tasks']],
			[80, 24, ['Clusters']],
		] as const) {
			await terminal.resize(columns, rows);
			await terminal.waitFor(
				`a clean ${columns}x${rows} frame`,
				(s) => frameProblems(s, columns, rows).length === 0 && paneNames(s).join() === panes.join(),
			);
		}
		await terminal.press('q');
		await expectCleanEnd(terminal, stderrPath);
	}, 120_000);
});
