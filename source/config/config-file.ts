/**
 * ecs-top's own config file: TOML, read with toml-eslint-parser, which gives every key its line
 * (a wrong value is reported at its line, and `--print-config` says which line set what).
 *
 *   profile = "dev"
 *   region = "eu-west-1"
 *   clusters = ["web", "batch"]
 *   refresh = 10
 *   maxFps = 30
 *   color = true
 *   readOnly = false
 *
 *   [profiles.prod]        # applies when the AWS profile in use is prod
 *   readOnly = true
 *   region = "us-east-1"
 *
 * A bad file is refused whole, with one line naming the file, the line and the key: an unknown
 * key (a typo would otherwise be silently ignored), a value of the wrong type or out of range,
 * TOML that does not parse.
 */
import type {AST} from 'toml-eslint-parser';
import type {Parsed} from '../options.js';
import {readTextFile} from './read-text-file.js';
import {checkMaxFps, checkRefresh, checkRegion, describeValue, type Check} from './values.js';

/** A value and the line of the file that set it. */
export type Located<T> = {readonly value: T; readonly line: number};

/** What the file says for every profile, or for one profile. */
export type FileSettings = {
	readonly region?: Located<string>;
	readonly clusters?: Located<readonly string[]>;
	readonly refresh?: Located<number>;
	readonly maxFps?: Located<number>;
	readonly color?: Located<boolean>;
	readonly readOnly?: Located<boolean>;
};

export type ConfigFile = {
	readonly path: string;
	/** The AWS profile to use when neither --profile nor AWS_PROFILE names one. */
	readonly profile: Located<string> | undefined;
	/** The top of the file: every profile's. */
	readonly defaults: FileSettings;
	/** `[profiles.NAME]`: only while the AWS profile in use is NAME; over the defaults. */
	readonly profiles: ReadonlyMap<string, FileSettings>;
};

/** A config file is a few lines: anything this large is not one, and is not read whole. */
export const maxConfigBytes = 256 * 1024;

type SettingKey = keyof FileSettings;
const settingKeys: readonly SettingKey[] = [
	'region',
	'clusters',
	'refresh',
	'maxFps',
	'color',
	'readOnly',
];
const topLevelKeys = ['profile', ...settingKeys, 'profiles'];

const checks: {readonly [K in SettingKey]: (value: unknown) => Check<unknown>} = {
	region: (value) =>
		typeof value === 'string' ? checkRegion(value) : {ok: false, expected: 'a region name'},
	clusters: (value) =>
		Array.isArray(value) && value.every((name) => typeof name === 'string' && name.trim() !== '')
			? {ok: true, value: value.map((name: string) => name.trim())}
			: {ok: false, expected: 'a list of cluster names or ARNs, like ["web", "batch"]'},
	refresh: (value) =>
		typeof value === 'number' ? checkRefresh(value) : {ok: false, expected: 'a number of seconds'},
	maxFps: (value) =>
		typeof value === 'number'
			? checkMaxFps(value)
			: {ok: false, expected: 'a whole number from 1 to 60'},
	color: (value) =>
		typeof value === 'boolean' ? {ok: true, value} : {ok: false, expected: 'true or false'},
	readOnly: (value) =>
		typeof value === 'boolean' ? {ok: true, value} : {ok: false, expected: 'true or false'},
};

/** The line of every key path in the file, dotted keys and inline tables included. */
function keyLines(program: AST.TOMLProgram): Map<string, number> {
	const lines = new Map<string, number>();
	const note = (path: readonly (string | number)[], line: number) => {
		for (let length = 1; length <= path.length; length++) {
			const key = path.slice(0, length).join('\u0000');
			if (!lines.has(key)) lines.set(key, line);
		}
	};
	const keyNames = (key: AST.TOMLKey) =>
		key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
	const visitPairs = (pairs: readonly AST.TOMLKeyValue[], base: readonly (string | number)[]) => {
		for (const pair of pairs) {
			const path = [...base, ...keyNames(pair.key)];
			note(path, pair.key.loc.start.line);
			if (pair.value.type === 'TOMLInlineTable') visitPairs(pair.value.body, path);
		}
	};
	for (const entry of program.body[0].body) {
		if (entry.type === 'TOMLKeyValue') visitPairs([entry], []);
		else {
			note(entry.resolvedKey, entry.loc.start.line);
			visitPairs(entry.body, entry.resolvedKey);
		}
	}
	return lines;
}

/** A near miss of a known key (`max-fps`, `readonly`): the spelling the file wants. */
function suggestion(key: string, known: readonly string[]): string {
	const squash = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
	const match = known.find((candidate) => squash(candidate) === squash(key));
	return match === undefined ? `known: ${known.join(', ')}` : `did you mean ${match}?`;
}

