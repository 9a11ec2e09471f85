// One esbuild bundle: unbundled ink + react + the SDK clients take ~0.75 s and 160 MB to import
// (see ../shared/DESIGN.md); a bundle halves that. react-devtools-core is an optional Ink
// dependency that is only loaded in DEV mode, so it is aliased to an empty module.
import {build} from 'esbuild';
import {chmod} from 'node:fs/promises';

await build({
	entryPoints: ['cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minifyWhitespace: false,
	sourcemap: 'linked',
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/empty-module.mjs'},
	banner: {
		js: [
			'#!/usr/bin/env node',
			"import {createRequire as __ecsTopCreateRequire} from 'node:module';",
			'const require = __ecsTopCreateRequire(import.meta.url);',
		].join('\n'),
	},
	logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
