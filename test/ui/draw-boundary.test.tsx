// A value that cannot be drawn (here a number where a cluster's name belongs, as an endpoint
// once sent) breaks only the pane or view it is in: that place says so, the others still show
// their rows, and the keys go on working.
import {afterEach, beforeEach, describe, expect, it, vi, type MockInstance} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Cluster} from '../../source/model/cluster.js';
import {clusters, fleetState, fleetStore, keys, renderApp} from './app-fixture.js';

// What the boundary logs (the live view sends it to the log file), kept off the test's output.
let logged: MockInstance<typeof console.error>;
beforeEach(() => {
	logged = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
	cleanup();
	logged.mockRestore();
});

/** The fixture's fleet with the focused cluster's name the number 7. */
function fleetWithBadName() {
	// The focused cluster: it sorts first by its odd name, and stays the one selected.
	const bad = {...clusters.apiProd, name: 7 as unknown as string} satisfies Cluster;
	return fleetStore({...fleetState(), clusters: [clusters.batch, clusters.web, bad]});
}

describe('a pane that cannot be drawn', () => {
	it('says so in its own place while the other panes show their rows', async () => {
		const app = await renderApp({store: fleetWithBadName(), columns: 200, rows: 50});
		const frame = await app.waitFor((text) => text.includes('could not be drawn'));
		expect(frame).toMatch(/this pane could not be drawn: \S+/);
		// The clusters pane's title and border stay; the services and tasks panes are whole.
		expect(frame).toContain('Clusters [1/3]');
		expect(frame).toMatch(/Services \(7\) \[\d+\/3\]/);
		expect(frame).toContain('checkout');
		// The log gets the stack, to find the value that was wrong.
		expect(String(logged.mock.calls[0]?.[0])).toBe('a pane could not be drawn:');
		expect(String(logged.mock.calls[0]?.[1])).toMatch(/TypeError: .*\n\s+at /);
		app.unmount();
	});

	it('leaves the keys working: 4 and j move in the tasks pane, q quits', async () => {
		const app = await renderApp({store: fleetWithBadName(), columns: 200, rows: 50});
		await app.waitFor((text) => text.includes('could not be drawn'));
		await app.press('4');
		await app.press(keys.down);
		await app.waitFor((text) => /Tasks \(checkout\) \[2\/\d\]/.test(text));
		await app.press('q');
		expect(app.quits()).toBe(1);
		app.unmount();
	});

	it('heals once the data is drawable again', async () => {
		const store = fleetWithBadName();
		const app = await renderApp({store, columns: 200, rows: 50});
		await app.waitFor((text) => text.includes('could not be drawn'));
		store.setState({clusters: [clusters.batch, clusters.web, clusters.apiProd]});
		const frame = await app.waitFor((text) => !text.includes('could not be drawn'));
		expect(frame).toMatch(/batch\s+2\s+1\s+4/);
		app.unmount();
	});
});
