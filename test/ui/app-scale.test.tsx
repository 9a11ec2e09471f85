// 20,000 tasks in one scope (the size the budgets in docs/architecture.md are set for): moving the
// selection must cost what the visible rows cost, not what the list costs. Measured as the fastest
// of several key presses, with a loose bound, so a loaded CI machine does not make it flaky while
// an O(n) render per key (rebuilding or re-sorting 20,000 rows) still fails it.
import {afterAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {taskScopeKey} from '../../source/store/fleet-store.js';
import {clusters, fleetState, fleetStore, instances, now, renderApp, task} from './app-fixture.js';

afterAll(cleanup);

function manyTasks(count: number) {
	return Array.from({length: count}, (_, i) => {
		const id = i.toString(16).padStart(8, '0') + 'f'.repeat(24);
		return task('api-prod', 'checkout', id, {
			containerInstanceArn: instances.busy.arn,
			startedAt: now - i * 1_000,
			version: 1,
		});
	});
}

/** The App with `count` tasks in the tasks pane, focused. */
async function tasksApp(count: number) {
	const state = fleetState();
	const focus = {clusterArn: clusters.apiProd.arn};
	const store = fleetStore({...state, focus, tasks: {[taskScopeKey(focus)!]: manyTasks(count)}});
	const app = await renderApp({store, columns: 200, rows: 50});
	// `:tasks` is the whole cluster's, as in the store.
	await app.press(':', 't', 'a', 's', 'k', 's', '\r');
	await app.waitFor((frame) => frame.includes(`Tasks (api-prod) [1/${count}]`));
	return app;
}

describe('App with 20,000 tasks', () => {
	it('moves the selection about as fast as with 30', async () => {
		const small = await tasksApp(30);
		const large = await tasksApp(20_000);
		// Turn about, so both see the same machine load.
		const smallMs: number[] = [];
		const largeMs: number[] = [];
		for (let i = 0; i < 10; i++) {
			smallMs.push(await small.keyToFrameMs('j'));
			largeMs.push(await large.keyToFrameMs('j'));
			expect(large.frame()).toContain(`[${i + 2}/20000]`);
		}
		// Rebuilding or re-sorting 20,000 rows per key adds 50-250 ms here; moving should cost
		// what the 30 visible rows cost, as with 30 tasks.
		const bound = Math.max(120, 1.5 * Math.min(...smallMs));
		const round = (ms: number[]) => ms.map(Math.round).join(' ');
		expect(
			Math.min(...largeMs),
			`key to frame, ms: 30 tasks ${round(smallMs)}; 20,000 tasks ${round(largeMs)}`,
		).toBeLessThan(bound);

		await large.press('G');
		await large.waitFor((frame) => frame.includes('[20000/20000]'));
	});
});
