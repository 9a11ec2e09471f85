/**
 * What a user installs: the tarball `npm pack` makes, installed with `npm install -g` into a prefix
 * of its own with no registry, and run from there, away from this repository's node_modules.
 *
 * Under `npm test`, which has just built dist/, the tarball is packed from that build. Run any
 * other way (vitest alone, CI's second Node), it is packed from a clean copy of the repository,
 * where `npm pack` has to build dist/ itself.
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error: the build scripts are plain JavaScript, checked with @ts-check on their own.
import {launcherNodeFlags} from '../../scripts/launcher.mjs';
import type {OnceDocument} from '../../source/modes/once-document.js';
import {cleanCopy, installGlobally, pack, repoRoot, treeBytes, type Installed} from './pack.js';

const execFileAsync = promisify(execFile);
/** Decimal, as npm reports sizes. */
const MB = 1_000_000;

const builtByNpmTest =
	process.env['npm_lifecycle_event'] === 'test' && existsSync(join(repoRoot, 'dist', 'cli.js'));

const projectManifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
	version: string;
};

let work: string;
let tarball: string;
let installed: Installed;
let prefix: string;

/** Runs the installed command as a user's shell would: from elsewhere, with a home of its own. */
async function ecsTop(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
	const home = join(work, 'home');
	const env: NodeJS.ProcessEnv = {
		PATH: process.env['PATH'],
		HOME: home,
		XDG_STATE_HOME: join(home, '.local', 'state'),
		XDG_CONFIG_HOME: join(home, '.config'),
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
		...extraEnv,
	};
	return execFileAsync(installed.bin, args, {cwd: work, env, timeout: 60_000});
}

describe(`the package, packed from ${builtByNpmTest ? "npm test's build" : 'a clean copy'}`, () => {
	beforeAll(async () => {
		work = await mkdtemp(join(tmpdir(), 'ecs-top-package-'));
		let source = repoRoot;
		if (!builtByNpmTest) {
			source = await cleanCopy(join(work, 'clone'));
			expect(existsSync(join(source, 'dist'))).toBe(false);
		}
		tarball = await pack(source, join(work, 'packed'), {runScripts: !builtByNpmTest});
		prefix = join(work, 'prefix');
		installed = await installGlobally(tarball, prefix);
	}, 300_000);

	afterAll(async () => {
		if (work !== undefined) await rm(work, {recursive: true, force: true});
	});

	it('installs the ecs-top command, which prints the version package.json has', async () => {
		const {stdout} = await ecsTop(['--version']);
		expect(stdout.trim()).toBe(projectManifest.version);
	});

	it('starts node with the flags of its launcher lines, through the bin npm linked', async () => {
		const hook = join(work, 'report-exec-argv.cjs');
		await writeFile(
			hook,
			"require('node:fs').writeSync(2, 'EXEC-ARGV ' + JSON.stringify(process.execArgv) + '\\n');\n",
		);
		const {stdout, stderr} = await ecsTop(['--version'], {NODE_OPTIONS: `--require ${hook}`});
		expect(stdout.trim()).toBe(projectManifest.version);
		expect(JSON.parse(/^EXEC-ARGV (.*)$/mu.exec(stderr)?.[1] ?? 'null')).toEqual(launcherNodeFlags);
	});

	it('runs the demo snapshot with nothing installed but itself', async () => {
		const {stdout} = await ecsTop(['--demo', '--once', '--json']);
		const document = JSON.parse(stdout) as OnceDocument;
		expect(document.clusters.map((cluster) => cluster.name).sort()).toEqual([
			'batch',
			'staging',
			'web',
		]);
		expect(document.tasks.length).toBeGreaterThan(0);
	});

	it('installs no other package and runs no install script', async () => {
		expect(await readdir(join(prefix, 'lib', 'node_modules'))).toEqual(['ecs-top']);
		expect(existsSync(join(installed.packageDir, 'node_modules'))).toBe(false);
		const manifest = JSON.parse(
			await readFile(join(installed.packageDir, 'package.json'), 'utf8'),
		) as {dependencies?: object; scripts?: Record<string, string>};
		expect(manifest.dependencies ?? {}).toEqual({});
		for (const hook of ['preinstall', 'install', 'postinstall'])
			expect(manifest.scripts?.[hook]).toBeUndefined();
	});

	it('fits the size budget: packed under 2 MB, installed under 15 MB, no source maps', async () => {
		expect((await stat(tarball)).size).toBeLessThan(2 * MB);
		expect(await treeBytes(prefix)).toBeLessThan(15 * MB);
		const files = await readdir(join(installed.packageDir, 'dist'), {recursive: true});
		expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
	});

	it('ships the MIT licence and the licence of every package the bundle contains', async () => {
		const licence = await readFile(join(installed.packageDir, 'LICENSE'), 'utf8');
		expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the ecs-top authors\n/);

		// esbuild heads each module's code with its path: the packages actually in the bundle.
		const dist = join(installed.packageDir, 'dist');
		const files = [
			...(await readdir(dist)).filter((name) => name.endsWith('.js')),
			...(await readdir(join(dist, 'chunks'))).map((name) => join('chunks', name)),
		];
		const bundled = new Set<string>();
		for (const file of files) {
			const code = await readFile(join(dist, file), 'utf8');
			for (const [, name] of code.matchAll(
				/^\/\/ (?:.*\/)?node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\/[^\n]*$/gm,
			))
				bundled.add(name!);
		}
		expect(bundled).toContain('ink');
		expect(bundled).toContain('@aws-sdk/client-ecs');

		const notices = await readFile(join(dist, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
		const listed = new Set(
			[...notices.matchAll(/^ {2}(\S+) \S+ \([^)]+\)$/gm)].map(([, name]) => name!),
		);
		expect([...listed].sort()).toEqual([...bundled].sort());
		expect(notices).toContain('Apache License\n');
		expect(notices).toContain('Permission is hereby granted, free of charge');
	});
});
