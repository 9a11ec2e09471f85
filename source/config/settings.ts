/**
 * The settings a run uses, each with where it came from. One order for all of them: a flag, then
 * the environment, then the config file (the AWS profile's `[profiles.NAME]` section before the
 * top of the file), then the default. `--print-config` shows the result; the options are built
 * from it.
 *
 * Two exceptions, both for safety: a config file that makes a profile read-only cannot be
 * overridden by `--no-read-only` (the run is refused, so the user sees why), and `--demo` uses
 * none of the file's AWS settings (profile, region, clusters, `[profiles.*]`): they name a real
 * account, not the simulated one.
 */
import type {Parsed} from '../options.js';
import type {ConfigFile, FileSettings, Located} from './config-file.js';

export type SettingSource =
	| {readonly kind: 'flag'; readonly flag: string}
	| {readonly kind: 'env'; readonly variable: string}
	| {readonly kind: 'file'; readonly path: string; readonly line: number}
	| {readonly kind: 'default'};

export type Setting<T> = {readonly value: T; readonly source: SettingSource};

export type Settings = {
	/** Undefined: the AWS SDK's default profile. */
	readonly profile: Setting<string | undefined>;
	/** Undefined: the region of the AWS profile (in ~/.aws/config), read by the SDK. */
	readonly region: Setting<string | undefined>;
	/** Empty: every cluster. */
	readonly clusters: Setting<readonly string[]>;
	/** Seconds. */
	readonly refresh: Setting<number>;
	readonly maxFps: Setting<number>;
	readonly color: Setting<boolean>;
	readonly readOnly: Setting<boolean>;
};

/** The flags' values, already checked (cli.tsx reads them as text; options.ts checks them). */
export type FlagSettings = {
	readonly profile?: string | undefined;
	readonly region?: string | undefined;
	readonly clusters?: readonly string[] | undefined;
	readonly refresh?: number | undefined;
	readonly maxFps?: number | undefined;
	readonly color?: boolean | undefined;
	readonly readOnly?: boolean | undefined;
};

/** The names flags have on the command line, for the sources. */
export const flagNames: {readonly [K in keyof Settings]: string} = {
	profile: '--profile',
	region: '--region',
	clusters: '--cluster',
	refresh: '--refresh',
	maxFps: '--max-fps',
	color: '--color',
	readOnly: '--read-only',
};

/** Each setting's default, the one place it is written (the help and the store read it here). */
export const defaults = {refresh: 5, maxFps: 30} as const;

const nonEmpty = (value: string | undefined): string | undefined =>
	value === undefined || value === '' ? undefined : value;

/** The first of the candidates that has a value. */
function first<T>(...candidates: (Setting<T> | undefined)[]): Setting<T> | undefined {
	return candidates.find((candidate) => candidate !== undefined);
}

/** A boolean flag set to false was typed as its negation: `--no-color`. */
const fromFlag = <T>(key: keyof Settings, value: T | undefined): Setting<T> | undefined =>
	value === undefined
		? undefined
		: {
				value,
				source: {
					kind: 'flag',
					flag: value === false ? `--no-${flagNames[key].slice(2)}` : flagNames[key],
				},
			};

const fromEnv = <T>(variable: string, value: T | undefined): Setting<T> | undefined =>
	value === undefined ? undefined : {value, source: {kind: 'env', variable}};

const fromFile = <T>(path: string, located: Located<T> | undefined): Setting<T> | undefined =>
	located === undefined
		? undefined
		: {value: located.value, source: {kind: 'file', path, line: located.line}};

const byDefault = <T>(value: T): Setting<T> => ({value, source: {kind: 'default'}});

export function resolveSettings(
	flags: FlagSettings,
	env: NodeJS.ProcessEnv,
	file: ConfigFile | undefined,
	mode: {readonly demo: boolean},
): Parsed<Settings> {
	// --demo's account is the simulator's: a file's profile, region and clusters are a real one's.
	const awsFile = mode.demo ? undefined : file;
	const path = file?.path ?? '';
	const profile =
		first(
			fromFlag('profile', flags.profile),
			fromEnv('AWS_PROFILE', nonEmpty(env['AWS_PROFILE'])),
			fromFile(path, awsFile?.profile),
		) ?? byDefault(undefined);
	// The section of the profile in use: `[profiles.default]` when none is named.
	const section: FileSettings = awsFile?.profiles.get(profile.value ?? 'default') ?? {};
	const top: FileSettings = file?.defaults ?? {};
	type ValueOf<K extends keyof FileSettings> = NonNullable<FileSettings[K]>['value'];
	const fileValue = <K extends keyof FileSettings>(
		key: K,
		aws = false,
	): Setting<ValueOf<K>> | undefined =>
		first(
			fromFile(path, section[key] as Located<ValueOf<K>> | undefined),
			fromFile(path, aws && mode.demo ? undefined : (top[key] as Located<ValueOf<K>> | undefined)),
		);

	const region =
		first<string | undefined>(
			fromFlag('region', flags.region),
			fromEnv('AWS_REGION', nonEmpty(env['AWS_REGION'])),
			fromEnv('AWS_DEFAULT_REGION', nonEmpty(env['AWS_DEFAULT_REGION'])),
			fileValue('region', true),
		) ?? byDefault(undefined);
	const clusters =
		first<readonly string[]>(
			flags.clusters !== undefined && flags.clusters.length > 0
				? fromFlag('clusters', flags.clusters)
				: undefined,
			fileValue('clusters', true),
		) ?? byDefault([]);
	const refresh =
		first(fromFlag('refresh', flags.refresh), fileValue('refresh')) ?? byDefault(defaults.refresh);
	const maxFps =
		first(fromFlag('maxFps', flags.maxFps), fileValue('maxFps')) ?? byDefault(defaults.maxFps);
	// https://no-color.org: any non-empty NO_COLOR turns colour off.
	const color =
		first(
			fromFlag('color', flags.color),
			fromEnv('NO_COLOR', nonEmpty(env['NO_COLOR']) === undefined ? undefined : false),
			fileValue('color'),
		) ?? byDefault(true);

	const fileReadOnly = fileValue('readOnly');
	if (flags.readOnly === false && fileReadOnly?.value === true) {
		const where = fileReadOnly.source.kind === 'file' ? `:${fileReadOnly.source.line}` : '';
		const whose =
			section.readOnly === undefined ? '' : ` for profile ${profile.value ?? 'default'}`;
		return {
			ok: false,
			error: `--no-read-only: ${path}${where} sets readOnly = true${whose}, and a flag cannot undo it (edit the file to allow changes)`,
		};
	}
	const readOnly =
		first(
			flags.readOnly === true ? fromFlag('readOnly', true) : undefined,
			fileReadOnly,
			flags.readOnly === false ? fromFlag('readOnly', false) : undefined,
		) ?? byDefault(false);

	return {ok: true, value: {profile, region, clusters, refresh, maxFps, color, readOnly}};
}

/** `flag --region`, `env AWS_REGION`, `file /home/me/.config/ecs-top/config:3`, `default`. */
export function describeSource(source: SettingSource): string {
	switch (source.kind) {
		case 'flag':
			return `flag ${source.flag}`;
		case 'env':
			return `env ${source.variable}`;
		case 'file':
			return `file ${source.path}:${source.line}`;
		case 'default':
			return 'default';
	}
}
