import {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import type {EC2Client} from '@aws-sdk/client-ec2';
import {ECSClient, type ECSClientConfig} from '@aws-sdk/client-ecs';
import {STSClient} from '@aws-sdk/client-sts';
import {fromNodeProviderChain} from '@aws-sdk/credential-providers';
import packageJson from '../../package.json' with {type: 'json'};
import {RequestStats} from './request-stats.js';
import {requestCounter} from './request-counter.js';

export type AwsClientOptions = {
	/** Else the SDK's chain: AWS_REGION, AWS_DEFAULT_REGION, the profile's region. */
	readonly region?: string | undefined;
	/** Else AWS_PROFILE, else the default profile. */
	readonly profile?: string | undefined;
	/** One endpoint for every service (the simulator, LocalStack); else AWS_ENDPOINT_URL* apply. */
	readonly endpointUrl?: string | undefined;
	/** Fixed credentials (tests, the in-process simulator); else the standard provider chain. */
	readonly credentials?: ECSClientConfig['credentials'];
	readonly stats?: RequestStats | undefined;
	/** Tests swap the HTTP layer; the default is Node's with the timeouts below. */
	readonly requestHandler?: ECSClientConfig['requestHandler'];
	readonly maxAttempts?: number | undefined;
};

export type AwsClients = {
	readonly ecs: ECSClient;
	readonly cloudWatch: CloudWatchClient;
	readonly autoScaling: AutoScalingClient;
	readonly sts: STSClient;
	/** EC2's client costs ~0.13 s and 60 MB to load (DESIGN.md), so only on first use. */
	readonly ec2: () => Promise<EC2Client>;
	readonly stats: RequestStats;
	readonly profile: string | undefined;
	readonly endpointUrl: string | undefined;
	/** The region the clients resolved (option, environment or profile). */
	readonly region: () => Promise<string>;
	/**
	 * Where ECS calls go when not to AWS's own endpoint: the option, else what
	 * AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL or the shared config's `endpoint_url` say, as the
	 * SDK itself looks them up; undefined for AWS's own.
	 */
	readonly endpoint: () => Promise<string | undefined>;
	destroy(): void;
};

export const userAgent = `ecs-top/${packageJson.version}`;

/**
 * The endpoint the environment or the shared config file sets for a client's service, from the
 * SDK's own lookup (`serviceConfiguredEndpoint`, which its endpoint middleware calls before each
 * request) so the answer cannot differ from where the calls go. The SDK marks it internal: a
 * test (test/cli/endpoint.test.ts) fails if an upgrade removes it.
 */
function configuredEndpoint(config: object): Promise<string | undefined> {
	const lookup = (config as {serviceConfiguredEndpoint?: () => Promise<string | undefined>})
		.serviceConfiguredEndpoint;
	return lookup === undefined ? Promise.resolve(undefined) : lookup();
}

// A dead endpoint should show up as "cannot reach" within seconds, not after Node's 2 minutes.
const defaultHttpOptions = {connectionTimeout: 3_000, requestTimeout: 20_000};

export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
	const stats = options.stats ?? new RequestStats();
	const profile = options.profile;
	// One memoized provider for all five clients, so an SSO or credential_process lookup runs
	// once, not once per service.
	const credentials =
		options.credentials ?? fromNodeProviderChain(profile === undefined ? {} : {profile});
	const config = {
		...(options.region === undefined ? {} : {region: options.region}),
		...(profile === undefined ? {} : {profile}),
		...(options.endpointUrl === undefined ? {} : {endpoint: options.endpointUrl}),
		...(options.maxAttempts === undefined ? {} : {maxAttempts: options.maxAttempts}),
		credentials,
		// Adaptive for the control actions; polls skip retrying throttling (runAsPoll) and back off.
		retryMode: 'adaptive',
		customUserAgent: userAgent,
		requestHandler: options.requestHandler ?? defaultHttpOptions,
	};

	const ecs = new ECSClient(config);
	ecs.middlewareStack.use(requestCounter('ECS', stats));
	const cloudWatch = new CloudWatchClient(config);
	cloudWatch.middlewareStack.use(requestCounter('CloudWatch', stats));
	const autoScaling = new AutoScalingClient(config);
	autoScaling.middlewareStack.use(requestCounter('AutoScaling', stats));
	const sts = new STSClient(config);
	sts.middlewareStack.use(requestCounter('STS', stats));

	let ec2: Promise<EC2Client> | undefined;
	const loadEc2 = (): Promise<EC2Client> => {
		ec2 ??= import('@aws-sdk/client-ec2').then(({EC2Client}) => {
			const client = new EC2Client(config);
			client.middlewareStack.use(requestCounter('EC2', stats));
			return client;
		});
		return ec2;
	};

	return {
		ecs,
		cloudWatch,
		autoScaling,
		sts,
		ec2: loadEc2,
		stats,
		profile,
		endpointUrl: options.endpointUrl,
		region: () => ecs.config.region(),
		// A broken services section in ~/.aws/config fails the calls themselves, with the reason.
		endpoint: async () =>
			options.endpointUrl ?? (await configuredEndpoint(ecs.config).catch(() => undefined)),
		destroy() {
			ecs.destroy();
			cloudWatch.destroy();
			autoScaling.destroy();
			sts.destroy();
			void ec2?.then((client) => client.destroy());
		},
	};
}
