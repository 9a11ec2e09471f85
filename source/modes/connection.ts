/**
 * Where the app's AWS calls go: real AWS through the standard credential chain, or (with --demo)
 * a simulator on a free loopback port with throwaway credentials: inside this process, or
 * on the AWS thread (the TUI's, below), which then starts it itself.
 *
 * The TUI runs the SDK on its own thread as well (source/aws/remote): reading a large cluster's
 * answers would otherwise hold key presses back. `--once` has no keys to answer and calls in
 * this process, which starts faster.
 */
import type {HandOff} from '../store/writes/hand-off.js';
import type {AwsAdapters} from '../aws/adapters.js';
import type {RequestStats} from '../aws/request-stats.js';
import type {SessionCredentials} from '../aws/credentials.js';
import {mergedProfiles, mfaSerialOf} from '../aws/profile-chain.js';
import type {SharedFileTexts} from '../aws/aws-config-files.js';
import type {AwsThreadOptions} from '../aws/remote/protocol.js';
import {inspectAwsConfig, type AppOptions} from '../options.js';
import {connectionLabel, demoRegion} from './connection-target.js';
import {appendLog, logFilePath} from './log-file.js';

export interface Connection {
	adapters: AwsAdapters;
	/** Every HTTP attempt, for the header's calls/min and throttling. */
	stats: RequestStats;
	/** The region the clients resolved (flag, environment or profile). */
	region(): Promise<string>;
	endpointUrl: string | undefined;
	/** Where ECS calls go when not to AWS's own endpoint (flag, environment or profile). */
	endpoint(): Promise<string | undefined>;
	/** What the header shows as the profile: the profile name, `demo`, or undefined. */
	label: string | undefined;
	close(): Promise<void>;
}

/** A demo's simulator, as a connection needs it: where it listens, and how to end it. */
export interface DemoSim {
	url: string;
	close(): Promise<void>;
}

export type DemoSimStarter = (demo: NonNullable<AppOptions['demo']>) => Promise<DemoSim>;

/** The simulator in this process (--once: nothing else to run beside it). */
export const startDemoSimInProcess: DemoSimStarter = async (demo) => {
	// Loaded only for --demo: a real-AWS session never pays for the simulator's code paths.
	const {startSim} = await import('../sim/index.js');
	return startSim({scenario: demo.scenario, seed: demo.seed});
};

export type ConnectOptions = {
	/** With --demo, where the simulator comes from (default: this process). */
	readonly startDemoSim?: DemoSimStarter;
	/** The built aws-thread.js: the SDK then runs on that thread instead of this one. */
	readonly awsThread?: URL;
	/**
	 * Temporary credentials resolved at start for a profile whose role needs an MFA code
	 * (mfa-prompt.ts): used while that profile is the session's.
	 */
	readonly sessionCredentials?: SessionCredentials | undefined;
	/** With --debug, where the line per AWS call goes; default the log file. */
	readonly debugLog?: (line: string) => void;
	/** How `e` and `F` hand the terminal to the `aws` CLI (the live view's own); none: refused. */
	readonly handOff?: HandOff;
	/**
	 * Nothing will be written (`--once`): the in-process clients may then keep each command's
	 * middleware chain (clients.ts, `readsOnly`).
	 */
	readonly readsOnly?: boolean;
};

const demoCredentials = {accessKeyId: 'ECSTOPDEMO', secretAccessKey: 'ecs-top-demo-not-a-secret'};

/**
 * What the AWS thread is told for --demo: all of it known from the flags, so cli.tsx sends it as
 * the thread starts, and the thread starts the simulator itself (aws-thread.ts). connect() asks
 * for a thread with exactly these, which takes that one. With `clusters` (the live view's), the
 * thread also makes the first poll's calls as soon as the simulator listens (foreseen-calls.ts).
 */
export function demoThreadOptions(
	options: Pick<AppOptions, 'demo' | 'region' | 'debug'> & Partial<Pick<AppOptions, 'clusters'>>,
): AwsThreadOptions | undefined {
	if (options.demo === undefined) return undefined;
	return {
		region: options.region ?? demoRegion,
		credentials: demoCredentials,
		debug: options.debug,
		demo: {scenario: options.demo.scenario, seed: options.demo.seed},
		...(options.clusters === undefined ? {} : {foresee: {clusters: [...options.clusters]}}),
	};
}

type ClientOptions = {
	region?: string | undefined;
	profile?: string | undefined;
	endpointUrl?: string | undefined;
	credentials?: typeof demoCredentials;
	sessionCredentials?: SessionCredentials | undefined;
	sharedFiles?: SharedFileTexts | undefined;
	debugLog?: ((line: string) => void) | undefined;
	readsOnly?: boolean | undefined;
};

/**
 * The clients' options for real AWS, from the configuration as checked at start: the region as
 * the AWS CLI picks it, passed explicitly (the SDK alone would not read AWS_DEFAULT_REGION), and
 * the shared files' text as read under their bounds, for the SDK to parse instead of opening
 * them itself. A profile whose role needs an MFA code works only with the credentials its code
 * was typed for at start: nobody can be asked for one once the live view runs.
 */
