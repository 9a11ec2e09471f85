// The AWS configuration as the AWS CLI v2 reads it, through the built CLI against the simulator,
// each case in a temporary HOME whose AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE hold exactly
// what the test wrote: the region's sources in order, shared files that are not files (or too
// big), and what a failure to get credentials says (a credential_process helper's own words, an
// SSO login never made or expired, an AssumeRole refused, an MFA profile without a terminal).
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {OnceDocument} from '../../source/modes/once-document.js';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, type TestSim} from '../helpers/sim.js';

const root = mkdtempSync(join(tmpdir(), 'ecs-top-aws-config-'));
let sim: TestSim;

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 2, start: Date.now()});
});
afterAll(async () => {
	await sim.close();
	rmSync(root, {recursive: true, force: true});
});

const keys = '[default]\naws_access_key_id = AKIDCONFIGTEST\naws_secret_access_key = not-shown\n';

type Home = {dir: string; env: NodeJS.ProcessEnv};

/** A clean environment: nothing of the developer's AWS setup, no instance metadata to wait for. */
function home(files: {config?: string; credentials?: string}, extra: NodeJS.ProcessEnv = {}): Home {
	const dir = mkdtempSync(join(root, 'home-'));
	mkdirSync(join(dir, '.aws'));
	const config = join(dir, '.aws', 'config');
	const credentials = join(dir, '.aws', 'credentials');
	if (files.config !== undefined) writeFileSync(config, files.config);
	if (files.credentials !== undefined) writeFileSync(credentials, files.credentials);
	return {
		dir,
		env: {
			PATH: process.env['PATH'],
			HOME: dir,
			XDG_STATE_HOME: join(dir, 'state'),
			AWS_CONFIG_FILE: config,
			AWS_SHARED_CREDENTIALS_FILE: credentials,
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			...extra,
		},
	};
}

async function once(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000) {
	const cli = startCli(['--once', '--json', '--endpoint-url', sim.server.url, ...args], env);
	const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
	const {code, signal} = await cli.exit();
	clearTimeout(timer);
	return {code, signal, stdout: cli.stdout(), stderr: cli.stderr()};
}

function expectOneLine(stderr: string, pattern: RegExp): void {
	expect(stderr).toMatch(/^ecs-top: [^\n]+\n$/);
	expect(stderr).toMatch(pattern);
}

describe('the region, as the AWS CLI picks it', () => {
	const profileRegion = '[default]\nregion = ap-south-1\n';
	it.each([
		['AWS_DEFAULT_REGION alone', '[default]\n', [], {AWS_DEFAULT_REGION: 'eu-west-1'}, 'eu-west-1'],
		[
			'AWS_REGION over AWS_DEFAULT_REGION',
			profileRegion,
			[],
			{AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-west-1'},
			'us-west-2',
		],
		[
			'AWS_DEFAULT_REGION over the profile',
			profileRegion,
			[],
			{AWS_DEFAULT_REGION: 'eu-west-1'},
			'eu-west-1',
		],
		['the profile alone', profileRegion, [], {}, 'ap-south-1'],
		[
			'--region over everything',
			profileRegion,
			['--region', 'ca-central-1'],
			{AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-west-1'},
			'ca-central-1',
		],
	])('%s', async (_, config, args, env, region) => {
		const {env: environment} = home({config, credentials: keys}, env);
		const result = await once(args, environment);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as OnceDocument).region).toBe(region);
	});
});

