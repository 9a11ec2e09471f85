// An esbuild bundle: unbundled ink + react + the SDK clients take ~0.75 s and 160 MB to import
// (see ../shared/DESIGN.md); a bundle halves that. It is split into chunks (dist/chunks/) that
// cli.tsx imports per mode, so `--help` or a bad flag compiles and runs only the flag parsing,
// `--once` never loads Ink or React, and the TUI can draw before the SDK is loaded: V8 compiles
// and evaluates only what a run imports (a single 5.9 MB file cost ~400 ms before `--help`). react-devtools-core is an optional Ink
// dependency that is only loaded in DEV mode, so it is aliased to an empty module.
//
// Ink and a few of its dependencies are patched in node_modules when the project is installed
// (patch-package, run by `npm install` and `npm ci`: see patches/ and docs/patches.md), so the
// bundle, the tests and `tsx` runs all use the same patched code and this build changes none of it.
import {build} from 'esbuild';
import {chmod, rm} from 'node:fs/promises';
import {pathToFileURL} from 'node:url';

export const buildOptions = {
	// The demo's simulator thread (source/sim/worker/): cli.js starts it as ./sim-worker.js.
	entryPoints: [
		'cli.tsx',
		{in: 'source/sim/worker/sim-worker.ts', out: 'sim-worker'},
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
	sourcemap: 'linked',
	legalComments: 'none',
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
	// Chunk names carry a hash: without this, every build would leave the last one's behind.
	await rm('dist/chunks', {recursive: true, force: true});
	await build(buildOptions);
	await chmod('dist/cli.js', 0o755);
}
