/**
 * The AWS shared config and credentials files, read once with a size and a time bound and then
 * parsed by the SDK's own loader (`@smithy/core/config`, which the clients use), so that what
 * ecs-top checks and what the SDK later resolves cannot disagree.
 *
 * The SDK reads these files with an unbounded `readFile`: an AWS_CONFIG_FILE naming a FIFO waits
 * for a writer forever, `/dev/zero` fills memory. Here such a path is refused in one line before
 * the SDK ever opens it, and the text read under the bounds is handed to the SDK's loader
 * (`externalDataInterceptor`), so the SDK in this process parses exactly that text.
 */
import {constants} from 'node:fs';
import {open, type FileHandle} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {externalDataInterceptor, loadSharedConfigFiles} from '@smithy/core/config';

/** A real config file is a few KiB; anything this large is not one. */
export const maxSharedFileBytes = 1024 * 1024;
/** A local file reads in microseconds; a hung network mount must not hang start-up. */
export const sharedFileTimeoutMs = 3_000;

export type SharedConfigPaths = {readonly config: string; readonly credentials: string};

/** Where the SDK reads the shared files, as it does: AWS_CONFIG_FILE etc., `~` expanded. */
export function awsConfigPaths(env: NodeJS.ProcessEnv = process.env): SharedConfigPaths {
	const home = env['HOME'] || env['USERPROFILE'] || homedir();
	const expand = (path: string) => (path.startsWith('~/') ? join(home, path.slice(2)) : path);
	return {
		config: expand(env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config')),
		credentials: expand(env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials')),
	};
}

export type Read<T> = {ok: true; value: T} | {ok: false; error: string};

/** The text of both files as read under the bounds; undefined for a file that does not exist. */
export type SharedFileTexts = {
	readonly paths: SharedConfigPaths;
	readonly config: string | undefined;
	readonly credentials: string | undefined;
};

/** Sections by name, each a setting's value by key: the SDK's parsed form of one file. */
export type ParsedIniData = Record<string, Record<string, string | undefined>>;

/** Both files as the SDK parses them: profiles by name (`[profile x]` is `x`), sso-sessions as `sso-session.NAME`. */
export type SharedConfig = {
	readonly texts: SharedFileTexts;
	readonly configFile: ParsedIniData;
	readonly credentialsFile: ParsedIniData;
};

function fileKind(stat: {
	isDirectory(): boolean;
	isFIFO(): boolean;
	isCharacterDevice(): boolean;
	isBlockDevice(): boolean;
	isSocket(): boolean;
}): string {
	if (stat.isDirectory()) return 'a directory';
	if (stat.isFIFO()) return 'a named pipe (FIFO)';
	if (stat.isCharacterDevice()) return 'a character device';
	if (stat.isBlockDevice()) return 'a block device';
	if (stat.isSocket()) return 'a socket';
	return 'not a regular file';
}

async function readWithinSize(handle: FileHandle, named: string): Promise<Read<string>> {
	const stat = await handle.stat();
	if (!stat.isFile())
		return {
			ok: false,
			error: `${named} is ${fileKind(stat)}, not a file: cannot read it as AWS configuration`,
		};
	if (stat.size > maxSharedFileBytes)
		return {
			ok: false,
			error: `${named} is ${stat.size} bytes, over the 1 MiB an AWS config file can be: is it the right file?`,
		};
	// One byte more than allowed: a file that grew since the stat is caught too.
	const buffer = Buffer.alloc(maxSharedFileBytes + 1);
	let length = 0;
	while (length < buffer.length) {
		const {bytesRead} = await handle.read(buffer, length, buffer.length - length, length);
		if (bytesRead === 0) break;
		length += bytesRead;
	}
	if (length > maxSharedFileBytes)
		return {
			ok: false,
			error: `${named} is over the 1 MiB an AWS config file can be: is it the right file?`,
		};
	return {ok: true, value: buffer.subarray(0, length).toString('utf8')};
}

/**
 * One shared file's text, or why it cannot be read: not there is fine (credentials may come from
 * the environment or a role); anything but a regular file of at most 1 MiB, read within
 * `timeoutMs`, is refused. Opened non-blocking, so a FIFO without a writer does not wait.
 */
export async function readSharedFile(
	path: string,
	named: string,
	timeoutMs = sharedFileTimeoutMs,
): Promise<Read<string | undefined>> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<Read<string | undefined>>((resolve) => {
		timer = setTimeout(
			() =>
				resolve({
					ok: false,
					error: `reading ${named} took over ${timeoutMs / 1000} s: is it on a mount that hangs?`,
				}),
			timeoutMs,
		);
		timer.unref();
	});
	const reading = (async (): Promise<Read<string | undefined>> => {
		let handle: FileHandle;
		try {
			handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ok: true, value: undefined};
			return {ok: false, error: `cannot read ${named}: ${(error as Error).message}`};
		}
		try {
			return await readWithinSize(handle, named);
		} catch (error) {
			return {ok: false, error: `cannot read ${named}: ${(error as Error).message}`};
		} finally {
			await handle.close().catch(() => {});
		}
	})();
	try {
		return await Promise.race([reading, timedOut]);
	} finally {
		clearTimeout(timer);
	}
}

