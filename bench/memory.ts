/**
 * Resident memory of the built TUI with fleet-main's 20,000 tasks on screen (the memory budget in
 * docs/architecture.md), under a choice of node flags, so a V8 setting can be compared with the
 * default in one run (variants alternate when given twice: `--variant a=.. --variant b=.. --variant a=..`):
 *
 *   npm run build && node --import tsx bench/memory.ts [-- --presses 250 --runs 1
 *       --variant 'default=' --variant 'semi2=--max-semi-space-size=2' ...]
 *
 * Each variant starts its own TUI against one shared `large` simulator, loads the tasks as a user
 * does (/fleet-main, :tasks), waits for the frame to settle, then holds j. It prints VmRSS after
 * the load, after scrolling and after --idle-seconds (default 60: a paced refresh), and VmHWM (the peak the kernel saw), which is what the machine
 * has to have free.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {loadNow, numberFlag, sleep} from './measure.js';
import {commandKeys, filterKeys, TuiSession} from './ui-session.js';
import {startSimProcess} from './ui-sims.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/**
 * `--variant name=flag flag`, repeatable: `node FLAGS dist/cli.js` (`name=` is node without flags).
 * `name=@command` runs dist/cli.js as a command, as the installed bin runs, with the flags its
 * launcher lines give node. That alone when no variant is given.
 */
function variants(): {name: string; flags: string[] | undefined}[] {
	const found: {name: string; flags: string[] | undefined}[] = [];
	process.argv.forEach((arg, index) => {
		if (arg !== '--variant') return;
		const [name, flags = ''] = (process.argv[index + 1] ?? '').split(/=(.*)/su);
		found.push({
			name: name ?? 'default',
			flags: flags === '@command' ? undefined : flags.split(' ').filter(Boolean),
		});
	});
	return found.length > 0 ? found : [{name: 'command', flags: undefined}];
}

const presses = numberFlag('presses', 250);
const runs = numberFlag('runs', 1);
const idleMs = numberFlag('idle-seconds', 60) * 1000;

/** `--snapshot DIR`: a heap snapshot of each TUI after scrolling (written on SIGURG). */
const snapshotIndex = process.argv.indexOf('--snapshot');
const snapshotDir = snapshotIndex >= 0 ? process.argv[snapshotIndex + 1] : undefined;
const snapshotFlags =
	snapshotDir === undefined
		? []
		: ['--import', `data:text/javascript,${encodeURIComponent(snapshotHook(snapshotDir))}`];

/** SIGURG, ignored by default: a TUI started without the hook is not killed by it, as SIGUSR2 would. */
function snapshotHook(dir: string): string {
	return (
		`import {readFileSync, writeFileSync} from 'node:fs';` +
		`import {getHeapSpaceStatistics, writeHeapSnapshot} from 'node:v8';` +
		`process.on('SIGURG', () => {` +
		// Where the resident memory is, before the snapshot's own garbage collection moves it.
		`const at = ${JSON.stringify(dir)} + '/tui-' + Date.now();` +
		`const mb = (n) => Math.round(n / 1048576 * 10) / 10;` +
		`const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, {size: mb(s.space_size), used: mb(s.space_used_size)}]));` +
		`const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mb(v)]));` +
		// Resident memory by kind (anonymous: heaps, threads; file: node's own code), Linux only.
		`let rss = {}; try { rss = Object.fromEntries(readFileSync('/proc/self/status', 'utf8').split('\\n').filter((l) => l.startsWith('Rss')).map((l) => l.split(/:\\s+/))); } catch {}` +
		`writeFileSync(at + '.json', JSON.stringify({usage, spaces, rss}, null, 1));` +
		`writeHeapSnapshot(at + '.heapsnapshot');` +
		`});`
	);
}

async function heapSnapshot(session: TuiSession): Promise<void> {
	const before = readdirSync(snapshotDir!).filter((name) => name.endsWith('.heapsnapshot')).length;
	process.kill(session.pty.pid, 'SIGURG');
	await session.pty.waitFor(
		'the heap snapshot',
		() =>
			readdirSync(snapshotDir!).filter((name) => name.endsWith('.heapsnapshot')).length > before,
		120_000,
	);
	// The file is named before it is written: wait until its size stops moving.
	await sleep(5000);
}

/**
 * Resident memory by kind, from /proc/PID/smaps: what the process maps from files (node's own
 * code and data: a bare node has ~34 MB of it), malloc's per-thread arenas (64 MB-aligned
 * reservations: the AWS thread's, V8's helper threads', libuv's), the main thread's malloc heap,
 * and the other anonymous memory (both threads' V8 heaps, Yoga's WebAssembly memory).
 */
