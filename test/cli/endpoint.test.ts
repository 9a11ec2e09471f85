// The endpoint the header shows is the one the SDK sends the calls to, however it was set: an
// AWS profile's endpoint_url (known only once the SDK has read ~/.aws/config), an environment
// variable, or --endpoint-url. Checked against the simulator: the calls must arrive there.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {wireSession, type Wiring} from '../../source/modes/session.js';
import {parseAppOptions} from '../../source/options.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
let home: string;
const wired: Wiring[] = [];
const perTestEnv = ['AWS_PROFILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECS'];

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 2, start: Date.now()});
	home = mkdtempSync(join(tmpdir(), 'ecs-top-endpoint-'));
	mkdirSync(join(home, '.aws'));
	writeFileSync(
		join(home, '.aws', 'config'),
		`[profile local]\nregion = us-east-1\nendpoint_url = ${sim.server.url}\n`,
	);
	// With AWS_PROFILE set, the SDK takes the profile's keys, not the environment's.
	writeFileSync(
		join(home, '.aws', 'credentials'),
		`[local]\naws_access_key_id = ${testCredentials.accessKeyId}\naws_secret_access_key = ${testCredentials.secretAccessKey}\n`,
	);
	vi.stubEnv('HOME', home);
	vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
	vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
	vi.stubEnv('AWS_ACCESS_KEY_ID', testCredentials.accessKeyId);
	vi.stubEnv('AWS_SECRET_ACCESS_KEY', testCredentials.secretAccessKey);
	vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
	vi.stubEnv('XDG_STATE_HOME', join(home, 'state'));
	for (const name of perTestEnv) vi.stubEnv(name, undefined);
});

afterEach(async () => {
	for (const wiring of wired.splice(0)) await wiring.close();
	for (const name of perTestEnv) vi.stubEnv(name, undefined);
});

afterAll(async () => {
	vi.unstubAllEnvs();
	await sim.close();
	rmSync(home, {recursive: true, force: true});
});

async function connectedEndpoint(
	flags: Parameters<typeof parseAppOptions>[0],
): Promise<FleetStore> {
	const options = parseAppOptions(flags, process.env);
	if (!options.ok) throw new Error(options.error);
	const store = createFleetStore({refreshMs: 600_000});
	wired.push(await wireSession(options.value, store));
	await vi.waitFor(
		() => {
			const state = store.getState();
			expect({
				problem: state.problems.clusters?.message,
				fetched: state.dataSets.clusters?.fetchedAt !== undefined,
				endpoint: state.connection.endpoint,
			}).toEqual({problem: undefined, fetched: true, endpoint: expect.any(String)});
		},
		{timeout: 15_000, interval: 20},
	);
	return store;
}

describe('the endpoint in the store, as the SDK resolved it', () => {
	it("an AWS profile's endpoint_url (AWS_PROFILE)", async () => {
		vi.stubEnv('AWS_PROFILE', 'local');
		const store = await connectedEndpoint({});
		expect(store.getState().connection.endpoint).toBe(sim.server.url);
		expect(store.getState().clusters.map((cluster) => cluster.name)).toContain('batch');
	});

	it('AWS_ENDPOINT_URL_ECS', async () => {
		vi.stubEnv('AWS_REGION', 'us-east-1');
		vi.stubEnv('AWS_ENDPOINT_URL_ECS', sim.server.url);
		const store = await connectedEndpoint({});
		expect(store.getState().connection.endpoint).toBe(sim.server.url);
	});

	it('--endpoint-url', async () => {
		const store = await connectedEndpoint({endpointUrl: sim.server.url, region: 'us-east-1'});
		expect(store.getState().connection.endpoint).toBe(sim.server.url);
	});
});
