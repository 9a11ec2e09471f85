/**
 * STS as a client of one account sees it.
 *
 * GetCallerIdentity: who the signed request says the caller is. The identity is derived from the
 * access key id alone (never the secret), so each key looks like its own IAM user and the same key
 * always gets the same answer; a key this simulator issued for an assumed role answers as that
 * role's session.
 *
 * AssumeRole: any role may be assumed by any caller (there are no trust policies to check; the
 * `denied` fault refuses it as IAM would). A request that names an MFA device (`SerialNumber`)
 * must carry that device's code, and every simulated device shows the same one: `simMfaCode`. A
 * wrong code is refused with STS's own AccessDenied.
 */
import {createHash} from 'node:crypto';
import {SimError} from '../errors.js';
import type {OperationTable, RequestContext} from '../handler.js';
import type {World} from '../world/world.js';

/** The code every simulated MFA device shows (documented for `ecs-top sim` users and tests). */
export const simMfaCode = '123456';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM user ids are `AIDA` + 17 upper-case letters and digits; derive one from the key. */
function userIdFor(accessKeyId: string): string {
	const digest = createHash('sha256').update(accessKeyId).digest();
	let id = 'AIDA';
	for (let i = 0; i < 17; i++) id += base32[(digest[i] ?? 0) % 32];
	return id;
}

/** IAM user names allow letters, digits and `+=,.@_-`. */
function userNameFor(accessKeyId: string): string {
	return `sim-${accessKeyId.replace(/[^\w+=,.@-]/g, '_')}`.slice(0, 64);
}

type AssumedRole = {readonly arn: string; readonly assumedRoleId: string};

/** The role sessions each world has handed out, by the access key id of their credentials. */
const sessionsByWorld = new WeakMap<World, Map<string, AssumedRole>>();

function sessionsOf(world: World): Map<string, AssumedRole> {
	let sessions = sessionsByWorld.get(world);
	if (sessions === undefined) {
		sessions = new Map();
		sessionsByWorld.set(world, sessions);
	}
	return sessions;
}

function requireCaller(accessKeyId: string): void {
	if (accessKeyId === '') {
		throw new SimError('MissingAuthenticationToken', 'Request is missing Authentication Token', {
			status: 403,
		});
	}
}

function getCallerIdentity(_input: Record<string, unknown>, context: RequestContext): unknown {
	const {accessKeyId, world} = context;
	requireCaller(accessKeyId);
	const session = sessionsOf(world).get(accessKeyId);
	if (session !== undefined) {
		return {UserId: session.assumedRoleId, Account: session.arn.split(':')[4], Arn: session.arn};
	}
	return {
		UserId: userIdFor(accessKeyId),
		Account: world.accountId,
		Arn: `arn:aws:iam::${world.accountId}:user/${userNameFor(accessKeyId)}`,
	};
}

const roleArnPattern = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const sessionNamePattern = /^[\w+=,.@-]{2,64}$/;

/** STS's validation message, one constraint at a time as the SDK shows it. */
function validationError(field: string, value: unknown, constraint: string): SimError {
	return new SimError(
		'ValidationError',
		`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
	);
}

function stringField(input: Record<string, unknown>, name: string): string | undefined {
	const value = input[name];
	return typeof value === 'string' ? value : undefined;
}

/** Letters and digits derived from a seed: the simulator's keys and ids are stable per request. */
function idFrom(seed: string, length: number): string {
	const digest = createHash('sha256').update(seed).digest();
	let id = '';
	for (let i = 0; i < length; i++) id += base32[(digest[i % digest.length] ?? 0) % 32];
	return id;
}

let issued = 0;

function assumeRole(input: Record<string, unknown>, context: RequestContext): unknown {
	requireCaller(context.accessKeyId);
	const roleArn = stringField(input, 'RoleArn');
	const sessionName = stringField(input, 'RoleSessionName');
	if (roleArn === undefined)
		throw new SimError('MissingParameter', 'The request must contain the parameter RoleArn');
	if (sessionName === undefined)
		throw new SimError(
			'MissingParameter',
			'The request must contain the parameter RoleSessionName',
		);
	const role = roleArnPattern.exec(roleArn);
	if (role === null)
		throw validationError('roleArn', roleArn, 'Member must satisfy the ARN format of an IAM role');
	if (!sessionNamePattern.test(sessionName))
		throw validationError(
			'roleSessionName',
			sessionName,
			'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
		);
	const duration = Number(input['DurationSeconds'] ?? 3600);
	if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
		throw validationError(
			'durationSeconds',
			input['DurationSeconds'],
			'Member must have value between 900 and 43200',
		);
	const serial = stringField(input, 'SerialNumber');
	const code = stringField(input, 'TokenCode');
	if (code !== undefined && !/^\d{6}$/.test(code))
		throw validationError(
			'tokenCode',
			code,
			'Member must satisfy regular expression pattern: [\\d]*',
		);
	if (serial !== undefined || code !== undefined) {
		if (serial === undefined || code !== simMfaCode) {
			throw new SimError(
				'AccessDenied',
				'MultiFactorAuthentication failed with invalid MFA one time pass code.',
				{status: 403},
			);
		}
	}
	const [, account, roleName] = role as unknown as [string, string, string];
	const seed = `${roleArn}/${sessionName}/${context.accessKeyId}/${++issued}`;
	const accessKeyId = `ASIA${idFrom(seed, 16)}`;
	const assumedRoleId = `AROA${idFrom(roleArn, 17)}:${sessionName}`;
	const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
	sessionsOf(context.world).set(accessKeyId, {arn, assumedRoleId});
	return {
		Credentials: {
			AccessKeyId: accessKeyId,
			SecretAccessKey: idFrom(`${seed}/secret`, 40),
			SessionToken: `FwoGZXIvYXdzE${idFrom(`${seed}/token`, 60)}`,
			// Judged by the client against its own clock, so from the real time, not the world's.
			Expiration: new Date(Date.now() + duration * 1000),
		},
		AssumedRoleUser: {AssumedRoleId: assumedRoleId, Arn: arn},
	};
}

export const stsHandlers: OperationTable = {
	GetCallerIdentity: getCallerIdentity,
	AssumeRole: assumeRole,
};
