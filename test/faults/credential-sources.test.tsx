// Credential failures in the live view, over the real pollers and clients built as the app builds
// them (the profile's own credential provider, a temporary HOME): a refused AssumeRole names
// sts:AssumeRole and the role, and a clock AWS finds too far off says so, instead of both reading
// as the ECS call's or the access key's fault. And --once says the same about the clock.
import {createServer, type Server} from 'node:http';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {createAwsClients, type AwsClients} from '../../source/aws/clients.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import {startCli} from '../helpers/cli-process.js';
import {renderApp, type AppHarness} from '../ui/app-fixture.js';

const refreshMs = 1_000;
let home: string;
let clients: AwsClients | undefined;
let poller: FleetPoller | undefined;
let app: AppHarness | undefined;
let closeEndpoint: (() => Promise<void>) | undefined;

beforeEach(() => {
	home = mkdtempSync(join(tmpdir(), 'ecs-top-credential-sources-'));
	vi.stubEnv('HOME', home);
	vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
	vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
	vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
	for (const name of [
		'AWS_PROFILE',
		'AWS_ACCESS_KEY_ID',
		'AWS_SECRET_ACCESS_KEY',
		'AWS_SESSION_TOKEN',
	])
		vi.stubEnv(name, undefined);
});
afterEach(async () => {
	cleanup();
	poller?.stop();
	clients?.destroy();
	await closeEndpoint?.();
	vi.unstubAllEnvs();
	rmSync(home, {recursive: true, force: true});
});

/** The live view over a store polled through clients for `profile` at `endpointUrl`. */
async function liveView(endpointUrl: string, profile: string | undefined): Promise<FleetStore> {
	clients = createAwsClients({endpointUrl, region: 'us-east-1', profile, maxAttempts: 1});
	const store = createFleetStore({refreshMs});
	poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats: clients.stats,
		refreshMs,
	});
	poller.start();
	app = await renderApp({store, columns: 160, rows: 40});
	return store;
}

const header = (frame: string) => frame.split('\n')[0]!;

describe('in the live view', () => {
	it('a refused AssumeRole: DENIED sts:AssumeRole, and the message names the role', async () => {
		let sim: SimServer | undefined = await startSim({
			scenario: 'demo',
			seed: 1,
			faults: {denied: ['sts']},
		});
		closeEndpoint = async () => {
			await sim?.close();
			sim = undefined;
		};
		writeFileSync(
			join(home, 'config'),
			'[profile viewer]\nrole_arn = arn:aws:iam::210987654321:role/ecs-viewer\nsource_profile = base\n',
		);
		writeFileSync(
			join(home, 'credentials'),
			'[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = not-shown\n',
		);
		const store = await liveView(sim.url, 'viewer');
		const frame = await app!.waitFor((text) => header(text).includes('DENIED'), 6 * refreshMs);
		expect(header(frame)).toContain('DENIED sts:AssumeRole');
		expect(header(frame)).not.toContain('ecs:');
		expect(store.getState().problems.clusters).toMatchObject({
			kind: 'access-denied',
			action: 'sts:AssumeRole',
		});
		expect(store.getState().problems.clusters?.message).toMatch(
			/^Access denied: sts:AssumeRole on arn:aws:iam::210987654321:role\/ecs-viewer \(role_arn of profile viewer\) is not allowed for arn:aws:iam::\d+:user\/AKIDBASE/,
		);
	});

	it('a clock AWS finds 20 min off: CLOCK OFF, not NO CREDENTIALS', async () => {
		const endpoint = await skewedEndpoint();
		closeEndpoint = endpoint.close;
		vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCLOCK');
		vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-shown');
		const store = await liveView(endpoint.url, undefined);
		const frame = await app!.waitFor((text) => header(text).includes('CLOCK OFF'), 6 * refreshMs);
		expect(header(frame)).not.toContain('NO CREDENTIALS');
		expect(store.getState().problems.clusters?.kind).toBe('clock-skew');
		expect(store.getState().problems.clusters?.message).toMatch(
			/^This machine's clock is off by about 20 min \(ahead; AWS says it is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/,
		);
	});
});

describe('--once', () => {
	it('a clock AWS finds 20 min off: says so, exit 1', async () => {
		const endpoint = await skewedEndpoint();
		closeEndpoint = endpoint.close;
		const cli = startCli(['--once', '--endpoint-url', endpoint.url, '--region', 'us-east-1'], {
			PATH: process.env['PATH'],
			HOME: home,
			AWS_CONFIG_FILE: join(home, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
			AWS_ACCESS_KEY_ID: 'AKIDCLOCK',
			AWS_SECRET_ACCESS_KEY: 'not-shown',
			AWS_EC2_METADATA_DISABLED: 'true',
		});
		const {code} = await cli.exit();
		expect(cli.stderr()).toMatch(
			/^ecs-top: This machine's clock is off by about 20 min \(ahead; [^\n]+\): set the clock right \(turn on NTP\)\n$/,
		);
		expect(code).toBe(1);
	});
});

/**
 * An endpoint answering every request as AWS answers one signed 20 minutes in the future (this
 * machine's clock ahead): ECS's InvalidSignatureException, STS's SignatureDoesNotMatch. Its Date
 * header is the machine's own, so the SDK sees no skew to correct and the refusal persists, as
 * it does behind a proxy that rewrites Date.
 */
async function skewedEndpoint(): Promise<{url: string; close(): Promise<void>}> {
	const server: Server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const signed = compact(new Date());
			const aws = new Date(Date.now() - 20 * 60_000);
			const message = `Signature not yet current: ${signed} is still later than ${compact(new Date(aws.getTime() + 5 * 60_000))} (${compact(aws)} + 5 min.)`;
			if (request.headers['x-amz-target'] !== undefined) {
				response.writeHead(403, {'content-type': 'application/x-amz-json-1.1'});
				response.end(JSON.stringify({__type: 'InvalidSignatureException', message}));
				return;
			}
			response.writeHead(403, {'content-type': 'text/xml'});
			response.end(
				`<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** SigV4's time format: 20260101T002000Z. */
function compact(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}
