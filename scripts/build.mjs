// An esbuild bundle: unbundled ink + react + the SDK clients take ~0.75 s and 160 MB to import
// (see ../shared/DESIGN.md); a bundle halves that. It is split into chunks (dist/chunks/) that
// cli.tsx imports per mode, so `--help` or a bad flag compiles and runs only the flag parsing,
// `--once` never loads Ink or React, and the TUI can draw before the SDK is loaded: V8 compiles
// and evaluates only what a run imports (a single 5.9 MB file cost ~400 ms before `--help`). react-devtools-core is an optional Ink
// dependency that is only loaded in DEV mode, so it is aliased to an empty module.
//
// Ink is patched at bundle time (below): one bug fix, a frame throttle that counts from the last
// frame, and caches that make a frame cost what changed on screen rather than every cell of it. Each patch names the exact code it replaces and
// the build fails when Ink's code no longer has it, so an Ink upgrade makes someone look again
// (test/e2e checks the screen in a real terminal; bench:ui measures the frames). meow gets one
// patch too, so that parsing flags does not evaluate code only `cli.pkg` needs.
import {build} from 'esbuild';
import {chmod, readFile, rm} from 'node:fs/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {runtimeExternals, writeThirdPartyNotices} from './third-party-notices.mjs';

/**
 * Ink 6.8.0's incremental renderer moves the cursor up one line too few when the previous frame
 * ended in a newline (every frame shorter than the terminal, which is how we keep Ink from
 * clearing the screen): each redraw lands one row lower and leaves the old first line behind.
 * Its own shrink branch already counts that trailing slot; the grow/equal branch does not.
 */
const incrementalCursorFix = {
	file: 'log-update.js',
	replacements: [
		[
			'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
			"buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
		],
	],
};

/**
 * When the last frame was as tall as the terminal (the window has just been made shorter), Ink
 * redraws after `clearTerminal`: ESC[2J ESC[3J ESC[H, and ESC[3J erases the scrollback. The live
 * view draws on the alternate screen, which has no scrollback of its own, so all ESC[3J can erase
 * is the shell's: in tmux 3.3a, making the window shorter while ecs-top ran dropped every line
 * the user had scrolled past (the alternate screen shares the pane's history). `clearViewport`
 * is the same without ESC[3J.
 */
const keepScrollback = {
	file: 'ink.js',
	replacements: [
		[
			'this.options.stdout.write(ansiEscapes.clearTerminal + this.fullStaticOutput + output);',
			'this.options.stdout.write(ansiEscapes.clearViewport + this.fullStaticOutput + output);',
		],
	],
};

/**
 * Ink spaces frames with es-toolkit's `throttle`, which is a debounce with a maximum wait: a frame
 * asked for within 1000/maxFps ms of the previous one waits that long from its own request, not
 * from the previous frame. At startup the first data (the clusters) arrived ~15 ms after the
 * header's account had been drawn and waited a further 34 ms; a key pressed just after a refresh
 * frame waits the same. Here frames are still at most one per 1000/maxFps ms, but a frame that
 * has to wait is drawn as soon as that interval since the last one has passed.
 */
const frameThrottle = {
	file: 'ink.js',
	replacements: [
		[
			'            const throttled = throttle(this.onRender, renderThrottleMs, {\n                leading: true,\n                trailing: true,\n            });',
			'            const throttled = ecsTopFrameThrottle(this.onRender, renderThrottleMs);',
		],
		[
			'export default class Ink {',
			[
				'function ecsTopFrameThrottle(render, intervalMs) {',
				'    let lastRun = -Infinity;',
				'    let timer;',
				'    const run = () => {',
				'        timer = undefined;',
				'        lastRun = Date.now();',
				'        render();',
				'    };',
				'    const throttled = () => {',
				'        if (timer !== undefined) return;',
				'        const wait = lastRun + intervalMs - Date.now();',
				'        if (wait <= 0) run();',
				'        else timer = setTimeout(run, wait);',
				'    };',
				'    throttled.flush = () => {',
				'        if (timer === undefined) return;',
				'        clearTimeout(timer);',
				'        run();',
				'    };',
				'    throttled.cancel = () => {',
				'        clearTimeout(timer);',
				'        timer = undefined;',
				'    };',
				'    return throttled;',
				'}',
				'export default class Ink {',
			].join('\n'),
		],
	],
};

