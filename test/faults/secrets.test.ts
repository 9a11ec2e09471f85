// Security: the simulator listens on loopback only unless told otherwise, and the secret key
// never shows anywhere a user or a log collector could read it (screen, log file, stderr,
// `--once` output, error messages), whatever fault AWS throws at ecs-top.
import {readdirSync, readFileSync, existsSync, mkdtempSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {networkInterfaces, tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {FaultSettings} from '../../source/sim/faults.js';
import {startSim} from '../../source/sim/index.js';
import {TmuxTerminal, cliPath} from '../e2e/tmux.js';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

const secret = testCredentials.secretAccessKey;
// The throwaway key --demo signs with (source/modes/connection.ts).
const demoSecret = 'ecs-top-demo-not-a-secret';

/** Every file under `dir`, read as text: the log and anything else ecs-top wrote there. */
function filesUnder(dir: string): Record<string, string> {
	if (!existsSync(dir)) return {};
	const found: Record<string, string> = {};
	for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		found[path] = readFileSync(path, 'utf8');
	}
	return found;
}

function expectNoSecret(where: string, text: string, key = secret): void {
	expect(text.includes(key), `${where} shows the secret key`).toBe(false);
}

describe('the simulator binds loopback only by default', () => {
	it('listens on 127.0.0.1 and refuses connections to the machine’s other addresses', async () => {
		const sim = await startSim({scenario: 'empty'});
		try {
			expect(sim.host).toBe('127.0.0.1');
			expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const others = Object.values(networkInterfaces())
				.flat()
				.filter(
					(address) => address !== undefined && !address.internal && address.family === 'IPv4',
				);
			for (const address of others) {
				const outcome = await new Promise<string>((resolve) => {
					const socket = connect({host: address!.address, port: sim.port, timeout: 2_000});
					socket.once('connect', () => (socket.destroy(), resolve('connected')));
					socket.once('timeout', () => (socket.destroy(), resolve('timeout')));
					socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
				});
				expect(outcome, `connecting via ${address!.address}`).not.toBe('connected');
			}
		} finally {
			await sim.close();
		}
	});

	it('`ecs-top sim` says it listens on loopback', async () => {
		const cli = startCli(['sim']);
		try {
			const [line] = await cli.waitForLine(/listening on (\S+)/);
			expect(line).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+$/);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exit();
		}
	});
});

const faultCases: [string, Partial<FaultSettings>][] = [
	['no fault', {}],
	['every call throttled', {throttleRate: 1}],
	['expired credentials', {expiredCredentials: true}],
	['CloudWatch denied', {denied: ['cloudwatch']}],
	['5xx errors', {errorRate: 1}],
	['endpoint down', {down: true}],
];

describe('the secret key never shows', () => {
	let sim: TestSim;
	const state = mkdtempSync(join(tmpdir(), 'ecs-top-secrets-'));
	const env = {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: state,
		XDG_STATE_HOME: join(state, 'state'),
		AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: secret,
		AWS_REGION: 'us-east-1',
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
	};

	beforeAll(async () => {
		sim = await startTestSim({scenario: 'demo', start: Date.now()});
	});
	afterAll(async () => {
		await sim.close();
		rmSync(state, {recursive: true, force: true});
	});

	it.each(faultCases)('--once and --once --json: %s', async (_, faults) => {
		sim.server.faults.reset();
		sim.server.faults.set(faults);
		for (const json of [false, true]) {
			const cli = startCli(
				['--once', ...(json ? ['--json'] : []), '--endpoint-url', sim.server.url],
				env,
			);
			await cli.exit();
			expectNoSecret('stdout', cli.stdout());
			expectNoSecret('stderr', cli.stderr());
		}
		for (const [path, text] of Object.entries(filesUnder(env.XDG_STATE_HOME)))
			expectNoSecret(path, text);
	});

	it('the live TUI through every fault: screens, stderr and the log file', async () => {
		sim.server.faults.reset();
		const terminal = new TmuxTerminal();
		try {
			const stderrPath = join(terminal.dir, 'stderr.txt');
			await terminal.start(
				`'${process.execPath}' '${cliPath}' --refresh 1 --endpoint-url ${sim.server.url} 2>'${stderrPath}'`,
				{columns: 160, rows: 40, env: {...env, HOME: terminal.dir}},
			);
			await terminal.waitFor('the dashboard', (s) => s.text.includes('staging'));
			const screens: string[] = [];
			for (const [name, faults] of faultCases.slice(1)) {
				sim.server.faults.reset();
				sim.server.faults.set(faults);
				const label =
					name === 'every call throttled'
						? 'THROTTLED'
						: name === 'expired credentials'
							? 'CREDENTIALS EXPIRED'
							: name === 'CloudWatch denied'
								? 'DENIED'
								: name === 'endpoint down'
									? 'CANNOT REACH AWS'
									: 'FAILED ecs:';
				// CloudWatch is asked once a minute: its denial may not show in this window.
				if (name !== 'CloudWatch denied')
					await terminal.waitFor(name, (s) => s.lines[0]!.includes(label), {timeoutMs: 10_000});
				screens.push((await terminal.capture({escapes: true})).text);
				// The detail view and help draw other text: look there too.
				await terminal.press('Enter');
				screens.push((await terminal.capture({escapes: true})).text);
				await terminal.press('Escape');
			}
			sim.server.faults.reset();
			await terminal.press('q');
			await terminal.ending();
			for (const [i, screen] of screens.entries()) expectNoSecret(`screen ${i}`, screen);
			const files = filesUnder(terminal.dir);
			expect(Object.keys(files).length).toBeGreaterThan(0);
			for (const [path, text] of Object.entries(files)) expectNoSecret(path, text);
		} finally {
			await terminal.kill();
		}
	});

	it('--demo: its throwaway key stays off the screen and out of the log', async () => {
		const terminal = new TmuxTerminal();
		try {
			await terminal.start(
				`'${process.execPath}' '${cliPath}' --demo 2>'${terminal.dir}/err.txt'`,
				{
					columns: 160,
					rows: 40,
				},
			);
			const screen = await terminal.waitFor('the dashboard', (s) => s.text.includes('staging'));
			await terminal.press('?');
			const help = await terminal.capture({escapes: true});
			await terminal.press('q');
			await terminal.ending();
			expectNoSecret('screen', screen.text, demoSecret);
			expectNoSecret('help', help.text, demoSecret);
			for (const [path, text] of Object.entries(filesUnder(terminal.dir)))
				expectNoSecret(path, text, demoSecret);
		} finally {
			await terminal.kill();
		}
	});
});
