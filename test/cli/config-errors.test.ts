// Bad flags and bad AWS configuration, through the built CLI as a user runs it: one line on
// stderr naming what is wrong, exit code 2, never a stack trace. Exit code 1 stays for what only
// AWS can judge (here: no credentials at all).
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {startCli} from '../helpers/cli-process.js';

const home = mkdtempSync(join(tmpdir(), 'ecs-top-config-'));
afterAll(() => rmSync(home, {recursive: true, force: true}));

/** A clean environment: a temp HOME whose ~/.aws holds exactly what the test wrote. */
function envWith(files: {config?: string; credentials?: string}, extra: NodeJS.ProcessEnv = {}) {
	const dir = mkdtempSync(join(home, 'case-'));
	mkdirSync(join(dir, '.aws'));
	if (files.config !== undefined) writeFileSync(join(dir, '.aws', 'config'), files.config);
	if (files.credentials !== undefined)
		writeFileSync(join(dir, '.aws', 'credentials'), files.credentials);
	return {PATH: process.env['PATH'], HOME: dir, XDG_STATE_HOME: join(dir, 'state'), ...extra};
}

async function run(args: string[], env: NodeJS.ProcessEnv) {
	const cli = startCli(args, env);
	const {code} = await cli.exit();
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

function expectOneLine(stderr: string, pattern: RegExp): void {
	expect(stderr).toMatch(/^ecs-top: [^\n]+\n$/);
	expect(stderr).toMatch(pattern);
	expect(stderr).not.toMatch(/\n\s+at /);
}

const goodConfig = '[default]\nregion = us-east-1\n\n[profile prod]\nregion = eu-west-1\n';

describe('exit code 2: bad flags and configuration', () => {
	it.each([
		[['--bogus'], /unknown flag --bogus \(see ecs-top --help\)/],
		[['--once', '--frobnicate', '--x'], /unknown flags --frobnicate --x/],
		[['sim', '--nope'], /unknown flag --nope \(see ecs-top sim --help\)/],
		[['--refresh', 'soon'], /--refresh soon: not a number of seconds/],
		[['--json'], /--json goes with --once/],
		[['--once', '--region', 'mars'], /--region "mars" is not an AWS region name/],
		[['frobnicate'], /unknown command: frobnicate \(see ecs-top --help\)/],
	])('%j', async (args, pattern) => {
		const result = await run(args, envWith({config: goodConfig}));
		expectOneLine(result.stderr, pattern);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
	});

	it('an unknown --profile names the files it looked in', async () => {
		const env = envWith({config: goodConfig});
		const result = await run(['--once', '--profile', 'staging'], env);
		expectOneLine(
			result.stderr,
			/AWS profile staging \(from --profile\) is not in \S+\/\.aws\/config or \S+\/\.aws\/credentials/,
		);
		expect(result.code).toBe(2);
	});

	it('an unknown AWS_PROFILE, even with keys in the environment (the SDK ignores them then)', async () => {
		const env = envWith(
			{config: goodConfig},
			{AWS_PROFILE: 'gone', AWS_ACCESS_KEY_ID: 'AKIDX', AWS_SECRET_ACCESS_KEY: 'not-shown'},
		);
		const result = await run(['--once'], env);
		expectOneLine(result.stderr, /AWS profile gone \(from AWS_PROFILE\)/);
		expect(result.code).toBe(2);
	});

	it('no region anywhere, and a malformed one from the environment or the profile', async () => {
		const none = await run(['--once'], envWith({config: '[default]\noutput = json\n'}));
		expectOneLine(
			none.stderr,
			/no AWS region: use --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region/,
		);
		expect(none.code).toBe(2);
		const fromEnv = await run(['--once'], envWith({config: goodConfig}, {AWS_REGION: 'moon'}));
		expectOneLine(fromEnv.stderr, /AWS_REGION "moon" is not an AWS region name/);
		expect(fromEnv.code).toBe(2);
		const fromProfile = await run(
			['--once', '--profile', 'odd'],
			envWith({config: '[profile odd]\nregion = Europe\n'}),
		);
		expectOneLine(fromProfile.stderr, /region of profile odd in \S+ "Europe" is not an AWS region/);
		expect(fromProfile.code).toBe(2);
	});

	it.each([
		[
			'an unclosed section',
			'[default]\nregion = us-east-1\n[profile prod\nregion = x\n',
			/line 3: cannot read section header "\[profile prod"/,
		],
		[
			'a stray line',
			'[default]\nregion = us-east-1\njust some words\n',
			/line 3: expected key = value/,
		],
		[
			'a setting before any section',
			'region = us-east-1\n[default]\n',
			/line 1: setting region comes before any \[section\]/,
		],
	])('a malformed ~/.aws/config: %s', async (_, config, pattern) => {
		const result = await run(['--once', '--region', 'us-east-1'], envWith({config}));
		expectOneLine(result.stderr, pattern);
		expect(result.code).toBe(2);
	});

	it('a malformed file named by AWS_CONFIG_FILE, and a malformed credentials file', async () => {
		const env = envWith({credentials: '[default]\naws_access_key_id\n'});
		const path = join(String(env.HOME), 'elsewhere.ini');
		writeFileSync(path, '[default\nregion = us-east-1\n');
		const named = await run(['--once'], {...env, AWS_CONFIG_FILE: path});
		expectOneLine(named.stderr, /elsewhere\.ini line 1: cannot read section header/);
		expect(named.code).toBe(2);
		const credentials = await run(['--once', '--region', 'us-east-1'], env);
		expectOneLine(credentials.stderr, /\.aws\/credentials line 2: expected key = value/);
		expect(credentials.code).toBe(2);
	});
});

describe('exit code 1: what only AWS can judge', () => {
	it('no credentials at all: one line, exit 1', async () => {
		// An endpoint nothing listens on: the credential chain fails before any call is sent.
		const result = await run(
			['--once', '--endpoint-url', 'http://127.0.0.1:9'],
			envWith({config: goodConfig}),
		);
		expectOneLine(result.stderr, /No AWS credentials found/);
		expect(result.code).toBe(1);
	});
});