/** Entries a cache may hold before it starts over: a few screens of distinct lines. */
const cacheLimit = 4096;
/**
 * Tokenized lines are the heavy entries (an object per character): 4,096 of them held ~165,000
 * objects, ~13 MB, once scrolling had filled the cache. 256 is still a few screens: a 200x50 screen draws about 50.
 */
const styledLineLimit = 256;

/**
 * Ink builds every frame from scratch: it tokenizes each line written (ANSI codes into styled
 * characters), measures every character's width, slices every line inside an `overflow: hidden`
 * box, and turns the 10,000 cells of a 200x50 screen back into strings. Its caches for this live
 * on the per-frame Output object, so they are empty on every frame (bench:ui profile: ~25 ms a
 * frame at 200x50, most of a key press's cost with 20,000 tasks). Here:
 * - the caches are shared by all frames (bounded, pure functions of the text);
 * - a line that fits its clip box is not sliced (slicing it whole gives the same characters);
 * - blank cells are one shared object, so a screen row made of the same cells as last frame's
 *   reuses last frame's string instead of re-encoding 200 cells.
 */
const sharedOutputCaches = {
	file: 'output.js',
	replacements: [
		[
			'            cached = styledCharsFromTokens(tokenize(line));\n            this.styledChars.set(line, cached);',
			`            cached = styledCharsFromTokens(tokenize(line));\n            if (this.styledChars.size >= ${styledLineLimit}) this.styledChars.clear();\n            this.styledChars.set(line, cached);`,
		],
		[
			'            cached = stringWidth(text);\n            this.widths.set(text, cached);',
			`            cached = stringWidth(text);\n            if (this.widths.size >= ${cacheLimit}) this.widths.clear();\n            this.widths.set(text, cached);`,
		],
		[
			'            cached = lineWidth;\n            this.blockWidths.set(text, cached);',
			`            cached = lineWidth;\n            if (this.blockWidths.size >= ${cacheLimit}) this.blockWidths.clear();\n            this.blockWidths.set(text, cached);`,
		],
		[
			'export default class Output {',
			[
				'const ecsTopSharedCaches = new OutputCaches();',
				"const ecsTopBlankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};",
				"/** Last frame's rows: cells and the string they made. */",
				'let ecsTopPreviousRows = [];',
				'function ecsTopRowString(y, cells) {',
				'    const previous = ecsTopPreviousRows[y];',
				'    if (previous !== undefined && previous.cells.length === cells.length) {',
				'        let same = true;',
				'        for (let i = 0; i < cells.length; i++) {',
				'            if (previous.cells[i] !== cells[i]) {',
				'                same = false;',
				'                break;',
				'            }',
				'        }',
				'        if (same) return previous.text;',
				'    }',
				'    const text = styledCharsToString(cells).trimEnd();',
				'    ecsTopPreviousRows[y] = {cells, text};',
				'    return text;',
				'}',
				'export default class Output {',
			].join('\n'),
		],
		['    caches = new OutputCaches();', '    caches = ecsTopSharedCaches;'],
		[
			"                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
			'                row.push(ecsTopBlankCell);',
		],
		[
			'                            return sliceAnsi(line, from, to);',
			'                            return from === 0 && to >= width ? line : sliceAnsi(line, from, to);',
		],
		[
			'        const generatedOutput = output\n            .map(line => {',
			'        if (ecsTopPreviousRows.length > output.length) ecsTopPreviousRows.length = output.length;\n        const generatedOutput = output\n            .map((line, y) => {',
		],
		[
			'            return styledCharsToString(lineWithoutEmptyItems).trimEnd();',
			'            return ecsTopRowString(y, lineWithoutEmptyItems);',
		],
	],
};

/** Every <Text> is measured on every frame with an uncached widest-line scan. */
const cachedTextWidth = {
	file: 'render-node-to-output.js',
	replacements: [
		[
			'const renderNodeToOutput = (node, output, options) => {',
			[
				'const ecsTopWidthCache = new Map();',
				'const ecsTopWidestLine = (text) => {',
				'    let width = ecsTopWidthCache.get(text);',
				'    if (width === undefined) {',
				'        width = widestLine(text);',
				`        if (ecsTopWidthCache.size >= ${cacheLimit}) ecsTopWidthCache.clear();`,
				'        ecsTopWidthCache.set(text, width);',
				'    }',
				'    return width;',
				'};',
				'const renderNodeToOutput = (node, output, options) => {',
			].join('\n'),
		],
		['const currentWidth = widestLine(text);', 'const currentWidth = ecsTopWidestLine(text);'],
	],
};