async function awsClientOptions(
	options: AppOptions,
	session: SessionCredentials | undefined,
): Promise<ClientOptions> {
	const setup = await inspectAwsConfig(options);
	if (!setup.ok) throw new Error(setup.error);
	const {profile, config} = setup.value;
	const sessionCredentials = session?.profile === profile ? session : undefined;
	const mfa = mfaSerialOf(mergedProfiles(config), profile);
	if (sessionCredentials === undefined && mfa !== undefined) {
		throw new Error(
			`profile ${profile} assumes ${mfa.roleArn} with an MFA code (${mfa.serial}), which ecs-top asks for only at start: start ecs-top with --profile ${profile}`,
		);
	}
	return {
		region: setup.value.region,
		profile: options.profile,
		endpointUrl: options.endpointUrl,
		sessionCredentials,
		sharedFiles: config.texts,
	};
}

export async function connect(
	options: AppOptions,
	connectOptions: ConnectOptions = {},
): Promise<Connection> {
	const {startDemoSim = startDemoSimInProcess, awsThread} = connectOptions;
	const label = connectionLabel(options);
	const log = logFilePath();
	const debugLog = options.debug
		? (connectOptions.debugLog ?? ((line: string) => appendLog(log, `debug: ${line}`)))
		: undefined;
	// With the SDK on its thread, --demo's simulator runs there too (demoThreadOptions).
	const demoOnThread = awsThread === undefined ? undefined : demoThreadOptions(options);
	if (demoOnThread !== undefined && awsThread !== undefined)
		return demoConnectionOnThread(demoOnThread, awsThread, label, debugLog);
	const sim = options.demo === undefined ? undefined : await startDemoSim(options.demo);
	const clientOptions: ClientOptions = {
		...(sim === undefined
			? await awsClientOptions(options, connectOptions.sessionCredentials)
			: {region: options.region ?? demoRegion, endpointUrl: sim.url, credentials: demoCredentials}),
		debugLog,
		readsOnly: connectOptions.readsOnly,
	};
	const aws =
		awsThread === undefined
			? await inProcess(clientOptions, {listPagesFirst: connectOptions.readsOnly === true})
			: await onThread(clientOptions, awsThread);
	return {
		...aws,
		endpointUrl: clientOptions.endpointUrl,
		label,
		async close() {
			await aws.destroy();
			await sim?.close();
		},
	};
}

async function demoConnectionOnThread(
	threadOptions: AwsThreadOptions,
	entry: URL,
	label: string | undefined,
	debugLog: ((line: string) => void) | undefined,
): Promise<Connection> {
	const {startRemoteAws} = await import('../aws/remote/remote-aws.js');
	const remote = startRemoteAws({
		...threadOptions,
		entry,
		...(debugLog === undefined ? {} : {debugLog}),
	});
	let endpointUrl: string;
	try {
		// Known as soon as the thread's simulator listens: the prestarted thread's, long before now.
		endpointUrl = await remote.demoSimUrl!;
	} catch (error) {
		await remote.destroy();
		throw error;
	}
	return {
		adapters: remote.adapters,
		stats: remote.stats,
		region: remote.region,
		endpoint: remote.endpoint,
		endpointUrl,
		label,
		// Ending the thread ends the simulator on it.
		close: remote.destroy,
	};
}

type Aws = Pick<Connection, 'adapters' | 'stats' | 'region' | 'endpoint'> & {
	destroy(): Promise<void>;
};

/**
 * The clients in this process. `listPagesFirst` for a snapshot of everything (`--once`, the one
 * that reads only): nothing is on screen to come first, and the longest list is the last to end.
 */
async function inProcess(
	options: ClientOptions,
	adapterOptions: {listPagesFirst: boolean},
): Promise<Aws> {
	const [{createAwsClients}, {createAwsAdapters}] = await Promise.all([
		import('../aws/clients.js'),
		import('../aws/adapters.js'),
	]);
	const clients = createAwsClients(options);
	return {
		adapters: createAwsAdapters(clients, adapterOptions),
		stats: clients.stats,
		region: clients.region,
		endpoint: clients.endpoint,
		async destroy() {
			clients.destroy();
		},
	};
}

async function onThread(options: ClientOptions, entry: URL): Promise<Aws> {
	const {startRemoteAws} = await import('../aws/remote/remote-aws.js');
	// The thread's own output (SDK warnings) goes where this process's stderr goes: the TUI's log.
	const {debugLog, ...threadOptions} = options;
	const remote = startRemoteAws({
		...threadOptions,
		entry,
		...(debugLog === undefined ? {} : {debugLog}),
	});
	return {
		adapters: remote.adapters,
		stats: remote.stats,
		region: remote.region,
		endpoint: remote.endpoint,
		destroy: remote.destroy,
	};
}