export function residentByKind(pid: number): Record<string, number> | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
	} catch {
		return undefined;
	}
	const kinds = {files: 0, arenas: 0, mallocHeap: 0, otherAnon: 0};
	let kind: keyof typeof kinds = 'otherAnon';
	const arenaAlign = 64 * 2 ** 20;
	for (const line of text.split('\n')) {
		const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/u.exec(line);
		if (head !== null) {
			const [, start = '0', end = '0', , path = ''] = head;
			const from = Number.parseInt(start, 16);
			const size = Number.parseInt(end, 16) - from;
			if (path.startsWith('/')) kind = 'files';
			else if (path === '[heap]') kind = 'mallocHeap';
			else if (path === '' && from % arenaAlign === 0 && size <= arenaAlign) kind = 'arenas';
			else kind = 'otherAnon';
			continue;
		}
		const rss = /^Rss:\s+(\d+) kB/u.exec(line);
		if (rss !== null) kinds[kind] += Number(rss[1]) / 1024;
	}
	return kinds;
}

const kindsText = (kinds: Record<string, number> | undefined) =>
	kinds === undefined
		? ''
		: Object.entries(kinds)
				.map(([name, mb]) => `${name} ${mb.toFixed(0)}`)
				.join(', ');

type Measure = {
	beforeMb: number;
	loadedMb: number;
	scrolledMb: number;
	idleMb: number;
	peakMb: number;
	loadMs: number;
	scrolledKinds: string;
	idleKinds: string;
};

async function measure(url: string, nodeFlags: string[] | undefined): Promise<Measure> {
	if (nodeFlags === undefined && snapshotFlags.length > 0)
		throw new Error("--snapshot needs node flags: give the launcher's as a --variant");
	const session = new TuiSession({
		args: ['--endpoint-url', url],
		rows: 50,
		columns: 200,
		nodeFlags: nodeFlags === undefined ? undefined : [...snapshotFlags, ...nodeFlags],
	});
	try {
		await session.pty.whenStarted();
		await session.waitForText('200 clusters', /Clusters \[1\/200\]/u, 60_000);
		await session.type(filterKeys('fleet-main'));
		await session.waitForText('fleet-main services', /Services \(fleet-main\) \[1\/\d+\]/u, 60_000);
		await session.pty.settle(500, 8000);
		const before = session.memory();
		const started = performance.now();
		await session.type(commandKeys('tasks'));
		await session.waitForText("fleet-main's tasks", /Tasks \(fleet-main\) \[1\/\d{5}\]/u, 90_000);
		const loadMs = performance.now() - started;
		await session.pty.settle(500, 5000);
		const loaded = session.memory();
		for (let i = 0; i < presses; i++) {
			await session.pty.write('j');
			await sleep(50);
		}
		await session.pty.settle(500, 5000);
		const scrolled = session.memory();
		const scrolledKinds = kindsText(residentByKind(session.pty.pid));
		// Long enough for the scope's paced refreshes (20,000 tasks: one every ~50 s) to show.
		await sleep(idleMs);
		const idle = session.memory();
		const idleKinds = kindsText(residentByKind(session.pty.pid));
		if (snapshotDir !== undefined) await heapSnapshot(session);
		if (loaded === undefined || scrolled === undefined || idle === undefined)
			throw new Error('no /proc: Linux only');
		return {
			beforeMb: before?.rssMb ?? Number.NaN,
			loadedMb: loaded.rssMb,
			scrolledMb: scrolled.rssMb,
			idleMb: idle.rssMb,
			peakMb: idle.peakMb,
			loadMs,
			scrolledKinds,
			idleKinds,
		};
	} finally {
		await session.close();
	}
}

const sim = await startSimProcess('large', 90_000);
try {
	console.log(`ecs-top bench:memory  load average at start ${loadNow().toFixed(1)}`);
	console.log(
		'variant          before :tasks  after load  after scroll  after idle  peak (VmHWM)  :tasks load',
	);
	for (const variant of variants()) {
		for (let run = 0; run < runs; run++) {
			const figures = await measure(sim.url, variant.flags);
			console.log(
				`${variant.name.padEnd(16)} ${figures.beforeMb.toFixed(0).padStart(10)} MB ` +
					`${figures.loadedMb.toFixed(0).padStart(7)} MB ` +
					`${figures.scrolledMb.toFixed(0).padStart(9)} MB ${figures.idleMb.toFixed(0).padStart(8)} MB ${figures.peakMb.toFixed(0).padStart(10)} MB ` +
					`${figures.loadMs.toFixed(0).padStart(8)} ms  (load ${loadNow().toFixed(1)})\n` +
					`${''.padEnd(16)} MB after scroll: ${figures.scrolledKinds}; after idle: ${figures.idleKinds}`,
			);
		}
	}
} finally {
	await sim.close();
}
