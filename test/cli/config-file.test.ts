// ecs-top's own config file: what it may say, the order in which it counts against flags and the
// environment, how a bad one is refused (one line: file, line, key; exit 2), and that its
// settings reach a run (--once against the simulator) and a `:profile` switch.
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseConfigText, readConfigFile, type ConfigFile} from '../../source/config/config-file.js';
import {configFilePath} from '../../source/config/config-path.js';
import {resolveSettings} from '../../source/config/settings.js';
import type {OnceDocument} from '../../source/modes/once-document.js';
import {parseAppOptions, switchedOptions, type AppOptions} from '../../source/options.js';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

const home = mkdtempSync(join(tmpdir(), 'ecs-top-conf-'));
afterAll(() => rmSync(home, {recursive: true, force: true}));

const path = '/home/me/.config/ecs-top/config';

async function parsed(text: string): Promise<ConfigFile> {
	const result = await parseConfigText(text, path);
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

async function refused(text: string): Promise<string> {
	const result = await parseConfigText(text, path);
	if (result.ok) throw new Error('accepted');
	return result.error;
}

const sample = `# ecs-top
profile = "dev"
region = "eu-west-1"
clusters = ["web", "batch"]
refresh = 10
maxFps = 20
color = false

[profiles.prod]
readOnly = true
region = "us-east-1"
`;

describe('where the file is', () => {
	it('XDG_CONFIG_HOME, else ~/.config (a relative XDG_CONFIG_HOME is ignored)', () => {
		expect(configFilePath({XDG_CONFIG_HOME: '/x/conf', HOME: '/home/me'})).toBe(
			'/x/conf/ecs-top/config',
		);
		expect(configFilePath({HOME: '/home/me'})).toBe(path);
		expect(configFilePath({XDG_CONFIG_HOME: 'conf', HOME: '/home/me'})).toBe(path);
	});
});

describe('reading the file', () => {
	it('every setting with the line that set it, and per-profile sections', async () => {
		const file = await parsed(sample);
		expect(file.profile).toEqual({value: 'dev', line: 2});
		expect(file.defaults).toEqual({
			region: {value: 'eu-west-1', line: 3},
			clusters: {value: ['web', 'batch'], line: 4},
			refresh: {value: 10, line: 5},
			maxFps: {value: 20, line: 6},
			color: {value: false, line: 7},
		});
		expect(file.profiles.get('prod')).toEqual({
			readOnly: {value: true, line: 10},
			region: {value: 'us-east-1', line: 11},
		});
	});

	it('dotted keys and inline tables have their own lines too', async () => {
		const file = await parsed(
			'refresh = 5\n\nprofiles.prod.readOnly = true\nprofiles.ci = {maxFps = 10}\n',
		);
		expect(file.profiles.get('prod')).toEqual({readOnly: {value: true, line: 3}});
		expect(file.profiles.get('ci')).toEqual({maxFps: {value: 10, line: 4}});
	});

	it('an empty file is all defaults', async () => {
		const file = await parsed('# nothing yet\n');
		expect(file).toMatchObject({profile: undefined, defaults: {}});
		expect(file.profiles.size).toBe(0);
	});

	it.each([
		['colour = true', `${path}:1: colour: unknown key (known: profile, region`],
		[
			'\n[profiles.prod]\nread-only = true',
			`${path}:3: profiles.prod.read-only: unknown key (did you mean readOnly?)`,
		],
		['max_fps = 10', `${path}:1: max_fps: unknown key (did you mean maxFps?)`],
		[
			'[profiles.prod]\nprofile = "x"',
			`${path}:2: profiles.prod.profile: goes at the top of the file`,
		],
		['[cluster]\nname = "web"', `${path}:1: cluster: unknown key`],
		['refresh = "5"', `${path}:1: refresh: must be a number of seconds, not "5"`],
		['refresh = 0.5', `${path}:1: refresh: must be a number of seconds from 1 to 3600, not 0.5`],
		['maxFps = 2.5', `${path}:1: maxFps: must be a whole number from 1 to 60, not 2.5`],
		['maxFps = 99999999999999999999', `${path}:1: maxFps: must be a whole number from 1 to 60`],
		['readOnly = "yes"', `${path}:1: readOnly: must be true or false, not "yes"`],
		['color = 1', `${path}:1: color: must be true or false, not 1`],
		[
			'region = "Europe"',
			`${path}:1: region: must be an AWS region name (like us-east-1), not "Europe"`,
		],
		['clusters = "web"', `${path}:1: clusters: must be a list of cluster names or ARNs`],
		['clusters = ["web", ""]', `${path}:1: clusters: must be a list of cluster names or ARNs`],
		['profile = ""', `${path}:1: profile: must be an AWS profile name, not ""`],
		['profiles = "prod"', `${path}:1: profiles: must be tables like [profiles.prod], not "prod"`],
		['\n\nprofiles.prod = 1', `${path}:3: profiles.prod: must be a table`],
		[
			'refresh = 5\nrefresh = 6',
			`${path}:2: not valid TOML: Defining a key multiple times is invalid`,
		],
		['region = \n\n', `${path}:1: not valid TOML: Unspecified values are invalid in "region ="`],
		['region = "eu-west-1\n', `${path}:1: not valid TOML`],
	])('refuses %j', async (text, message) => {
		const error = await refused(text);
		expect(error).toContain(message);
		expect(error).not.toContain('\n');
	});
});

describe('files that are not config files', () => {
	const dir = mkdtempSync(join(home, 'files-'));

	it('no file: no settings, no error', async () => {
		expect(await readConfigFile(join(dir, 'none'))).toEqual({ok: true, value: undefined});
	});

	it('a named pipe is refused at once (reading it would wait for a writer forever)', async () => {
		const fifo = join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		expect(await readConfigFile(fifo)).toEqual({
			ok: false,
			error: `${fifo}: a named pipe, not a file`,
		});
	});

	it('a directory, a device, a huge file, bytes that are not UTF-8', async () => {
		expect(await readConfigFile(dir)).toEqual({
			ok: false,
			error: `${dir}: a directory, not a file`,
		});
		const device = join(dir, 'zero');
		symlinkSync('/dev/zero', device);
		expect(await readConfigFile(device)).toEqual({
			ok: false,
			error: `${device}: a device, not a file`,
		});
		const huge = join(dir, 'huge');
		writeFileSync(huge, `# ${'x'.repeat(300_000)}\n`);
		const hugeResult = await readConfigFile(huge);
		expect(hugeResult.ok ? '' : hugeResult.error).toMatch(
			/huge: 300003 bytes is too large for a config file/,
		);
		const binary = join(dir, 'binary');
		writeFileSync(binary, Buffer.from([0x72, 0x3d, 0xff, 0xfe, 0x0a]));
		expect(await readConfigFile(binary)).toEqual({ok: false, error: `${binary}: not UTF-8 text`});
	});
});

describe('which setting wins: flag, environment, file, default', () => {
	let file: ConfigFile;
	beforeAll(async () => {
		file = await parsed(sample);
	});
	const resolve = (
		flags: Parameters<typeof resolveSettings>[0],
		env: NodeJS.ProcessEnv = {},
		demo = false,
	) => {
		const result = resolveSettings(flags, env, file, {demo});
		if (!result.ok) throw new Error(result.error);
		return result.value;
	};

	it('the file over the defaults, with the line each came from', () => {
		const settings = resolve({});
		expect(settings.profile).toEqual({value: 'dev', source: {kind: 'file', path, line: 2}});
		expect(settings.refresh).toEqual({value: 10, source: {kind: 'file', path, line: 5}});
		expect(settings.readOnly).toEqual({value: false, source: {kind: 'default'}});
	});

	it('the environment over the file, a flag over both', () => {
		const env = {AWS_PROFILE: 'ops', AWS_REGION: 'ap-south-1', NO_COLOR: '1'};
		const fromEnv = resolve({}, env);
		expect(fromEnv.profile).toEqual({value: 'ops', source: {kind: 'env', variable: 'AWS_PROFILE'}});
		expect(fromEnv.region.source).toEqual({kind: 'env', variable: 'AWS_REGION'});
		expect(fromEnv.color).toEqual({value: false, source: {kind: 'env', variable: 'NO_COLOR'}});
		const fromFlags = resolve({profile: 'x', region: 'sa-east-1', color: true, refresh: 2}, env);
		expect(fromFlags.profile.source).toEqual({kind: 'flag', flag: '--profile'});
		expect(fromFlags.region).toEqual({
			value: 'sa-east-1',
			source: {kind: 'flag', flag: '--region'},
		});
		expect(fromFlags.color).toEqual({value: true, source: {kind: 'flag', flag: '--color'}});
		expect(fromFlags.refresh.value).toBe(2);
		expect(resolve({}, {AWS_DEFAULT_REGION: 'eu-north-1'}).region.value).toBe('eu-north-1');
	});

	it("the profile's section over the top of the file", () => {
		const prod = resolve({profile: 'prod'});
		expect(prod.region).toEqual({value: 'us-east-1', source: {kind: 'file', path, line: 11}});
		expect(prod.readOnly).toEqual({value: true, source: {kind: 'file', path, line: 10}});
		// What the section does not say comes from the top of the file.
		expect(prod.refresh.value).toBe(10);
		expect(resolve({}, {AWS_PROFILE: 'prod'}).readOnly.value).toBe(true);
	});

	it('a read-only profile cannot be made writable by a flag', () => {
		expect(resolveSettings({profile: 'prod', readOnly: false}, {}, file, {demo: false})).toEqual({
			ok: false,
			error: `--no-read-only: ${path}:10 sets readOnly = true for profile prod, and a flag cannot undo it (edit the file to allow changes)`,
		});
		expect(resolve({profile: 'prod', readOnly: true}).readOnly.source).toEqual({
			kind: 'flag',
			flag: '--read-only',
		});
	});

	it("--demo takes none of the file's AWS settings, only how to show things", () => {
		const demo = resolve({}, {}, true);
		expect(demo.profile.value).toBeUndefined();
		expect(demo.region.value).toBeUndefined();
		expect(demo.clusters.value).toEqual([]);
		expect(demo.refresh.value).toBe(10);
		expect(demo.color.value).toBe(false);
	});
});

describe('the command line with a config file', () => {
	let sim: TestSim;
	let caseNumber = 0;

	beforeAll(async () => {
		sim = await startTestSim({scenario: 'demo', seed: 5, start: Date.now()});
	});
	afterAll(async () => {
		await sim.close();
	});

	/** A temporary HOME with this config file, AWS keys for the simulator, nothing else. */
	function envWith(config: string | undefined, extra: NodeJS.ProcessEnv = {}) {
		const dir = join(home, `case-${++caseNumber}`);
		mkdirSync(join(dir, 'conf', 'ecs-top'), {recursive: true});
		if (config !== undefined) writeFileSync(join(dir, 'conf', 'ecs-top', 'config'), config);
		return {
			PATH: process.env['PATH'],
			HOME: dir,
			XDG_CONFIG_HOME: join(dir, 'conf'),
			XDG_STATE_HOME: join(dir, 'state'),
			AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
			AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
			AWS_EC2_METADATA_DISABLED: 'true',
			...extra,
		};
	}

	async function run(args: string[], env: NodeJS.ProcessEnv) {
		const cli = startCli(args, env);
		const {code} = await cli.exit();
		return {code, stdout: cli.stdout(), stderr: cli.stderr()};
	}

	it('--print-config shows each setting and where it came from', async () => {
		const env = envWith(sample, {AWS_REGION: 'ap-south-1'});
		const file = join(String(env.XDG_CONFIG_HOME), 'ecs-top', 'config');
		const result = await run(['--print-config', '--refresh', '3', '--profile', 'prod'], env);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n').map((line) => line.split(/\s{2,}/));
		expect(lines).toEqual([
			['config file', file],
			['profile', 'prod', 'flag --profile'],
			['region', 'ap-south-1', 'env AWS_REGION'],
			['clusters', 'web, batch', `file ${file}:4`],
			['refresh', '3', 'flag --refresh'],
			['maxFps', '20', `file ${file}:6`],
			['color', 'false', `file ${file}:7`],
			['readOnly', 'true', `file ${file}:10`],
			[''],
		]);
	});

	it('--print-config without a file says so, and shows the defaults', async () => {
		const result = await run(['--print-config'], envWith(undefined));
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/^config file\s+\S+\/conf\/ecs-top\/config\s+\(none: defaults apply\)\n/,
		);
		expect(result.stdout).toMatch(/\nrefresh\s+5\s+default\n/);
		expect(result.stdout).toMatch(/\ncolor\s+true\s+default\n/);
	});

	it('a bad file: one line naming the file, the line and the key; exit 2', async () => {
		const env = envWith('region = "eu-west-1"\n\n[profiles.prod]\nreadonly = true\n');
		for (const args of [['--once'], ['--print-config'], ['--demo', '--once']]) {
			const result = await run(args, env);
			expect(result.stderr).toMatch(
				/^ecs-top: \S+\/conf\/ecs-top\/config:4: profiles\.prod\.readonly: unknown key \(did you mean readOnly\?\)\n$/,
			);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
		}
	});

	it('a config file that is a named pipe does not hang the start', async () => {
		const env = envWith(undefined);
		execFileSync('mkfifo', [join(String(env.XDG_CONFIG_HOME), 'ecs-top', 'config')]);
		const result = await run(['--once'], env);
		expect(result.stderr).toMatch(/config: a named pipe, not a file\n$/);
		expect(result.code).toBe(2);
	});

	it("the file's region and clusters reach a run: --once shows only those clusters, in that region", async () => {
		const env = envWith('region = "eu-west-3"\nclusters = ["web"]\n');
		const result = await run(['--once', '--json', '--endpoint-url', sim.server.url], env);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as OnceDocument;
		expect(document.region).toBe('eu-west-3');
		expect(document.clusters.map((cluster) => cluster.name)).toEqual(['web']);
		// A flag still wins over the file.
		const flagged = await run(
			['--once', '--json', '--endpoint-url', sim.server.url, '--cluster', 'batch'],
			env,
		);
		expect((JSON.parse(flagged.stdout) as OnceDocument).clusters.map((c) => c.name)).toEqual([
			'batch',
		]);
	});

	it("a profile the file names, but ~/.aws does not know, is refused naming the file's line", async () => {
		const env = envWith('profile = "ghost"\n');
		const result = await run(['--once', '--region', 'us-east-1'], env);
		expect(result.stderr).toMatch(
			/AWS profile ghost \(from \S+\/conf\/ecs-top\/config:1\) is not in/,
		);
		expect(result.code).toBe(2);
	});
});

