import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {handlers} from '../../source/sim/api/index.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/create-world.js';

let server: SimServer;
const secret = 'sts-test-secret-must-never-appear';
const clientFor = (accessKeyId: string): STSClient =>
	new STSClient({
		endpoint: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId, secretAccessKey: secret},
		maxAttempts: 1,
	});

beforeAll(async () => {
	const world = createWorld({seed: 3, clock: new ManualClock()});
	server = await startSimServer({world, handlers, port: 0, backgroundTickMs: false});
});
afterAll(async () => server.close());

describe('STS GetCallerIdentity', () => {
	it('names the world account and an IAM user derived from the access key, never the secret', async () => {
		const sts = clientFor('AKIDTESTSTS');
		const identity = await sts.send(new GetCallerIdentityCommand({}));
		sts.destroy();
		expect(identity.Account).toBe('123456789012');
		expect(identity.Arn).toMatch(/^arn:aws:iam::123456789012:user\/[\w+=,.@-]+$/);
		expect(identity.Arn).toContain('AKIDTESTSTS');
		expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
		expect(JSON.stringify(identity)).not.toContain(secret);
	});

	it('gives each access key its own stable identity', async () => {
		const first = clientFor('AKIDFIRST');
		const second = clientFor('AKIDSECOND');
		const [a1, a2, b] = await Promise.all([
			first.send(new GetCallerIdentityCommand({})),
			first.send(new GetCallerIdentityCommand({})),
			second.send(new GetCallerIdentityCommand({})),
		]);
		first.destroy();
		second.destroy();
		expect(a2.UserId).toBe(a1.UserId);
		expect(a2.Arn).toBe(a1.Arn);
		expect(b.UserId).not.toBe(a1.UserId);
		expect(b.Arn).not.toBe(a1.Arn);
	});
});
