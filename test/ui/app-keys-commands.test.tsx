// The live App's keyboard, through the keymap: filter, sort, help, the command line, quitting,
// and write keys refused without touching the store.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keymap} from '../../source/ui/keymap.js';
import {
	clusters,
	fleetStore,
	focusedTab,
	keys,
	lineWith,
	paneRows,
	renderApp,
	selectedRow,
	services,
} from './app-fixture.js';

afterEach(cleanup);

const footer = (frame: string) => frame.split('\n').at(-1)!;

describe('App keys: filter and sort', () => {
	it('/ filters as the user types, Esc clears it', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		await app.press('/', 'b', 'a');
		let frame = app.frame();
		expect(frame).toContain('Clusters /ba [1/1]');
		expect(paneRows(frame, 'Clusters')).toEqual(['>batch']);
		expect(footer(frame)).toMatch(/^\/ba_/);
		expect(footer(frame)).toContain('filtering clusters: Enter keeps it, Esc clears it');
		await app.press(keys.backspace);
		// `b` is in batch and in web.
		expect(app.frame()).toContain('Clusters /b [1/2]');
		await app.press(keys.escape);
		frame = app.frame();
		expect(frame).toContain('Clusters [1/3]');
		expect(paneRows(frame, 'Clusters')).toEqual(['>api-prod', 'batch', 'web']);
		expect(footer(frame)).not.toContain('/b');
	});

	it('Enter keeps the filter, Esc in the list clears it; no match says so', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		await app.press('/', 'z', 'z', keys.enter);
		expect(app.frame()).toContain('Clusters /zz [0/0]');
		expect(app.frame()).toContain('nothing matches /zz');
		expect(footer(app.frame())).not.toContain('/zz_');
		await app.press(keys.escape);
		expect(app.frame()).toContain('Clusters [1/3]');
	});

	it('< and > move the sort indicator and reorder the rows', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		await app.press('3');
		const header = () => lineWith(app.frame(), 'DEPLOY');
		const order = () => paneRows(app.frame(), 'Services').map((row) => row.replace('>', ''));
		expect(header()).toMatch(/NAME▲\s+DES /);
		expect(order()).toEqual(['checkout', 'payments', 'search-api']);
		await app.press('>');
		// Numbers sort biggest first: desired 4, 3, 2.
		expect(header()).toMatch(/NAME\s+DES▼/);
		expect(order()).toEqual(['checkout', 'search-api', 'payments']);
		// The selection stays on its row, wherever the row moved.
		expect(selectedRow(app.frame(), 'Services')).toBe('checkout');
		await app.press('>');
		expect(header()).toMatch(/DES\s+RUN▼/);
		await app.press('<', '<');
		expect(header()).toMatch(/NAME▲/);
		await app.press('<');
		// Wraps to the last sortable column: A to Z, capacity providers before EC2.
		expect(header()).toMatch(/LAUNCH▲/);
		expect(header()).not.toMatch(/NAME▲/);
		expect(order()).toEqual(['search-api', 'checkout', 'payments']);
	});
});

