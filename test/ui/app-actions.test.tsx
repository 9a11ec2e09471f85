// The write keys end to end below the terminal: the App's dialogs over the real action runner,
// SDK clients and simulator. What the user reads before confirming is what is sent; Esc and
// refusals send nothing (the simulator's request log says so); a repeated key sends once.
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {startActionFleet, type ActionFleet} from '../store/writes/action-fixture.js';
import {keys, overwideLines, paneRows, type AppHarness} from './app-fixture.js';
import {renderOnWebApi, webService as webServiceIn, type OnWebOptions} from './app-on-web.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	cleanup();
	await fleet.close();
});

const footer = (frame: string) => frame.split('\n').at(-1)!;

async function onWeb(options: OnWebOptions = {}) {
	const actions = options.readOnly ? fleet.makeRunner({readOnly: true}) : fleet.runner;
	return renderOnWebApi(fleet.store, actions, options);
}

const webService = (name: string) => webServiceIn(fleet.store, name);

async function waitForResult(app: AppHarness, pattern: RegExp) {
	return app.waitFor((f) => pattern.test(footer(f)), 10_000);
}

/**
 * Until the simulator has answered exactly these writes, in order. The footer says `sending: ...`
 * before the first request leaves, and a bulk stop sends one StopTask after another, so no
 * message tells that every request has arrived: the request log does.
 */
async function waitForWrites(...operations: string[]) {
	await vi.waitFor(
		async () => {
			expect((await fleet.writeRequests()).map((w) => w.operation)).toEqual(operations);
		},
		{timeout: 10_000, interval: 50},
	);
}

