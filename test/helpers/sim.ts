/**
 * Starts a simulator on an ephemeral loopback port with a ManualClock, and builds real SDK clients
 * pointed at it: integration tests go through HTTP exactly as the app does.
 */
import {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import {EC2Client} from '@aws-sdk/client-ec2';
import {ECSClient} from '@aws-sdk/client-ecs';
import {STSClient} from '@aws-sdk/client-sts';
import {
	createAwsClients,
	type AwsClientOptions,
	type AwsClients,
} from '../../source/aws/clients.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import type {ScenarioName} from '../../source/sim/scenarios/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';

export const testCredentials = {
	accessKeyId: 'AKIDTESTECSTOP',
	secretAccessKey: 'test-secret-do-not-print',
};

/** One real SDK client of each service ecs-top calls, all at one endpoint. */
export interface SdkClients {
	ecs: ECSClient;
	ec2: EC2Client;
	cloudwatch: CloudWatchClient;
	autoscaling: AutoScalingClient;
	sts: STSClient;
}

/**
 * The clients at `endpoint`, with one attempt each: a retry would hide the very errors the tests
 * look for, and slow the suite. `destroy` closes them all.
 */
export function sdkClients(
	endpoint: string,
	options: {region?: string; credentials?: {accessKeyId: string; secretAccessKey: string}} = {},
): SdkClients & {destroy(): void} {
	const config = {
		endpoint,
		region: options.region ?? 'us-east-1',
		credentials: options.credentials ?? testCredentials,
		maxAttempts: 1,
	};
	const clients: SdkClients = {
		ecs: new ECSClient(config),
		ec2: new EC2Client(config),
		cloudwatch: new CloudWatchClient(config),
		autoscaling: new AutoScalingClient(config),
		sts: new STSClient(config),
	};
	return {
		...clients,
		destroy() {
			for (const client of Object.values(clients)) client.destroy();
		},
	};
}

export interface TestSim extends SdkClients {
	server: SimServer;
	clock: ManualClock;
	/** Advance the world's clock; the next request sees the world at that time. */
	advance(ms: number): void;
	close(): Promise<void>;
}

export async function startTestSim(
	options: {scenario?: ScenarioName; seed?: number; start?: number} = {},
): Promise<TestSim> {
	// A fixed start by default (reproducible); a test whose other process reads the wall clock
	// (a CLI asking CloudWatch for "the last 10 minutes") passes Date.now().
	const clock = new ManualClock(options.start);
	const server = await startSim({
		scenario: options.scenario ?? 'demo',
		seed: options.seed ?? 1,
		clock,
		port: 0,
	});
	const {destroy, ...clients} = sdkClients(server.url);
	return {
		server,
		clock,
		advance: (ms) => clock.advance(ms),
		...clients,
		async close() {
			destroy();
			await server.close();
		},
	};
}

/**
 * ecs-top's own clients (what the app builds from its options) at `endpointUrl`, in us-east-1 with
 * the test credentials; `options` adds to or overrides those.
 */
export function appClientsAt(endpointUrl: string, options: AwsClientOptions = {}): AwsClients {
	return createAwsClients({
		endpointUrl,
		region: 'us-east-1',
		credentials: testCredentials,
		...options,
	});
}
