/**
 * Reading CloudWatch Logs requests as its front end does: a value outside the model's
 * constraints is an InvalidParameterException in the model's validation wording, a missing group
 * or stream a ResourceNotFoundException, and a group may be named by name or by ARN.
 */
import {SimError} from '../errors.js';
import type {LogGroup, LogStream} from '../world/logs/log-store.js';
import type {World} from '../world/world.js';
import {optionalInteger, optionalString} from './ecs-input.js';

type Input = Record<string, unknown>;

export const invalidParameter = (message: string): SimError =>
	new SimError('InvalidParameterException', message);

export const groupNotFound = (): SimError =>
	new SimError('ResourceNotFoundException', 'The specified log group does not exist.');

export const streamNotFound = (): SimError =>
	new SimError('ResourceNotFoundException', 'The specified log stream does not exist.');

function constraint(value: unknown, member: string, rule: string): SimError {
	return invalidParameter(
		`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
	);
}

const groupNamePattern = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const streamNamePattern = /^[^:*]{1,512}$/;

export function validGroupName(value: string, member = 'logGroupName'): string {
	if (!groupNamePattern.test(value))
		throw constraint(
			value,
			member,
			'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ and have length between 1 and 512',
		);
	return value;
}

export function validStreamName(value: string, member = 'logStreamName'): string {
	if (!streamNamePattern.test(value))
		throw constraint(
			value,
			member,
			'Member must satisfy regular expression pattern: [^:*]* and have length between 1 and 512',
		);
	return value;
}

export function requiredMember(input: Input, key: string): string {
	const value = optionalString(input, key);
	if (value === undefined) throw constraint('null', key, 'Member must not be null');
	return value;
}

/** `limit`: absent, or an integer within the operation's bounds. */
export function limitOf(input: Input, max: number): number | undefined {
	const value = optionalInteger(input, 'limit');
	if (value === undefined) return undefined;
	if (value < 1)
		throw constraint(value, 'limit', 'Member must have value greater than or equal to 1');
	if (value > max)
		throw constraint(value, 'limit', `Member must have value less than or equal to ${max}`);
	return value;
}

export function optionalTime(input: Input, key: string): number | undefined {
	const value = optionalInteger(input, key);
	if (value !== undefined && value < 0)
		throw constraint(value, key, 'Member must have value greater than or equal to 0');
	return value;
}

export function groupArn(world: World, name: string): string {
	return `arn:aws:logs:${world.region}:${world.accountId}:log-group:${name}`;
}

/** A group named by `logGroupName` or by `logGroupIdentifier` (a name or an ARN). */
export function resolveGroup(world: World, input: Input): LogGroup {
	const name = optionalString(input, 'logGroupName');
	const identifier = optionalString(input, 'logGroupIdentifier');
	if (name !== undefined && identifier !== undefined)
		throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
	if (name === undefined && identifier === undefined)
		throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
	const wanted =
		name !== undefined ? validGroupName(name) : groupNameOfIdentifier(identifier ?? '');
	const group = world.logs.groups.get(wanted);
	if (!group) throw groupNotFound();
	return group;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME` (with or without `:*`), or a bare name. */
function groupNameOfIdentifier(identifier: string): string {
	const marker = ':log-group:';
	if (!identifier.startsWith('arn:')) return validGroupName(identifier, 'logGroupIdentifier');
	const at = identifier.indexOf(marker);
	if (at < 0) throw invalidParameter(`Invalid log group ARN: ${identifier}`);
	return identifier.slice(at + marker.length).replace(/:\*$/, '');
}

export function resolveStream(world: World, group: LogGroup, input: Input): LogStream {
	const name = validStreamName(requiredMember(input, 'logStreamName'));
	const stream = group.streams.get(name);
	if (!stream) throw streamNotFound();
	world.logs.catchUp(stream);
	return stream;
}

/** A list cursor that names the last item returned, so items created meanwhile are not skipped. */
export function encodeCursor(operation: string, value: unknown): string {
	return Buffer.from(JSON.stringify({o: operation, v: value})).toString('base64url');
}

export function decodeCursor<T>(
	operation: string,
	token: string | undefined,
	valid: (value: unknown) => value is T,
): T | undefined {
	if (token === undefined) return undefined;
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			o?: unknown;
			v?: unknown;
		};
		if (parsed.o === operation && valid(parsed.v)) return parsed.v;
	} catch {
		// Fall through to the error below.
	}
	throw invalidParameter('The specified nextToken is invalid.');
}
