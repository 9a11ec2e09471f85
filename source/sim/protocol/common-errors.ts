/**
 * The errors every AWS service can answer, spelled as each protocol spells them: ECS says
 * ThrottlingException, CloudWatch (query-compatible) Throttling, EC2 RequestLimitExceeded with a
 * 503. The fault injector and the server raise these; handlers raise their own API errors.
 */
import {SimError} from '../errors.js';
import type {ServiceName} from '../handler.js';

export interface CommonErrors {
	throttling(): SimError;
	serviceUnavailable(): SimError;
	internal(): SimError;
	accessDenied(operation: string, accessKeyId: string, accountId: string): SimError;
	expiredToken(): SimError;
	missingAuthentication(): SimError;
	unknownOperation(operation: string): SimError;
}

/** IAM's denial message, which users grep their policies against. */
function deniedMessage(
	service: ServiceName,
	operation: string,
	accessKeyId: string,
	accountId: string,
): string {
	const action = `${iamPrefix[service]}:${operation}`;
	const user = accessKeyId.replace(/[^A-Za-z0-9+=,.@_-]/g, '') || 'unknown';
	return `User: arn:aws:iam::${accountId}:user/${user} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;
}

const iamPrefix: Record<ServiceName, string> = {
	ecs: 'ecs',
	cloudwatch: 'cloudwatch',
	logs: 'logs',
	ec2: 'ec2',
	autoscaling: 'autoscaling',
	sts: 'sts',
};

const expiredMessage = 'The security token included in the request is expired';

/** ECS and CloudWatch Logs speak the same JSON 1.1 error dialect. */
function jsonServiceErrors(service: 'ecs' | 'logs'): CommonErrors {
	return {
		throttling: () => new SimError('ThrottlingException', 'Rate exceeded'),
		serviceUnavailable: () =>
			new SimError('ServiceUnavailableException', 'Service Unavailable', {status: 503}),
		internal: () => new SimError('InternalFailure', 'Internal Failure', {status: 500}),
		accessDenied: (operation, key, account) =>
			new SimError('AccessDeniedException', deniedMessage(service, operation, key, account)),
		expiredToken: () => new SimError('ExpiredTokenException', expiredMessage),
		missingAuthentication: () =>
			new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', {
				status: 403,
			}),
		unknownOperation: (operation) =>
			new SimError('UnknownOperationException', `Unknown operation ${operation}`),
	};
}

/** CloudWatch codes are the query ones; its JSON codec derives `__type` from them. */
const cloudWatchErrors: CommonErrors = {
	throttling: () => new SimError('Throttling', 'Rate exceeded'),
	serviceUnavailable: () =>
		new SimError('ServiceUnavailable', 'Service Unavailable', {status: 503}),
	internal: () => new SimError('InternalFailure', 'Internal Failure', {status: 500}),
	accessDenied: (operation, key, account) =>
		new SimError('AccessDenied', deniedMessage('cloudwatch', operation, key, account), {
			status: 403,
		}),
	expiredToken: () => new SimError('ExpiredToken', expiredMessage),
	missingAuthentication: () =>
		new SimError('MissingAuthenticationToken', 'Missing Authentication Token', {status: 403}),
	unknownOperation: (operation) =>
		new SimError('UnknownOperationException', `Unknown operation ${operation}`),
};

const ec2Errors: CommonErrors = {
	throttling: () => new SimError('RequestLimitExceeded', 'Request limit exceeded.', {status: 503}),
	serviceUnavailable: () =>
		new SimError('Unavailable', "The server is overloaded and can't handle the request.", {
			status: 503,
		}),
	internal: () => new SimError('InternalError', 'An internal error has occurred.', {status: 500}),
	accessDenied: () =>
		new SimError('UnauthorizedOperation', 'You are not authorized to perform this operation.', {
			status: 403,
		}),
	// What EC2 answers when the session behind the signature has expired (as users see it).
	expiredToken: () => new SimError('RequestExpired', 'Request has expired.'),
	missingAuthentication: () =>
		new SimError('MissingAuthenticationToken', 'Missing Authentication Token', {status: 403}),
	unknownOperation: (operation) =>
		new SimError('InvalidAction', `The action ${operation} is not valid for this web service.`),
};

function queryErrors(service: 'autoscaling' | 'sts'): CommonErrors {
	return {
		throttling: () => new SimError('Throttling', 'Rate exceeded'),
		serviceUnavailable: () =>
			new SimError('ServiceUnavailable', 'Service Unavailable', {status: 503}),
		internal: () => new SimError('InternalFailure', 'Internal Failure', {status: 500}),
		accessDenied: (operation, key, account) =>
			new SimError('AccessDenied', deniedMessage(service, operation, key, account), {
				status: 403,
			}),
		expiredToken: () => new SimError('ExpiredToken', expiredMessage, {status: 403}),
		missingAuthentication: () =>
			new SimError('MissingAuthenticationToken', 'Missing Authentication Token', {status: 403}),
		unknownOperation: (operation) =>
			new SimError(
				'InvalidAction',
				`Could not find operation ${operation} for version ${versionOf[service]}`,
			),
	};
}

const versionOf = {autoscaling: '2011-01-01', sts: '2011-06-15'} as const;

const byService: Record<ServiceName, CommonErrors> = {
	ecs: jsonServiceErrors('ecs'),
	cloudwatch: cloudWatchErrors,
	logs: jsonServiceErrors('logs'),
	ec2: ec2Errors,
	autoscaling: queryErrors('autoscaling'),
	sts: queryErrors('sts'),
};

export function commonErrors(service: ServiceName): CommonErrors {
	return byService[service];
}
