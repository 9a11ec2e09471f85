import {AssumeRoleCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {handlers} from '../../source/sim/api/index.js';
import {simMfaCode} from '../../source/sim/api/sts.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';

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

describe('STS AssumeRole', () => {
	const roleArn = 'arn:aws:iam::210987654321:role/ops/ecs-viewer';
	const serial = 'arn:aws:iam::123456789012:mfa/alice';
	afterEach(() => server.faults.reset());

	it('hands out temporary credentials that then act as the role session', async () => {
		const sts = clientFor('AKIDSOURCE');
		const before = Date.now();
		const answer = await sts.send(
			new AssumeRoleCommand({RoleArn: roleArn, RoleSessionName: 'ecs-top', DurationSeconds: 900}),
		);
		sts.destroy();
		const credentials = answer.Credentials!;
		expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(credentials.SecretAccessKey).toHaveLength(40);
		expect(credentials.SessionToken).toBeTruthy();
		// The client judges expiry by its own clock: the duration asked for, from now.
		const expiresIn = credentials.Expiration!.getTime() - before;
		expect(expiresIn).toBeGreaterThan(899_000);
		expect(expiresIn).toBeLessThan(905_000);
		expect(answer.AssumedRoleUser?.Arn).toBe(
			'arn:aws:sts::210987654321:assumed-role/ecs-viewer/ecs-top',
		);

		const asRole = new STSClient({
			endpoint: server.url,
			region: 'us-east-1',
			credentials: {
				accessKeyId: credentials.AccessKeyId!,
				secretAccessKey: credentials.SecretAccessKey!,
				sessionToken: credentials.SessionToken!,
			},
			maxAttempts: 1,
		});
		const identity = await asRole.send(new GetCallerIdentityCommand({}));
		asRole.destroy();
		expect(identity.Arn).toBe(answer.AssumedRoleUser?.Arn);
		expect(identity.Account).toBe('210987654321');
	});

	it("takes the MFA device's code, and refuses a wrong one as STS does", async () => {
		const sts = clientFor('AKIDMFAUSER');
		const accepted = await sts.send(
			new AssumeRoleCommand({
				RoleArn: roleArn,
				RoleSessionName: 'alice',
				SerialNumber: serial,
				TokenCode: simMfaCode,
			}),
		);
		expect(accepted.Credentials?.AccessKeyId).toMatch(/^ASIA/);
		const refused = await sts
			.send(
				new AssumeRoleCommand({
					RoleArn: roleArn,
					RoleSessionName: 'alice',
					SerialNumber: serial,
					TokenCode: '000000',
				}),
			)
			.catch((error: unknown) => error);
		sts.destroy();
		expect(refused).toMatchObject({
			name: 'AccessDenied',
			message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
			$metadata: {httpStatusCode: 403},
		});
	});

	it('refuses a malformed role ARN, and is refused by the denied fault as IAM refuses it', async () => {
		const sts = clientFor('AKIDDENIED');
		const malformed = await sts
			.send(new AssumeRoleCommand({RoleArn: 'ecs-viewer', RoleSessionName: 'x1'}))
			.catch((error: unknown) => error);
		expect(malformed).toMatchObject({name: 'ValidationError'});
		server.faults.set({denied: ['sts']});
		const denied = await sts
			.send(new AssumeRoleCommand({RoleArn: roleArn, RoleSessionName: 'x1'}))
			.catch((error: unknown) => error);
		sts.destroy();
		expect(denied).toMatchObject({name: 'AccessDenied', $metadata: {httpStatusCode: 403}});
		expect((denied as Error).message).toMatch(/is not authorized to perform: sts:AssumeRole/);
	});
});