describe('shared files that are not AWS config files: one line, exit 2, no hang', () => {
	function fifo(dir: string): string {
		const path = join(dir, 'pipe');
		execFileSync('mkfifo', [path]);
		return path;
	}

	it.each([
		[
			'AWS_CONFIG_FILE=/dev/zero',
			() => '/dev/zero',
			'config',
			/\/dev\/zero \(from AWS_CONFIG_FILE\) is a character device, not a file/,
		],
		[
			'AWS_CONFIG_FILE naming a FIFO',
			fifo,
			'config',
			/pipe \(from AWS_CONFIG_FILE\) is a named pipe \(FIFO\), not a file/,
		],
		[
			'a credentials file that is a FIFO',
			fifo,
			'credentials',
			/pipe \(from AWS_SHARED_CREDENTIALS_FILE\) is a named pipe/,
		],
		[
			'AWS_CONFIG_FILE naming a directory',
			(dir: string) => dir,
			'config',
			/is a directory, not a file/,
		],
		[
			'a config file over 1 MiB',
			(dir: string) => {
				const path = join(dir, 'huge');
				writeFileSync(path, `[default]\nregion = us-east-1\n${'# padding\n'.repeat(110_000)}`);
				return path;
			},
			'config',
			/huge \(from AWS_CONFIG_FILE\) is 1100029 bytes, over the 1 MiB an AWS config file can be/,
		],
	] as const)('%s', async (_, makePath, which, pattern) => {
		const {dir, env} = home({config: '[default]\nregion = us-east-1\n', credentials: keys});
		const variable = which === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE';
		const started = Date.now();
		const result = await once([], {...env, [variable]: makePath(dir)});
		expect(result.signal).toBeNull();
		expectOneLine(result.stderr, pattern);
		expect(result.code).toBe(2);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe('the live view checks the same before it starts', () => {
	it('AWS_CONFIG_FILE=/dev/zero: the same one line and exit 2, before anything is drawn', async () => {
		const {env} = home({credentials: keys});
		const cli = startCli(['--region', 'us-east-1'], {...env, AWS_CONFIG_FILE: '/dev/zero'});
		const timer = setTimeout(() => cli.child.kill('SIGKILL'), 20_000);
		const {code} = await cli.exit();
		clearTimeout(timer);
		expectOneLine(cli.stderr(), /\/dev\/zero \(from AWS_CONFIG_FILE\) is a character device/);
		expect(code).toBe(2);
		expect(cli.stdout()).toBe('');
	});
});

describe('credentials: what a failure says', () => {
	it("a failing credential_process: the helper's own message", async () => {
		const {dir, env} = home({});
		const helper = join(dir, 'corp-creds');
		writeFileSync(
			helper,
			'#!/bin/sh\necho "corp-creds: session expired, run corp-login" >&2\nexit 3\n',
		);
		chmodSync(helper, 0o755);
		writeFileSync(
			env['AWS_CONFIG_FILE']!,
			`[profile corp]\nregion = us-east-1\ncredential_process = ${helper} --account 1\n`,
		);
		const result = await once(['--profile', 'corp'], env);
		expectOneLine(
			result.stderr,
			/credential_process of profile corp failed: corp-creds: session expired, run corp-login$/m,
		);
		expect(result.code).toBe(1);
	});

	it('a credential_process that prints no JSON says so', async () => {
		const {dir, env} = home({});
		const helper = join(dir, 'noisy');
		writeFileSync(helper, '#!/bin/sh\necho "hello"\n');
		chmodSync(helper, 0o755);
		writeFileSync(
			env['AWS_CONFIG_FILE']!,
			`[default]\nregion = us-east-1\ncredential_process = ${helper}\n`,
		);
		const result = await once([], env);
		expectOneLine(result.stderr, /credential_process of profile default returned invalid JSON/);
		expect(result.code).toBe(1);
	});

	const roleProfiles = (extra = '') =>
		`[profile viewer]\nregion = us-east-1\nrole_arn = arn:aws:iam::210987654321:role/ecs-viewer\nsource_profile = base\n${extra}`;
	const baseKeys = '[base]\naws_access_key_id = AKIDBASEUSER\naws_secret_access_key = not-shown\n';

	it('a role profile assumes its role through STS, and acts as it', async () => {
		const {env} = home({config: roleProfiles(), credentials: baseKeys});
		const result = await once(['--profile', 'viewer'], env);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as OnceDocument).account).toBe('210987654321');
	});

	it('a refused AssumeRole names sts:AssumeRole and the role, not the ECS call', async () => {
		const {env} = home({config: roleProfiles(), credentials: baseKeys});
		sim.server.faults.set({denied: ['sts']});
		try {
			const result = await once(['--profile', 'viewer'], env);
			expectOneLine(
				result.stderr,
				/Access denied: sts:AssumeRole on arn:aws:iam::210987654321:role\/ecs-viewer \(role_arn of profile viewer\) is not allowed for arn:aws:iam::\d+:user\/AKIDBASEUSER/,
			);
			expect(result.stderr).not.toMatch(/ecs:/);
			expect(result.code).toBe(1);
		} finally {
			sim.server.faults.reset();
		}
	});

	it('an MFA profile with stdin not a terminal says what to do instead', async () => {
		const serial = 'arn:aws:iam::123456789012:mfa/alice';
		const {env} = home({config: roleProfiles(`mfa_serial = ${serial}\n`), credentials: baseKeys});
		const result = await once(['--profile', 'viewer'], env);
		expectOneLine(
			result.stderr,
			/profile viewer assumes arn:aws:iam::210987654321:role\/ecs-viewer with an MFA code \(arn:aws:iam::123456789012:mfa\/alice\), and stdin is not a terminal to type it: run ecs-top in a terminal, or put temporary credentials in AWS_ACCESS_KEY_ID/,
		);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
	});

	describe('AWS SSO: never logged in, or logged in long ago', () => {
		const ssoConfig =
			'[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = us-east-1\n\n' +
			'[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n';
		const legacyConfig =
			'[profile old]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = us-east-1\n';

		function cacheToken(dir: string, id: string, expiresAt: string): void {
			const cache = join(dir, '.aws', 'sso', 'cache');
			mkdirSync(cache, {recursive: true});
			const name = createHash('sha1').update(id).digest('hex');
			writeFileSync(
				join(cache, `${name}.json`),
				JSON.stringify({accessToken: 'token-not-shown', expiresAt, region: 'us-east-1'}),
			);
		}

		it.each([
			['an sso-session profile', ssoConfig, 'dev'],
			['a legacy sso_start_url profile', legacyConfig, 'old'],
		])('never logged in (%s): run aws sso login', async (_, config, profile) => {
			const {env} = home({config});
			const result = await once(['--profile', profile], env);
			expectOneLine(
				result.stderr,
				new RegExp(
					`Not logged in to AWS SSO for profile ${profile}: run aws sso login --profile ${profile}$`,
					'm',
				),
			);
			expect(result.code).toBe(1);
		});

		it.each([
			['an sso-session profile', ssoConfig, 'dev', 'corp'],
			['a legacy sso_start_url profile', legacyConfig, 'old', 'https://corp.awsapps.com/start'],
		])('expired (%s): says when, and to log in again', async (_, config, profile, id) => {
			const {dir, env} = home({config});
			cacheToken(dir, id, '2024-01-02T03:04:05Z');
			const result = await once(['--profile', profile], env);
			expectOneLine(
				result.stderr,
				new RegExp(
					`The AWS SSO login for profile ${profile} expired at 2024-01-02T03:04:05.000Z: run aws sso login --profile ${profile}$`,
					'm',
				),
			);
			expect(result.stderr).not.toMatch(/Not logged in/);
			expect(result.code).toBe(1);
		});
	});
});
