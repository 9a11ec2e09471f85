// The live App's layout for the terminal it is in: one pane and a tab bar at 80x24, two panes at
// 120x35, four at 200x50, a note below 40x10, following resizes; and no line of any frame wider
// than the terminal, whatever the names and whatever is open.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {
	cluster,
	fleetState,
	fleetStore,
	keys,
	overwideLines,
	renderApp,
	service,
} from './app-fixture.js';

afterEach(cleanup);

/** Pane titles in frame order, e.g. ['Clusters', 'Instances']. */
const paneTitles = (frame: string) => [...frame.matchAll(/┌─ (\w+)/g)].map((match) => match[1]);

describe('App layout', () => {
	it('80x24: one pane with a tab bar', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		const lines = app.lines();
		expect(lines).toHaveLength(23); // one row short of the terminal
		expect(lines[1]).toMatch(/^\[1 Clusters\] 2 Instances {2}3 Services {2}4 Tasks/);
		expect(paneTitles(app.frame())).toEqual(['Clusters']);
		await app.press('4');
		expect(paneTitles(app.frame())).toEqual(['Tasks']);
	});

	it('120x35: the focused pane and the one it scopes', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		expect(app.lines()).toHaveLength(34);
		// The tab bar says which pane has the keys and that the two unseen ones are a key away.
		expect(app.frame()).toContain('[1 Clusters] 2 Instances  3 Services  4 Tasks');
		expect(paneTitles(app.frame())).toEqual(['Clusters', 'Services']);
		await app.press('4');
		expect(app.frame()).toContain('[4 Tasks]');
		expect(paneTitles(app.frame())).toEqual(['Services', 'Tasks']);
		await app.press('2');
		expect(paneTitles(app.frame())).toEqual(['Clusters', 'Instances']);
	});

	it('200x50: all four panes', async () => {
		const app = await renderApp({columns: 200, rows: 50});
		expect(app.lines()).toHaveLength(49);
		expect(paneTitles(app.frame())).toEqual(['Clusters', 'Instances', 'Services', 'Tasks']);
	});

	it('below 40x10: says the terminal is too small instead of a garbled frame', async () => {
		for (const [columns, rows] of [
			[39, 24],
			[80, 9],
		] as const) {
			const app = await renderApp({columns, rows});
			// On 39 columns the note wraps onto two lines.
			expect(app.frame().replace(/\s+/g, ' ')).toContain(
				`terminal too small: need 40x10, have ${columns}x${rows}`,
			);
			expect(paneTitles(app.frame())).toEqual([]);
			app.unmount();
		}
	});

	it('follows resizes both ways', async () => {
		const app = await renderApp({columns: 200, rows: 50});
		await app.resize(80, 24);
		expect(paneTitles(app.frame())).toEqual(['Clusters']);
		await app.resize(30, 8);
		expect(app.frame()).toContain('terminal too small');
		await app.resize(120, 35);
		expect(paneTitles(app.frame())).toEqual(['Clusters', 'Services']);
		// The selection survived the trip.
		expect(app.frame()).toContain('Clusters [1/3]');
	});
});

describe('App frames fit the terminal', () => {
	// Names as long and as wide as AWS allows: 255 characters, CJK and emoji count two columns.
	function wideNamesStore() {
		const state = fleetState();
		const longName = `payments-${'x'.repeat(246)}`;
		const view = state.clusterViews![state.focus!.clusterArn!]!;
		return fleetStore({
			...state,
			clusters: [
				...state.clusters!,
				cluster('本番-クラスター-東京-🚀', {runningTasksCount: 12_345}),
				cluster(longName),
			],
			clusterViews: {
				[state.focus!.clusterArn!]: {
					...view,
					services: [
						...view.services,
						service('api-prod', '決済サービス-本番', 'payments:1234'),
						service('api-prod', longName.slice(0, 255), `${longName.slice(0, 200)}:9999`),
					],
				},
			},
		});
	}

	const sizes = [
		[40, 10],
		[80, 24],
		[99, 29],
		[120, 35],
		[159, 39],
		[200, 50],
	] as const;

	it('no line is wider than the terminal, at any layout', async () => {
		for (const [columns, rows] of sizes) {
			const app = await renderApp({store: wideNamesStore(), columns, rows});
			expect(overwideLines(app.frame(), columns), `${columns}x${rows}`).toEqual([]);
			app.unmount();
		}
	});

	it('nor with help, a filter, a message or another pane open', async () => {
		const app = await renderApp({store: wideNamesStore(), columns: 80, rows: 24});
		const check = (what: string) => expect(overwideLines(app.frame(), 80), what).toEqual([]);
		await app.press('?');
		check('help');
		await app.press(keys.escape, '/', ...'本番');
		check('filter');
		await app.press(keys.escape, ':');
		await app.pressTogether(...'x'.repeat(120));
		check('long command line');
		await app.press(keys.enter);
		check('unknown command message');
		await app.press('3');
		check('services');
		await app.press('4');
		check('tasks');
		expect(app.frame()).toContain('┌─ Tasks');
	});
});