describe('App keys: help and command line', () => {
	it('? shows help generated from the keymap, Esc closes it', async () => {
		const app = await renderApp({columns: 120, rows: 160});
		await app.press('?');
		const frame = app.frame();
		expect(frame).toContain('Global');
		expect(frame).toContain('Moving around');
		for (const binding of keymap) expect(frame, binding.command).toContain(binding.description);
		expect(frame).not.toContain('Clusters [1/3]');
		await app.press(keys.escape);
		expect(app.frame()).toContain('Clusters [1/3]');
		expect(app.frame()).not.toContain('Moving around');
	});

	it('help ends with how often each part of the screen is read, at the refresh in force', async () => {
		const store = fleetStore();
		store.setState({refreshMs: 2_000});
		const app = await renderApp({columns: 120, rows: 40, store});
		await app.press('?');
		await app.press('G');
		const frame = app.frame();
		expect(frame).toContain('Refresh (every 2 s, --refresh)');
		expect(frame).toMatch(/every 2 s +tasks in scope/u);
		expect(frame).toMatch(/every 6 s +cluster summaries/u);
		expect(frame).toMatch(/every 60 s +CPU and memory sparklines/u);
	});

	it('? again closes help too', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('?');
		// It opens on the focused pane's column legend.
		expect(app.frame()).toContain('Columns of Clusters');
		await app.press('?');
		expect(app.frame()).not.toContain('Columns of Clusters');
	});

	it('help scrolls within its text: G to the end, k back a line, g to the top, PgDn a shown page', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('?');
		const position = () => {
			const match = /Help \[(\d+)-(\d+)\/(\d+)\]/u.exec(app.frame());
			expect(match, app.frame()).not.toBeNull();
			return {first: Number(match![1]), last: Number(match![2]), total: Number(match![3])};
		};
		const top = position();
		expect(top.first).toBe(1);
		const shown = top.last - top.first + 1;
		// A page is the lines on screen: the next page starts right after the last one shown.
		await app.press('\u001B[6~');
		expect(position().first).toBe(top.last + 1);
		await app.press('G');
		const end = position();
		expect(end.last).toBe(end.total);
		// G again stays at the end, and one k moves up one line from it, not from past the end.
		await app.press('G', 'k');
		expect(position()).toEqual({first: end.first - 1, last: end.last - 1, total: end.total});
		await app.press('G', 'G', 'g');
		expect(position()).toEqual({first: 1, last: shown, total: end.total});
	});

	it(':profile says it is switching, then why a refused switch changed nothing; alone it asks for the start', async () => {
		const asked: Array<Record<string, string | undefined>> = [];
		let answer: (problem: string | undefined) => void = () => {};
		const app = await renderApp({
			columns: 120,
			rows: 30,
			onSwitch: (target) => {
				asked.push({...target});
				return new Promise((resolve) => (answer = resolve));
			},
		});
		await app.press(':', ...'profile nosuch', keys.enter);
		expect(asked).toEqual([{profile: 'nosuch'}]);
		expect(footer(app.frame())).toContain('switching to profile nosuch…');
		answer('AWS profile nosuch (from :profile) is not in ~/.aws/config or ~/.aws/credentials');
		await app.waitFor((f) => footer(f).includes('AWS profile nosuch (from :profile) is not in'));
		expect(app.frame()).toContain('Clusters [1/3]');

		await app.press(':', ...'profile', keys.enter);
		expect(asked[1]).toEqual({profile: undefined});
		expect('profile' in asked[1]!).toBe(true);
		expect(footer(app.frame())).toContain('switching back to the profile ecs-top was started with');
	});

	it(':svc switches to the services pane', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press(':', 's', 'v', 'c');
		expect(footer(app.frame())).toMatch(/^:svc_/);
		await app.press(keys.enter);
		expect(focusedTab(app.frame())).toBe('Services');
	});

	it(':bogus shows an error line until the next key', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press(':', ...'bogus', keys.enter);
		expect(footer(app.frame())).toContain('unknown command :bogus');
		await app.press('j');
		expect(app.frame()).not.toContain('unknown command');
	});
});

describe('App keys: quitting', () => {
	it('q quits', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('q');
		expect(app.quits()).toBe(1);
	});

	it('q typed into the filter is a letter; Ctrl-C quits even there', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('/', 'q');
		expect(app.quits()).toBe(0);
		expect(app.frame()).toContain('Clusters /q');
		await app.press(keys.ctrlC);
		expect(app.quits()).toBe(1);
	});

	it(':q quits', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press(':', 'q', keys.enter);
		expect(app.quits()).toBe(1);
	});
});

describe('App keys: write actions', () => {
	it('are refused under --read-only and change nothing in the store', async () => {
		const app = await renderApp({columns: 80, rows: 24, readOnly: true});
		await app.press('3');
		const before = app.store.getState();
		await app.press('+');
		expect(footer(app.frame())).toContain('read-only');
		await app.press('4', 'x');
		expect(footer(app.frame())).toContain('read-only');
		const after = app.store.getState();
		expect(after.clusterViews).toBe(before.clusterViews);
		expect(after.tasks).toBe(before.tasks);
		expect(after.refreshRequests).toBe(before.refreshRequests);
		expect(after.clusterViews[clusters.apiProd.arn]!.services).toContain(services.checkout);
	});

	it('without an action layer are refused and change nothing', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('3', '+');
		expect(footer(app.frame())).toContain('changes are not available');
		await app.press('D');
		expect(footer(app.frame())).toContain('changes are not available');
		expect(app.frame()).not.toContain('y or Enter sends this');
		expect(app.quits()).toBe(0);
	});
});
