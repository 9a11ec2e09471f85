// However ecs-top ends, the user gets their terminal back as it was: the shell's screen (the
// alternate screen left), a visible cursor, and the exit status the shell expects.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, isAlive, signal, TmuxTerminal, waitUntil, type Screen} from './tmux.js';

// The shell prints a mark, runs the CLI, then prints its exit status: after the CLI ends the
// pane must show exactly the shell's screen again. The shell then stays, as a user's would:
// tmux redraws a pane whose shell has exited (remain-on-exit), which would hide the evidence.
const wrapped = `clear; echo BEFORE-MARK; ${demoCommand}; echo EXIT=$?; sleep 60`;

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');
const borders = /[┌┐└┘│]/u;

describe('the terminal after ecs-top ends', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	async function startWrapped() {
		terminal = new TmuxTerminal();
		await terminal.start(wrapped, {columns: 100, rows: 30});
		await terminal.waitFor('the demo to load', loaded);
		expect(await terminal.display('#{alternate_on}')).toBe('1');
		// Ink hides the cursor while it draws.
		expect(await terminal.display('#{cursor_flag}')).toBe('0');
	}

	async function expectShellScreenBack(): Promise<void> {
		const screen = await terminal.waitFor('the shell to print the exit status', (s) =>
			/EXIT=\d+/u.test(s.text),
		);
		expect(screen.text).toMatch(/^BEFORE-MARK$/mu);
		expect(screen.text).toMatch(/^EXIT=0$/mu);
		expect(screen.text).not.toMatch(borders);
		expect(screen.text).not.toContain('ecs-top  123456789012');
		expect(await terminal.display('#{alternate_on}')).toBe('0');
		expect(await terminal.display('#{cursor_flag}')).toBe('1');
	}

	it('after q: exit 0, the shell screen back, the cursor visible', async () => {
		await startWrapped();
		await terminal.press('q');
		await expectShellScreenBack();
	});

	it('after SIGTERM: the same', async () => {
		await startWrapped();
		const pid = await terminal.commandPid();
		expect(pid).not.toBe(Number(await terminal.display('#{pane_pid}')));
		signal(pid, 'SIGTERM');
		await expectShellScreenBack();
	});

	// Closing the terminal (SIGHUP, then every write fails with EIO) once left ecs-top spinning
	// at full CPU, appending to its log without end.
	it('after its terminal closes, ecs-top exits instead of spinning on EIO', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns: 100, rows: 30});
		await terminal.waitFor('the demo to load', loaded);
		const pid = await terminal.commandPid();
		await terminal.closeTerminal();
		try {
			expect(await waitUntil(() => !isAlive(pid), 5_000)).toBe(true);
		} finally {
			signal(pid, 'SIGKILL');
		}
	});

	// Node 20 sets the terminal back as it exits and aborts when it cannot: after a hang-up that
	// abort crashed, and ecs-top ended killed by SIGSEGV with a core file. The shell around it
	// ignores the hang-up, so it outlives the terminal and writes down how ecs-top ended.
	it('after its terminal closes, ecs-top ends with status 0, not killed by a crash', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ecs-top-hangup-'));
		const statusFile = join(dir, 'status');
		try {
			terminal = new TmuxTerminal();
			await terminal.start(`trap '' HUP; ${demoCommand}; echo $? > ${statusFile}`, {
				columns: 100,
				rows: 30,
			});
			await terminal.waitFor('the demo to load', loaded);
			await terminal.closeTerminal();
			const status = () => {
				try {
					return readFileSync(statusFile, 'utf8').trim();
				} catch {
					return '';
				}
			};
			expect(await waitUntil(() => status() !== '', 10_000)).toBe(true);
			expect(status()).toBe('0');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
