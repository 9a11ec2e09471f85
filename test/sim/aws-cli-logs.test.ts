// `aws logs tail` (AWS CLI v2) against the simulator: it reads a group through FilterLogEvents,
// and with --follow keeps printing new lines as the simulated containers write them.
import {execFile, spawn} from 'node:child_process';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';

const exec = promisify(execFile);

/** An AWS CLI v2 (v1 has no `logs tail`): the one on PATH, or Debian's beside an older one. */
async function findCliV2(): Promise<string | undefined> {
	for (const candidate of ['aws', '/usr/bin/aws', '/usr/local/bin/aws']) {
		try {
			const {stdout, stderr} = await exec(candidate, ['--version']);
			if (/aws-cli\/2\./.test(stdout + stderr)) return candidate;
		} catch {
			// Not there; try the next.
		}
	}
	return undefined;
}

let cli: string | undefined;
let server: SimServer;
let clock: ManualClock;

beforeAll(async () => {
	cli = await findCliV2();
	// `tail --since` counts back from the wall clock, so the world starts at the real now.
	clock = new ManualClock(Date.now());
	server = await startSim({scenario: 'demo', seed: 1, clock, port: 0});
}, 60_000);
afterAll(async () => server.close());

const env = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'AKIDLOGSCLI',
	AWS_SECRET_ACCESS_KEY: 'test',
	AWS_DEFAULT_REGION: 'us-east-1',
	AWS_PAGER: '',
	AWS_CONFIG_FILE: '/nonexistent',
	AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};

describe('aws logs tail', () => {
	it('prints the lines of a group', async (context) => {
		if (!cli) return context.skip('no AWS CLI v2 on this machine (.ci/run installs it)');
		const {stdout} = await exec(
			cli,
			['logs', 'tail', '/ecs/web/api', '--since', '10m', '--endpoint-url', server.url],
			{env},
		);
		const lines = stdout.trim().split('\n');
		expect(lines.length).toBeGreaterThan(20);
		expect(lines.some((l) => /^\S+ ecs\/api\/[0-9a-f]{32} \{.*"request completed"/.test(l))).toBe(
			true,
		);
	}, 60_000);

	it('follows: new lines appear as the world’s clock moves on', async (context) => {
		if (!cli) return context.skip('no AWS CLI v2 on this machine (.ci/run installs it)');
		const child = spawn(
			cli,
			[
				'logs',
				'tail',
				'/ecs/web/frontend',
				'--follow',
				'--since',
				'1m',
				'--endpoint-url',
				server.url,
			],
			{env},
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const waitFor = async (predicate: () => boolean, what: string) => {
			const deadline = Date.now() + 45_000;
			while (!predicate()) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
				if (child.exitCode !== null) throw new Error(`aws exited early:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		};
		try {
			await waitFor(() => output.includes('\n'), 'the first lines');
			const newest = () =>
				Math.max(
					...output
						.trim()
						.split('\n')
						.map((l) => Date.parse(l.slice(0, l.indexOf(' ')))),
				);
			const before = newest();
			clock.advance(60_000);
			await waitFor(() => newest() > before + 20_000, 'lines written after the clock moved');
		} finally {
			child.kill('SIGKILL');
		}
	}, 90_000);
});
