// The live App's keyboard, through the keymap: moving the selection, focusing panes, keys that
// arrive faster than frames, and the store focus following the selection after it rests.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Focus} from '../../source/store/fleet-store.js';
import {
	clusters,
	delay,
	focusedTab,
	keys,
	renderApp,
	selectedRow,
	services,
} from './app-fixture.js';

afterEach(cleanup);

/**
 * Waits for the store focus to satisfy `check`: the focus moves once the cursor has rested, and a
 * loaded machine may take longer than a quiet one to get there.
 */
async function focusWhen(
	store: {getState(): {focus: Focus}},
	check: (focus: Focus) => boolean,
): Promise<Focus> {
	const deadline = Date.now() + 10_000;
	while (!check(store.getState().focus)) {
		if (Date.now() > deadline)
			throw new Error(`the focus stayed ${JSON.stringify(store.getState().focus)}`);
		await delay(20);
	}
	return store.getState().focus;
}

describe('App keys: moving the selection', () => {
	it('j/k and the arrows move the selection, clamped at both ends', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		const position = () => /Clusters \[(\d\/\d)\]/.exec(app.frame())?.[1];
		expect(position()).toBe('1/3');
		expect(selectedRow(app.frame(), 'Clusters')).toBe('api-prod');
		await app.press('j');
		expect(position()).toBe('2/3');
		expect(selectedRow(app.frame(), 'Clusters')).toBe('batch');
		await app.press(keys.down, keys.down);
		expect(position()).toBe('3/3');
		expect(selectedRow(app.frame(), 'Clusters')).toBe('web');
		await app.press('k');
		expect(position()).toBe('2/3');
		await app.press(keys.up, keys.up);
		expect(position()).toBe('1/3');
		await app.press('G');
		expect(position()).toBe('3/3');
		await app.press('g');
		expect(position()).toBe('1/3');
	});

	it('moves only the focused pane', async () => {
		const app = await renderApp();
		await app.press('3', 'j');
		expect(app.frame()).toContain('Services (api-prod) [2/3]');
		expect(selectedRow(app.frame(), 'Services')).toBe('payments');
		expect(app.frame()).toContain('Clusters [1/3]');
		expect(selectedRow(app.frame(), 'Clusters')).toBe('api-prod');
	});
});

describe('App keys: focusing panes', () => {
	it('Tab and Shift-Tab cycle the panes, 1-4 jump to one', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		expect(focusedTab(app.frame())).toBe('Clusters');
		await app.press(keys.tab);
		expect(focusedTab(app.frame())).toBe('Instances');
		expect(app.frame()).toContain('Instances (api-prod) [1/3]');
		await app.press(keys.tab, keys.tab);
		expect(focusedTab(app.frame())).toBe('Tasks');
		await app.press(keys.tab);
		expect(focusedTab(app.frame())).toBe('Clusters');
		await app.press(keys.shiftTab);
		expect(focusedTab(app.frame())).toBe('Tasks');
		await app.press('3');
		expect(focusedTab(app.frame())).toBe('Services');
		expect(app.frame()).toContain('checkout');
		await app.press('1');
		expect(focusedTab(app.frame())).toBe('Clusters');
	});

	it('Right on a cluster drills down to its services; Enter shows the cluster', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press(keys.enter);
		expect(app.frame()).toContain('Capacity providers');
		await app.press(keys.right);
		expect(focusedTab(app.frame())).toBe('Services');
	});
});

describe('App keys: keys faster than frames', () => {
	// tmux send-keys, a paste in pieces or typing during a slow frame deliver several keys before
	// React renders: each must act on what the previous one left.
	it('typing into the command line keeps every character', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.pressTogether(':', 's', 'v', 'c');
		await app.waitFor((frame) => frame.split('\n').at(-1)!.startsWith(':svc_'));
		await app.pressTogether(keys.enter);
		await app.waitFor((frame) => focusedTab(frame) === 'Services');
	});

	it('two quick j move two rows', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.pressTogether('j', 'j');
		await app.waitFor((frame) => frame.includes('Clusters [3/3]'));
	});

	it('a filter typed in one burst filters on all of it', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.pressTogether('/', 'w', 'e', 'b');
		await app.waitFor((frame) => frame.includes('Clusters /web [1/1]'));
	});
});

describe('App keys: the selection scopes the store focus', () => {
	it('focus moves to the cluster the selection rests on, not the ones passed', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		const focuses: Focus[] = [];
		app.store.subscribe((state, previous) => {
			if (state.focus !== previous.focus) focuses.push(state.focus);
		});
		await app.press('j', 'j');
		// Still on the first cluster right after the keys: the focus waits for the cursor to rest.
		expect(app.store.getState().focus.clusterArn).toBe(clusters.apiProd.arn);
		await focusWhen(app.store, (focus) => focus.clusterArn !== clusters.apiProd.arn);
		expect(app.store.getState().focus.clusterArn).toBe(clusters.web.arn);
		expect(focuses.map((focus) => focus.clusterArn)).toEqual([clusters.web.arn]);
		// The service selected in api-prod does not follow into web: its tasks are not web's.
		expect(app.store.getState().focus.serviceArn).toBeUndefined();
		await app.waitFor((frame) => frame.includes('Services (web)'));
	});

	it('a service selection scopes the tasks to that service', async () => {
		const app = await renderApp({columns: 120, rows: 35});
		await app.press('3', 'j');
		await focusWhen(app.store, (focus) => focus.serviceArn === services.payments.arn);
		expect(app.store.getState().focus).toEqual({
			clusterArn: clusters.apiProd.arn,
			serviceArn: services.payments.arn,
		});
		await app.waitFor((frame) => frame.includes('Tasks (payments)'));
	});
});
