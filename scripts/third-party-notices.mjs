// @ts-check
// The bundle (dist/) carries other people's code, and the package has no dependencies to carry
// their licences for them: this writes them beside the bundle. What counts is what esbuild put in
// the output, read from its metafile (an input file with bytes in some output), so a package the
// bundle tree-shakes away is not listed and one it gains is, without a list to keep by hand.
import {readdir, readFile, writeFile} from 'node:fs/promises';
import {isBuiltin} from 'node:module';
import {join, resolve} from 'node:path';

/** A package's own directory in an input path: the part up to its last node_modules/NAME. */
const packageDirPattern = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;
/** File names that hold licence terms or the notices the licence asks to keep (Apache's NOTICE). */
const licenceFilePattern = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/**
 * Packages the bundle may require that are not in it and are not needed: ws (Ink's devtools
 * client, never started outside DEV mode) tries these optional native speed-ups in a try/catch,
 * and https-proxy-agent imports kerberos only for a proxy that asks for Negotiate authentication,
 * saying in its error to install it (a native add-on we do not ship).
 */
const optionalExternals = new Set(['bufferutil', 'utf-8-validate', 'kerberos']);

/** @typedef {import('esbuild').Metafile} Metafile */
/**
 * The fields of a package.json read here.
 * @typedef {{
 *   name: string,
 *   version: string,
 *   license?: string,
 *   licenses?: {type: string}[],
 *   repository?: string | {url?: string},
 *   dependencies?: Record<string, string>,
 * }} Manifest
 */
/**
 * A bundled package and the licence text the notices give for it.
 * @typedef {{
 *   name: string,
 *   version: string,
 *   licence: string,
 *   repository: string | undefined,
 *   files: string[],
 *   text: string,
 *   source: string,
 *   inputs: Set<string>,
 * }} BundledPackage
 */

/**
 * Bare imports the bundle leaves to Node's resolver at run time, other than Node's own modules and
 * `optionalExternals`: each must be a runtime dependency of the package, as nothing else installs it.
 * @param {Metafile} metafile
 * @returns {string[]}
 */
export function runtimeExternals(metafile) {
	/** @type {Set<string>} */
	const names = new Set();
	for (const output of Object.values(metafile.outputs)) {
		for (const {path, external} of output.imports) {
			if (!external || isBuiltin(path) || optionalExternals.has(path)) continue;
			names.add(
				path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] ?? path),
			);
		}
	}
	return [...names].sort();
}

/**
 * Every package directory with code in the output, each with the input files that brought it.
 * @param {Metafile} metafile
 * @param {string} workingDir
 * @returns {Map<string, Set<string>>}
 */
function bundledPackageDirs(metafile, workingDir) {
	/** @type {Map<string, Set<string>>} */
	const dirs = new Map();
	for (const output of Object.values(metafile.outputs)) {
		for (const [input, {bytesInOutput}] of Object.entries(output.inputs)) {
			const match = packageDirPattern.exec(input);
			if (match?.[1] === undefined || bytesInOutput === 0) continue;
			const dir = resolve(workingDir, match[1]);
			const inputs = dirs.get(dir) ?? new Set();
			inputs.add(resolve(workingDir, input));
			dirs.set(dir, inputs);
		}
	}
	return dirs;
}

/**
 * The repository a package comes from, without the folder inside it: `github.com/owner/name`.
 * @param {Manifest} manifest
 * @returns {string | undefined}
 */
function repositoryOf(manifest) {
	const url =
		typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	if (url === undefined) return undefined;
	return url
		.replace(/^git\+/, '')
		.replace(/^(git|ssh|https?):\/\/(git@)?/, '')
		.replace(/^git@([^:]+):/, '$1/')
		.replace(/\.git$/, '')
		.toLowerCase();
}

/** @param {Manifest} manifest */
function licenceOf(manifest) {
	if (typeof manifest.license === 'string') return manifest.license;
	if (Array.isArray(manifest.licenses)) return manifest.licenses.map((l) => l.type).join(' OR ');
	return 'unknown';
}

/**
 * @param {string} dir
 * @param {Set<string>} inputs
 * @returns {Promise<BundledPackage>}
 */
