// The TUI started as the installed command is (dist/cli.js run directly, so its launcher lines
// start node with flags): keys reach it through the terminal, it is node itself under the user's
// shell (no shell left in between to take signals), and q, SIGTERM and a closed terminal end it
// as they end `node dist/cli.js`.
import {existsSync, readFileSync, realpathSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
// @ts-expect-error: the build scripts are plain JavaScript, checked with @ts-check on their own.
import {launcherNodeFlags} from '../../scripts/launcher.mjs';
import {cliPath, isAlive, signal, TmuxTerminal, waitUntil, type Screen} from './tmux.js';

const command = `'${cliPath}' --demo`;
const wrapped = `clear; echo BEFORE-MARK; ${command}; echo EXIT=$?; sleep 60`;

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');

/**
 * Loaded by node before the CLI (NODE_OPTIONS --require): writes how node was started to a file
 * (ecs-top names its process, which overwrites the command line /proc would show).
 */
function startReport(dir: string): {env: Record<string, string>; read: () => unknown} {
	const hook = join(dir, 'report-start.cjs');
	const report = join(dir, 'started.json');
	writeFileSync(
		hook,
		`require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({pid: process.pid, execArgv: process.execArgv}));\n`,
	);
	return {
		env: {NODE_OPTIONS: `--require ${hook}`},
		read: () => JSON.parse(readFileSync(report, 'utf8')) as unknown,
	};
}

describe('ecs-top run as a command', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	async function startWrapped(): Promise<number> {
		terminal = new TmuxTerminal();
		const report = startReport(terminal.dir);
		await terminal.start(wrapped, {columns: 100, rows: 30, env: report.env});
		await terminal.waitFor('the demo to load', loaded);
		const pid = await terminal.commandPid();
		// The shell's child is node with the launcher's flags, not /bin/sh reading the script.
		expect(realpathSync(`/proc/${pid}/exe`)).toBe(realpathSync(process.execPath));
		expect(report.read()).toEqual({pid, execArgv: launcherNodeFlags as string[]});
		return pid;
	}

	async function shellGotExitStatus(): Promise<string> {
		const screen = await terminal.waitFor('the shell to print the exit status', (s) =>
			/EXIT=\d+/u.test(s.text),
		);
		expect(await terminal.display('#{alternate_on}')).toBe('0');
		return /EXIT=(\d+)/u.exec(screen.text)![1]!;
	}

	it('takes keys from the terminal and exits 0 on q', async () => {
		await startWrapped();
		await terminal.press('j');
		await terminal.waitFor('the second cluster selected', (s) => s.text.includes('Clusters [2/3]'));
		await terminal.press('q');
		expect(await shellGotExitStatus()).toBe('0');
	});

	it('ends on SIGTERM sent to the pid the shell holds, the terminal given back', async () => {
		const pid = await startWrapped();
		signal(pid, 'SIGTERM');
		expect(await shellGotExitStatus()).toBe('0');
	});

	// The SDK warns on Node 20 unless a variable says not to; the command sets it, and must do so
	// before it starts the AWS thread, whose environment is a copy of the command's at its start.
	it("writes no SDK warning about Node's version to its log, from either thread", async () => {
		terminal = new TmuxTerminal();
		const quiet = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
		await terminal.start(`clear; env -u ${quiet} ${command}; echo EXIT=$?; sleep 60`, {
			columns: 100,
			rows: 30,
		});
		await terminal.waitFor('the demo to load', loaded);
		await terminal.press('q');
		expect(await shellGotExitStatus()).toBe('0');
		const log = join(terminal.dir, 'state', 'ecs-top', 'ecs-top.log');
		expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toMatch(/NodeVersionSupport/u);
	});

	it('exits when its terminal closes', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(command, {columns: 100, rows: 30});
		await terminal.waitFor('the demo to load', loaded);
		const pid = await terminal.commandPid();
		await terminal.closeTerminal();
		try {
			expect(await waitUntil(() => !isAlive(pid), 5_000)).toBe(true);
		} finally {
			signal(pid, 'SIGKILL');
		}
	});
});
