// The live dashboard at 200x50 in a real terminal: what a user sees and what the keys do. One
// session for the file (starting the demo is the slow part): the steps run in order, each
// leaving the dashboard where the next expects it, as a user's session would.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {focusedTitle, frameProblems, paneNames, paneRows, paneTitles} from './screen.js';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const columns = 200;
const rows = 50;

// Loaded once all three demo clusters are listed with the account in the header.
const loaded = (screen: Screen) =>
	screen.text.includes('Clusters [1/3]') &&
	screen.lines[0]!.includes('123456789012') &&
	screen.text.includes('Services (batch) [1/1]');

describe('the live dashboard at 200x50', () => {
	let terminal: TmuxTerminal;

	beforeAll(async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns, rows});
		await terminal.waitFor('the demo to load', loaded);
	});

	afterAll(async () => {
		await terminal.kill();
	});

	it('shows the account, live data and four panes with the demo clusters', async () => {
		const screen = await terminal.waitFor('the live mark', (s) =>
			/ {2}live {2}/u.test(s.lines[0]!),
		);
		expect(screen.lines[0]).toMatch(
			/^ecs-top {2}123456789012 {2}us-east-1 {2}demo {2}live {2}API \d+\/min/u,
		);
		expect(paneNames(screen)).toEqual(['Clusters', 'Instances', 'Services', 'Tasks']);
		const clusters = paneRows(screen, 'Clusters').join('\n');
		for (const name of ['batch', 'staging', 'web'])
			expect(clusters).toMatch(new RegExp(`^[> ] ${name} `, 'mu'));
		// The first cluster is selected and scopes the panes below it.
		expect(paneTitles(screen)).toContain('Services (batch) [1/1]');
		expect(paneRows(screen, 'Services').join('\n')).toContain('sim-runner');
		expect(frameProblems(screen, columns, rows)).toEqual([]);
	});

	it('moving down the clusters scopes services and tasks to the newly selected one', async () => {
		await terminal.press('j');
		await terminal.waitFor('staging selected', (s) => paneTitles(s).includes('Clusters [2/3]'));
		// Up to 40 s: on a loaded CI machine (the whole suite runs beside it) the demo's pollers
		// have been seen to need more than 15 s for a new cluster.
		const screen = await terminal.waitFor(
			'services of staging',
			(s) =>
				/Services \(staging\)/u.test(s.text) &&
				paneRows(s, 'Services').some((r) => r.includes('frontend')),
			{timeoutMs: 40_000},
		);
		expect(paneTitles(screen)).toContain('Clusters [2/3]');
		expect(paneRows(screen, 'Services').join('\n')).not.toContain('sim-runner');
		await terminal.waitFor(
			'tasks of staging',
			(s) => /Tasks \(staging\) \[\d+\/\d+\]/u.test(s.text),
			{
				timeoutMs: 40_000,
			},
		);
	}, 90_000);

	it('Right on a cluster moves the focus to its services', async () => {
		expect(focusedTitle(await terminal.capture({escapes: true}))).toBe('Clusters [2/3]');
		await terminal.press('Right');
		const screen = await terminal.waitFor(
			'services focused',
			(s) => focusedTitle(s)?.startsWith('Services') ?? false,
			{escapes: true},
		);
		expect(focusedTitle(screen)).toBe('Services (staging) [1/1]');
	});

	it('? shows the keys and Esc closes the help again', async () => {
		await terminal.press('?');
		const help = await terminal.waitFor('the help', (s) => /Help \[/u.test(s.text));
		for (const line of [
			/\? +Show or hide this help/u,
			/q +Quit/u,
			/Tab +Focus the next pane/u,
			/j +Move down/u,
		])
			expect(help.text).toMatch(line);
		await terminal.press('Escape');
		// The panes are drawn again over a frame or two: wait for the state asserted, not the first
		// frame without the help.
		const after = await terminal.waitFor(
			'the help closed and the four panes back',
			(s) => !/Help \[/u.test(s.text) && paneNames(s).length === 4,
		);
		expect(paneNames(after)).toEqual(['Clusters', 'Instances', 'Services', 'Tasks']);
		expect(frameProblems(after, columns, rows)).toEqual([]);
	});

	it('/ and text filter the focused pane to the matching rows', async () => {
		await terminal.press('1');
		await terminal.waitFor(
			'clusters focused',
			(s) => focusedTitle(s)?.startsWith('Clusters') ?? false,
			{escapes: true},
		);
		await terminal.press('/');
		await terminal.type('web');
		const screen = await terminal.waitFor('the filtered clusters', (s) =>
			/Clusters \/web \[1\/1\]/u.test(s.text),
		);
		const clusters = paneRows(screen, 'Clusters').filter((row) => row.trim() !== '');
		expect(clusters.slice(1)).toEqual([expect.stringMatching(/^> web /u)]);
		// Selecting the only match scopes the rest of the screen to it.
		await terminal.waitFor('services of web', (s) => /Services \(web\)/u.test(s.text));
		// Enter applies the filter and gives the keys back to the list.
		await terminal.press('Enter');
		await terminal.waitFor('the filter applied', (s) => /\? help/u.test(s.lines[rows - 2] ?? ''));
		expect(paneTitles(await terminal.capture())).toContain('Clusters /web [1/1]');
	});

	it('q quits with status 0', async () => {
		await terminal.press('q');
		expect(await terminal.ending()).toEqual({code: 0});
	});
});
