// The `:td` view over the real pollers and the simulator's demo account: the list is fetched
// only while the view is open, Enter shows the newest revision in full, Esc goes back a level.
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, keys, overwideLines, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

describe(':td, the task definition list', () => {
	it('lists families with their newest revision, opens one, and goes back with Esc', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 35});
		expect(demo.fleet.store.getState().taskDefinitionListWanted).toBe(false);

		await app.press(':', 't', 'd', keys.enter);
		expect(demo.fleet.store.getState().taskDefinitionListWanted).toBe(true);
		let frame = await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 10_000);
		// Families A to Z, each with its newest ACTIVE revision by number.
		const arns = demo.fleet.store.getState().taskDefinitionArns!;
		const newestApi = Math.max(
			...arns
				.filter((arn) => arn.includes(':task-definition/api:'))
				.map((arn) => Number(arn.split(':').at(-1))),
		);
		expect(frame).toMatch(new RegExp(`api\\s+api:${newestApi}\\s`));
		expect(frame).toMatch(/frontend\s+frontend:\d+/);
		expect(frame).toMatch(/redis\s+redis:\d+/);
		expect(overwideLines(frame, 120)).toEqual([]);

		// The first row is `api`; Enter lists its revisions, the newest selected; Enter again
		// fetches and shows that revision in full.
		await app.press(keys.enter);
		frame = await app.waitFor((f) => /api revisions \[1\/\d+\]/.test(f), 10_000);
		await app.press(keys.enter);
		frame = await app.waitFor((f) => f.includes('Containers ('), 10_000);
		expect(frame).toContain(`api:${newestApi}`);
		expect(frame).toMatch(/Task definition\s+api:\d+/);
		expect(demo.fleet.store.getState().openedTaskDefinition).toContain(
			`task-definition/api:${newestApi}`,
		);

		// Esc goes back a level at a time: the revisions, then the families.
		await app.press(keys.escape);
		await app.waitFor((f) => /api revisions \[1\/\d+\]/.test(f), 5_000);
		await app.press(keys.escape);
		frame = await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 5_000);
		expect(demo.fleet.store.getState().openedTaskDefinition).toBeUndefined();

		// j moves down the list; Esc closes the view and the list stops being fetched.
		await app.press('j');
		expect(app.frame()).toMatch(/Task definitions \[2\/\d+\]/);
		await app.press(keys.escape);
		frame = app.frame();
		expect(frame).toContain('Clusters');
		expect(frame).not.toContain('Task definitions');
		expect(demo.fleet.store.getState().taskDefinitionListWanted).toBe(false);
	});

	it('every revision of a family is reachable, and v shows two side by side', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 35});
		await app.press(':', 't', 'd', keys.enter);
		await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 10_000);
		// api, the first family: its revisions newest first, each compared with the newest.
		await app.press(keys.enter);
		let frame = await app.waitFor(
			(f) =>
				/api revisions \[1\/2\]/.test(f) && /api:2\s+\S+\s+api: tag 1\.42\.0 -> 1\.41\.0/.test(f),
			10_000,
		);
		expect(frame).toContain('WHAT DIFFERS FROM api:3');
		// The older revision opens in full too.
		await app.press('j', keys.enter);
		frame = await app.waitFor((f) => f.includes('Containers ('), 10_000);
		expect(demo.fleet.store.getState().openedTaskDefinition).toContain('task-definition/api:2');
		expect(frame).toContain('1.41.0');
		await app.press(keys.escape);
		// v marks api:2, v on api:3 shows both side by side, the differing fields in colour.
		await app.press('v');
		expect(app.frame()).toContain('api:2 marked');
		await app.press('k', 'v');
		frame = await app.waitFor((f) => f.includes('api:2 beside api:3'), 10_000);
		expect(frame).toMatch(/api image\s+api:1\.41\.0\s+api:1\.42\.0/);
		expect(frame).toContain('1 of 12 fields differ');
		expect(frame).toMatch(/api ports\s+8080\/tcp\s+8080\/tcp/);
		expect(frame).toMatch(/api variables\s+ECS_TOP_SIM_CPU/);
		expect(overwideLines(frame, 120)).toEqual([]);
		await app.press(keys.escape);
		await app.waitFor((f) => /api revisions \[1\/2\]/.test(f), 5_000);
	});

	it('keys meant for the panes are refused in the list, not sent to the pane behind it', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 35});
		await app.press(':', 't', 'd', keys.enter);
		await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 10_000);
		const footer = () => app.frame().split('\n').at(-1)!;
		expect(footer()).toContain('help');
		expect(footer()).not.toContain('filter');

		// `/` and `>` would filter or sort the clusters, out of sight behind the list.
		await app.press('/');
		let frame = app.frame();
		expect(frame).toMatch(/Task definitions \[1\/\d+\]/);
		expect(footer()).toContain('/ acts on the panes: Esc closes the task definitions first');
		await app.press('>');
		await app.press(keys.escape);
		frame = app.frame();
		expect(frame).toContain('Clusters [1/');
		expect(frame).not.toContain('/_');
		// The clusters keep their sort: the header still marks NAME.
		expect(frame).toMatch(/NAME▲/);

		// A pane key leaves the list for that pane.
		await app.press(':', 't', 'd', keys.enter);
		await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 10_000);
		await app.press('3');
		frame = app.frame();
		expect(frame).not.toContain('Task definitions');
		expect(frame).toContain('Services');
	});
});
