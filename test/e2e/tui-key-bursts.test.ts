// Keys that reach ecs-top in one read: typed faster than a frame, pasted, sent over a slow SSH
// link, or turned into one sequence by tmux (its escape-time makes Esc then 1 into M-1). Each
// must act as if it had been pressed alone. Ink recognises a key only when it is the whole read,
// so `/web` + Enter in one read was one unknown key, and Esc + 1 was Alt-1: all of them lost
// until the App's key dispatcher split such reads into the keys they are.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {focusedTitle, paneTitles} from './screen.js';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const loaded = (s: Screen) =>
	s.text.includes('Clusters [1/3]') && /Services \(batch\) \[\d+\/\d+\]/u.test(s.text);

describe('keys read in one go', () => {
	let terminal: TmuxTerminal;

	beforeAll(async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns: 120, rows: 40, env: {NO_COLOR: '1'}});
		await terminal.waitFor('the demo to load', loaded, {timeoutMs: 30_000});
	});

	afterAll(async () => {
		await terminal.kill();
	});

	it('/, text and Enter in one read filter the clusters and give the keys back', async () => {
		// One send-keys call: tmux writes them together and ecs-top reads them in one go.
		await terminal.press('/', 'w', 'e', 'b', 'Enter');
		const screen = await terminal.waitFor('the filter applied', (s) =>
			paneTitles(s).includes('Clusters /web [1/1]'),
		);
		expect(screen.lines.at(-2)).toMatch(/\? help/u);
	});

	it('Tab twice in one read moves the focus two panes on', async () => {
		await terminal.press('Tab', 'Tab');
		await terminal.waitFor('services focused', (s) => /^Services/u.test(focusedTitle(s) ?? ''), {
			escapes: true,
		});
	});

	it('Esc and the next key in one read: the help closes and the key acts', async () => {
		await terminal.press('?');
		await terminal.waitFor('the help', (s) => /Help \[/u.test(s.text));
		await terminal.press('Escape', '1');
		await terminal.waitFor(
			'the help closed and clusters focused',
			(s) => !/Help \[/u.test(s.text) && /^Clusters/u.test(focusedTitle(s) ?? ''),
			{escapes: true},
		);
	});
});
