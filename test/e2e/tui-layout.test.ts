// The dashboard at 80x24 and through resizes of a real terminal: the layout follows the size
// and every frame is clean (nothing of the previous layout left, nothing wider than the screen).
// Then, back at 80x24, the columns and the cluster detail: service names and their task
// definitions' revisions are whole on screen (the sparklines gave their room first), and Enter
// on a cluster shows its capacity in a clean frame; Right goes on to its services.
// One session for the file, steps in order, as one user resizing one terminal: starting the demo
// once instead of once per topic saves a start of the CLI and its simulator.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {focusedTitle, frameProblems, paneNames, paneRows} from './screen.js';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const tabBar = (screen: Screen) => screen.lines[1] ?? '';

/** Waits until the screen is a clean frame of the size with these panes, and returns it. */
async function waitForLayout(
	terminal: TmuxTerminal,
	columns: number,
	rows: number,
	panes: string[],
): Promise<Screen> {
	return terminal.waitFor(
		`a clean ${columns}x${rows} frame with ${panes.join(', ')}`,
		(s) =>
			frameProblems(s, columns, rows).length === 0 &&
			paneNames(s).join() === panes.join() &&
			/Clusters \[\d\/3\]|Services \(batch\) \[/u.test(s.text),
	);
}

let terminal: TmuxTerminal;

beforeAll(async () => {
	terminal = new TmuxTerminal();
	// Monochrome: these tests read the focused pane from its inverse-video title.
	await terminal.start(demoCommand, {columns: 80, rows: 24, env: {NO_COLOR: '1'}});
	await terminal.waitFor('the demo to load', (s) => s.text.includes('Clusters [1/3]'));
});

afterAll(async () => {
	await terminal.kill();
});

describe('the dashboard at 80x24 and resized', () => {
	it('shows one pane with a tab bar, the footer, and nothing wider than 80 columns', async () => {
		const screen = await waitForLayout(terminal, 80, 24, ['Clusters']);
		expect(tabBar(screen)).toMatch(/\[1 Clusters\] +2 Instances +3 Services +4 Tasks/u);
		expect(screen.lines[22]).toMatch(/\? help +\/ filter +: cmd +q quit/u);
		expect(screen.text).toMatch(/^│> batch /mu);
	});

	it('Tab and the pane numbers switch the one pane shown', async () => {
		await terminal.press('Tab');
		let screen = await terminal.waitFor('the instances pane', (s) =>
			/^\s*1 Clusters \[2 Instances\]/u.test(tabBar(s)),
		);
		expect(paneNames(screen)).toEqual(['Instances']);
		await terminal.press('3');
		// The services of the selected cluster, once its first fetch is in.
		screen = await terminal.waitFor(
			'the services pane',
			(s) => /\[3 Services\]/u.test(tabBar(s)) && /Services \(batch\)/u.test(s.text),
		);
		expect(paneNames(screen)).toEqual(['Services']);
		expect(focusedTitle(await terminal.capture({escapes: true}))).toMatch(/^Services \(batch\)/u);
		expect(frameProblems(screen, 80, 24)).toEqual([]);
		await terminal.press('1');
		await terminal.waitFor('the clusters pane', (s) => /\[1 Clusters\]/u.test(tabBar(s)));
	});

	it('grows to four panes at 200x50, back to one at 80x24, and to four again', async () => {
		await terminal.resize(200, 50);
		await waitForLayout(terminal, 200, 50, ['Clusters', 'Instances', 'Services', 'Tasks']);
		await terminal.resize(80, 24);
		const narrow = await waitForLayout(terminal, 80, 24, ['Clusters']);
		expect(tabBar(narrow)).toMatch(/\[1 Clusters\]/u);
		await terminal.resize(200, 50);
		await waitForLayout(terminal, 200, 50, ['Clusters', 'Instances', 'Services', 'Tasks']);
	});

	it('says the terminal is too small below 40x10 and shows panes again at 100x30', async () => {
		await terminal.resize(30, 8);
		const small = await terminal.waitFor('the too-small note', (s) =>
			/terminal too small/u.test(s.text),
		);
		expect(small.text.replace(/\s+/gu, ' ')).toMatch(/need 40x10, have 30x8/u);
		expect(small.text).not.toMatch(/[┌│└]/u);
		await terminal.resize(100, 30);
		// Medium: the focused pane and the one it scopes, stacked.
		await waitForLayout(terminal, 100, 30, ['Clusters', 'Services']);
	});
});

describe('columns and the cluster detail at 80x24', () => {
	beforeAll(async () => {
		// Back to the size and the pane the demo started on; the selection stays where the steps
		// above left it, and the steps below move it themselves.
		await terminal.resize(80, 24);
		await terminal.press('1');
		await waitForLayout(terminal, 80, 24, ['Clusters']);
	});

	it('shows every service name and its task definition revision whole', async () => {
		// web is the last cluster; Right drills down to its services.
		await terminal.press('G', 'Right');
		const screen = await terminal.waitFor(
			"web's services",
			(s) => /Services \(web\) \[1\/4\]/u.test(s.text) && s.text.includes(' redis '),
		);
		const rows = paneRows(screen, 'Services');
		for (const name of ['api', 'checkout-worker', 'frontend', 'redis'])
			expect(
				rows.some((row) => new RegExp(`^[> ] ${name}\\s.*\\s${name}:\\d+(\\s|$)`, 'u').test(row)),
				name,
			).toBe(true);
		expect(screen.text).toMatch(/NAME▲\s+DES\s+RUN/u);
		expect(frameProblems(screen, 80, 24)).toEqual([]);
	});

	it('Enter on a cluster shows its providers, groups and totals; Right goes to its services', async () => {
		await terminal.press('1', 'Enter');
		const screen = await terminal.waitFor(
			"the web cluster's detail",
			(s) => s.text.includes('Capacity providers (') && s.text.includes('Auto Scaling groups ('),
		);
		expect(screen.text).toMatch(/Instances\s+4 registered/u);
		expect(screen.text).toMatch(/PROVIDER\s+WEIGHT\s+BASE\s+MANAGED SCALING/u);
		expect(screen.text).toMatch(/GROUP\s+MIN\s+DESIRED\s+MAX\s+IN SERVICE\s+PENDING/u);
		expect(frameProblems(screen, 80, 24)).toEqual([]);
		await terminal.press('Right');
		await terminal.waitFor(
			'the services after Right',
			(s) => /\[3 Services\]/u.test(s.text) && !s.text.includes('Capacity providers'),
		);
	});
});
