// At 80x24 in a real terminal, on the demo: the tasks pane's title says whose tasks they are and
// how to change that, and only a key changes it; the sort arrow stays on screen whatever < > and
// I do; a message and the key hints share the bottom line. One session, steps in order.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {frameProblems, paneTitles} from './screen.js';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const columns = 80;
const rows = 24;
const tasksTitle = (screen: Screen) =>
	paneTitles(screen).find((title) => /^(Stopped t|T)asks /u.test(title)) ?? '';
/** The tasks table's column titles, the line under the pane's top border. */
const tasksHeader = (screen: Screen) =>
	screen.lines[screen.lines.findIndex((line) => /┌─ (Stopped t|T)asks /u.test(line)) + 1] ?? '';
const footer = (screen: Screen) => screen.lines[rows - 2] ?? '';

describe('the tasks pane at 80x24', () => {
	let terminal: TmuxTerminal;

	beforeAll(async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns, rows, env: {NO_COLOR: '1'}});
		await terminal.waitFor('the demo to load', (s) => s.text.includes('Clusters [1/3]'));
	});

	afterAll(async () => {
		await terminal.kill();
	});

	it('says it lists every task of the cluster, and still does once the services are in', async () => {
		await terminal.press('4');
		let screen = await terminal.waitFor('the cluster tasks', (s) =>
			/^Tasks \(batch\) \[1\/\d+\] all services · pick one in Services \(3\)$/u.test(tasksTitle(s)),
		);
		// The services arrive: once the services pane shows them, the tasks are still batch's.
		await terminal.press('3');
		await terminal.waitFor('the services', (s) => /Services \(batch\) \[1\/1\]/u.test(s.text));
		await terminal.press('4', 'j', 'k');
		screen = await terminal.waitFor('the tasks again', (s) => /^Tasks \(/u.test(tasksTitle(s)));
		expect(tasksTitle(screen)).toMatch(/^Tasks \(batch\) \[1\/\d+\] all services/u);
		expect(frameProblems(screen, columns, rows)).toEqual([]);
	});

	it('narrows on a key in the services pane and says how to widen; Esc widens', async () => {
		await terminal.press('3', 'k', '4');
		const screen = await terminal.waitFor('the service tasks', (s) =>
			/^Tasks \(sim-runner\) \[1\/\d+\] one service · Esc: all of batch$/u.test(tasksTitle(s)),
		);
		expect(frameProblems(screen, columns, rows)).toEqual([]);
		// The task under the cursor is one of the cluster's too: it stays under the cursor.
		const selected = /^│> (\w{8}) /mu.exec(screen.text)?.[1];
		expect(selected).toBeDefined();
		await terminal.press('Escape');
		const widened = await terminal.waitFor('the cluster tasks again', (s) =>
			/^Tasks \(batch\) \[\d+\/\d+\] all services/u.test(tasksTitle(s)),
		);
		expect(/^│> (\w{8}) /mu.exec(widened.text)?.[1]).toBe(selected);
	});

	it('keeps the sort arrow on screen through a round of > and reverses with I', async () => {
		const sorted = new Set<string>();
		for (let i = 0; i < 10; i++) {
			const before = tasksHeader(await terminal.capture());
			await terminal.press('>');
			const screen = await terminal.waitFor('the sort to move', (s) => tasksHeader(s) !== before);
			const column = /(\S+)[▲▼]/u.exec(tasksHeader(screen))?.[1];
			expect(column, tasksHeader(screen)).toBeDefined();
			sorted.add(column!);
		}
		expect(sorted.size).toBeGreaterThan(2);
		const before = /[▲▼]/u.exec(tasksHeader(await terminal.capture()))![0];
		await terminal.press('I');
		await terminal.waitFor('the arrow to turn', (s) => {
			const arrow = /[▲▼]/u.exec(tasksHeader(s))?.[0];
			return arrow !== undefined && arrow !== before;
		});
	});

	it('lists the stopped tasks by when they stopped, with exit code and reason', async () => {
		await terminal.press('t');
		const screen = await terminal.waitFor('the stopped tasks', (s) =>
			/^Stopped tasks \(batch\)/u.test(tasksTitle(s)),
		);
		expect(tasksHeader(screen)).toMatch(/ID +STOPPED▲ +EXIT +REASON/u);
		expect(tasksHeader(screen)).not.toMatch(/HEALTH/u);
		await terminal.press('t');
	});

	it('shows a message and the key hints on the same line', async () => {
		await terminal.press('p');
		const screen = await terminal.waitFor('the pause message', (s) =>
			footer(s).includes('polling paused'),
		);
		expect(footer(screen)).toMatch(
			/^polling paused: p resumes, R refreshes once +\? help {2}\/ filter/u,
		);
		expect(frameProblems(screen, columns, rows)).toEqual([]);
		await terminal.press('p');
	});
});
