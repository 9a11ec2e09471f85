// The keys of the hand-offs, undo and the small control fixes, end to end below the terminal:
// the App's dialogs over the real action runner and the simulator, with stand-in `aws` and
// `session-manager-plugin` executables on PATH that record their arguments. What the dialog shows
// is what runs or is sent, once; Esc and --read-only run and send nothing.
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createTerminalHandOff} from '../../source/modes/terminal-hand-off.js';
import {cachedLocalTools, probeLocalTools} from '../../source/store/writes/local-tools.js';
import {createStandIns, type StandIns} from '../helpers/stand-in-aws.js';
import {startActionFleet, type ActionFleet} from '../store/writes/action-fixture.js';
import {keys, type AppHarness} from './app-fixture.js';
import {renderOnWebApi, webService as webServiceIn} from './app-on-web.js';

let fleet: ActionFleet;
let standIns: StandIns;
beforeEach(async () => {
	fleet = await startActionFleet();
	standIns = createStandIns();
});
afterEach(async () => {
	cleanup();
	await fleet.close();
	standIns.remove();
});

const footer = (frame: string) => frame.split('\n').at(-1)!;
const dialogShown = 'y or Enter sends this';

/** The App on the demo world with `web` selected, its services and api's tasks loaded. */
async function onWeb(options: {readOnly?: boolean} = {}) {
	const actions = fleet.makeRunner({
		readOnly: options.readOnly ?? false,
		handOff: createTerminalHandOff(
			{release: () => {}, retake: () => {}, log: () => {}},
			{isTTY: false} as NodeJS.ReadStream,
			standIns.env,
		),
		localTools: cachedLocalTools(() => probeLocalTools(standIns.env)),
	});
	return renderOnWebApi(fleet.store, actions, {readOnly: options.readOnly ?? false});
}

const webService = (name: string) => webServiceIn(fleet.store, name);

async function waitForResult(app: AppHarness, pattern: RegExp) {
	return app.waitFor((f) => pattern.test(footer(f)), 10_000);
}

async function waitForWrites(count: number) {
	await vi.waitFor(
		async () => {
			expect(await fleet.writeRequests()).toHaveLength(count);
		},
		{timeout: 10_000, interval: 50},
	);
}

describe('e and F hand the terminal to the aws CLI', () => {
	it('e opens a shell in the task: the dialog shows the command, y runs it once, the view comes back', async () => {
		const app = await onWeb();
		await app.press('4', 'e');
		let frame = app.frame();
		expect(frame).toContain('Open a shell in task');
		expect(frame).toContain('container: api');
		expect(frame).toContain('command: /bin/sh');
		expect(frame).toMatch(
			/\$ aws ecs execute-command --cluster web --task [0-9a-f]{32} --container api --interactive --command \/bin\/sh/,
		);
		await app.press(keys.escape);
		expect(footer(app.frame())).toContain('cancelled: nothing was sent');
		expect(standIns.awsCalls()).toEqual([]);

		await app.press('e', keys.enter);
		expect(app.frame()).toContain(dialogShown);
		await app.press('y');
		frame = await waitForResult(app, /Back from \/bin\/sh in api of task/);
		expect(frame).not.toContain(dialogShown);
		const calls = standIns.awsCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0]!.slice(0, 4)).toEqual(['ecs', 'execute-command', '--cluster', 'web']);
		expect(calls[0]).toContain('--interactive');
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('F asks for the ports and runs ssm start-session with them', async () => {
		const app = await onWeb();
		await app.press('4', 'F');
		expect(app.frame()).toContain('Forward a local port to task');
		expect(app.frame()).toContain('container port: 8080');
		// Tab to the local port, and type another one.
		// api has two containers: Tab past the container and the container port to the local port.
		await app.press(
			keys.tab,
			keys.tab,
			keys.backspace,
			keys.backspace,
			keys.backspace,
			keys.backspace,
		);
		await app.press('9', '0', '9', '0');
		expect(app.frame()).toContain('localhost:9090 -> api:8080');
		expect(app.frame()).toContain('AWS-StartPortForwardingSession');
		await app.press(keys.enter);
		await app.press('y');
		await waitForResult(app, /Back from forwarding localhost:9090 to api:8080/);
		const calls = standIns.awsCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0]!.slice(0, 3)).toEqual(['ssm', 'start-session', '--target']);
		expect(calls[0]![3]).toMatch(/^ecs:web_[0-9a-f]{32}_[0-9a-f]+/);
		expect(calls[0]).toContain('portNumber=8080,localPortNumber=9090');
	});

	it('e on a task whose service has no ECS Exec says so in the dialog, and Enter runs nothing', async () => {
		const app = await onWeb();
		await app.press('3', 'j', 'j');
		await app.waitFor((f) => /Tasks \(frontend\) \[1\/\d+\]/.test(f), 10_000);
		await app.press('4', 'e');
		expect(app.frame()).toContain('ECS Exec is off for service frontend');
		await app.press(keys.enter);
		expect(app.frame()).not.toContain(dialogShown);
		await app.press(keys.escape);
		expect(standIns.awsCalls()).toEqual([]);
	});

	it('under --read-only e, F and :undo are refused and nothing runs', async () => {
		const app = await onWeb({readOnly: true});
		for (const key of ['e', 'F']) {
			await app.press('4', key);
			expect(footer(app.frame())).toContain('read-only');
			expect(app.frame()).not.toContain(dialogShown);
		}
		await app.press(':', 'u', 'n', 'd', 'o', keys.enter);
		expect(footer(app.frame())).toContain('read-only');
		expect(standIns.awsCalls()).toEqual([]);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});

