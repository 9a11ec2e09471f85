/**
 * The package as a user gets it: how big the tarball is, how much an install puts on disk, and
 * how long `npm install -g` of the tarball takes (offline, into a fresh prefix each run).
 *
 *   npm run bench:package [-- --runs 5]
 *
 * Packs a clean copy of the repository, so `npm pack` builds it as on a fresh clone (the
 * repository's own dist/ is left alone). Install times are shown beside the load average and a
 * bare `node -e ''` start time: on a shared machine both say how loaded it was.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {promisify} from 'node:util';
import {cleanCopy, installGlobally, pack, treeBytes} from '../test/package/pack.js';

const execFileAsync = promisify(execFile);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');

async function nodeStartMs(): Promise<number> {
	const started = performance.now();
	await execFileAsync(process.execPath, ['-e', '']);
	return performance.now() - started;
}

const work = await mkdtemp(join(tmpdir(), 'ecs-top-bench-package-'));
try {
	const packStarted = performance.now();
	const tarball = await pack(await cleanCopy(join(work, 'clone')), join(work, 'packed'), {
		runScripts: true,
	});
	console.log(`pack (build included): ${(performance.now() - packStarted).toFixed(0)} ms`);
	console.log(`packed: ${megabytes((await stat(tarball)).size)} (budget 2 MB)`);

	const installs: number[] = [];
	for (let i = 0; i < runs; i++) {
		const baseline = await nodeStartMs();
		const loadBefore = load();
		const prefix = join(work, `prefix-${i}`);
		const {installMs} = await installGlobally(tarball, prefix);
		installs.push(installMs);
		if (i === 0) console.log(`installed: ${megabytes(await treeBytes(prefix))} (budget 15 MB)`);
		console.log(
			`install ${i + 1}: ${installMs.toFixed(0)} ms (budget 5 s); ` +
				`load ${loadBefore}; node -e '' ${baseline.toFixed(0)} ms`,
		);
		await rm(prefix, {recursive: true, force: true});
	}
	console.log(`install median: ${median(installs).toFixed(0)} ms over ${runs} runs`);
} finally {
	await rm(work, {recursive: true, force: true});
}