/**
 * Ink's text measuring and wrapping caches never forget: scrolling through 20,000 tasks kept
 * every row's text (and its measure) forever. Bounded here.
 */
const boundedTextCaches = [
	{
		file: 'measure-text.js',
		replacements: [
			[
				'    cache.set(text, dimensions);',
				`    if (cache.size >= ${cacheLimit}) cache.clear();\n    cache.set(text, dimensions);`,
			],
		],
	},
	{
		file: 'wrap-text.js',
		replacements: [
			['const cache = {};', 'const cache = new Map();'],
			['    const cachedText = cache[cacheKey];', '    const cachedText = cache.get(cacheKey);'],
			[
				'    cache[cacheKey] = wrappedText;',
				`    if (cache.size >= ${cacheLimit}) cache.clear();\n    cache.set(cacheKey, wrappedText);`,
			],
		],
	},
];

/**
 * Yoga (Ink's layout engine, yoga-layout 3.2) loads its WebAssembly from a base64 data: URL, and
 * does it with `fetch` whenever `fetch` exists: on Node that first use of `fetch` loads Node's
 * bundled undici, ~70 ms of the TUI's startup (profile of `--demo`) for a fetch that only decodes
 * the string. Its own synchronous base64 decoding, taken when there is no `fetch`, is used always.
 */
const yogaWithoutFetch = {
	file: 'yoga-wasm-base64-esm.js',
	replacements: [
		['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return w||true?'],
	],
};

/**
 * Turning a screen row's cells back into a string diffs each cell's styles with the previous
 * cell's (three Sets and four arrays a cell): at 200x50 that is 10,000 diffs a frame, ~120 ms of
 * the first frame while the code is still cold (profile of `--demo`). Cells of one styled run
 * hold the very same code objects, and blank cells hold none: for those the diff is empty, so it
 * is skipped. (Ink's dependency @alcalzone/ansi-tokenize 0.2.)
 */
const styleDiffOnlyOnChange = {
	file: 'styledChars.js',
	replacements: [
		[
			'export function styledCharsToString(chars) {',
			[
				'function ecsTopSameCodes(a, b) {',
				'    if (a === b) return true;',
				'    if (a.length !== b.length) return false;',
				'    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;',
				'    return true;',
				'}',
				'export function styledCharsToString(chars) {',
			].join('\n'),
		],
		[
			'            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
			'            if (!ecsTopSameCodes(chars[i - 1].styles, char.styles))\n                ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
		],
		[
			'        if (i === chars.length - 1) {',
			'        if (i === chars.length - 1 && char.styles.length > 0) {',
		],
		// Every character got its own copy of the styles and a spread of its token, ~165,000 objects
		// of many shapes in Ink's line cache while scrolling 20,000 tasks (~50 MB): one shape, and the
		// styles list shared by the characters it applies to. Safe because reduceAnsiCodesIncremental
		// always returns a new list and nothing in Ink or here writes to `.styles`.
		[
			'            ret.push({\n                ...token,\n                styles: [...codes],\n            });',
			"            ret.push({type: 'char', value: token.value, fullWidth: token.fullWidth, styles: codes});",
		],
	],
};

/**
 * meow evaluates normalize-package-data when it is imported (its bundle calls `requireNormalize()`
 * at the top), which sorts SPDX's list of licence ids among other things: ~25 ms of every start,
 * `--help` included (profile of `--version`), for a function meow itself calls only when `cli.pkg`
 * is read, which ecs-top never does. Loaded on first call instead.
 */
const meowLazyPackageNormalizer = {
	file: 'dependencies.js',
	replacements: [
		[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
			'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
		],
	],
};

/**
 * Code point ranges drawn one column wide whatever surrounds them (with string-width's default
 * `ambiguousIsNarrow`): printable ASCII and Latin-1 (not the soft hyphen), general punctuation
 * (not its zero-width and bidi controls), arrows, box drawing, block elements and geometric shapes
 * (not the two drawn as emoji). The screen is made of these: borders, sparklines, meters, ▲▼, …
 * `checkNarrowRanges` proves the claim against string-width itself before every build.
 */
const narrowRanges = [
	[0x20, 0x7e],
	[0xa0, 0xac],
	[0xae, 0xff],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x2190, 0x21ff],
	[0x2500, 0x25fc],
];
const hex = (codePoint) => `\\u${codePoint.toString(16).padStart(4, '0')}`;
const narrowTextPattern = `^[${narrowRanges.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]*$`;

