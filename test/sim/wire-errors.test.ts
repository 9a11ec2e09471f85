/**
 * Errors must reach the app as the SDK's typed exceptions with AWS's status codes: the app's
 * error handling (retry on throttling, "cluster gone", permission hints) keys on these.
 */
import {AutoScalingServiceException, SetDesiredCapacityCommand} from '@aws-sdk/client-auto-scaling';
import {InvalidParameterValueException, ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {
	ClientException,
	ClusterNotFoundException,
	DescribeClustersCommand,
	DescribeServicesCommand,
	InvalidParameterException,
	ListServicesCommand,
	ServiceNotFoundException,
	StopTaskCommand,
	UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {failureOf, startWireSim, type WireSim} from './wire-fixture.js';

let sim: WireSim;
beforeAll(async () => {
	sim = await startWireSim();
});
afterAll(async () => {
	await sim.close();
});

describe('ECS errors', () => {
	it.each([
		[
			'ClusterNotFoundException',
			ClusterNotFoundException,
			() => new DescribeClustersCommand({clusters: ['missing']}),
		],
		[
			'ServiceNotFoundException',
			ServiceNotFoundException,
			() => new DescribeServicesCommand({services: ['x']}),
		],
		[
			'InvalidParameterException',
			InvalidParameterException,
			() => new UpdateServiceCommand({service: 'x', desiredCount: -1}),
		],
		['ClientException', ClientException, () => new StopTaskCommand({task: 'x'})],
	] as const)('%s is the typed exception with status 400', async (name, type, command) => {
		const error = await failureOf(sim.ecs.send(command() as never));
		expect(error).toBeInstanceOf(type);
		expect(error.name).toBe(name);
		expect(error.$metadata.httpStatusCode).toBe(400);
	});

	it('keeps the message', async () => {
		const error = await failureOf(
			sim.ecs.send(new UpdateServiceCommand({service: 'x', desiredCount: -1})),
		);
		expect(error.message).toBe('desiredCount must be >= 0.');
	});

	it('turns a handler bug into a 500 InternalFailure and keeps the cause in the log', async () => {
		const error = await failureOf(sim.ecs.send(new ListServicesCommand({})));
		expect(error.name).toBe('InternalFailure');
		expect(error.$metadata.httpStatusCode).toBe(500);
		const entry = sim.server.requestLog.findLast((e) => e.operation === 'ListServices');
		expect(entry).toMatchObject({status: 500, errorCode: 'InternalFailure'});
		expect(entry?.internalError).toContain('a bug in a handler');
	});
});

describe('CloudWatch errors (query-compatible)', () => {
	it('maps the query code to the typed exception', async () => {
		const error = await failureOf(sim.cloudwatch.send(new ListMetricsCommand({})));
		expect(error).toBeInstanceOf(InvalidParameterValueException);
		expect(error.message).toBe('The parameter Namespace is invalid.');
		expect(error.$metadata.httpStatusCode).toBe(400);
	});
});

describe('EC2 errors', () => {
	it('carries the dotted error code as the name', async () => {
		const error = await failureOf(
			sim.ec2.send(new DescribeInstancesCommand({InstanceIds: ['i-missing']})),
		);
		expect(error.name).toBe('InvalidInstanceID.NotFound');
		expect(error.message).toBe("The instance ID 'i-missing' does not exist");
		expect(error.$metadata.httpStatusCode).toBe(400);
	});
});

describe('Auto Scaling errors', () => {
	it('ValidationError with its message', async () => {
		const error = await failureOf(
			sim.autoscaling.send(
				new SetDesiredCapacityCommand({AutoScalingGroupName: 'web', DesiredCapacity: 9}),
			),
		);
		expect(error).toBeInstanceOf(AutoScalingServiceException);
		expect(error.name).toBe('ValidationError');
		expect(error.message).toContain('above max value 4');
		expect(error.$metadata.httpStatusCode).toBe(400);
	});
});

describe('requests AWS would refuse', () => {
	const post = (headers: Record<string, string>, body: string) =>
		fetch(`${sim.server.url}/`, {method: 'POST', headers, body});

	it('JSON without Authorization: MissingAuthenticationTokenException 403', async () => {
		const res = await post(
			{
				'content-type': 'application/x-amz-json-1.1',
				'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
			},
			'{}',
		);
		expect(res.status).toBe(403);
		expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
		expect(await res.json()).toMatchObject({
			__type: 'MissingAuthenticationTokenException',
			message: 'Missing Authentication Token',
		});
	});

	it('query without Authorization: MissingAuthenticationToken 403 as XML', async () => {
		const res = await post(
			{'content-type': 'application/x-www-form-urlencoded'},
			'Action=DescribeAutoScalingGroups&Version=2011-01-01',
		);
		expect(res.status).toBe(403);
		const text = await res.text();
		expect(text).toContain('<Code>MissingAuthenticationToken</Code>');
		expect(text).toContain(
			'<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">',
		);
	});

	it('unknown operations: UnknownOperationException (JSON), InvalidAction (query)', async () => {
		const auth = {
			authorization:
				'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, Signature=x',
		};
		const json = await post(
			{
				...auth,
				'content-type': 'application/x-amz-json-1.1',
				'x-amz-target': 'AmazonEC2ContainerServiceV20141113.Nope',
			},
			'{}',
		);
		expect(json.status).toBe(400);
		expect((await json.json()) as unknown).toMatchObject({__type: 'UnknownOperationException'});
		const ec2 = await post(
			{...auth, 'content-type': 'application/x-www-form-urlencoded'},
			'Action=Nope&Version=2016-11-15',
		);
		expect(ec2.status).toBe(400);
		expect(await ec2.text()).toMatch(
			/<Response><Errors><Error><Code>InvalidAction<\/Code>.*<RequestID>/,
		);
		const query = await post(
			{...auth, 'content-type': 'application/x-www-form-urlencoded'},
			'Action=Nope&Version=2011-06-15',
		);
		expect(await query.text()).toContain('<Code>InvalidAction</Code>');
	});

	it('answers on any path, as the CLI and SDKs may add one', async () => {
		const res = await fetch(`${sim.server.url}/some/path`, {
			method: 'POST',
			headers: {
				authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request',
				'content-type': 'application/x-amz-json-1.1',
				'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
			},
			body: '{}',
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
	});
});
