// R over the real pollers and the simulator: the footer says a refresh is under way until it has
// brought the clusters back, then shows the keys again without waiting for another key.
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

const footer = (frame: string) => frame.split('\n').at(-1)!;

describe('R, refresh now', () => {
	it('says refreshing until the clusters are fetched again, then shows the keys', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 35});
		await app.waitFor((f) => /Clusters \[1\/3\]/.test(f), 10_000);
		const before = demo.fleet.store.getState().dataSets.clusters?.fetchedAt;
		// Slow answers, so the refresh is seen under way.
		const response = await fetch(`${demo.fleet.sim.server.url}/__sim/faults`, {
			method: 'POST',
			body: JSON.stringify({latencyMs: 400}),
		});
		expect(response.ok).toBe(true);
		await app.press('R');
		// The note and, beside it, the keys.
		expect(footer(app.frame())).toMatch(/^refreshing… +\? help/u);
		await app.waitFor((f) => !footer(f).includes('refreshing…'), 10_000);
		expect(footer(app.frame())).toMatch(/^ \? help/u);
		expect(demo.fleet.store.getState().dataSets.clusters?.fetchedAt).not.toBe(before);
	});
});