function isTable(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
	);
}

/** The file's text, checked; `path` is only for the messages and the sources. */
export async function parseConfigText(text: string, path: string): Promise<Parsed<ConfigFile>> {
	// Loaded only when there is a file to read: --help and runs without a file never pay for it.
	const {parseTOML, getStaticTOMLValue, ParseError} = await import('toml-eslint-parser');
	let program: AST.TOMLProgram;
	try {
		program = parseTOML(text);
	} catch (error) {
		if (!(error instanceof ParseError)) throw error;
		// An error found at the start of a blank line (a value missing at the end of the line
		// before, an unclosed string) belongs to the last line with something on it.
		const lines = text.split(/\r?\n/);
		let lineNumber = error.lineNumber;
		while (lineNumber > 1 && (lines[lineNumber - 1] ?? '').trim() === '') lineNumber--;
		const line = (lines[lineNumber - 1] ?? '').trim();
		const shown = line.length > 60 ? `${line.slice(0, 59)}…` : line;
		return {
			ok: false,
			error: `${path}:${lineNumber}: not valid TOML: ${error.message.replace(/\.$/, '')}${shown === '' ? '' : ` in ${JSON.stringify(shown)}`}`,
		};
	}
	const lines = keyLines(program);
	const lineOf = (path: readonly string[]): number => {
		for (let length = path.length; length > 0; length--) {
			const line = lines.get(path.slice(0, length).join('\u0000'));
			if (line !== undefined) return line;
		}
		return 1;
	};
	const root = getStaticTOMLValue(program) as Record<string, unknown>;
	const refuse = (keyPath: readonly string[], problem: string): Parsed<ConfigFile> => ({
		ok: false,
		error: `${path}:${lineOf(keyPath)}: ${keyPath.join('.')}: ${problem}`,
	});

	const settingsOf = (
		table: Record<string, unknown>,
		base: readonly string[],
	): {ok: true; value: FileSettings} | {ok: false; refused: Parsed<ConfigFile>} => {
		const settings: Record<string, Located<unknown>> = {};
		for (const [key, value] of Object.entries(table)) {
			if (base.length === 0 && (key === 'profile' || key === 'profiles')) continue;
			const keyPath = [...base, key];
			if (!(settingKeys as readonly string[]).includes(key)) {
				const known = base.length === 0 ? topLevelKeys : settingKeys;
				const hint =
					base.length > 0 && key === 'profile'
						? `goes at the top of the file ([${base.join('.')}] already is one profile's)`
						: `unknown key (${suggestion(key, known)})`;
				return {ok: false, refused: refuse(keyPath, hint)};
			}
			const checked = checks[key as SettingKey](value);
			if (!checked.ok)
				return {
					ok: false,
					refused: refuse(keyPath, `must be ${checked.expected}, not ${describeValue(value)}`),
				};
			settings[key] = {value: checked.value, line: lineOf(keyPath)};
		}
		return {ok: true, value: settings as FileSettings};
	};

	const defaults = settingsOf(root, []);
	if (!defaults.ok) return defaults.refused;

	let profile: Located<string> | undefined;
	if ('profile' in root) {
		const value = root['profile'];
		if (typeof value !== 'string' || value.trim() === '')
			return refuse(['profile'], `must be an AWS profile name, not ${describeValue(value)}`);
		profile = {value: value.trim(), line: lineOf(['profile'])};
	}

	const profiles = new Map<string, FileSettings>();
	if ('profiles' in root) {
		const table = root['profiles'];
		if (!isTable(table))
			return refuse(
				['profiles'],
				`must be tables like [profiles.prod], not ${describeValue(table)}`,
			);
		for (const [name, section] of Object.entries(table)) {
			if (!isTable(section))
				return refuse(
					['profiles', name],
					`must be a table ([profiles.${name}] then its settings), not ${describeValue(section)}`,
				);
			const settings = settingsOf(section, ['profiles', name]);
			if (!settings.ok) return settings.refused;
			profiles.set(name, settings.value);
		}
	}
	return {ok: true, value: {path, profile, defaults: defaults.value, profiles}};
}

/** The file at `path`, checked; undefined when there is none (a config file is optional). */
export async function readConfigFile(path: string): Promise<Parsed<ConfigFile | undefined>> {
	const file = readTextFile(path, maxConfigBytes);
	if (!file.ok) return file;
	if ('missing' in file.value) return {ok: true, value: undefined};
	return parseConfigText(file.value.text, path);
}
