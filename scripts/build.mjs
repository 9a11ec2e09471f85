// @ts-check
// An esbuild bundle: unbundled ink + react + the SDK clients take ~0.75 s and 160 MB to import
// (measured before the first line of the app); a bundle halves that. It is split into chunks (dist/chunks/) that
// cli.tsx imports per mode, so `--help` or a bad flag compiles and runs only the flag parsing,
// `--once` never loads Ink or React, and the TUI can draw before the SDK is loaded: V8 compiles
// and evaluates only what a run imports (a single 5.9 MB file cost ~400 ms before `--help`). react-devtools-core is an optional Ink
// dependency that is only loaded in DEV mode, so it is aliased to an empty module.
//
// Ink and a few of its dependencies are patched in node_modules when the project is installed
// (patch-package, run by `npm install` and `npm ci`: see patches/ and docs/patches.md), so the
// bundle, the tests and `tsx` runs all use the same patched code and this build changes none of it.
import {build} from 'esbuild';
import {chmod, readFile, rm, writeFile} from 'node:fs/promises';
import {pathToFileURL} from 'node:url';
import {withLauncherHeader} from './launcher.mjs';
import {runtimeExternals, writeThirdPartyNotices} from './third-party-notices.mjs';

/** @satisfies {import('esbuild').BuildOptions} */
export const buildOptions = {
	// dist/cli.js is the command's first module (source/cli/launch.ts): it starts the AWS thread
	// before Node compiles the rest, then imports cli.tsx (dist/main.js, beside it so that its
	// `import.meta.url` finds the thread and package.json as before). The AWS thread
	// (source/aws/remote/) is ./aws-thread.js; with --demo it serves the simulator too, whose code
	// is a chunk it imports only then.
	entryPoints: [
		{in: 'source/cli/launch.ts', out: 'cli'},
		{in: 'cli.tsx', out: 'main'},
		{in: 'source/aws/remote/aws-thread.ts', out: 'aws-thread'},
	],
	outdir: 'dist',
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	// ESM builds first: the AWS SDK's clients ship both, and their CommonJS ones (esbuild's default
	// for Node) cannot be tree-shaken and are copied export by export into ESM wrappers at load,
	// ~1.7 MB and ~100 ms more for the session's first import than their ES modules.
	mainFields: ['module', 'main'],
	target: 'node20',
	format: 'esm',
	minifyWhitespace: false,
	// No source maps unless asked for (`npm run build -- --sourcemap`, e.g. to profile): they would
	// be 8.6 MB of the installed 13.4 MB and 1.4 MB of the packed 2.3 MB, and the bundle is not
	// minified, so a stack trace already names the functions and each module's path is a comment.
	sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
	// The licences are in dist/THIRD-PARTY-NOTICES.txt, whole, rather than scattered comments.
	legalComments: 'none',
	// What went into the output: the notices and the runtime-dependency check read it.
	metafile: true,
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	// On every chunk, not just the entry: esbuild's `__require` shim (CommonJS packages such as
	// React calling require) lives in a shared chunk and reads the `require` in its own scope.
	banner: {
		js: [
			'#!/usr/bin/env node',
			"import {createRequire as __ecsTopCreateRequire} from 'node:module';",
			'const require = __ecsTopCreateRequire(import.meta.url);',
		].join('\n'),
	},
	logLevel: 'warning',
};

// Importable for its options; run, it builds the CLI.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	// Chunk names carry a hash, and a --sourcemap build leaves maps: without this, a build would
	// keep the last one's files (and `npm pack` ship them).
	await rm('dist', {recursive: true, force: true});
	const {metafile} = await build(buildOptions);
	// The command starts node with flags of its own (scripts/launcher.mjs).
	await writeFile('dist/cli.js', withLauncherHeader(await readFile('dist/cli.js', 'utf8')));
	await chmod('dist/cli.js', 0o755);
	// The package installs nothing but itself: whatever the bundle leaves for Node to find at run
	// time has to be a dependency, and nothing else should be.
	const {dependencies = {}} = JSON.parse(await readFile('package.json', 'utf8'));
	const needed = runtimeExternals(metafile);
	const declared = Object.keys(dependencies).sort();
	if (needed.join() !== declared.join()) {
		throw new Error(
			`package.json dependencies should be what the bundle leaves external: [${needed.join(', ')}], ` +
				`not [${declared.join(', ')}]. Bundled packages belong in devDependencies.`,
		);
	}
	await writeThirdPartyNotices(metafile, 'dist/THIRD-PARTY-NOTICES.txt');
}