/**
 * Every code point of `narrowRanges` is one column to string-width, and a grapheme of its own
 * beside any other (so a string of them is as wide as it is long): else the build fails.
 */
async function checkNarrowRanges() {
	const {default: stringWidth} = await import('string-width');
	const graphemes = new Intl.Segmenter();
	for (const [from, to] of narrowRanges) {
		for (let codePoint = from; codePoint <= to; codePoint++) {
			const character = String.fromCodePoint(codePoint);
			const alone = [...graphemes.segment(`a${character}a${character}${character}`)].length === 5;
			if (stringWidth(character) !== 1 || !alone)
				throw new Error(`U+${codePoint.toString(16)} is not always one column: fix narrowRanges`);
		}
	}
}

/**
 * string-width (8.x, Ink's and ours) measures any text that is not plain ASCII by segmenting it
 * into graphemes and testing each against the RGI emoji set, a regular expression V8 takes ~35 ms
 * to build (at import) and ~35 ms more to compile (first use): ~110 ms of a cold first frame at
 * 200x50 went to the first box-drawing and ▲ characters (profile of `--demo`). Text made only of
 * `narrowRanges` is as wide as it is long, as for ASCII; the emoji expression is built only when
 * something else needs it.
 */
const stringWidthNarrowText = {
	file: 'index.js',
	// Only the top-level copy: wrap-ansi's own (7.x) is different code.
	path: fileURLToPath(import.meta.resolve('string-width')),
	replacements: [
		[
			'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
			`let ecsTopRgiEmojiRegex;\nconst rgiEmojiRegex = {test: (text) => (ecsTopRgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(text)};\nconst ecsTopNarrowText = new RegExp(${JSON.stringify(narrowTextPattern)});`,
		],
		[
			'	if (/^[\\u0020-\\u007E]*$/.test(string)) {\n		return string.length;\n	}',
			'	if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && ecsTopNarrowText.test(string))) {\n		return string.length;\n	}',
		],
	],
	check: checkNarrowRanges,
};

export const bundlePatches = [
	incrementalCursorFix,
	keepScrollback,
	frameThrottle,
	sharedOutputCaches,
	cachedTextWidth,
	...boundedTextCaches,
	yogaWithoutFetch,
	styleDiffOnlyOnChange,
	meowLazyPackageNormalizer,
	stringWidthNarrowText,
];

/**
 * An esbuild plugin applying `bundlePatches` to Ink's build files (and Yoga's loader, Ink's ANSI
 * tokenizer, string-width and meow's bundled dependencies), failing if one does not apply or its
 * check fails.
 */
export const bundlePatchPlugin = {
	name: 'ecs-top-bundle-patches',
	setup(build) {
		const filter = new RegExp(
			[
				String.raw`[\\/]ink[\\/]build[\\/][a-z-]+\.js$`,
				String.raw`[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$`,
				String.raw`[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$`,
				String.raw`[\\/]meow[\\/]build[\\/]dependencies\.js$`,
				String.raw`[\\/]string-width[\\/]index\.js$`,
			].join('|'),
		);
		build.onStart(async () => {
			for (const patch of bundlePatches) await patch.check?.();
		});
		build.onLoad({filter}, async (args) => {
			const file = args.path.split(/[\\/]/).at(-1);
			const patches = bundlePatches.filter(
				(patch) => patch.file === file && (patch.path === undefined || patch.path === args.path),
			);
			if (patches.length === 0) return undefined;
			let source = await readFile(args.path, 'utf8');
			for (const patch of patches) {
				for (const [before, after] of patch.replacements) {
					if (source.split(before).length !== 2) {
						throw new Error(
							`${file} changed: re-check the patch of "${before.trim().split('\n')[0]}" in scripts/build.mjs`,
						);
					}
					source = source.replace(before, () => after);
				}
			}
			return {contents: source, loader: 'js'};
		});
	},
};

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
	plugins: [bundlePatchPlugin],
	logLevel: 'warning',
};

// Imported by benches that bundle their own entry with the same patches; run, it builds the CLI.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	// Chunk names carry a hash, and a --sourcemap build leaves maps: without this, a build would
	// keep the last one's files (and `npm pack` ship them).
	await rm('dist', {recursive: true, force: true});
	const {metafile} = await build(buildOptions);
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
