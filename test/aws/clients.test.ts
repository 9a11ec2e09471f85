import {Readable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {createAwsClients, userAgent, type AwsClients} from '../../source/aws/clients.js';
import {AwsApiError} from '../../source/aws/errors.js';
import packageJson from '../../package.json' with {type: 'json'};

type SeenRequest = {
	hostname: string;
	port: number | undefined;
	headers: Record<string, string>;
	body: string;
};
type Answer = {status: number; headers?: Record<string, string>; body: string} | Error;

/**
 * An HTTP layer under the real SDK clients: the retry, signing and (de)serializing middleware
 * all run, so what is counted is what would go over the wire.
 */
function fakeHttp(answers: Answer[]) {
	const seen: SeenRequest[] = [];
	const handler = {
		metadata: {handlerProtocol: 'http/1.1'},
		async handle(request: {
			hostname: string;
			port?: number;
			headers: Record<string, string>;
			body?: unknown;
		}) {
			seen.push({
				hostname: request.hostname,
				port: request.port,
				headers: request.headers,
				body: typeof request.body === 'string' ? request.body : '',
			});
			const answer = answers.shift() ?? new Error('no answer left in the fake');
			if (answer instanceof Error) throw answer;
			return {
				response: {
					statusCode: answer.status,
					reason: undefined,
					headers: answer.headers ?? {},
					body: Readable.from([Buffer.from(answer.body)]),
				},
			};
		},
		updateHttpClientConfig() {},
		httpHandlerConfigs: () => ({}),
		destroy() {},
	};
	return {handler, seen};
}

const credentials = {accessKeyId: 'test', secretAccessKey: 'test'};
const json = {'content-type': 'application/x-amz-json-1.1'};
const throttled: Answer = {
	status: 400,
	headers: json,
	body: JSON.stringify({__type: 'ThrottlingException', message: 'Rate exceeded'}),
};

let clients: AwsClients | undefined;
afterEach(() => clients?.destroy());

describe('AWS clients', () => {
	it('counts every attempt, retries included, and the throttled ones', async () => {
		const {handler, seen} = fakeHttp([
			throttled,
			throttled,
			{status: 200, headers: json, body: JSON.stringify({clusterArns: ['arn:c/web']})},
		]);
		clients = createAwsClients({
			region: 'us-east-1',
			credentials,
			endpointUrl: 'http://127.0.0.1:4566',
			requestHandler: handler,
		});
		const adapters = createAwsAdapters(clients);
		await expect(adapters.ecs.listClusterArns()).resolves.toEqual(['arn:c/web']);
		expect(seen).toHaveLength(3);
		expect(clients.stats.snapshot()).toMatchObject({
			total: 3,
			throttled: 2,
			lastMinute: 3,
			byOperation: {'ECS.ListClusters': 3},
		});
	});

	it('sends to the one endpoint, with the ecs-top user agent', async () => {
		const {handler, seen} = fakeHttp([
			{status: 200, headers: json, body: JSON.stringify({clusterArns: []})},
			{
				status: 200,
				headers: {'content-type': 'text/xml'},
				body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/bob</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
			},
		]);
		clients = createAwsClients({
			region: 'eu-west-1',
			credentials,
			endpointUrl: 'http://127.0.0.1:4566',
			requestHandler: handler,
		});
		const adapters = createAwsAdapters(clients);
		await adapters.ecs.listClusterArns();
		await expect(adapters.sts.getCallerIdentity()).resolves.toEqual({
			account: '123456789012',
			arn: 'arn:aws:iam::123456789012:user/bob',
			userId: 'AIDA',
		});
		expect(seen.map((request) => `${request.hostname}:${request.port}`)).toEqual([
			'127.0.0.1:4566',
			'127.0.0.1:4566',
		]);
		expect(userAgent).toBe(`ecs-top/${packageJson.version}`);
		for (const request of seen) {
			const agent = request.headers['x-amz-user-agent'] ?? request.headers['user-agent'] ?? '';
			expect(agent).toContain(userAgent);
		}
		expect(clients.stats.snapshot().byOperation).toEqual({
			'ECS.ListClusters': 1,
			'STS.GetCallerIdentity': 1,
		});
		await expect(clients.region()).resolves.toBe('eu-west-1');
	});

	it('loads the EC2 client once, on first use, and counts its calls', async () => {
		const {handler} = fakeHttp([
			{
				status: 200,
				headers: {'content-type': 'text/xml'},
				body: `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId><instanceType>t2.micro</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement><privateIpAddress>10.0.0.5</privateIpAddress><launchTime>2024-05-01T10:00:00.000Z</launchTime><instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
			},
		]);
		clients = createAwsClients({region: 'us-east-1', credentials, requestHandler: handler});
		const first = clients.ec2();
		expect(clients.ec2()).toBe(first);
		const adapters = createAwsAdapters(clients);
		const described = await adapters.ec2.describeInstances(['i-1']);
		expect(described.items).toEqual([
			{
				instanceId: 'i-1',
				instanceType: 't2.micro',
				state: 'running',
				availabilityZone: 'us-east-1a',
				privateIpAddress: '10.0.0.5',
				launchTime: Date.parse('2024-05-01T10:00:00.000Z'),
				instanceLifecycle: undefined,
			},
		]);
		expect(clients.stats.count('EC2.DescribeInstances')).toBe(1);
	});

	it('does not retry a not-found, and throws it classified', async () => {
		const {handler, seen} = fakeHttp([
			{
				status: 400,
				headers: json,
				body: JSON.stringify({__type: 'ClusterNotFoundException', message: 'Cluster not found.'}),
			},
		]);
		clients = createAwsClients({region: 'us-east-1', credentials, requestHandler: handler});
		const adapters = createAwsAdapters(clients);
		const error = await adapters.ecs.describeServices('gone', ['api']).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AwsApiError);
		expect((error as AwsApiError).problem).toMatchObject({
			kind: 'not-found',
			code: 'ClusterNotFoundException',
			service: 'ecs',
			operation: 'DescribeServices',
		});
		expect(seen).toHaveLength(1);
		expect(clients.stats.snapshot()).toMatchObject({total: 1, throttled: 0});
	});

	it('names the endpoint it cannot reach, after counting each attempt', async () => {
		const refused = () =>
			Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'});
		const {handler} = fakeHttp([refused(), refused()]);
		clients = createAwsClients({
			region: 'us-east-1',
			credentials,
			endpointUrl: 'http://127.0.0.1:1',
			requestHandler: handler,
			maxAttempts: 2,
		});
		const adapters = createAwsAdapters(clients);
		const error = await adapters.ecs.listClusterArns().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AwsApiError);
		expect((error as AwsApiError).problem.kind).toBe('network');
		expect((error as AwsApiError).message).toMatch(
			/^Cannot reach http:\/\/127\.0\.0\.1:1: ECONNREFUSED/,
		);
		expect(clients.stats.count('ECS.ListClusters')).toBe(2);
	});
});
