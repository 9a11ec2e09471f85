// The live App (ink-testing-library) over the real pollers and the simulator's demo account
// with hostile text in every field: each view that shows one of them is opened, and each frame
// must hold no control character (Ink's colour codes aside), each field visible and escaped,
// and no line wider than the terminal, every pane border in place.
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {keys, renderApp, type AppHarness} from '../ui/app-fixture.js';
import {startFleet, type Fleet} from '../store/fleet-fixture.js';
import {
	hostileAssignment,
	hostileFamily,
	injectHostileFleet,
	type FieldName,
	type HostileField,
} from './hostile-fleet.js';
import {anyControl} from './hostile-values.js';

const inkColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const columns = 200;

/** PgDn as a terminal sends it. */
const pageDown = '\u001B[6~';

describe.each([2, 3])('the App over a hostile account (round %i)', (round) => {
	let fleet: Fleet;
	let fields: Map<FieldName, HostileField>;
	beforeEach(async () => {
		fleet = await startFleet();
		fields = hostileAssignment(round);
		await injectHostileFleet(fleet.sim, fields, async (patch) => {
			await fetch(`${fleet.sim.server.url}/__sim/faults`, {
				method: 'POST',
				body: JSON.stringify(patch),
			});
		});
		await fleet.refresh();
	});
	afterEach(async () => {
		cleanup();
		await fleet.close();
	});

	/** Waits until every field is on screen, then checks the frame as the terminal gets it. */
	/** Every line of a frame: no control character, nothing past the width, borders in place. */
	function expectClean(app: AppHarness): void {
		const lines = app.rawFrame().replace(inkColour, '').split('\n');
		for (const line of lines) {
			expect(line).not.toMatch(anyControl);
			expect(stringWidth(line)).toBeLessThanOrEqual(columns);
			// A pane's rows keep its right border in the last column.
			if (line.startsWith('│')) expect([stringWidth(line), line.at(-1)]).toEqual([columns, '│']);
		}
	}

	/**
	 * The fields appear, escaped, in a clean frame. A detail view wraps long values (a 10,000
	 * character one takes dozens of rows), so the view is read a page at a time (PgDn) until
	 * every field was seen or the view stops moving; each page is checked.
	 */
	async function expectShown(app: AppHarness, shown: readonly FieldName[]): Promise<void> {
		const seen = new Set<FieldName>();
		const note = (frame: string) => {
			for (const field of shown) if (frame.includes(fields.get(field)!.shown)) seen.add(field);
		};
		await app.waitFor(
			(frame) => shown.some((field) => frame.includes(fields.get(field)!.shown)),
			10_000,
		);
		for (let page = 0; page < 60 && seen.size < shown.length; page++) {
			const before = app.frame();
			note(before);
			expectClean(app);
			if (seen.size === shown.length) break;
			await app.press(pageDown);
			if (app.frame() === before) {
				// At the end: the last fields may still be on their way from the simulator.
				await app.waitFor((frame) => (note(frame), seen.size === shown.length), 10_000);
			}
		}
		expect([...seen].sort()).toEqual([...shown].sort());
		expectClean(app);
	}

	it('shows every field escaped, with no control character and every border in place', async () => {
		const app = await renderApp({store: fleet.store, columns, rows: 50});
		await app.waitFor((frame) => /Clusters \[1\/3\]/.test(frame), 10_000);
		await app.press('G');
		await app.waitFor((frame) => /Services \(web\) \[1\/\d+\]/.test(frame), 10_000);
		// The tasks are the cluster's until a key picks a service: k on the first picks api.
		await app.press('3', 'k', '1');
		await app.waitFor((frame) => /Tasks \(api\) \[1\/\d+\]/.test(frame), 10_000);

		await app.press('3', keys.enter);
		await expectShown(app, [
			'service capacity provider strategy',
			'service event message',
			'service placement expression',
			'deployment rolloutStateReason',
		]);
		await app.press(keys.escape, '4', keys.enter);
		await expectShown(app, [
			'task capacityProviderName',
			'task startedBy',
			'container name',
			'container image',
			'container reason',
		]);
		await app.press(keys.escape, 't');
		await expectShown(app, ['task stoppedReason']);
		await app.press('t', '2', keys.enter);
		await expectShown(app, [
			'instance agentVersion',
			'instance capacityProviderName',
			'instance statusReason',
		]);
		await app.press(keys.escape, ':', 't', 'd', keys.enter);
		await app.waitFor((frame) => frame.includes(hostileFamily), 10_000);
		// Enter on the family lists its revisions; Enter on one opens it.
		await app.press('g', keys.enter);
		await app.waitFor((frame) => frame.includes(`${hostileFamily} revisions`), 10_000);
		await app.press(keys.enter);
		await expectShown(app, [
			'task definition container name',
			'task definition image',
			'task definition mount point',
			'task definition taskRoleArn',
			'task definition volume name',
			'task definition host path',
		]);
	}, 60_000);
});
