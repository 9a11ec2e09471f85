// The columns and the cluster detail at 80x24 in a real terminal: service names and their task
// definitions' revisions are whole on screen (the sparklines gave their room first), and Enter
// on a cluster shows its capacity in a clean frame; Right goes on to its services.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {frameProblems, paneRows} from './screen.js';
import {demoCommand, TmuxTerminal} from './tmux.js';

describe('columns and the cluster detail at 80x24', () => {
	let terminal: TmuxTerminal;

	beforeAll(async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns: 80, rows: 24, env: {NO_COLOR: '1'}});
		await terminal.waitFor('the demo to load', (s) => s.text.includes('Clusters [1/3]'));
	});

	afterAll(async () => {
		await terminal.kill();
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
