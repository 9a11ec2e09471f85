/**
 * Which service and operation a request is for, the way AWS front ends decide it: JSON protocols
 * by the `X-Amz-Target` header (`<ServicePrefix>.<Operation>`), query protocols by the form's
 * `Action` and `Version` fields. The codec chosen here also answers the request's errors.
 */
import {SimError} from '../errors.js';
import type {ServiceName} from '../handler.js';
import {createAwsQueryCodec} from './aws-query.js';
import {cloudWatchErrorCodes} from './cloudwatch-errors.js';
import {commonErrors} from './common-errors.js';
import {ec2QueryCodec} from './ec2-query.js';
import {decodeFormInput, parseFormBody} from './form.js';
import {createJsonCodec, decodeJsonBody} from './json.js';
import type {ProtocolCodec, RoutedRequest} from './types.js';

interface ServiceBinding {
	service: ServiceName;
	codec: ProtocolCodec;
}

const ecsCodec = createJsonCodec({version: '1.1'});
const logsCodec = createJsonCodec({version: '1.1'});
const cloudWatchCodec = createJsonCodec({version: '1.0', queryCompatible: cloudWatchErrorCodes});
const autoScalingNamespace = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';
const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';
const cloudWatchQueryNamespace = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

const byTargetPrefix: Record<string, ServiceBinding> = {
	AmazonEC2ContainerServiceV20141113: {service: 'ecs', codec: ecsCodec},
	GraniteServiceVersion20100801: {service: 'cloudwatch', codec: cloudWatchCodec},
	Logs_20140328: {service: 'logs', codec: logsCodec},
};

const byQueryVersion: Record<string, ServiceBinding> = {
	'2016-11-15': {service: 'ec2', codec: ec2QueryCodec},
	'2011-01-01': {service: 'autoscaling', codec: createAwsQueryCodec(autoScalingNamespace)},
	'2011-06-15': {service: 'sts', codec: createAwsQueryCodec(stsNamespace)},
	// Older CloudWatch clients (and CLIs) still speak awsQuery; same member names, `<member>` lists.
	'2010-08-01': {service: 'cloudwatch', codec: createAwsQueryCodec(cloudWatchQueryNamespace)},
};

/** For requests we cannot place: answer in the protocol family the client evidently speaks. */
const fallbackJsonCodec = ecsCodec;
const fallbackQueryCodec = createAwsQueryCodec(autoScalingNamespace);

/** A request no service claims; `codec` says how to answer it. */
export class RoutingError extends Error {
	constructor(
		readonly error: SimError,
		readonly codec: ProtocolCodec,
		readonly service: ServiceName | undefined,
		readonly operation: string,
	) {
		super(error.message);
	}
}

export type HeaderLookup = (name: string) => string | undefined;

/** The service a request is for, when it can be told without decoding the whole body. */
export function routeRequest(header: HeaderLookup, body: string): RoutedRequest {
	const target = header('x-amz-target');
	if (target !== undefined) {
		const dot = target.lastIndexOf('.');
		const prefix = dot < 0 ? target : target.slice(0, dot);
		const operation = dot < 0 ? '' : target.slice(dot + 1);
		const binding = byTargetPrefix[prefix];
		if (binding === undefined || operation === '') {
			throw new RoutingError(
				commonErrors('ecs').unknownOperation(target),
				fallbackJsonCodec,
				undefined,
				operation || target,
			);
		}
		try {
			return {...binding, operation, input: decodeJsonBody(body)};
		} catch (error) {
			if (error instanceof SimError)
				throw new RoutingError(error, binding.codec, binding.service, operation);
			throw error;
		}
	}
	const fields = parseFormBody(body);
	const action = fields.get('Action') ?? '';
	const binding = byQueryVersion[fields.get('Version') ?? ''];
	if (binding === undefined || action === '') {
		const codec = binding?.codec ?? fallbackQueryCodec;
		const error =
			action === ''
				? new SimError('MissingAction', 'Missing Action')
				: new SimError('InvalidAction', `The action ${action} is not valid for this web service.`);
		throw new RoutingError(error, codec, binding?.service, action);
	}
	return {...binding, operation: action, input: decodeFormInput(fields)};
}
