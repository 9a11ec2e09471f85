// The log view (`l`) in the live App over the real pollers and the simulator's demo account.
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, keys, overwideLines, renderApp, type AppHarness} from './app-fixture.js';

const demo = demoFleetPerTest();
const time = /\d\d:\d\d:\d\d\.\d\d\d/;

/** The web cluster's services pane, on `name`. */
async function onWebService(app: AppHarness, name: string): Promise<void> {
	await app.press('G');
	await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 10_000);
	await app.press('3');
	const order = ['api', 'checkout-worker', 'frontend', 'redis'];
	for (let i = 0; i < order.indexOf(name); i++) await app.press('j');
	await app.waitFor((f) => new RegExp(`Tasks \\(${name}\\)`).test(f), 10_000);
}

const logRowsOf = (frame: string) => frame.split('\n').filter((line) => time.test(line));

describe('the log view', () => {
	it("merges a service's tasks by time, with the switches, search and Esc", async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 30});
		await onWebService(app, 'frontend');
		await app.press('l');
		let frame = await app.waitFor(
			(f) => /Logs: service frontend/.test(f) && logRowsOf(f).length > 5,
			10_000,
		);
		expect(frame).toMatch(/\d streams in \/ecs\/web\/frontend {2}· {2}following/);
		// Merged tasks: each line says which task and container it came from.
		expect(logRowsOf(frame)[0]).toMatch(/\d\d\.\d\d\d [0-9a-f]{8} nginx /);
		expect(overwideLines(frame, 120)).toEqual([]);

		await app.press('T');
		frame = await app.waitFor((f) => logRowsOf(f).length === 0 && /[0-9a-f]{8} nginx /.test(f));

		await app.press('f');
		await app.waitFor((f) => /follow off \(f\)/.test(f));
		expect(demo.fleet.store.getState().logView?.follow).toBe(false);

		await app.press('/', 'G', 'E', 'T', keys.enter);
		frame = await app.waitFor((f) => /\/GET: \d+ of \d+ lines/.test(f));
		const rows = frame.split('\n').filter((line) => /[0-9a-f]{8} nginx /.test(line));
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((row) => row.includes('GET'))).toBe(true);

		await app.press(keys.escape);
		await app.waitFor((f) => !/\/GET/.test(f) && /Logs: service frontend/.test(f));
		await app.press(keys.escape);
		await app.waitFor((f) => !/Logs: service/.test(f) && /Services \(web\)/.test(f));
		expect(demo.fleet.store.getState().logView).toBeUndefined();
	});

	it('follows: new lines arrive at the bottom with a refresh, no key needed in the view', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 30});
		await onWebService(app, 'frontend');
		await app.press('4');
		await app.waitFor((f) => /Tasks \(frontend\) \[1\/\d+\]/.test(f), 10_000);
		await app.press('l');
		await app.waitFor((f) => /Logs: task [0-9a-f]+/.test(f) && logRowsOf(f).length > 3, 10_000);
		const before = demo.fleet.store.getState().logView!.buffer.lines.length;
		demo.fleet.sim.advance(60_000);
		// The fixture's refresh stands in for the timer (its interval is long, so no run sneaks in).
		await demo.fleet.refresh();
		const newest = demo.fleet.store.getState().logView!.buffer.lines.at(-1)!;
		expect(demo.fleet.store.getState().logView!.buffer.lines.length).toBeGreaterThan(before);
		const frame = await app.waitFor((f) => f.includes(newest.text.slice(0, 30)), 10_000);
		// The newest line is the last one drawn: the view sticks to the end while following.
		expect(logRowsOf(frame).at(-1)).toContain(newest.text.slice(0, 30));
	});

	it('says when a container logs with another driver', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 30});
		await app.waitFor((f) => /Services \(batch\)/.test(f), 10_000);
		await app.press('j');
		await app.waitFor((f) => /Services \(staging\) \[1\/1\]/.test(f), 10_000);
		// The tasks are the cluster's until a key picks a service: k on the only one picks it.
		await app.press('3', 'k', '4');
		await app.waitFor((f) => /Tasks \(frontend-staging\) \[1\/\d+\]/.test(f), 10_000);
		await app.press('l');
		await app.waitFor(
			(f) =>
				/container web \(task [0-9a-f]{8}\) logs with the json-file driver, not awslogs/.test(f),
			10_000,
		);
	});

	it('names the missing logs: permission', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 30});
		await onWebService(app, 'redis');
		demo.fleet.sim.server.faults.set({denied: ['logs']});
		await app.press('4');
		// l acts on the selected task: pressed before the pane has one, it says so instead.
		await app.waitFor((f) => /Tasks \(redis\) \[1\/1\]/.test(f), 10_000);
		await app.press('l');
		await app.waitFor((f) => /logs:GetLogEvents is not allowed/.test(f), 10_000);
	});
});
