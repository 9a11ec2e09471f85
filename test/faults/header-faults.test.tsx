// What the header line says through each fault, on the live App over the real pollers: the text a
// user reads while AWS misbehaves, and that it goes back to `live` by itself.
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {paneRows, renderApp, type AppHarness} from '../ui/app-fixture.js';
import {startLiveFleet, watchUnhandledRejections, type LiveFleet} from './live-fleet.js';

const refreshMs = 1_000;
let fleet: LiveFleet;
let app: AppHarness;
let rejections: ReturnType<typeof watchUnhandledRejections>;

async function start(faults?: Parameters<LiveFleet['faults']>[0]): Promise<void> {
	fleet = await startLiveFleet({refreshMs});
	// Before the App asks for metrics: CloudWatch is polled once a minute.
	if (faults !== undefined) await fleet.faults(faults);
	app = await renderApp({store: fleet.store, columns: 200, rows: 50});
	await app.waitFor((frame) => /Services \(batch\) \[1\/\d+\]/.test(frame), 10_000);
}

beforeEach(() => {
	rejections = watchUnhandledRejections();
});
afterEach(async () => {
	cleanup();
	await fleet?.close();
	rejections.stop();
});

const header = () => app.lines()[0]!;
const waitForHeader = (check: (line: string) => boolean, timeoutMs = 6 * refreshMs) =>
	app.waitFor((frame) => check(frame.split('\n')[0]!), timeoutMs);
const live = (line: string) =>
	/\blive\b/.test(line) && !/STALE|THROTTLED|CANNOT|EXPIRED|DENIED/.test(line);

describe('the header through faults', () => {
	it('says THROTTLED in a storm and live again after it', async () => {
		await start();
		expect(live(header())).toBe(true);
		await fleet.faults({throttleRate: 0.5});
		await waitForHeader((line) => line.includes('THROTTLED'));
		// The panes keep what they had.
		expect(paneRows(app.frame(), 'Clusters')).toEqual(['>batch', 'staging', 'web']);
		await fleet.faults('reset');
		await waitForHeader(live);
		expect(rejections.seen).toEqual([]);
	});

	it('says CANNOT REACH AWS and STALE while the endpoint is down, live once it is back', async () => {
		await start();
		await fleet.faults({down: true});
		const line = await waitForHeader((l) => l.includes('CANNOT REACH AWS'));
		// Never `live` beside it: nothing on screen can be current while AWS is out of reach.
		expect(line).toMatch(/STALE since \d\d:\d\d:\d\d/);
		expect(paneRows(app.frame(), 'Clusters')).toEqual(['>batch', 'staging', 'web']);
		await fleet.faults({down: false});
		await waitForHeader(live);
	});

	it('says CREDENTIALS EXPIRED, and live once they are renewed', async () => {
		await start();
		await fleet.faults({expiredCredentials: true});
		const line = await waitForHeader((l) => l.includes('CREDENTIALS EXPIRED'));
		expect(line).toMatch(/STALE since \d\d:\d\d:\d\d/);
		await fleet.faults('reset');
		await waitForHeader(live);
	});

	it('names the denied CloudWatch permission and stays live otherwise', async () => {
		await start({denied: ['cloudwatch']});
		const line = await waitForHeader((l) => l.includes('DENIED cloudwatch:GetMetricData'));
		expect(line).toMatch(/\blive\b/);
		expect(line).not.toMatch(/STALE|THROTTLED|CANNOT/);
	});
});