async function readPackage(dir, inputs) {
	/** @type {Manifest} */
	const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
	const files = (await readdir(dir, {withFileTypes: true}))
		.filter((entry) => entry.isFile() && licenceFilePattern.test(entry.name))
		.map((entry) => entry.name)
		.sort();
	const texts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
	return {
		name: manifest.name,
		version: manifest.version,
		licence: licenceOf(manifest),
		repository: repositoryOf(manifest),
		files,
		text: texts.map((text) => text.trim()).join('\n\n'),
		source: `its ${files.join(', ')}`,
		inputs,
	};
}

/**
 * `Copyright ...` lines from the package's bundled files (the bundle itself keeps no comments).
 * @param {Iterable<string>} inputs
 */
async function copyrightLines(inputs) {
	/** @type {Set<string>} */
	const lines = new Set();
	for (const input of inputs) {
		const source = await readFile(input, 'utf8');
		for (const [line] of source.matchAll(/Copyright (\(c\)|©)[^\n*]*/gi)) lines.add(line.trim());
	}
	return [...lines];
}

/**
 * A package that ships no licence file takes the text of one from the same repository (the AWS
 * SDK's internal packages share the monorepo's LICENSE), or, for MIT, the MIT text with the
 * copyright lines of its own source files. Anything else stops the build: a person has to look.
 * @param {BundledPackage[]} packages
 * @param {string} mitText
 */
async function fillMissingTexts(packages, mitText) {
	for (const pkg of packages.filter((p) => p.files.length === 0)) {
		const sibling = packages.find(
			(other) =>
				other.files.length > 0 &&
				other.repository !== undefined &&
				other.repository === pkg.repository &&
				other.licence === pkg.licence,
		);
		if (sibling !== undefined) {
			pkg.text = sibling.text;
			pkg.source = `no licence file: the text of its repository's ${sibling.name}`;
			continue;
		}
		const copyrights = pkg.licence === 'MIT' ? await copyrightLines(pkg.inputs) : [];
		if (copyrights.length === 0) {
			throw new Error(
				`${pkg.name}@${pkg.version} (${pkg.licence}) is bundled but ships no licence text: ` +
					'find its terms and teach scripts/third-party-notices.mjs where they are',
			);
		}
		pkg.text = mitText.replace(/^Copyright .*$/m, copyrights.join('\n'));
		pkg.source = 'no licence file: the MIT text with the copyright lines of its source';
	}
}

/** @param {string} character */
const rule = (character) => character.repeat(80);

/**
 * @param {BundledPackage[]} packages
 * @param {Manifest} project
 */
function render(packages, project) {
	/** @param {BundledPackage} pkg */
	const label = (pkg) => `${pkg.name} ${pkg.version} (${pkg.licence})`;
	/** @type {Map<string, BundledPackage[]>} */
	const groups = new Map();
	for (const pkg of packages) {
		const key = pkg.text.replace(/\s+/g, ' ');
		const group = groups.get(key) ?? [];
		group.push(pkg);
		groups.set(key, group);
	}
	const lines = [
		`Third-party software in ${project.name} ${project.version}`,
		'',
		`${project.name}'s files in dist/ contain code from the ${packages.length} npm packages below.`,
		'Their licence texts follow, each once for the packages that ship the same text.',
		'',
		...packages.map((pkg) => `  ${label(pkg)}`),
	];
	for (const group of groups.values()) {
		lines.push('', rule('='));
		for (const pkg of group) lines.push(`${label(pkg)}: ${pkg.source}`);
		lines.push(rule('-'), group[0]?.text ?? '');
	}
	return `${lines.join('\n')}\n`;
}

/**
 * Writes `outFile`: the packages whose code `metafile` says is in the output, their licences and
 * licence texts. Paths in the metafile are relative to `workingDir` (esbuild's absWorkingDir).
 * @param {Metafile} metafile
 * @param {string} outFile
 * @param {string} [workingDir]
 */
export async function writeThirdPartyNotices(metafile, outFile, workingDir = process.cwd()) {
	/** @type {Manifest} */
	const project = JSON.parse(await readFile(join(workingDir, 'package.json'), 'utf8'));
	const mitText = (await readFile(join(workingDir, 'LICENSE'), 'utf8')).trim();
	const dirs = bundledPackageDirs(metafile, workingDir);
	const packages = await Promise.all([...dirs].map(([dir, inputs]) => readPackage(dir, inputs)));
	packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
	await fillMissingTexts(packages, mitText);
	await writeFile(outFile, render(packages, project));
	return packages.map(({name, version, licence}) => ({name, version, licence}));
}