describe('scale a service', () => {
	it('+ shows the exact change and the aws command; Esc sends nothing', async () => {
		const app = await onWeb();
		const desired = webService('api').desiredCount;
		await app.press('3', '+');
		const frame = app.frame();
		expect(frame).toContain(`api desired ${desired} -> ${desired + 1}`);
		expect(frame).toMatch(
			new RegExp(
				`\\$ aws ecs update-service --cluster web --service api --desired-count ${desired + 1}`,
			),
		);
		expect(frame).toContain('y or Enter sends this');
		expect(overwideLines(frame, 200)).toEqual([]);
		// The footer names the dialog's keys, not the panes' (? does nothing here).
		expect(footer(frame)).toMatch(/y\/(Enter|↵) send\s+n\/Esc cancel/u);
		expect(footer(frame)).not.toContain('quit');
		await app.press(keys.escape);
		expect(footer(app.frame())).toContain('cancelled: nothing was sent');
		expect(app.frame()).not.toContain('y or Enter sends this');
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('y pressed twice sends one UpdateService; the row shows the new count', async () => {
		const app = await onWeb();
		const desired = webService('api').desiredCount;
		await app.press('3', '+');
		// Each on its own (keys that arrive together confirm nothing: app-paste.test.tsx).
		await app.press('y', 'y');
		await waitForResult(app, /api desired count set to/);
		const writes = await fleet.writeRequests();
		expect(writes.map((w) => w.operation)).toEqual(['UpdateService']);
		// The row says the new count at once: the pending mark, or the count a poll brought.
		expect(app.frame()).toMatch(new RegExp(`> api\\s+${desired + 1}\\s|desired ${desired + 1}`));
		// The audit log has the one request, with before and after.
		const audit = fleet.auditResults();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({action: 'ecs:UpdateService'});
	});

	it('+ right after a sent + counts from the sent value, not the last poll', async () => {
		const app = await onWeb();
		const desired = webService('api').desiredCount;
		await app.press('3', '+', 'y');
		await waitForResult(app, /api desired count set to/);
		await app.press('+');
		expect(app.frame()).toContain(`api desired ${desired + 1} -> ${desired + 2}`);
		await app.press(keys.escape);
		expect((await fleet.writeRequests()).map((w) => w.operation)).toEqual(['UpdateService']);
	});

	it('s takes a typed count, refuses one over the quota inline, and sends the corrected one', async () => {
		const app = await onWeb();
		await app.press('3', 's');
		expect(app.frame()).toContain('Set the desired count of api');
		// Replace the prefilled value with one far over the quota.
		await app.press(keys.backspace, keys.backspace, keys.backspace, '9', '9', '9', '9', '9', '9');
		expect(app.frame()).toMatch(/5,?000/);
		await app.press(keys.enter);
		// Enter on a refused value goes nowhere: still editing, nothing sent.
		expect(app.frame()).toContain('Esc cancel');
		for (let i = 0; i < 6; i++) await app.press(keys.backspace);
		await app.press('3');
		expect(app.frame()).toMatch(/api desired \d+ -> 3/);
		await app.press(keys.enter);
		expect(app.frame()).toContain('y or Enter sends this');
		await app.press(keys.enter);
		await waitForWrites('UpdateService');
		await waitForResult(app, /api desired count set to 3/);
		fleet.sim.advance(60_000);
		await fleet.refresh();
		expect(webService('api').desiredCount).toBe(3);
	});

	it('u undoes the last desired-count change after a confirmation', async () => {
		const app = await onWeb();
		const desired = webService('frontend').desiredCount;
		await app.press('3', 'j', 'j', '-', 'y');
		await waitForResult(app, /frontend/);
		await fleet.refresh();
		expect(webService('frontend').desiredCount).toBe(desired - 1);
		await app.press('u');
		expect(app.frame()).toContain(`frontend desired ${desired - 1} -> ${desired}`);
		await app.press('y');
		await waitForResult(app, /frontend/);
		await fleet.refresh();
		expect(webService('frontend').desiredCount).toBe(desired);
		expect((await fleet.writeRequests()).map((w) => w.operation)).toEqual([
			'UpdateService',
			'UpdateService',
		]);
	});

	it('an AWS refusal is shown in plain words naming the permission', async () => {
		const app = await onWeb();
		await app.press('3', 'D');
		expect(app.frame()).toContain('--force-new-deployment');
		await fleet.faults({denied: ['ecs']});
		await app.press('y');
		const frame = await waitForResult(app, /denied|not authorized/i);
		expect(footer(frame)).toContain('ecs:UpdateService');
		expect(app.quits()).toBe(0);
	});
});

describe('stop tasks, drain instances, run tasks, scale the cluster', () => {
	it('Space marks two tasks; x stops both with one confirmation that says they will be replaced', async () => {
		const app = await onWeb();
		await app.press('4', ' ', ' ');
		const marked = (frame: string) => paneRows(frame, 'Tasks').filter((row) => row.includes('*'));
		await app.waitFor((frame) => marked(frame).length === 2, 5_000);
		await app.press('x');
		const frame = app.frame();
		expect(frame).toMatch(/stop 2 tasks|2 tasks/i);
		expect(frame).toMatch(/replaced/);
		expect(frame).toContain('aws ecs stop-task');
		await app.press('y');
		await waitForWrites('StopTask', 'StopTask');
		await waitForResult(app, /Stopping 2 tasks/);
		// The marks are spent.
		expect(marked(app.frame())).toHaveLength(0);
	});

	it('Space Space x typed in one read stops both marked tasks', async () => {
		const app = await onWeb();
		await app.press('4');
		await app.pressTogether(' ', ' ', 'x');
		const frame = await app.waitFor((f) => f.includes('y or Enter sends this'), 5_000);
		expect(frame).toMatch(/2 tasks/);
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('the tasks title counts the marked tasks, and Esc unmarks them before x', async () => {
		const app = await onWeb();
		await app.press('4', ' ', ' ');
		expect(app.frame()).toMatch(/Tasks \(api\) \[3\/\d+\] 2 marked \(Esc unmarks\)/u);
		await app.press(keys.escape);
		expect(footer(app.frame())).toContain('marks cleared');
		expect(app.frame()).not.toContain('marked');
		// x now acts on the selected task alone.
		await app.press('x');
		expect(app.frame()).not.toMatch(/2 tasks/);
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('d drains the selected instance after confirming', async () => {
		const app = await onWeb();
		await app.press('2', 'd');
		expect(app.frame()).toContain('DRAINING');
		expect(app.frame()).toContain('aws ecs update-container-instances-state');
		await app.press('y');
		await waitForWrites('UpdateContainerInstancesState');
		await waitForResult(app, /set to DRAINING/);
	});

	it('S refuses a capacity outside the group min..max, naming the limit, and Esc sends nothing', async () => {
		const app = await onWeb();
		await app.press('2', 'S');
		const frame = app.frame();
		expect(frame).toContain('Set the instance count of web');
		const max = Number(/max (\d+)/.exec(frame)![1]);
		for (let i = 0; i < 4; i++) await app.press(keys.backspace);
		for (const digit of String(max + 1)) await app.press(digit);
		expect(app.frame()).toContain(String(max));
		expect(app.frame()).not.toContain('y or Enter sends this');
		await app.press(keys.enter, keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('r from :td runs two tasks of the chosen task definition and shows them arriving', async () => {
		const app = await onWeb();
		await app.press(':', 't', 'd', keys.enter);
		await app.waitFor((f) => /Task definitions \[1\/\d+\]/.test(f), 10_000);
		await app.press('r');
		expect(app.frame()).toMatch(/task definition: api:\d+/);
		await app.press(keys.tab, keys.backspace, '2', keys.enter);
		expect(app.frame()).toContain('aws ecs run-task');
		expect(app.frame()).toContain('--count 2');
		await app.press('y');
		const result = await waitForResult(app, /Started 2 tasks/);
		const writes = await fleet.writeRequests();
		expect(writes.map((w) => w.operation)).toEqual(['RunTask']);
		// They belong to no service: the tasks pane widens from api's tasks to the cluster's,
		// where the new ones arrive.
		const ids = /Started 2 tasks of \S+: (\w+), (\w+)/.exec(footer(result))!.slice(1, 3);
		const frame = await app.waitFor(
			(f) => /Tasks \(web\) \[\d+\/\d+\]/.test(f) && ids.every((id) => f.includes(id)),
			10_000,
		);
		expect(frame).not.toContain('Task definitions [');
	});
});

describe('read-only', () => {
	it('every write key is refused and no request is sent', async () => {
		const app = await onWeb({readOnly: true});
		for (const [pane, key] of [
			['3', '+'],
			['3', '-'],
			['3', 's'],
			['3', 'D'],
			['2', 'S'],
			['2', 'd'],
			['4', ' '],
			['4', 'x'],
			['4', 'r'],
			['4', 'u'],
		] as const) {
			await app.press(pane, key);
			expect(footer(app.frame())).toContain('read-only');
			expect(app.frame()).not.toContain('y or Enter sends this');
		}
		expect(await fleet.writeRequests()).toEqual([]);
		// The footer offers no write key (beside the refusal, the hints of keys that work).
		expect(footer(app.frame())).toContain('? help');
		expect(footer(app.frame())).not.toMatch(/\b(scale|stop|drain|deploy|mark|run|undo)\b/);
	});
});