describe(':undo', () => {
	it('lists the changes newest first with what undoing each sends, and undoes the one picked', async () => {
		const app = await onWeb();
		const api = webService('api').desiredCount;
		const frontend = webService('frontend').desiredCount;
		await app.press('3', '+', 'y');
		await waitForResult(app, /api desired count set to/);
		await app.press('j', 'j', '-', 'y');
		await waitForResult(app, /frontend desired count set to/);
		await fleet.poller.whenIdle();

		await app.press(':', 'u', 'n', 'd', 'o', keys.enter);
		const frame = app.frame();
		expect(frame).toContain('Undo a change of this session');
		const lines = frame.split('\n');
		const first = lines.findIndex(
			(line) =>
				line.includes(`1. `) &&
				line.includes(
					`frontend desired ${frontend} -> ${frontend - 1} · undo sends frontend desired ${frontend - 1} -> ${frontend}`,
				),
		);
		const second = lines.findIndex(
			(line) =>
				line.includes(`2. `) &&
				line.includes(
					`api desired ${api} -> ${api + 1} · undo sends api desired ${api + 1} -> ${api}`,
				),
		);
		expect(first).toBeGreaterThan(-1);
		expect(second).toBeGreaterThan(first);
		// Pick the second: the older api change.
		await app.press(keys.backspace, '2');
		expect(app.frame()).toMatch(
			new RegExp(`\\$ aws ecs update-service --cluster web --service api --desired-count ${api}`),
		);
		await app.press(keys.enter);
		expect(app.frame()).toContain(dialogShown);
		expect(app.frame()).toContain(`api desired ${api + 1} -> ${api}`);
		await app.press('y');
		await waitForWrites(3);
		const sent = await fleet.writeRequests();
		expect(sent.at(-1)!.input).toMatchObject({service: webService('api').arn, desiredCount: api});
		await waitForResult(app, /api desired count set to/);
	});
});

describe('the small things', () => {
	it('+ + + adds up into one pending change, sent once', async () => {
		const app = await onWeb();
		const desired = webService('api').desiredCount;
		await app.press('3', '+', '+', '+');
		expect(app.frame()).toContain(`api desired ${desired} -> ${desired + 3}`);
		await app.press('-');
		expect(app.frame()).toContain(`api desired ${desired} -> ${desired + 2}`);
		await app.press('y');
		await waitForResult(app, /api desired count set to/);
		const sent = await fleet.writeRequests();
		expect(sent.map((w) => [w.operation, w.input['desiredCount']])).toEqual([
			['UpdateService', desired + 2],
		]);
	});

	it('S works from the services pane, where the cluster is known', async () => {
		const app = await onWeb();
		await app.press('3', 'S');
		expect(app.frame()).toMatch(/Set the instance count of web|web has no Auto Scaling group/);
		expect(footer(app.frame())).not.toContain('go to the');
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('the run-task dialog keeps one client token while typing, and sends that one', async () => {
		const app = await onWeb();
		await app.press('3', 'r');
		const token = () => /--client-token \\?[\s│]*(ecs-top-[0-9a-f-]{36})/u.exec(app.frame())?.[1];
		const first = token();
		expect(first).toBeDefined();
		await app.press(keys.tab, keys.backspace, '2');
		expect(app.frame()).toContain('--count 2');
		expect(token()).toBe(first);
		await app.press(keys.enter);
		expect(token()).toBe(first);
		await app.press('y');
		await waitForWrites(1);
		expect((await fleet.writeRequests())[0]!.input['clientToken']).toBe(first);
	});
});
