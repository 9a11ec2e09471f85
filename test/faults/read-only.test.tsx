// --read-only: every write key of the keymap is refused in every pane, confirmations typed after
// it included, and the simulator sees only reads. (The action layer's own refusal is tested with
// the actions.)
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {keymap} from '../../source/ui/keymap.js';
import {paneOrder} from '../../source/ui/layout.js';
import {keys, renderApp} from '../ui/app-fixture.js';
import {startLiveFleet, type LiveFleet} from './live-fleet.js';

let fleet: LiveFleet;
beforeEach(async () => {
	fleet = await startLiveFleet({refreshMs: 1_000});
});
afterEach(async () => {
	cleanup();
	await fleet.close();
});

const writeBindings = keymap.filter((binding) => binding.requiresWrite);
const sequence = (key: string) => (key === 'space' ? ' ' : key);

describe('--read-only', () => {
	it('refuses every write key in every pane, and no write reaches AWS', async () => {
		expect(writeBindings.length).toBeGreaterThanOrEqual(10);
		const app = await renderApp({store: fleet.store, columns: 200, rows: 50, readOnly: true});
		await app.waitFor((frame) => /Tasks \(\S+\) \[1\/\d+\]/.test(frame), 10_000);
		for (const [index, pane] of paneOrder.entries()) {
			const number = String(index + 1);
			await app.press(number);
			// Where a command means nothing the key does nothing; where it means something it is refused.
			for (const binding of writeBindings.filter((b) => b.panes?.includes(pane) ?? true)) {
				for (const key of binding.keys.map(sequence)) {
					await app.press(key);
					expect(app.frame(), `${key} in ${pane}`).toContain('read-only');
					// Whatever a dialog would have asked: yes. Enter may open a detail view instead.
					await app.pressTogether('y', keys.enter, keys.escape, number);
				}
			}
		}
		const writes = fleet.sim.requestLog.filter((r) => !/^(Describe|List|Get)/.test(r.operation));
		expect(writes).toEqual([]);
		expect(fleet.sim.requestLog.length).toBeGreaterThan(0);
	});
});
