// The writes retry as the user configured the AWS SDK: AWS_MAX_ATTEMPTS and AWS_RETRY_MODE (and
// the profile's max_attempts and retry_mode) win; adaptive is ecs-top's default mode.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {appClientsAt} from '../helpers/sim.js';
import {savedEnvironment} from '../helpers/environment.js';

const environment = savedEnvironment([
	'AWS_MAX_ATTEMPTS',
	'AWS_RETRY_MODE',
	'AWS_CONFIG_FILE',
	'AWS_PROFILE',
]);

let sim: SimServer;
let dir: string;
let clients: AwsClients | undefined;

beforeAll(async () => {
	sim = await startSim({scenario: 'demo', seed: 1});
	dir = mkdtempSync(join(tmpdir(), 'ecs-top-retry-'));
});
afterAll(async () => {
	await sim.close();
	rmSync(dir, {recursive: true, force: true});
});
beforeEach(() => {
	environment.clear();
	process.env['AWS_CONFIG_FILE'] = join(dir, 'none');
});
afterEach(() => {
	sim.faults.reset();
	clients?.destroy();
	clients = undefined;
	environment.restore();
});

function connect(profile?: string): AwsClients {
	clients = appClientsAt(sim.url, {
		profile,
	});
	return clients;
}

/** The SDK's retry strategies name their mode (`standard`, `adaptive`). */
const modeOf = (strategy: unknown) => (strategy as {mode?: string}).mode;

/**
 * How many times one UpdateService reached AWS while every answer is throttling: a refusal AWS
 * certainly did not apply, the one kind of failed write that is retried (a 5xx is not: it may have
 * been applied, write-once.ts).
 */
async function attemptsOfFailingWrite(): Promise<number> {
	const adapters = createAwsAdapters(connect());
	const before = sim.requestLog.length;
	sim.faults.set({throttleRate: 1});
	await expect(adapters.ecsActions.setDesiredCount('web', 'api', 3)).rejects.toThrow();
	return sim.requestLog.slice(before).filter((entry) => entry.operation === 'UpdateService').length;
}

describe('retries of the writes', () => {
	it('make the SDK default of 3 attempts, in adaptive mode', async () => {
		expect(await attemptsOfFailingWrite()).toBe(3);
		expect(modeOf(await clients!.ecs.config.retryStrategy())).toBe('adaptive');
	});

	it('follow AWS_MAX_ATTEMPTS', async () => {
		process.env['AWS_MAX_ATTEMPTS'] = '5';
		expect(await attemptsOfFailingWrite()).toBe(5);
	}, 20_000);

	it('follow AWS_RETRY_MODE', async () => {
		process.env['AWS_RETRY_MODE'] = 'standard';
		expect(modeOf(await connect().ecs.config.retryStrategy())).toBe('standard');
	});

	it("follow the profile's retry_mode and max_attempts", async () => {
		const config = join(dir, 'config');
		writeFileSync(config, '[profile ops]\nretry_mode = standard\nmax_attempts = 2\n');
		process.env['AWS_CONFIG_FILE'] = config;
		const strategy = await connect('ops').ecs.config.retryStrategy();
		expect(modeOf(strategy)).toBe('standard');
		expect(await clients!.ecs.config.maxAttempts()).toBe(2);
	});
});
