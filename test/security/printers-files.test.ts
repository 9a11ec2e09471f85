// What ecs-top prints outside the live view (--once, flag errors) and what it keeps on disk
// (the log, the audit record): no raw control character from AWS or the command line, secrets
// of an endpoint URL masked, and files private whatever the umask.
import {
	chmodSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {appendPrivately} from '../../source/files/private-file.js';
import {auditLine, createAuditLog, type AuditEntry} from '../../source/store/writes/audit-log.js';
import {awsCommand} from '../../source/store/writes/cli-command.js';
import {terminalSafe} from '../../source/text/terminal-text.js';
import {maskUrlSecrets} from '../../source/text/url-secrets.js';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';
import {
	hostileAssignment,
	injectHostileFleet,
	injectedText,
	type FieldName,
	type HostileField,
} from './hostile-fleet.js';
import {anyControl} from './hostile-values.js';

/** Text for a terminal: lines free of any control character. */
function controlsIn(text: string): string[] {
	return text.split('\n').filter((line) => anyControl.test(line));
}

const cleanEnv = (home: string): NodeJS.ProcessEnv => ({
	PATH: process.env['PATH'] ?? '/usr/bin:/bin',
	HOME: home,
	XDG_STATE_HOME: join(home, 'state'),
	AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
	AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
	AWS_REGION: 'us-east-1',
	AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

describe('--once over a hostile account', () => {
	let sim: TestSim;
	let fields: Map<FieldName, HostileField>;
	let home: string;
	const cloudWatchMessage = 'metrics\u001b]52;c;Y3VybCBldmls\u0007 gone\u009b2J';

	beforeAll(async () => {
		home = mkdtempSync(join(tmpdir(), 'ecs-top-once-'));
		sim = await startTestSim({scenario: 'demo', start: Date.now()});
		fields = hostileAssignment(0);
		const faults = async (patch: object) => {
			await fetch(`${sim.server.url}/__sim/faults`, {method: 'POST', body: JSON.stringify(patch)});
		};
		await injectHostileFleet(sim, fields, faults);
		await faults({
			answerError: {code: 'Access\u001b[2JDenied', message: cloudWatchMessage, status: 400},
			services: ['cloudwatch'],
		});
	});
	afterAll(async () => {
		await sim.close();
		rmSync(home, {recursive: true, force: true});
	});

	it('prints its summary and its warning: and note: lines with every control spelled out', async () => {
		const cli = startCli(['--once', '--endpoint-url', sim.server.url], cleanEnv(home));
		expect((await cli.exit()).code).toBe(0);
		expect(controlsIn(cli.stdout())).toEqual([]);
		expect(controlsIn(cli.stderr())).toEqual([]);
		const shown = terminalSafe(cloudWatchMessage);
		expect(cli.stderr()).toContain('warning: ');
		expect(cli.stderr()).toContain(shown);
		expect(cli.stdout()).toContain(`note: `);
		expect(cli.stdout()).toContain(shown);
	});

	it('keeps the exact text in --json, every control as a JSON escape', async () => {
		const cli = startCli(['--once', '--json', '--endpoint-url', sim.server.url], cleanEnv(home));
		expect((await cli.exit()).code).toBe(0);
		expect(controlsIn(cli.stdout())).toEqual([]);
		const document = JSON.parse(cli.stdout()) as {
			tasks: Array<{startedBy?: string; containers: Array<{image?: string}>}>;
			apiErrors: Array<{message: string}>;
		};
		const startedBy = injectedText(fields, 'task startedBy');
		expect(document.tasks.some((task) => task.startedBy === startedBy)).toBe(true);
		const image = injectedText(fields, 'container image');
		expect(document.tasks.some((task) => task.containers.some((c) => c.image === image))).toBe(
			true,
		);
		expect(document.apiErrors.some((error) => error.message.includes(cloudWatchMessage))).toBe(
			true,
		);
	});
});

describe('flags and endpoints', () => {
	let home: string;
	beforeAll(() => (home = mkdtempSync(join(tmpdir(), 'ecs-top-flags-'))));
	afterAll(() => rmSync(home, {recursive: true, force: true}));

	it('echoes an escape in --profile visibly, not raw', async () => {
		const cli = startCli(['--once', '--profile', 'prod\u001b]0;pwned\u0007'], cleanEnv(home));
		expect((await cli.exit()).code).toBe(2);
		expect(cli.stderr()).toContain('prod\\e]0;pwned\\x07');
		expect(controlsIn(cli.stderr())).toEqual([]);
	});

	it('names an unreachable endpoint without its password or signature', async () => {
		const endpoint = 'http://ops:hunter2@127.0.0.1:9/?X-Amz-Signature=s3cr3tsig';
		const cli = startCli(['--once', '--endpoint-url', endpoint], cleanEnv(home));
		expect((await cli.exit()).code).toBe(1);
		expect(cli.stderr()).toMatch(/ops:\*\*\*@127\.0\.0\.1/);
		expect(cli.stderr()).not.toMatch(/hunter2|s3cr3tsig/);
	});

	it("masks them in the dialogs' aws command and in the audit record", () => {
		const endpoint = 'https://ops:hunter2@proxy.example/?X-Amz-Security-Token=tok3n&region=x';
		const command = awsCommand(
			{region: 'eu-west-1', profile: undefined, endpoint},
			'ecs',
			'stop-task',
			[],
		);
		expect(command).toContain("'https://ops:***@proxy.example/?X-Amz-Security-Token=***&region=x'");
		const entry: AuditEntry = {
			time: '2026-01-01T00:00:00.000Z',
			identity: 'arn:aws:iam::1:user/\u001b]0;x\u0007',
			region: 'eu-west-1',
			profile: undefined,
			endpoint,
			action: 'ecs:StopTask',
			target: 'arn:task',
			before: 'RUNNING',
			after: 'STOPPED',
			phase: 'result',
			requestId: 'r1',
			result: 'unknown',
			errorMessage: `Cannot reach ${endpoint}: ECONNREFUSED \u009b2J`,
			planId: 'p',
		};
		const line = auditLine(entry);
		expect(line).not.toMatch(/hunter2|tok3n/);
		expect(controlsIn(line.trimEnd())).toEqual([]);
		const recorded = JSON.parse(line) as AuditEntry;
		expect(recorded.endpoint).toBe(maskUrlSecrets(endpoint));
		expect(recorded.identity).toBe(entry.identity);
	});
});

describe('files under umask 000', () => {
	let directory: string;
	let umask: number;
	afterEach(() => {
		process.umask(umask);
		rmSync(directory, {recursive: true, force: true});
	});
	const mode = (path: string) => statSync(path).mode & 0o777;

	it('creates the state directory 0700 and the log and audit files 0600', () => {
		umask = process.umask(0);
		directory = mkdtempSync(join(tmpdir(), 'ecs-top-umask-'));
		const state = join(directory, 'state', 'ecs-top');
		appendPrivately(join(state, 'ecs-top.log'), 'a line\n');
		expect(
			createAuditLog(join(state, 'audit.jsonl')).append({
				time: '2026-01-01T00:00:00.000Z',
				identity: undefined,
				region: undefined,
				profile: undefined,
				endpoint: undefined,
				action: 'ecs:UpdateService',
				target: 'arn:service',
				before: 1,
				after: 2,
				phase: 'intent',
				requestId: 'r1',
				result: 'sending',
				planId: 'p',
			}),
		).toBeUndefined();
		expect(mode(state)).toBe(0o700);
		expect(mode(join(state, 'ecs-top.log'))).toBe(0o600);
		expect(mode(join(state, 'audit.jsonl'))).toBe(0o600);
	});

	it('tightens a directory and a file an older version left open', () => {
		umask = process.umask(0);
		directory = mkdtempSync(join(tmpdir(), 'ecs-top-umask-'));
		const state = join(directory, 'ecs-top');
		mkdirSync(state, {mode: 0o777});
		chmodSync(state, 0o777);
		const log = join(state, 'ecs-top.log');
		writeFileSync(log, 'old line\n', {mode: 0o666});
		chmodSync(log, 0o666);
		appendPrivately(log, 'new line\n');
		expect(mode(state)).toBe(0o700);
		expect(mode(log)).toBe(0o600);
		expect(readFileSync(log, 'utf8')).toBe('old line\nnew line\n');
	});
});
