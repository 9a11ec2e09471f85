// A write the endpoint does not answer in time, seen from the keyboard: the dialog never holds
// the user (q quits while it is sending), past the deadline the status line says the outcome is
// unknown and being checked, and the check's finding follows on the status line.
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startActionFleet, type ActionFleet} from '../store/writes/action-fixture.js';
import {renderApp} from '../ui/app-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	cleanup();
	await fleet.close();
});

const footer = (frame: string) => frame.split('\n').at(-1)!;

async function sendingOnWeb(runner = fleet.runner) {
	const app = await renderApp({store: fleet.store, actions: runner, columns: 200, rows: 50});
	await app.press('G');
	await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 15_000);
	await app.press('3', '+');
	await app.waitFor((f) => f.includes('y or Enter sends this'));
	// The endpoint now holds every answer back: the UpdateService stays in flight.
	await fleet.faults({latencyMs: 4_000});
	await app.press('y');
	await app.waitFor((f) => f.includes('sending…'));
	return app;
}

describe('a write in flight', () => {
	it('q in a confirmation quits, and nothing is sent', async () => {
		const app = await renderApp({
			store: fleet.store,
			actions: fleet.runner,
			columns: 200,
			rows: 50,
		});
		await app.press('G');
		await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 15_000);
		await app.press('3', '+');
		await app.waitFor((f) => f.includes('y or Enter sends this'));
		await app.press('q');
		expect(app.quits()).toBe(1);
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('q quits while the request is being sent', async () => {
		const app = await sendingOnWeb();
		expect(footer(app.frame())).toMatch(/sending: /);
		await app.press('q');
		expect(app.quits()).toBe(1);
	});

	it('past its deadline: "outcome unknown, checking", then what the check found', async () => {
		const runner = fleet.makeRunner({writeDeadlineMs: 500, checkIntervalMs: 200});
		const app = await sendingOnWeb(runner);
		const unknown = await app.waitFor((f) => /outcome unknown, checking/.test(footer(f)), 5_000);
		expect(footer(unknown)).toMatch(/api desired count \d+: outcome unknown, checking \(no answer/);
		// The box has closed: the keys are the panes' again.
		expect(unknown).not.toContain('sending…');
		await fleet.resetFaults();
		const checked = await app.waitFor((f) => /Checked:/.test(footer(f)), 10_000);
		expect(footer(checked)).toMatch(/Checked: api desired count \d+ -> \d+ was applied/);
		expect((await fleet.writeRequests()).map((entry) => entry.operation)).toEqual([
			'UpdateService',
		]);
	});
});
