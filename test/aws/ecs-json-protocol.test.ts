// The ECS client reads answers in place of the SDK's copying walk: what the converters get from
// it must be what they got from the SDK's own reading, timestamps as Dates included.
import {
	DescribeServicesCommand,
	DescribeTasksCommand,
	ECSClient,
	ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import {describe, expect, it} from 'vitest';
import {toService, toTask} from '../../source/aws/ecs-convert.js';
import {InPlaceAwsJson1_1Protocol} from '../../source/aws/ecs-json-protocol.js';

/** A transport that answers every call with the same status and body. */
function answering(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
	return {
		metadata: {handlerProtocol: 'http/1.1'},
		handle: async () => ({
			response: {
				statusCode,
				headers: {'content-type': 'application/x-amz-json-1.1', ...headers},
				body: Buffer.from(JSON.stringify(body)),
			},
		}),
		updateHttpClientConfig() {},
		httpHandlerConfigs: () => ({}),
		destroy() {},
	};
}

function clients(statusCode: number, body: unknown, headers?: Record<string, string>) {
	const config = {
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'test'},
		maxAttempts: 1,
		requestHandler: answering(statusCode, body, headers),
	};
	return {
		sdk: new ECSClient(config),
		inPlace: new ECSClient({...config, protocol: InPlaceAwsJson1_1Protocol}),
	};
}

const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/main/0a1b2c';
const task = {
	taskArn,
	clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/main',
	taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
	group: 'service:web',
	lastStatus: 'STOPPED',
	desiredStatus: 'STOPPED',
	version: 4,
	cpu: '256',
	createdAt: 1767268800.123,
	startedAt: 1767268860,
	stoppedAt: 1767268920.5,
	stopCode: 'EssentialContainerExited',
	stoppedReason: 'Essential container in task exited',
	enableExecuteCommand: true,
	containers: [
		{
			name: 'web',
			image: 'nginx:1.27',
			lastStatus: 'STOPPED',
			exitCode: 137,
			networkBindings: [{containerPort: 80, hostPort: 32768, protocol: 'tcp'}],
			managedAgents: [
				{name: 'ExecuteCommandAgent', lastStatus: 'RUNNING', lastStartedAt: 1767268870.25},
			],
		},
	],
	attachments: [{id: 'eni-1', type: 'ElasticNetworkInterface', details: [{name: 'a', value: 'b'}]}],
};

describe('the ECS client reading answers in place', () => {
	it('gives the converters the very tasks the SDK reading gives, timestamps as Dates', async () => {
		const {sdk, inPlace} = clients(200, {tasks: [task], failures: [{arn: 'x', reason: 'MISSING'}]});
		const command = () => new DescribeTasksCommand({cluster: 'main', tasks: [taskArn]});
		const [expected, actual] = await Promise.all([sdk.send(command()), inPlace.send(command())]);
		expect(actual.tasks![0]!.createdAt).toBeInstanceOf(Date);
		expect(actual.tasks![0]!.containers![0]!.managedAgents![0]!.lastStartedAt).toEqual(
			new Date(1767268870250),
		);
		expect(actual.tasks).toEqual(expected.tasks);
		expect(actual.failures).toEqual(expected.failures);
		expect(actual.tasks!.map(toTask)).toEqual(expected.tasks!.map(toTask));
	});

	it('reads a null or unknown member as the converters read a missing one', async () => {
		const odd = {...task, stoppedAt: null, healthStatus: null, somethingNew: {deep: [1, 2]}};
		const {sdk, inPlace} = clients(200, {tasks: [odd], failures: []});
		const command = () => new DescribeTasksCommand({cluster: 'main', tasks: [taskArn]});
		const [expected, actual] = await Promise.all([sdk.send(command()), inPlace.send(command())]);
		expect(actual.tasks!.map(toTask)).toEqual(expected.tasks!.map(toTask));
		expect(toTask(actual.tasks![0]!).stoppedAt).toBeUndefined();
	});

	it('reads a number sent as a string, and a timestamp as a string, as the SDK does', async () => {
		const odd = {...task, version: 'NaN', createdAt: '1767268800.5'};
		const {sdk, inPlace} = clients(200, {tasks: [odd], failures: []});
		const command = () => new DescribeTasksCommand({cluster: 'main', tasks: [taskArn]});
		const [expected, actual] = await Promise.all([sdk.send(command()), inPlace.send(command())]);
		expect(actual.tasks![0]!.version).toBeNaN();
		expect(actual.tasks![0]!.createdAt).toEqual(new Date(1767268800500));
		expect(actual.tasks).toEqual(expected.tasks);
	});

	it('reads services, their deployments and events, as the SDK does', async () => {
		const service = {
			serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/main/web',
			serviceName: 'web',
			status: 'ACTIVE',
			desiredCount: 2,
			createdAt: 1767268000,
			deployments: [{id: 'ecs-svc/1', status: 'PRIMARY', createdAt: 1767268100.5}],
			events: [{id: 'e1', createdAt: 1767268200, message: 'has reached a steady state.'}],
			deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: false}},
		};
		const {sdk, inPlace} = clients(200, {services: [service], failures: []});
		const command = () => new DescribeServicesCommand({cluster: 'main', services: ['web']});
		const [expected, actual] = await Promise.all([sdk.send(command()), inPlace.send(command())]);
		expect(actual.services).toEqual(expected.services);
		expect(actual.services!.map(toService)).toEqual(expected.services!.map(toService));
	});

	it('reads an error answer as the SDK does: its class, code and message', async () => {
		const {inPlace} = clients(
			400,
			{__type: 'ServiceNotFoundException', message: 'Service not found.'},
			{'x-amzn-errortype': 'ServiceNotFoundException'},
		);
		const error = await inPlace
			.send(new DescribeServicesCommand({cluster: 'main', services: ['gone']}))
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ServiceNotFoundException);
		expect(error).toMatchObject({name: 'ServiceNotFoundException', message: 'Service not found.'});
	});
});
