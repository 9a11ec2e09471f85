// ecs-top reads the shared config files through the SDK's own loader, and picks the region as
// the AWS CLI v2 does. Where the SDK's own region chain has an answer, it is the same one; where
// it has none (AWS_DEFAULT_REGION, which it does not read), ecs-top's goes to the clients.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ECSClient} from '@aws-sdk/client-ecs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createAwsClients} from '../../source/aws/clients.js';
import {regionBeforeConnecting} from '../../source/modes/connection-target.js';
import {inspectAwsConfig, parseAppOptions, type AppOptions} from '../../source/options.js';

let home: string;
let config: string;

beforeEach(() => {
	home = mkdtempSync(join(tmpdir(), 'ecs-top-aws-config-'));
	config = join(home, 'config');
	vi.stubEnv('HOME', home);
	vi.stubEnv('AWS_CONFIG_FILE', config);
	vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
	// The SDK's last resort is the instance metadata service: not here.
	vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
	for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION'])
		vi.stubEnv(name, undefined);
});
afterEach(() => {
	vi.unstubAllEnvs();
	rmSync(home, {recursive: true, force: true});
});

function options(flags: Parameters<typeof parseAppOptions>[0] = {}): AppOptions {
	const parsed = parseAppOptions({once: true, ...flags});
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.value;
}

async function ourRegion(flags: Parameters<typeof parseAppOptions>[0] = {}): Promise<string> {
	const setup = await inspectAwsConfig(options(flags));
	if (!setup.ok) throw new Error(setup.error);
	return setup.value.region;
}

async function sdkRegion(profile?: string): Promise<string | Error> {
	const client = new ECSClient(profile === undefined ? {} : {profile});
	try {
		return await client.config.region();
	} catch (error) {
		return error as Error;
	} finally {
		client.destroy();
	}
}

describe('the region: ecs-top and the SDK agree', () => {
	it('AWS_REGION', async () => {
		writeFileSync(config, '[default]\nregion = ap-south-1\n');
		vi.stubEnv('AWS_REGION', 'eu-central-1');
		expect(await ourRegion()).toBe('eu-central-1');
		expect(await sdkRegion()).toBe('eu-central-1');
	});

	it("the default profile's region, and a named profile's", async () => {
		writeFileSync(
			config,
			'[default]\nregion = ap-south-1\n\n[profile prod]  # production\nregion = eu-west-1   ; Ireland\n',
		);
		expect(await ourRegion()).toBe('ap-south-1');
		expect(await sdkRegion()).toBe('ap-south-1');
		// Comments after a value or a header are the SDK's to strip: the same value both ways.
		expect(await ourRegion({profile: 'prod'})).toBe('eu-west-1');
		expect(await sdkRegion('prod')).toBe('eu-west-1');
		vi.stubEnv('AWS_PROFILE', 'prod');
		expect(await ourRegion()).toBe('eu-west-1');
		expect(await sdkRegion()).toBe('eu-west-1');
	});

	it('AWS_DEFAULT_REGION: the SDK alone has none, so ecs-top hands the clients its own', async () => {
		writeFileSync(config, '[default]\noutput = json\n');
		vi.stubEnv('AWS_DEFAULT_REGION', 'eu-north-1');
		expect(await ourRegion()).toBe('eu-north-1');
		expect(await sdkRegion()).toBeInstanceOf(Error);
		const clients = createAwsClients({region: await ourRegion()});
		expect(await clients.region()).toBe('eu-north-1');
		clients.destroy();
		// The live view's header shows it before the configuration is read.
		expect(regionBeforeConnecting(options(), process.env)).toBe('eu-north-1');
	});

	it('a profile name the SDK cannot read is not there for ecs-top either', async () => {
		writeFileSync(config, '[profile my prod]\nregion = eu-west-1\n');
		const setup = await inspectAwsConfig(options({profile: 'my prod', region: 'us-east-1'}));
		expect(setup).toMatchObject({
			ok: false,
			error: expect.stringMatching(/AWS profile my prod \(from --profile\) is not in/),
		});
	});
});
