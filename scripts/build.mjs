// One esbuild bundle: unbundled ink + react + the SDK clients take ~0.75 s and 160 MB to import
// (see ../shared/DESIGN.md); a bundle halves that. react-devtools-core is an optional Ink
// dependency that is only loaded in DEV mode, so it is aliased to an empty module.
import {build} from 'esbuild';
import {chmod, readFile} from 'node:fs/promises';

/**
 * Ink 6.8.0's incremental renderer moves the cursor up one line too few when the previous frame
 * ended in a newline (every frame shorter than the terminal, which is how we keep Ink from
 * clearing the screen): each redraw lands one row lower and leaves the old first line behind.
 * Its own shrink branch already counts that trailing slot; the grow/equal branch does not. We
 * patch that one expression at bundle time, and fail the build if Ink's code no longer has it,
 * so an Ink upgrade makes someone look again (test/e2e checks the screen in a real terminal).
 */
const inkIncrementalFix = {
	name: 'ink-incremental-cursor-fix',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const buggy = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(buggy)) {
				throw new Error(
					`Ink's log-update.js changed: re-check the incremental cursor fix in scripts/build.mjs`,
				);
			}
			const fixed =
				"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
			return {contents: source.replace(buggy, fixed), loader: 'js'};
		});
	},
};

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
	plugins: [inkIncrementalFix],
	logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
