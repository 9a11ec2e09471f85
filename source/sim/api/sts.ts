/**
 * STS GetCallerIdentity: who the signed request says the caller is. The identity is derived from
 * the access key id alone (never the secret), so each key looks like its own IAM user and the
 * same key always gets the same answer.
 */
import {createHash} from 'node:crypto';
import {SimError} from '../errors.js';
import type {OperationTable, RequestContext} from '../handler.js';

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

function getCallerIdentity(_input: Record<string, unknown>, context: RequestContext): unknown {
	const {accessKeyId, world} = context;
	if (accessKeyId === '') {
		throw new SimError('MissingAuthenticationToken', 'Request is missing Authentication Token', {
			status: 403,
		});
	}
	return {
		UserId: userIdFor(accessKeyId),
		Account: world.accountId,
		Arn: `arn:aws:iam::${world.accountId}:user/${userNameFor(accessKeyId)}`,
	};
}

export const stsHandlers: OperationTable = {
	GetCallerIdentity: getCallerIdentity,
};
