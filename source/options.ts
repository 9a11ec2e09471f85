/**
 * The app's options, validated from the command line's flags and the AWS shared config files.
 * Every bad value is one line that says what is accepted (cli.tsx prints it and exits 2);
 * nothing here touches AWS.
 */
import type {SharedConfig} from './aws/aws-config-files.js';
import {demoRegion} from './modes/connection-target.js';
import {scenarioNames, type ScenarioName} from './sim/scenarios/names.js';
import type {ConfigFile} from './config/config-file.js';
import {resolveSettings, type Setting, type Settings} from './config/settings.js';
import {maxFpsFromFlag, refreshFromFlag, regionPattern, seedFromFlag} from './config/values.js';

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
	/** The live view starts on this service (a name or ARN), in whichever cluster has it. */
	service?: string | undefined;
	/**
	 * Each setting with where it came from (flag, environment, config file, default); with the
	 * flags and the file it was made from, so that `:profile` can apply another profile's part
	 * of the file as the command line would have.
	 */
	settings?: Settings | undefined;
	inputs?: {readonly flags: RawAppFlags; readonly file: ConfigFile | undefined} | undefined;
}

/**
 * The flags as the command line gives them. Numbers come as typed (a string), so that a refusal
 * can echo them: `--refresh abc: not a number of seconds`, not `not NaN`.
 */
export interface RawAppFlags {
	once?: boolean;
	json?: boolean;
	profile?: string;
	region?: string;
	endpointUrl?: string;
	cluster?: string[];
	refresh?: string | number;
	readOnly?: boolean;
	maxFps?: string | number;
	color?: boolean;
	demo?: boolean;
	demoScenario?: string;
	seed?: string | number;
	debug?: boolean;
	service?: string;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

/** A flag's number, checked from its text as typed; undefined when the flag is not given. */
function numberFlag(
	value: string | number | undefined,
	parse: (text: string) => {ok: true; value: number} | {ok: false; message?: string},
): Parsed<number | undefined> {
	if (value === undefined) return {ok: true, value: undefined};
	const parsed = parse(String(value));
	return parsed.ok ? parsed : {ok: false, error: parsed.message ?? String(value)};
}

/**
 * The options of a run: the flags, checked, over the environment, the config file and the
 * defaults (source/config/settings.ts has the order). `file` is ecs-top's config file, if any.
 */
export function parseAppOptions(
	flags: RawAppFlags,
	env: NodeJS.ProcessEnv = process.env,
	file?: ConfigFile,
): Parsed<AppOptions> {
	if (flags.json && !flags.once)
		return {ok: false, error: '--json goes with --once (ecs-top --once --json)'};
	const refresh = numberFlag(flags.refresh, refreshFromFlag);
	if (!refresh.ok) return refresh;
	const maxFps = numberFlag(flags.maxFps, maxFpsFromFlag);
	if (!maxFps.ok) return maxFps;
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
	const service = flags.service?.trim();
	if (service === '') return {ok: false, error: '--service needs a service name or ARN'};
	if (service !== undefined && flags.once) {
		return {
			ok: false,
			error:
				'--service starts the live view on a service; --once shows them all (limit it with --cluster)',
		};
	}

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
		const seed = numberFlag(flags.seed ?? 1, seedFromFlag);
		if (!seed.ok) return seed;
		demo = {scenario: scenario as ScenarioName, seed: seed.value ?? 1};
	} else if (flags.seed !== undefined) {
		return {ok: false, error: '--seed goes with --demo'};
	}

	const resolved = resolveSettings(
		{
			profile: flags.profile,
			region: flags.region,
			clusters,
			refresh: refresh.value,
			maxFps: maxFps.value,
			color: flags.color,
			readOnly: flags.readOnly,
		},
		env,
		file,
		{demo: demo !== undefined},
	);
	if (!resolved.ok) return resolved;
	const settings = resolved.value;
	// The environment's profile and region stay the SDK's to read (and checkAwsConfig's to name);
	// the options carry only what a flag or the file set.
	const ownValue = <T>(setting: Setting<T>): T | undefined =>
		setting.source.kind === 'flag' || setting.source.kind === 'file' ? setting.value : undefined;

	return {
		ok: true,
		value: {
			mode: flags.once ? 'once' : 'tui',
			json: flags.json ?? false,
			profile: ownValue(settings.profile),
			region: ownValue(settings.region),
			endpointUrl: flags.endpointUrl,
			clusters: [...settings.clusters.value],
			refreshMs: settings.refresh.value * 1000,
			readOnly: settings.readOnly.value,
			maxFps: settings.maxFps.value,
			color: settings.color.value,
			demo,
			debug: flags.debug ?? false,
			service,
			settings,
			inputs: {flags, file},
		},
	};
}

/**
 * How the AWS configuration messages name where the profile and the region came from: the flag,
 * or the config file's line.
 */
export function awsConfigSources(
	options: AppOptions,
	fallback: ConfigSources = flagSources,
): ConfigSources {
	const name = (setting: Setting<unknown> | undefined, otherwise: string) =>
		setting?.source.kind === 'file' ? `${setting.source.path}:${setting.source.line}` : otherwise;
	return {
		profile: name(options.settings?.profile, fallback.profile),
		region: name(options.settings?.region, fallback.region),
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
	const {readSharedFiles, parseWithSdk, profileSettings} =
		await import('./aws/aws-config-files.js');
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
	let next: AppOptions = {...current};
	if ('profile' in target) next.profile = target.profile ?? initial.profile;
	if ('region' in target) next.region = target.region ?? initial.region;
	if (next.profile !== undefined && next.profile.trim() === '')
		return {ok: false, error: ':profile needs a profile name from ~/.aws/config'};
	let sources: ConfigSources = {
		profile: next.profile === initial.profile ? '--profile' : ':profile',
		region: next.region === initial.region ? '--region' : ':region',
	};
	if (next.region !== undefined && !regionPattern.test(next.region)) {
		return {
			ok: false,
			error: `${sources.region} ${JSON.stringify(next.region)} is not an AWS region name (like us-east-1)`,
		};
	}
	// The other profile's part of the config file applies as if ecs-top had been started with
	// it: its region (unless a flag, the environment or :region chose one), its clusters, and
	// above all its readOnly, so a switch into a read-only profile cannot write.
	if (current.inputs !== undefined && initial.inputs !== undefined) {
		const flags: RawAppFlags = {...current.inputs.flags};
		for (const key of ['profile', 'region'] as const) {
			if (!(key in target)) continue;
			const value = target[key] ?? initial.inputs.flags[key];
			if (value === undefined) delete flags[key];
			else flags[key] = value;
		}
		const reparsed = parseAppOptions(flags, env, current.inputs.file);
		if (!reparsed.ok) return reparsed;
		next = {...reparsed.value, mode: current.mode, service: undefined};
		sources = awsConfigSources(next, sources);
	}
	const problem = await checkAwsConfig(next, env, sources);
	return problem === undefined ? {ok: true, value: next} : {ok: false, error: problem};
}
