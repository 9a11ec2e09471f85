/**
 * The app's options, validated from the command line's flags and the AWS shared config files.
 * Every bad value is one line that says what is accepted (cli.tsx prints it and exits 2);
 * nothing here touches AWS.
 */
import type {SharedConfig} from './aws/shared-config.js';
import {demoRegion} from './modes/connection-target.js';
import {scenarioNames, type ScenarioName} from './sim/scenarios/names.js';

export interface AppOptions {
	mode: 'tui' | 'once';
	json: boolean;
	profile: string | undefined;
	region: string | undefined;
	endpointUrl: string | undefined;
	/** Clusters to show (names or ARNs); empty means all. */
	clusters: string[];
	refreshMs: number;
	readOnly: boolean;
	maxFps: number;
	color: boolean;
	/** Run against an in-process simulator of this scenario instead of AWS. */
	demo: {scenario: ScenarioName; seed: number} | undefined;
	/** A line per AWS call in the log file (operation, duration, status, attempts, request id). */
	debug: boolean;
}

export interface RawAppFlags {
	once?: boolean;
	json?: boolean;
	profile?: string;
	region?: string;
	endpointUrl?: string;
	cluster?: string[];
	refresh?: number;
	readOnly?: boolean;
	maxFps?: number;
	color?: boolean;
	demo?: boolean;
	demoScenario?: string;
	seed?: number;
	debug?: boolean;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function parseAppOptions(
	flags: RawAppFlags,
	env: NodeJS.ProcessEnv = process.env,
): Parsed<AppOptions> {
	if (flags.json && !flags.once)
		return {ok: false, error: '--json goes with --once (ecs-top --once --json)'};
	const refresh = flags.refresh ?? 5;
	if (!(refresh >= 1 && refresh <= 3600)) {
		return {ok: false, error: `--refresh must be seconds from 1 to 3600, not ${flags.refresh}`};
	}
	// Ink spaces frames at least 1000/maxFps ms apart: at 10 a held key could not be answered in
	// under 50 ms (p50) or 30 ms (p95). Only changed lines are written, so 30 stays frugal.
	const maxFps = flags.maxFps ?? 30;
	if (!Number.isInteger(maxFps) || maxFps < 1 || maxFps > 60) {
		return {ok: false, error: `--max-fps must be a whole number from 1 to 60, not ${flags.maxFps}`};
	}
	if (flags.region !== undefined && !regionPattern.test(flags.region)) {
		return {
			ok: false,
			error: `--region ${JSON.stringify(flags.region)} is not an AWS region name (like us-east-1)`,
		};
	}
	if (flags.profile !== undefined && flags.profile.trim() === '') {
		return {ok: false, error: '--profile must name a profile from ~/.aws/config'};
	}
	if (flags.endpointUrl !== undefined) {
		let url: URL;
		try {
			url = new URL(flags.endpointUrl);
		} catch {
			return {
				ok: false,
				error: `--endpoint-url ${JSON.stringify(flags.endpointUrl)} is not a URL (like http://127.0.0.1:4566)`,
			};
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			return {ok: false, error: `--endpoint-url must be http:// or https://, not ${url.protocol}`};
		}
	}
	const clusters = (flags.cluster ?? []).map((name) => name.trim());
	if (clusters.some((name) => name === ''))
		return {ok: false, error: '--cluster needs a cluster name or ARN'};

	let demo: AppOptions['demo'];
	if (flags.demo || flags.demoScenario !== undefined) {
		if (flags.endpointUrl !== undefined || flags.profile !== undefined) {
			return {
				ok: false,
				error: '--demo runs against a built-in simulator: leave out --endpoint-url and --profile',
			};
		}
		const scenario = flags.demoScenario ?? 'demo';
		if (!(scenarioNames as readonly string[]).includes(scenario)) {
			return {
				ok: false,
				error: `--demo-scenario must be one of ${scenarioNames.join(', ')}, not ${scenario}`,
			};
		}
		const seed = flags.seed ?? 1;
		if (!Number.isSafeInteger(seed) || seed < 0)
			return {ok: false, error: `--seed must be a whole number of 0 or more, not ${flags.seed}`};
		demo = {scenario: scenario as ScenarioName, seed};
	} else if (flags.seed !== undefined) {
		return {ok: false, error: '--seed goes with --demo'};
	}

	return {
		ok: true,
		value: {
			mode: flags.once ? 'once' : 'tui',
			json: flags.json ?? false,
			profile: flags.profile,
			region: flags.region,
			endpointUrl: flags.endpointUrl,
			clusters,
			refreshMs: refresh * 1000,
			readOnly: flags.readOnly ?? false,
			maxFps,
			// https://no-color.org: any non-empty NO_COLOR turns colour off.
			color: (flags.color ?? true) && !(env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== ''),
			demo,
			debug: flags.debug ?? false,
		},
	};
}

/**
 * Checks an AWS shared config or credentials file for what the AWS CLI refuses: a section header
 * without its `]`, a line that is neither a setting nor a section, a setting before any section.
 * The SDK's loader (which ecs-top uses for the values) skips such lines silently, which turns a
 * typo into a puzzling "profile not found" or "no region" later; this only finds them, the values
 * are the SDK's.
 */
export function lintAwsIni(text: string, path: string): string | undefined {
	let inSection = false;
	const lines = text.split(/\r?\n/);
	for (const [index, raw] of lines.entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
		const where = `${path} line ${index + 1}`;
		// Indented lines continue a setting (`s3 =` then `  max_concurrent_requests = 20`).
		if (/^\s/.test(raw)) {
			if (!inSection) return `${where}: indented line before any [section]`;
			continue;
		}
		if (line.startsWith('[')) {
			if (!/^\[([^\]]+)\]\s*(?:[#;].*)?$/.test(line))
				return `${where}: cannot read section header ${JSON.stringify(line)}`;
			inSection = true;
			continue;
		}
		const setting = /^([^=]+?)\s*=/.exec(line);
		if (setting === null) return `${where}: expected key = value, not ${JSON.stringify(line)}`;
		if (!inSection) return `${where}: setting ${setting[1]} comes before any [section]`;
	}
	return undefined;
}

/** Where the profile and region of the options came from, as the messages name them. */
export type ConfigSources = {readonly profile: string; readonly region: string};

const flagSources: ConfigSources = {profile: '--profile', region: '--region'};

/** What the AWS configuration says a session runs as, once it has been checked. */
export type AwsSetup = {
	/** Both files as the SDK parsed them, from text read under a size and time bound. */
	readonly config: SharedConfig;
	/** The profile whose settings apply: --profile, AWS_PROFILE, else `default`. */
	readonly profile: string;
	/** Whether that profile was named (flag or AWS_PROFILE) rather than the default. */
	readonly profileNamed: boolean;
	/** The profile's settings (credentials file over config file), if it has any. */
	readonly settings: Record<string, string | undefined> | undefined;
	readonly region: string;
	/** Where the region came from, as messages name it. */
	readonly regionSource: string;
};

/**
 * The region as the AWS CLI v2 picks it: --region, AWS_REGION, AWS_DEFAULT_REGION, then the
 * profile's `region` in the config file. The SDK for JavaScript reads neither AWS_DEFAULT_REGION
 * nor only the config file (it prefers a region in the credentials file), so the region found
 * here is handed to the clients explicitly.
 */
export function awsRegionCandidates(
	options: Pick<AppOptions, 'region'>,
	env: NodeJS.ProcessEnv,
	config: SharedConfig,
	profile: string,
	sources: ConfigSources = flagSources,
): [source: string, value: string | undefined][] {
	return [
		[sources.region, options.region],
		['AWS_REGION', env['AWS_REGION'] || undefined],
		['AWS_DEFAULT_REGION', env['AWS_DEFAULT_REGION'] || undefined],
		[
			`region of profile ${profile} in ${config.texts.paths.config}`,
			config.configFile[profile]?.['region'] || undefined,
		],
	];
}

/**
 * The AWS configuration a real-AWS session runs with, or the one line saying what a user must fix
 * first (exit code 2, like a bad flag): a shared file that is not a regular file, over 1 MiB, slow
 * to read or malformed; a named profile found in neither file; no region from --region,
 * AWS_REGION, AWS_DEFAULT_REGION or the profile, or one that is not a region name. What only AWS
 * can judge (refused or expired credentials, an unreachable endpoint) is exit code 1, later.
 */
export async function inspectAwsConfig(
	options: AppOptions,
	env: NodeJS.ProcessEnv = process.env,
	sources: ConfigSources = flagSources,
): Promise<Parsed<AwsSetup>> {
	// The SDK's loader, only once AWS configuration is needed: `--help` does not load it.
	const {readSharedFiles, parseWithSdk, profileSettings} = await import('./aws/shared-config.js');
	const texts = await readSharedFiles(env);
	if (!texts.ok) return texts;
	for (const [path, text] of [
		[texts.value.paths.config, texts.value.config],
		[texts.value.paths.credentials, texts.value.credentials],
	] as const) {
		const problem = text === undefined ? undefined : lintAwsIni(text, path);
		if (problem !== undefined) return {ok: false, error: problem};
	}
	const config = await parseWithSdk(texts.value);
	const {paths} = texts.value;

	const named = options.profile ?? (env['AWS_PROFILE'] || undefined);
	const profile = named ?? 'default';
	const settings = profileSettings(config, profile);
	if (named !== undefined && settings === undefined) {
		const source = options.profile === undefined ? 'AWS_PROFILE' : sources.profile;
		return {
			ok: false,
			error: `AWS profile ${named} (from ${source}) is not in ${paths.config} or ${paths.credentials}`,
		};
	}

	const found = awsRegionCandidates(options, env, config, profile, sources).find(
		([, value]) => value !== undefined,
	);
	if (found === undefined) {
		return {
			ok: false,
			error: `no AWS region: use ${sources.region}, set AWS_REGION or AWS_DEFAULT_REGION, or set region in profile ${profile} of ${paths.config}`,
		};
	}
	const [regionSource, region] = found as [string, string];
	if (!regionPattern.test(region))
		return {
			ok: false,
			error: `${regionSource} ${JSON.stringify(region)} is not an AWS region name (like us-east-1)`,
		};
	return {
		ok: true,
		value: {config, profile, profileNamed: named !== undefined, settings, region, regionSource},
	};
}

/** `inspectAwsConfig`'s verdict alone: undefined when a real-AWS session can start (or --demo). */
export async function checkAwsConfig(
	options: AppOptions,
	env: NodeJS.ProcessEnv = process.env,
	sources: ConfigSources = flagSources,
): Promise<string | undefined> {
	if (options.demo !== undefined) return undefined;
	const setup = await inspectAwsConfig(options, env, sources);
	return setup.ok ? undefined : setup.error;
}

/**
 * What `:profile NAME` or `:region NAME` asks for. A key that is there with no value goes back
 * to what ecs-top was started with (the --profile or --region flag, else the environment and the
 * default credential chain).
 */
export type SwitchTarget = {
	readonly profile?: string | undefined;
	readonly region?: string | undefined;
};

/**
 * The options a live switch to another profile or region would run with, checked as the command
 * line's are (an unknown profile, a malformed region, an unreadable config file), so that a switch
 * that cannot work is refused before the session it would replace is touched. The messages are
 * the command line's, naming `:profile` or `:region` where the value came from the switch.
 */
export async function switchedOptions(
	current: AppOptions,
	initial: AppOptions,
	target: SwitchTarget,
	env: NodeJS.ProcessEnv = process.env,
): Promise<Parsed<AppOptions>> {
	if (current.demo !== undefined) {
		return {
			ok: false,
			error: `--demo has one simulated account in ${current.region ?? demoRegion}: :profile and :region switch real AWS profiles and regions (start ecs-top without --demo)`,
		};
	}
	const next: AppOptions = {...current};
	if ('profile' in target) next.profile = target.profile ?? initial.profile;
	if ('region' in target) next.region = target.region ?? initial.region;
	if (next.profile !== undefined && next.profile.trim() === '')
		return {ok: false, error: ':profile needs a profile name from ~/.aws/config'};
	const sources: ConfigSources = {
		profile: next.profile === initial.profile ? '--profile' : ':profile',
		region: next.region === initial.region ? '--region' : ':region',
	};
	if (next.region !== undefined && !regionPattern.test(next.region)) {
		return {
			ok: false,
			error: `${sources.region} ${JSON.stringify(next.region)} is not an AWS region name (like us-east-1)`,
		};
	}
	const problem = await checkAwsConfig(next, env, sources);
	return problem === undefined ? {ok: true, value: next} : {ok: false, error: problem};
}
