import {AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch';
import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import type {EC2Client} from '@aws-sdk/client-ec2';
import {ECSClient, type ECSClientConfig} from '@aws-sdk/client-ecs';
import {STSClient} from '@aws-sdk/client-sts';
import {loadConfig} from '@smithy/node-config-provider';
import packageJson from '../../package.json' with {type: 'json'};
import {credentialProvider, fixedCredentials, type SessionCredentials} from './credentials.js';
import {answerDigests} from './answer-digest.js';
import {InPlaceAwsJson1_1Protocol} from './ecs-json-protocol.js';
import {debugRequestLog, type DebugLog} from './http-debug-log.js';
import {createTransport, type TransportLimits} from './http-handler.js';
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
	/** Temporary credentials resolved at start (a role assumed with an MFA code), until they expire. */
	readonly sessionCredentials?: SessionCredentials | undefined;
	readonly stats?: RequestStats | undefined;
	/** Tests swap the HTTP layer; the default is http-handler.ts's (deadlines, proxy, CA, cap). */
	readonly requestHandler?: ECSClientConfig['requestHandler'];
	/** Else AWS_MAX_ATTEMPTS, else the profile's max_attempts, else the SDK's 3. */
	readonly maxAttempts?: number | undefined;
	/** The transport's deadlines and answer cap; tests shorten them. */
	readonly limits?: Partial<TransportLimits> | undefined;
	/** `--debug`: one line per AWS call (http-debug-log.ts). */
	readonly debugLog?: DebugLog | undefined;
	/** Hash answers for runDigested (answer-digest.ts): the AWS thread's clients do. */
	readonly answerDigests?: boolean | undefined;
	/**
	 * No write will be sent (`--once`), so each command class's middleware chain is built once
	 * and kept (the SDK's `cacheMiddleware`), not rebuilt for every call. Never with writes: the
	 * SDK keeps one chain per command class, and a write carries a guard of its own (write-once.ts).
	 */
	readonly readsOnly?: boolean | undefined;
};

export type AwsClients = {
	readonly ecs: ECSClient;
	readonly cloudWatch: CloudWatchClient;
	readonly autoScaling: AutoScalingClient;
	readonly sts: STSClient;
	/**
	 * EC2's client costs ~0.13 s and 60 MB to load, so only on first use (docs/architecture.md,
	 * "Why a bundle").
	 */
	readonly ec2: () => Promise<EC2Client>;
	/**
	 * CloudWatch Logs, loaded when the log view first opens, one client per region (a task
	 * definition's `awslogs-region`; undefined is the session's).
	 */
	readonly logs: (region: string | undefined) => Promise<CloudWatchLogsClient>;
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
 * AWS_RETRY_MODE, else the profile's retry_mode, as the SDK reads them; else adaptive, for the
 * control actions (polls skip retrying throttling, runAsPoll, and back off on their own).
 */
function retryMode(profile: string | undefined) {
	return loadConfig<string>(
		{
			environmentVariableSelector: (env) => env['AWS_RETRY_MODE'] || undefined,
			configFileSelector: (section) => section['retry_mode'] || undefined,
			default: 'adaptive',
		},
		profile === undefined ? {} : {profile},
	);
}

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

export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
	const stats = options.stats ?? new RequestStats();
	const profile = options.profile;
	// One memoized provider for all five clients, so an SSO or credential_process lookup runs
	// once, not once per service (credentials.ts: also what a failure says).
	// One transport for all five clients and the credential providers' own calls (STS for an
	// assumed role, SSO): one pool of connections, one proxy, one CA bundle.
	const requestHandler =
		options.requestHandler ?? createTransport({profile, limits: options.limits});
	const credentials =
		options.credentials ??
		(options.sessionCredentials === undefined
			? undefined
			: fixedCredentials(options.sessionCredentials)) ??
		credentialProvider({
			profile,
			endpointUrl: options.endpointUrl,
			region: options.region,
			requestHandler,
		});
	const config = {
		...(options.region === undefined ? {} : {region: options.region}),
		...(profile === undefined ? {} : {profile}),
		...(options.endpointUrl === undefined ? {} : {endpoint: options.endpointUrl}),
		...(options.maxAttempts === undefined ? {} : {maxAttempts: options.maxAttempts}),
		credentials,
		retryMode: retryMode(profile),
		customUserAgent: userAgent,
		requestHandler,
		...(options.readsOnly === true ? {cacheMiddleware: true} : {}),
	};
	const instrument = (client: {middlewareStack: {use(plugin: never): void}}, service: string) => {
		client.middlewareStack.use(requestCounter(service, stats) as never);
		if (options.answerDigests === true) client.middlewareStack.use(answerDigests() as never);
		if (options.debugLog !== undefined)
			client.middlewareStack.use(debugRequestLog(service, options.debugLog) as never);
	};

	// Reads answers in place of the SDK's copying walk: most of --once's CPU at 24,000 tasks.
	const ecs = new ECSClient({...config, protocol: InPlaceAwsJson1_1Protocol});
	instrument(ecs, 'ECS');
	const cloudWatch = new CloudWatchClient(config);
	instrument(cloudWatch, 'CloudWatch');
	const autoScaling = new AutoScalingClient(config);
	instrument(autoScaling, 'AutoScaling');
	const sts = new STSClient(config);
	instrument(sts, 'STS');

	let ec2: Promise<EC2Client> | undefined;
	const loadEc2 = (): Promise<EC2Client> => {
		ec2 ??= import('@aws-sdk/client-ec2').then(({EC2Client}) => {
			const client = new EC2Client(config);
			instrument(client, 'EC2');
			return client;
		});
		return ec2;
	};

	const logsClients = new Map<string, Promise<CloudWatchLogsClient>>();
	const loadLogs = (region: string | undefined): Promise<CloudWatchLogsClient> => {
		const key = region ?? '';
		let client = logsClients.get(key);
		if (client === undefined) {
			client = import('@aws-sdk/client-cloudwatch-logs').then(({CloudWatchLogsClient}) => {
				const made = new CloudWatchLogsClient({
					...config,
					...(region === undefined ? {} : {region}),
				});
				instrument(made, 'Logs');
				return made;
			});
			logsClients.set(key, client);
		}
		return client;
	};

	return {
		ecs,
		cloudWatch,
		autoScaling,
		sts,
		ec2: loadEc2,
		logs: loadLogs,
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
			for (const client of logsClients.values()) void client.then((made) => made.destroy());
		},
	};
}