describe(":profile applies the other profile's part of the file", () => {
	it('switching into a read-only profile makes the session read-only, and back', async () => {
		const dir = mkdtempSync(join(home, 'switch-'));
		mkdirSync(join(dir, '.aws'));
		writeFileSync(
			join(dir, '.aws', 'config'),
			'[profile prod]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n',
		);
		const env = {HOME: dir, AWS_CONFIG_FILE: join(dir, '.aws', 'config')};
		const file = await parsed('profile = "dev"\n[profiles.prod]\nreadOnly = true\nrefresh = 30\n');
		const start = parseAppOptions({}, env, file);
		if (!start.ok) throw new Error(start.error);
		const initial: AppOptions = start.value;
		expect(initial).toMatchObject({profile: 'dev', readOnly: false, refreshMs: 5000});
		const toProd = await switchedOptions(initial, initial, {profile: 'prod'}, env);
		expect(toProd).toMatchObject({
			ok: true,
			value: {profile: 'prod', readOnly: true, refreshMs: 30_000},
		});
		if (!toProd.ok) return;
		const back = await switchedOptions(toProd.value, initial, {profile: undefined}, env);
		expect(back).toMatchObject({ok: true, value: {profile: 'dev', readOnly: false}});
		// Started with --no-read-only, the switch into prod is refused, with the reason.
		const writable = parseAppOptions({readOnly: false}, env, file);
		if (!writable.ok) throw new Error(writable.error);
		const refusedSwitch = await switchedOptions(
			writable.value,
			writable.value,
			{profile: 'prod'},
			env,
		);
		expect(refusedSwitch).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^--no-read-only: .*:3 sets readOnly = true for profile prod/),
		});
	});
});
