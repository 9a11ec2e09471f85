// `ecs-top --once --json | head`: the reader closes the pipe before the document is written.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 5, start: Date.now()});
});
afterAll(async () => {
	await sim.close();
});

it('ends quietly with 0 when the reader of its output leaves early', async () => {
	const cli = startCli(['--once', '--json', '--endpoint-url', sim.server.url], {
		...process.env,
		AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
		AWS_REGION: 'us-east-1',
	});
	// The read end closes before anything is written: the snapshot's write meets EPIPE.
	cli.child.stdout.destroy();
	const {code} = await cli.exit();
	expect(cli.stderr()).toBe('');
	expect(code).toBe(0);
});
