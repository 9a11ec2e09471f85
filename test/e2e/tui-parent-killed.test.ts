// The shell that started ecs-top is killed with SIGKILL: it cannot pass on a hang-up. Killed as
// a shell inside another shell, ecs-top is left in a background group while the outer shell
// prints its prompt; killed as the terminal's own shell, the kernel hangs up on ecs-top. Either
// way ecs-top must exit within seconds, with the terminal as the user had it.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, isAlive, signal, TmuxTerminal, waitUntil, type Screen} from './tmux.js';

const run = promisify(execFile);
const shell = 'bash --norc --noprofile -i';
const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');

async function childOf(pid: number): Promise<number> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({
			stdout: '',
		}));
		const child = Number(stdout.trim().split('\n')[0]);
		if (child > 0) return child;
		if (Date.now() > deadline) throw new Error(`no child of ${pid}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('ecs-top when the shell that started it is killed', () => {
	let terminal: TmuxTerminal;
	let cli: number | undefined;

	afterEach(async () => {
		if (cli !== undefined) signal(cli, 'SIGKILL');
		cli = undefined;
		await terminal.kill();
	});

	it('exits within seconds when a shell inside the terminal is killed, screen and cursor restored', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(shell, {columns: 100, rows: 30});
		const outer = Number(await terminal.display('#{pane_pid}'));
		await terminal.type(`${shell}\n`);
		const inner = await childOf(outer);
		await terminal.type(`${demoCommand}\n`);
		await terminal.waitFor('the demo to load', loaded);
		cli = await childOf(inner);
		signal(inner, 'SIGKILL');
		expect(await waitUntil(() => !isAlive(cli!), 5_000)).toBe(true);
		expect(await terminal.display('#{alternate_on}')).toBe('0');
		expect(await terminal.display('#{cursor_flag}')).toBe('1');
	});

	it('exits within seconds when the terminal own shell is killed', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(shell, {columns: 100, rows: 30});
		const outer = Number(await terminal.display('#{pane_pid}'));
		await terminal.type(`${demoCommand}\n`);
		await terminal.waitFor('the demo to load', loaded);
		cli = await childOf(outer);
		signal(outer, 'SIGKILL');
		expect(await waitUntil(() => !isAlive(cli!), 5_000)).toBe(true);
	});
});