/** The path as messages name it: with the variable that chose it, when one did. */
function describedPath(path: string, variable: string, env: NodeJS.ProcessEnv): string {
	return env[variable] ? `${path} (from ${variable})` : path;
}

/** Reads both files under the bounds. */
export async function readSharedFiles(
	env: NodeJS.ProcessEnv = process.env,
	timeoutMs = sharedFileTimeoutMs,
): Promise<Read<SharedFileTexts>> {
	const paths = awsConfigPaths(env);
	const [config, credentials] = await Promise.all([
		readSharedFile(paths.config, describedPath(paths.config, 'AWS_CONFIG_FILE', env), timeoutMs),
		readSharedFile(
			paths.credentials,
			describedPath(paths.credentials, 'AWS_SHARED_CREDENTIALS_FILE', env),
			timeoutMs,
		),
	]);
	if (!config.ok) return config;
	if (!credentials.ok) return credentials;
	return {ok: true, value: {paths, config: config.value, credentials: credentials.value}};
}

/**
 * Hands texts read under the bounds to the SDK's loader in this thread: from now on the SDK
 * parses these, and never opens the files itself. (Without this it would read them once and keep
 * them for the life of the process anyway, so nothing it would have seen later is lost.)
 */
export function shareWithSdk(texts: SharedFileTexts): void {
	externalDataInterceptor.interceptFile(texts.paths.config, texts.config ?? '');
	externalDataInterceptor.interceptFile(texts.paths.credentials, texts.credentials ?? '');
}

/** The texts as the SDK's loader parses them (after `shareWithSdk`). */
export async function parseWithSdk(texts: SharedFileTexts): Promise<SharedConfig> {
	shareWithSdk(texts);
	const {configFile, credentialsFile} = await loadSharedConfigFiles({
		filepath: texts.paths.credentials,
		configFilepath: texts.paths.config,
	});
	return {texts, configFile, credentialsFile};
}

/** Reads both files under the bounds and parses them with the SDK's loader. */
export async function loadSharedConfig(
	env: NodeJS.ProcessEnv = process.env,
	timeoutMs = sharedFileTimeoutMs,
): Promise<Read<SharedConfig>> {
	const texts = await readSharedFiles(env, timeoutMs);
	if (!texts.ok) return texts;
	return {ok: true, value: await parseWithSdk(texts.value)};
}

/** A profile's settings as the SDK merges them for credentials: the credentials file's over the config's. */
export function profileSettings(
	config: SharedConfig,
	profile: string,
): Record<string, string | undefined> | undefined {
	const fromConfig = config.configFile[profile];
	const fromCredentials = config.credentialsFile[profile];
	if (fromConfig === undefined && fromCredentials === undefined) return undefined;
	return {...fromConfig, ...fromCredentials};
}
