/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of the tarball into a prefix of
 * its own. Shared by the package test and bench:package.
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {cp, lstat, mkdir, readdir, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What a clone has that a build or an install adds: left out of a clean copy. */
const notInAClone = new Set(['.git', 'node_modules', 'dist', 'coverage', '.bench-out']);

/**
 * npm run by `npm test` hands its children its own settings as npm_* variables (the project's
 * prefix among them): the npm run here must see only its own directory and flags.
 */
function npmEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

async function npm(args: string[], cwd: string): Promise<string> {
	const {stdout} = await execFileAsync('npm', args, {
		cwd,
		env: npmEnv(),
		maxBuffer: 16 * 1024 * 1024,
	});
	return stdout;
}

/**
 * The repository as a fresh clone has it, at `into`: no dist/, and the repository's node_modules
 * linked in, as `npm ci` would have filled it, for the build that `npm pack` runs.
 */
export async function cleanCopy(into: string): Promise<string> {
	await cp(repoRoot, into, {
		recursive: true,
		filter: (source) => {
			const relative = source.slice(repoRoot.length);
			const top = relative.split(/[\\/]/)[0] ?? '';
			return !notInAClone.has(top) && !relative.endsWith('.log') && !relative.endsWith('.tgz');
		},
	});
	await symlink(join(repoRoot, 'node_modules'), join(into, 'node_modules'), 'dir');
	return into;
}

/**
 * `npm pack` of the project at `dir` into `destination`; `runScripts: false` packs the dist/ that
 * is there instead of building it (prepack) again. Returns the tarball's path.
 */
export async function pack(
	dir: string,
	destination: string,
	{runScripts}: {runScripts: boolean},
): Promise<string> {
	await mkdir(destination, {recursive: true});
	const args = [
		'pack',
		'--pack-destination',
		destination,
		...(runScripts ? [] : ['--ignore-scripts']),
	];
	await npm(args, dir);
	// The tarball is found by listing, not from npm's output: prepack's build prints there too.
	const tarballs = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
	if (tarballs.length !== 1)
		throw new Error(`npm pack left ${tarballs.join(', ') || 'no tarball'}`);
	return join(destination, tarballs[0]!);
}

export interface Installed {
	/** The `ecs-top` command the install put on the prefix's bin/. */
	bin: string;
	/** The installed package's directory. */
	packageDir: string;
	installMs: number;
}

/**
 * `npm install -g --prefix PREFIX TARBALL`, offline: a package that needs anything but itself
 * fails here rather than quietly fetching it.
 */
export async function installGlobally(tarball: string, prefix: string): Promise<Installed> {
	await mkdir(prefix, {recursive: true});
	const started = performance.now();
	await npm(
		['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
		prefix,
	);
	const installMs = performance.now() - started;
	const bin = join(prefix, 'bin', 'ecs-top');
	const packageDir = join(prefix, 'lib', 'node_modules', 'ecs-top');
	if (!existsSync(bin)) throw new Error(`the install made no ${bin}`);
	return {bin, packageDir, installMs};
}

/** Bytes of the files under `path` (links counted as links, not followed). */
export async function treeBytes(path: string): Promise<number> {
	const stats = await lstat(path);
	if (!stats.isDirectory()) return stats.size;
	let total = 0;
	for (const entry of await readdir(path)) total += await treeBytes(join(path, entry));
	return total;
}
