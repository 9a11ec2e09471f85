// `:profile NAME` and `:region NAME` in the live view: the switch is checked as the command line
// is, and the new session must answer before it replaces the one on screen. A switch that cannot
// work leaves the working session alone and says why; `:profile` alone goes back to the start's.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {openSwitchedSession, type SwitchOutcome} from '../../source/modes/tui.js';
import {parseAppOptions, switchedOptions, type AppOptions} from '../../source/options.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
let home: string;
let initial: AppOptions;
const opened: SwitchOutcome[] = [];

function options(flags: Parameters<typeof parseAppOptions>[0]): AppOptions {
	// The environment the switches see too (stubbed below), so that options compare equal.
	const parsed = parseAppOptions(flags, process.env);
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.value;
}

async function switchTo(
	target: Parameters<typeof openSwitchedSession>[2],
	current: AppOptions = initial,
): Promise<SwitchOutcome> {
	const outcome = await openSwitchedSession(current, initial, target, {}, process.env, 10_000);
	opened.push(outcome);
	return outcome;
}

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 3, start: Date.now()});
	home = mkdtempSync(join(tmpdir(), 'ecs-top-switch-'));
	mkdirSync(join(home, '.aws'));
	writeFileSync(
		join(home, '.aws', 'config'),
		'[profile staging]\nregion = eu-west-1\n\n[profile nokeys]\nregion = us-east-1\n\n' +
			'[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = staging\nmfa_serial = arn:aws:iam::123456789012:mfa/bob\n',
	);
	writeFileSync(
		join(home, '.aws', 'credentials'),
		`[staging]\naws_access_key_id = ${testCredentials.accessKeyId}\naws_secret_access_key = ${testCredentials.secretAccessKey}\n`,
	);
	// The session ecs-top was started with: keys in the environment, as in QA's report.
	vi.stubEnv('HOME', home);
	vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
	vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
	vi.stubEnv('AWS_ACCESS_KEY_ID', testCredentials.accessKeyId);
	vi.stubEnv('AWS_SECRET_ACCESS_KEY', testCredentials.secretAccessKey);
	vi.stubEnv('AWS_REGION', 'us-east-1');
	// Keep the credential chain off the network: no instance or container role lookups.
	vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
	for (const name of [
		'AWS_SESSION_TOKEN',
		'AWS_PROFILE',
		'AWS_DEFAULT_REGION',
		'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
		'AWS_CONTAINER_CREDENTIALS_FULL_URI',
		'AWS_WEB_IDENTITY_TOKEN_FILE',
	])
		vi.stubEnv(name, undefined);
	initial = options({endpointUrl: sim.server.url});
});

afterEach(async () => {
	for (const outcome of opened.splice(0))
		if (outcome.ok) await (await outcome.session.wiring).close();
});

afterAll(async () => {
	vi.unstubAllEnvs();
	await sim.close();
	rmSync(home, {recursive: true, force: true});
});

describe(':profile and :region in the live view', () => {
	it('refuses a profile that is in neither file, with the command line message', async () => {
		const outcome = await switchTo({profile: 'nosuch'});
		expect(outcome).toEqual({
			ok: false,
			message: `AWS profile nosuch (from :profile) is not in ${join(home, '.aws', 'config')} or ${join(home, '.aws', 'credentials')}`,
		});
	});

	it('refuses a profile whose role needs an MFA code: nobody can type one in the live view', async () => {
		expect(await switchTo({profile: 'mfa'})).toEqual({
			ok: false,
			message:
				'not switched to profile mfa: profile mfa assumes arn:aws:iam::123456789012:role/ops with an MFA code (arn:aws:iam::123456789012:mfa/bob), which ecs-top asks for only at start: start ecs-top with --profile mfa',
		});
	});

	it('refuses a malformed region and an unreadable config before connecting', async () => {
		expect(await switchTo({region: 'mars'})).toEqual({
			ok: false,
			message: ':region "mars" is not an AWS region name (like us-east-1)',
		});
		const broken = join(home, 'broken-config');
		writeFileSync(broken, '[profile staging\nregion = eu-west-1\n');
		vi.stubEnv('AWS_CONFIG_FILE', broken);
		try {
			expect(await switchTo({profile: 'staging'})).toEqual({
				ok: false,
				message: `${broken} line 1: cannot read section header "[profile staging"`,
			});
		} finally {
			vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
		}
	});

	it('says what the demo can do instead of switching', async () => {
		const demo = options({demo: true});
		const outcome = await openSwitchedSession(demo, demo, {profile: 'prod'}, {}, process.env);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.message).toBe(
			'--demo has one simulated account in us-east-1: :profile and :region switch real AWS profiles and regions (start ecs-top without --demo)',
		);
	});

	it('does not switch to a profile whose credentials AWS never sees, and says why', async () => {
		const outcome = await switchTo({profile: 'nokeys'});
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.message).toMatch(
			/^not switched to profile nokeys: No AWS credentials found for profile nokeys/,
		);
	});

	it('switches to a working profile, and `:profile` alone goes back to the start', async () => {
		const there = await switchTo({profile: 'staging', region: 'us-east-1'});
		expect(there.ok).toBe(true);
		if (!there.ok) return;
		expect(there.options).toMatchObject({profile: 'staging', region: 'us-east-1'});
		expect(there.session.store.getState().clusters.map((cluster) => cluster.name)).toContain(
			'batch',
		);
		expect(there.session.store.getState().connection.profile).toBe('staging');

		const back = await switchTo({profile: undefined, region: undefined}, there.options);
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.options).toEqual(initial);
		expect(back.session.store.getState().connection.profile).toBeUndefined();
	});

	it('goes back to the --profile ecs-top was started with', async () => {
		const started = options({profile: 'staging', region: 'us-east-1'});
		const elsewhere = await switchedOptions(
			started,
			started,
			{profile: 'nokeys', region: 'eu-west-1'},
			process.env,
		);
		expect(elsewhere).toMatchObject({ok: true, value: {profile: 'nokeys', region: 'eu-west-1'}});
		if (!elsewhere.ok) return;
		const back = await switchedOptions(elsewhere.value, started, {profile: undefined}, process.env);
		expect(back).toMatchObject({ok: true, value: {profile: 'staging', region: 'eu-west-1'}});
	});
});
