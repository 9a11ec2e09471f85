// --debug: one log line per AWS call with the operation, time, status, attempts and request id,
// and never a secret (no key, no signature, no Authorization header), in-process and from --once.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {runAsPoll} from '../../source/aws/request-counter.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {startCli} from '../helpers/cli-process.js';
import {testCredentials, appClientsAt} from '../helpers/sim.js';

let sim: SimServer;
let dir: string;

beforeAll(async () => {
	sim = await startSim({scenario: 'demo', seed: 1});
	dir = mkdtempSync(join(tmpdir(), 'ecs-top-debug-'));
});
afterAll(async () => {
	await sim.close();
	rmSync(dir, {recursive: true, force: true});
});

function expectNoSecret(text: string): void {
	expect(text).not.toContain(testCredentials.secretAccessKey);
	expect(text).not.toMatch(/authorization|signature|x-amz-security-token|credential=/i);
}

describe('--debug', () => {
	it('logs each call: operation, duration, status, attempts, request id', async () => {
		const lines: string[] = [];
		const clients = appClientsAt(sim.url, {
			debugLog: (line) => lines.push(line),
		});
		try {
			const adapters = createAwsAdapters(clients);
			await adapters.ecs.listClusterArns();
			sim.faults.set({throttleRate: 1});
			await expect(runAsPoll(() => adapters.ecs.listClusterArns())).rejects.toThrow();
			sim.faults.set({throttleRate: 0, errorRate: 1});
			await expect(adapters.ecsActions.setDesiredCount('web', 'api', 2)).rejects.toThrow();
		} finally {
			sim.faults.reset();
			clients.destroy();
		}
		expect(lines[0]).toMatch(
			/^aws ECS\.ListClusters ok \d+ms status=200 attempts=1 request-id=[\w-]+$/,
		);
		expect(lines[1]).toMatch(
			/^aws ECS\.ListClusters failed \d+ms status=400 attempts=1 request-id=[\w-]+ \w*ThrottlingException: /,
		);
		expect(lines[2]).toMatch(
			// A 5xx may have been applied: a write is never sent again (write-once.ts).
			/^aws ECS\.UpdateService failed \d+ms status=5\d\d attempts=1 request-id=[\w-]+ /,
		);
		expectNoSecret(lines.join('\n'));
	});

	it('--once --debug writes the lines to the log file, and nothing about them to stderr', async () => {
		const stateHome = join(dir, 'state');
		const cli = startCli(
			['--once', '--debug', '--endpoint-url', sim.url, '--region', 'us-east-1'],
			{
				...process.env,
				XDG_STATE_HOME: stateHome,
				AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
				AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
				AWS_CONFIG_FILE: join(dir, 'none'),
				AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
			},
		);
		const {code} = await cli.exit();
		expect(cli.stderr()).toBe('');
		expect(code).toBe(0);
		const log = readFileSync(join(stateHome, 'ecs-top', 'ecs-top.log'), 'utf8');
		expect(log).toMatch(/ debug: aws ECS\.ListClusters ok \d+ms status=200 attempts=1 request-id=/);
		expect(log).toMatch(/ debug: aws ECS\.DescribeClusters ok /);
		expectNoSecret(log);
	}, 30_000);
});
