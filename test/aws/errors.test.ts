import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {EC2ServiceException} from '@aws-sdk/client-ec2';
import {
	AccessDeniedException,
	ClientException,
	ClusterNotFoundException,
	ECSServiceException,
	InvalidParameterException,
	ServerException,
	ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import {ExpiredTokenException} from '@aws-sdk/client-sts';
import {fromNodeProviderChain} from '@aws-sdk/credential-providers';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {
	classifyAwsError,
	CredentialsFailure,
	isThrottlingError,
	type AwsCallContext,
} from '../../source/aws/errors.js';

const ecs: AwsCallContext = {service: 'ecs', operation: 'ListClusters'};
const metadata = {$metadata: {httpStatusCode: 400}};

/** What the credential chain really throws, from a HOME with the files we write. */
async function credentialError(profile: string | undefined): Promise<unknown> {
	try {
		await fromNodeProviderChain(profile === undefined ? {} : {profile})();
	} catch (error) {
		return error;
	}
	throw new Error('expected the credential chain to fail');
}

describe('credential problems (real provider chain errors)', () => {
	const home = mkdtempSync(join(tmpdir(), 'ecs-top-aws-home-'));
	const startUrl = 'https://example.awsapps.com/start';

	beforeAll(() => {
		mkdirSync(join(home, '.aws', 'sso', 'cache'), {recursive: true});
		writeFileSync(
			join(home, '.aws', 'config'),
			`[profile dev]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = us-east-1\n`,
		);
		// The legacy SSO token cache is named after the start URL's SHA-1.
		const cacheName = createHash('sha1').update(startUrl).digest('hex');
		writeFileSync(
			join(home, '.aws', 'sso', 'cache', `${cacheName}.json`),
			JSON.stringify({
				accessToken: 'token',
				expiresAt: '2020-01-01T00:00:00Z',
				region: 'us-east-1',
				startUrl,
			}),
		);
		vi.stubEnv('HOME', home);
		vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
		vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
		// Keep the chain off the network: no instance or container role lookups.
		vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
		for (const name of [
			'AWS_ACCESS_KEY_ID',
			'AWS_SECRET_ACCESS_KEY',
			'AWS_SESSION_TOKEN',
			'AWS_PROFILE',
			'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
			'AWS_CONTAINER_CREDENTIALS_FULL_URI',
			'AWS_WEB_IDENTITY_TOKEN_FILE',
		]) {
			vi.stubEnv(name, undefined);
		}
	});

	afterAll(() => {
		vi.unstubAllEnvs();
		rmSync(home, {recursive: true, force: true});
	});

	it('tells the user to log in again when the SSO session expired', async () => {
		const error = await credentialError('dev');
		const problem = classifyAwsError(error, {...ecs, profile: 'dev'});
		expect(problem.kind).toBe('credentials-expired');
		expect(problem.message).toBe('AWS SSO session expired: run aws sso login --profile dev');
		expect(problem.retryable).toBe(false);
	});

	it('says how to set up credentials when there are none', async () => {
		const problem = classifyAwsError(await credentialError(undefined), ecs);
		expect(problem.kind).toBe('credentials-missing');
		expect(problem.message).toBe(
			'No AWS credentials found: set AWS_PROFILE, run aws configure, or use --profile',
		);
	});

	it('names the profile that has no credentials', async () => {
		const problem = classifyAwsError(await credentialError('nope'), {...ecs, profile: 'nope'});
		expect(problem.kind).toBe('credentials-missing');
		expect(problem.message).toContain('profile nope');
	});
});

describe('AWS answers', () => {
	it('classifies expired session credentials', () => {
		const error = new ExpiredTokenException({
			message: 'The security token included in the request is expired',
			...metadata,
		});
		const problem = classifyAwsError(error, {
			service: 'sts',
			operation: 'GetCallerIdentity',
			profile: 'prod',
		});
		expect(problem.kind).toBe('credentials-expired');
		expect(problem.message).toMatch(/^AWS credentials expired for profile prod/);
	});

	it.each(['ExpiredToken', 'RequestExpired'])('treats %s as expired credentials', (name) => {
		const error = new EC2ServiceException({
			name,
			$fault: 'client',
			message: 'expired',
			...metadata,
		});
		expect(classifyAwsError(error, {service: 'ec2', operation: 'DescribeInstances'}).kind).toBe(
			'credentials-expired',
		);
	});

	it('names the IAM action and the principal when access is denied', () => {
		const error = new AccessDeniedException({
			message:
				'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: ecs:ListClusters on resource: *',
			...metadata,
		});
		const problem = classifyAwsError(error, ecs);
		expect(problem.kind).toBe('access-denied');
		expect(problem.message).toMatch(
			/^Access denied: ecs:ListClusters is not allowed for arn:aws:iam::123456789012:user\/bob/,
		);
	});

	it('names the IAM action with the service prefix for EC2 and Auto Scaling', () => {
		const ec2Denied = new EC2ServiceException({
			name: 'UnauthorizedOperation',
			$fault: 'client',
			message: 'You are not authorized to perform this operation.',
			...metadata,
		});
		const problem = classifyAwsError(ec2Denied, {
			service: 'ec2',
			operation: 'DescribeInstances',
			profile: 'ro',
		});
		expect(problem.kind).toBe('access-denied');
		expect(problem.message).toMatch(
			/^Access denied: ec2:DescribeInstances is not allowed for profile ro/,
		);
		const asgDenied = new ECSServiceException({
			name: 'AccessDenied',
			$fault: 'client',
			message: 'denied',
			...metadata,
		});
		expect(
			classifyAwsError(asgDenied, {service: 'autoscaling', operation: 'SetDesiredCapacity'})
				.message,
		).toMatch(/autoscaling:SetDesiredCapacity is not allowed for these credentials/);
	});

	it.each(['ThrottlingException', 'Throttling', 'RequestLimitExceeded'])(
		'treats %s as throttling, to retry later',
		(name) => {
			const error = new ECSServiceException({
				name,
				$fault: 'client',
				message: 'Rate exceeded',
				...metadata,
			});
			const problem = classifyAwsError(error, ecs);
			expect(problem.kind).toBe('throttled');
			expect(problem.retryable).toBe(true);
			expect(problem.message).toContain('ecs:ListClusters');
			expect(isThrottlingError(error)).toBe(true);
		},
	);

	it('does not take other errors for throttling', () => {
		expect(isThrottlingError(new ClientException({message: 'x', ...metadata}))).toBe(false);
		expect(isThrottlingError(new Error('boom'))).toBe(false);
	});

	it.each([
		new ClusterNotFoundException({message: 'Cluster not found.', ...metadata}),
		new ServiceNotFoundException({message: 'Service not found.', ...metadata}),
		new EC2ServiceException({
			name: 'InvalidInstanceID.NotFound',
			$fault: 'client',
			message: "The instance ID 'i-1' does not exist",
			...metadata,
		}),
	])('treats $name as not found', (error) => {
		const problem = classifyAwsError(error, {service: 'ecs', operation: 'DescribeServices'});
		expect(problem.kind).toBe('not-found');
		expect(problem.code).toBe(error.name);
		expect(problem.message).toContain(error.message);
	});

	it('passes on what AWS found invalid', () => {
		const error = new InvalidParameterException({
			message: 'desiredCount must be at least 0',
			...metadata,
		});
		const problem = classifyAwsError(error, {service: 'ecs', operation: 'UpdateService'});
		expect(problem.kind).toBe('invalid');
		expect(problem.message).toBe(
			'AWS refused ecs:UpdateService (InvalidParameterException): desiredCount must be at least 0',
		);
	});

	it('treats AWS-side failures as other, worth retrying', () => {
		const error = new ServerException({
			message: 'Internal error',
			$metadata: {httpStatusCode: 500},
		});
		const problem = classifyAwsError(error, ecs);
		expect(problem.kind).toBe('other');
		expect(problem.retryable).toBe(true);
		expect(problem.message).toBe('ecs:ListClusters failed (ServerException): Internal error');
	});

	it('treats an unrecognised access key as a credentials problem', () => {
		const error = new ECSServiceException({
			name: 'UnrecognizedClientException',
			$fault: 'client',
			message: 'The security token included in the request is invalid.',
			...metadata,
		});
		expect(classifyAwsError(error, ecs).kind).toBe('credentials-missing');
	});
});

describe('a clock AWS finds off', () => {
	const serviceError = (name: string, message: string) =>
		new ECSServiceException({name, $fault: 'client', message, $metadata: {httpStatusCode: 403}});

	it('says the clock is off, by how much and which way, from the time AWS gives', () => {
		const now = Date.now();
		const compact = (ms: number) =>
			new Date(ms)
				.toISOString()
				.replace(/[-:]/g, '')
				.replace(/\.\d{3}/, '');
		const expired = serviceError(
			'SignatureDoesNotMatch',
			`Signature expired: ${compact(now)} is now earlier than ${compact(now + 25 * 60_000)} (${compact(now + 30 * 60_000)} - 5 min.)`,
		);
		const problem = classifyAwsError(expired, ecs);
		expect(problem.kind).toBe('clock-skew');
		expect(problem.message).toMatch(
			/^This machine's clock is off by about 30 min \(behind; AWS says it is [\dT:Z-]+\), and AWS refuses requests signed more than 5 min from its own time \(SignatureDoesNotMatch\): set the clock right \(turn on NTP\)$/,
		);
		expect(problem.retryable).toBe(false);
	});

	it.each([
		[
			'RequestTimeTooSkewed',
			'The difference between the request time and the current time is too large.',
		],
		[
			'InvalidSignatureException',
			'Signature not yet current: 20300101T000000Z is still later than 20291231T230500Z (20291231T230000Z + 5 min.)',
		],
		[
			'AuthFailure',
			'Signature expired: 20200101T000000Z is now earlier than 20200101T001500Z (20200101T002000Z - 5 min.)',
		],
	])('%s about time is the clock', (code, message) => {
		expect(classifyAwsError(serviceError(code, message), ecs).kind).toBe('clock-skew');
	});

	it('a signature refused for another reason is still the credentials', () => {
		const error = serviceError(
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided.',
		);
		expect(classifyAwsError(error, ecs)).toMatchObject({
			kind: 'credentials-missing',
			message: expect.stringMatching(/check the access key/),
		});
	});
});

describe('explained credential failures', () => {
	it('keep their kind and words, and name the call that failed when it was STS', () => {
		const failure = new CredentialsFailure('access-denied', 'Access denied: sts:AssumeRole on R', {
			code: 'AccessDenied',
			service: 'sts',
			operation: 'AssumeRole',
		});
		expect(classifyAwsError(failure, ecs)).toMatchObject({
			kind: 'access-denied',
			message: 'Access denied: sts:AssumeRole on R',
			code: 'AccessDenied',
			service: 'sts',
			operation: 'AssumeRole',
			retryable: false,
		});
		const helper = new CredentialsFailure(
			'credentials-missing',
			'credential_process of profile x failed: no',
		);
		expect(classifyAwsError(helper, ecs)).toMatchObject({
			kind: 'credentials-missing',
			message: 'credential_process of profile x failed: no',
			service: 'ecs',
			operation: 'ListClusters',
		});
	});
});

describe('network problems', () => {
	function nodeError(code: string, message: string): Error {
		return Object.assign(new Error(message), {code});
	}

	it.each([
		nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566'),
		nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND ecs.nowhere.amazonaws.com'),
		nodeError('ETIMEDOUT', 'connect ETIMEDOUT'),
		nodeError('ECONNRESET', 'socket hang up'),
		Object.assign(new Error('Connection timed out after 3000 ms'), {name: 'TimeoutError'}),
		new Error('socket hang up'),
	])('says which endpoint cannot be reached: $message', (error) => {
		const problem = classifyAwsError(error, {...ecs, endpoint: 'http://127.0.0.1:4566'});
		expect(problem.kind).toBe('network');
		expect(problem.retryable).toBe(true);
		expect(problem.message).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:4566: /);
	});

	it('finds a network error wrapped as a cause', () => {
		const wrapped = new Error('request failed', {
			cause: nodeError('ECONNREFUSED', 'connect ECONNREFUSED'),
		});
		const problem = classifyAwsError(wrapped, {...ecs, region: 'eu-west-1'});
		expect(problem.kind).toBe('network');
		expect(problem.message).toMatch(/^Cannot reach the ecs endpoint in eu-west-1: ECONNREFUSED/);
	});
});
