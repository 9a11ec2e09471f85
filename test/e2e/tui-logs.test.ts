// The log view in a real terminal at 80x24: `l` on a service opens its tasks' logs merged, new
// lines arrive while no key is pressed, and Esc brings the panes back.
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal} from './tmux.js';

const logRow = /^│\d\d:\d\d:\d\d\.\d\d\d [0-9a-f]{8} nginx /mu;
const lastLogRow = (text: string) =>
	text
		.split('\n')
		.filter((line) => /^│\d\d:\d\d:\d\d\.\d\d\d /u.test(line))
		.at(-1);

describe('the log view in a terminal', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it('follows a service at 80x24, then closes with Esc', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(`${demoCommand} --service frontend --refresh 2`, {columns: 80, rows: 24});
		await terminal.waitFor('the service selected', (s) => /^│> frontend /mu.test(s.text));
		await terminal.press('l');
		const first = await terminal.waitFor('its merged lines', (s) => logRow.test(s.text));
		expect(first.text).toMatch(/Logs: service frontend/);
		for (const line of first.text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		const before = lastLogRow(first.text);
		// No key: the follow brings new lines at the next refreshes.
		await terminal.waitFor('a newer line at the bottom', (s) => lastLogRow(s.text) !== before);
		await terminal.press('f');
		await terminal.waitFor('follow off', (s) => s.text.includes('follow off (f)'));
		await terminal.press('Escape');
		await terminal.waitFor('the panes again', (s) => /Services \(web\)/.test(s.text));
	});
});
