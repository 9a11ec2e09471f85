// The patched dependencies are what the tests, `tsx` runs and the bundle all use: patch-package
// applies patches/ to node_modules on install. These tests fail when a patch no longer applies
// (a dependency moved, a patch file was edited by hand) or when node_modules is not patched.
import {execFile} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const patchDir = join(root, 'patches');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	devDependencies: Record<string, string>;
	overrides: Record<string, string>;
};

type PatchFile = {
	readonly file: string;
	readonly packageName: string;
	readonly version: string;
	/** Each file the patch changes, with the runs of lines it adds there. */
	readonly changes: ReadonlyMap<string, string[]>;
};

/** `ink+6.8.0+001+name.patch`, `@scope+name+1.0.0+001+name.patch`. */
function parsePatchFile(file: string): PatchFile {
	const match = /^(?:(@[^+]+)\+)?([^+]+)\+(\d+\.\d+\.\d+)(?:\+\d+\+[\w-]+)?\.patch$/.exec(file);
	if (match === null) throw new Error(`unexpected patch file name ${file}`);
	const packageName = match[1] === undefined ? match[2]! : `${match[1]}/${match[2]}`;
	const changes = new Map<string, string[]>();
	let added: string[] | undefined;
	let run: string[] = [];
	const endRun = () => {
		if (added !== undefined && run.length > 0) added.push(run.join('\n'));
		run = [];
	};
	for (const line of readFileSync(join(patchDir, file), 'utf8').split('\n')) {
		if (line.startsWith('+++ ')) {
			endRun();
			added = [];
			changes.set(line.slice('+++ b/'.length), added);
		} else if (line.startsWith('+')) run.push(line.slice(1));
		else endRun();
	}
	endRun();
	return {file, packageName, version: match[3]!, changes};
}

const patches = readdirSync(patchDir)
	.filter((file) => file.endsWith('.patch'))
	.map(parsePatchFile);

describe('patched dependencies', () => {
	it('patch-package applies every patch to the installed versions, without a warning', async () => {
		const bin = join(root, 'node_modules', '.bin', 'patch-package');
		const {stdout} = await promisify(execFile)(bin, ['--error-on-fail', '--error-on-warn'], {
			cwd: root,
		});
		for (const {packageName, version} of patches)
			expect(stdout).toContain(`${packageName}@${version}`);
	});

	it.each(patches.map((patch) => [patch.file, patch] as const))(
		'%s is for the version package.json pins exactly and is in node_modules',
		(_file, patch) => {
			const pinned =
				manifest.devDependencies[patch.packageName] ?? manifest.overrides[patch.packageName];
			expect(pinned).toBe(patch.version);
			const installed = JSON.parse(
				readFileSync(join(root, 'node_modules', patch.packageName, 'package.json'), 'utf8'),
			) as {version: string};
			expect(installed.version).toBe(patch.version);
			expect(patch.changes.size).toBeGreaterThan(0);
			for (const [path, added] of patch.changes) {
				const text = readFileSync(join(root, path), 'utf8');
				for (const lines of added) expect(text, `${path} lacks its patched text`).toContain(lines);
			}
		},
	);

	it('every patch has its entry in docs/patches.md', () => {
		const docs = readFileSync(join(root, 'docs', 'patches.md'), 'utf8');
		for (const {file} of patches) expect(docs).toContain(file);
	});

	// string-width's fast path counts a string of these code points as wide as it is long: true
	// only if each is one column and a grapheme of its own beside any other, which its full
	// measure (taken here by adding a wide character the fast path does not accept) must confirm.
	it('the narrow code points of string-width fast path are each one column', () => {
		const source = readFileSync(join(root, 'node_modules', 'string-width', 'index.js'), 'utf8');
		const pattern = /const ecsTopNarrowText = new RegExp\((".*")\);/.exec(source)?.[1];
		expect(pattern).toBeDefined();
		const ranges = [...(JSON.parse(pattern!) as string).matchAll(/\\u(\w{4})-\\u(\w{4})/g)].map(
			([, from, to]) => [parseInt(from!, 16), parseInt(to!, 16)] as const,
		);
		expect(ranges.length).toBeGreaterThan(3);
		const graphemes = new Intl.Segmenter();
		const wide = '\u3042';
		const notOneColumn: string[] = [];
		for (const [from, to] of ranges) {
			for (let codePoint = from; codePoint <= to; codePoint++) {
				const character = String.fromCodePoint(codePoint);
				const alone = [...graphemes.segment(`a${character}a${character}${character}`)].length === 5;
				if (stringWidth(character + wide) !== 3 || !alone)
					notOneColumn.push(codePoint.toString(16));
			}
		}
		expect(notOneColumn).toEqual([]);
	});
});
