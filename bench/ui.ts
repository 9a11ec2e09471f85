/**
 * The TUI's budgets (docs/architecture.md, "Budgets"), measured on the built CLI in a real pty:
 *
 *   npm run bench:ui [-- --runs 7 --columns 200 --rows 50 --idle-seconds 16 --settle-seconds 65 --presses 200
 *                       --rest-seconds 60
 *                       --only startup,wide,bytes,scroll --cpu-prof DIR --compare-cli PATH --cli PATH]
 *
 * 1. process start to the first frame with data (--demo), median of --runs, each run beside a
 *    bare `node` started the same way: the budget is the difference (under 300 ms)
 * 2. `wide` (2,000 services in one cluster): process start to the services pane complete (< 3 s)
 * 3. key press to finished frame while scrolling fleet-main's 20,000 tasks at `large` (p95 < 16 ms)
 * 4. bytes written per refresh: the moving demo world, a paused world, one changed row
 * 5. resident memory with those 20,000 tasks loaded, after scrolling, and after a rest (< 120 MB)
 *
 * Times come from the pty driver's monotonic clock, in the process that writes the keys and reads
 * the frames, so they include everything a user waits for and nothing of the bench's own.
 */
import {ListTasksCommand, StopTaskCommand, UpdateServiceCommand} from '@aws-sdk/client-ecs';
import {
	bareNodeOnPtyMs,
	BudgetTable,
	interleaved,
	loadNow,
	numberFlag as flag,
	pairedRound,
	runsText,
	stringFlag,
} from './measure.js';
import {bursts, keyLatencies, median, percentile, plainText, type Burst} from './ui-frames.js';
import {sleep} from './ui-pty.js';
import {commandKeys, filterKeys, simEcsClient, TuiSession, type TuiOptions} from './ui-session.js';
import {startPausedSim, startSimProcess} from './ui-sims.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const runs = flag('runs', 7);
const columns = flag('columns', 200);
const rows = flag('rows', 50);
const idleMs = flag('idle-seconds', 16) * 1000;
// The header's calls-per-minute climbs through the first minute (it counts the last 60 s):
// an unchanged refresh is measured once that has settled.
const settleMs = flag('settle-seconds', 65) * 1000;
const presses = flag('presses', 200);
const restMs = flag('rest-seconds', 60) * 1000;
const only = new Set((stringFlag('only') ?? 'startup,wide,bytes,scroll').split(','));
const cpuProfDir = stringFlag('cpu-prof');
const compareCli = stringFlag('compare-cli');
// Every section on another build's cli.js (the simulators stay this checkout's): a build from
// before a change measured by today's bench, for a before/after of every figure.
const otherCli = stringFlag('cli');
// Without --cpu-prof the CLI runs as a command, through the launcher lines that give node its flags.
const nodeFlags = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : undefined;
/** A frame is done once the terminal has been quiet this long. */
const quietMs = 5;
const refreshSeconds = 2;

const tui = (args: string[]): TuiOptions => ({
	args,
	rows,
	columns,
	nodeFlags,
	...(otherCli === undefined ? {} : {cli: otherCli}),
});

/** The user's budgets (docs/performance.md). */
const budgets = {
	firstFrameAboveNodeMs: 300,
	wideServicesMs: 3000,
	keyP95Ms: 16,
	residentMb: 120,
};

const table = new BudgetTable(`ecs-top bench:ui  ${columns}x${rows}`);
const notes = table.notes;
if (otherCli !== undefined)
	notes.push(`the TUI measured is ${otherCli}, not this checkout's dist/`);

function record(measure: string, value: number, unit: string, budget?: number, digits = 0) {
	table.add(measure, value, unit, {...(budget === undefined ? {} : {budget}), digits});
}

const clusterRow = (name: string) => new RegExp(`│[> ] ${name} `, 'u');

/** One start of a build's TUI on --demo: fork to the first frame with data, and its CPU by then. */
async function oneFirstFrame(
	cli: string | undefined,
): Promise<{ms: number; firstByteMs: number; cpuMs: number}> {
	const session = new TuiSession({...tui(['--demo']), ...(cli === undefined ? {} : {cli})});
	try {
		await session.pty.whenStarted();
		await session.waitForText('the demo cluster row "batch"', clusterRow('batch'), 30_000);
		const {chunks, startedAt} = session.pty;
		return {
			ms: chunks.at(-1)!.t - startedAt,
			firstByteMs: chunks[0]!.t - startedAt,
			cpuMs: session.cpuMs() ?? Number.NaN,
		};
	} finally {
		await session.close();
	}
}

/**
 * 1. Process start (fork) to the first chunk that completes a demo cluster row, each run beside a
 * bare `node -e 0` started and timed the same way (fork to exit, on the same pty driver). With
 * `--compare-cli PATH` (another build's cli.js, e.g. a copy of dist/ taken before a change), that
 * build starts in each run too, before or after this one in turn: a before/after under the same load.
 */
async function firstFrameWithData(): Promise<void> {
	const firstByteMs: number[] = [];
	const cpuMs: number[] = [];
	const other = {ms: [] as number[], cpuMs: [] as number[]};
	const measured = await interleaved(
		runs,
		async () => {
			const run = await pairedRound(
				firstByteMs.length,
				() => oneFirstFrame(undefined),
				compareCli === undefined
					? undefined
					: async () => {
							const compared = await oneFirstFrame(compareCli);
							other.ms.push(compared.ms);
							other.cpuMs.push(compared.cpuMs);
						},
			);
			firstByteMs.push(run.firstByteMs);
			cpuMs.push(run.cpuMs);
			return run.ms;
		},
		bareNodeOnPtyMs,
	);
	const frame = median(measured.figures);
	const bare = median(measured.baselines);
	const load = median(measured.loads);
	table.add(`first frame with data (--demo), median of ${runs}`, frame, 'ms', {
		load,
		baseline: bare,
	});
	table.add('first frame with data, above a bare node', frame - bare, 'ms', {
		budget: budgets.firstFrameAboveNodeMs,
		load,
	});
	notes.push(
		`first frame: runs ${runsText(measured.figures)}; bare node ${runsText(measured.baselines)}; ` +
			`first byte on the terminal (alternate screen) after ${median(firstByteMs).toFixed(0)} ms ` +
			`median; CPU used by the TUI by then ${median(cpuMs).toFixed(0)} ms median (less inflated ` +
			`by load than wall time)`,
	);
	if (compareCli !== undefined) {
		table.add(`  the same, ${compareCli}`, median(other.ms) - bare, 'ms', {load});
		// Each run's pair started under the same load: the median of their differences is steadier
		// than the difference of the two medians.
		const paired = measured.figures.map((ms, run) => ms - other.ms[run]!);
		notes.push(
			`${compareCli}: runs ${runsText(other.ms)}; CPU by then ${median(other.cpuMs).toFixed(0)} ms median; ` +
				`this build minus that one, run by run: ${median(paired).toFixed(0)} ms median`,
		);
	}
}

/** 2. `wide`: process start to the services pane holding all 2,000 services. */
async function wideServicesPane(): Promise<void> {
	const sim = await startSimProcess('wide', 90_000);
	try {
		const times: number[] = [];
		const bare: number[] = [];
		const loads: number[] = [];
		for (let run = 0; run < Math.min(runs, 3); run++) {
			bare.push(await bareNodeOnPtyMs());
			loads.push(loadNow());
			const session = new TuiSession(tui(['--endpoint-url', sim.url]));
			try {
				await session.pty.whenStarted();
				await session.waitForText(
					'all 2,000 services of wide',
					/Services \(wide\) \[\d+\/2,?000\]/u,
					60_000,
				);
				times.push(session.pty.chunks.at(-1)!.t - session.pty.startedAt);
			} finally {
				await session.close();
			}
		}
		table.add(
			`wide: services pane complete (2,000), median of ${times.length}`,
			median(times),
			'ms',
			{
				budget: budgets.wideServicesMs,
				load: median(loads),
				baseline: median(bare),
			},
		);
		notes.push(`wide services pane: runs ${runsText(times)}`);
	} finally {
		await sim.close();
	}
}

function describeBursts(list: Burst[], session: TuiSession, limit = 3): string {
	return list
		.slice(0, limit)
		.map((burst) => {
			const raw = session.pty.text(burst.from, burst.to);
			// A tiny write is all escapes: show them; a frame is shown as the text it rewrote.
			const text =
				burst.bytes < 40
					? JSON.stringify(raw)
					: `"${plainText(raw).replace(/\s+/gu, ' ').trim().slice(0, 90)}"`;
			return `${burst.bytes} B ${text}`;
		})
		.join('; ');
}

/** A screen line's words, the box borders between panes aside. */
function words(line: string): string[] {
	return line.split(/[\s│>]+/u).filter(Boolean);
}

/** The lines a stretch of output wrote, split where the cursor moved between them. */
function writtenLines(raw: string): string[] {
	// eslint-disable-next-line no-control-regex -- cursor movement and erase sequences
	return raw.split(/\r?\n|\u001B\[[\d;]*[ABCDEFGHJKf]/u).map(plainText);
}

/**
 * Whether a write only moved ages: every line it rewrote reads as a line did before, but for
 * one word that is an age (`7m`, `23h`).
 */
function onlyAgesMoved(session: TuiSession, burst: Burst): boolean {
	const age = /^\d+[smhdy]$/u;
	const rewritten = writtenLines(session.pty.text(burst.from, burst.to))
		.map(words)
		.filter((line) => line.length > 0);
	if (rewritten.length === 0) return false;
	const before = writtenLines(session.pty.text(0, burst.from)).map(words);
	return rewritten.every((line) =>
		before.some((previous) => {
			if (previous.length !== line.length) return false;
			const differing = line.filter((word, i) => word !== previous[i]);
			return differing.length === 1 && age.test(differing[0]!);
		}),
	);
}

/** 3a. The moving demo world at --refresh 2, idle: what a user's terminal receives. */
async function demoIdleBytes(): Promise<void> {
	const session = new TuiSession(tui(['--demo', '--refresh', String(refreshSeconds)]));
	try {
		await session.pty.whenStarted();
		await session.waitForText('the demo clusters', clusterRow('batch'), 30_000);
		await sleep(4000);
		const mark = session.pty.chunks.length;
		await sleep(idleMs);
		const seen = bursts(session.pty.chunks, quietMs, mark);
		const total = seen.reduce((sum, burst) => sum + burst.bytes, 0);
		const refreshes = idleMs / 1000 / refreshSeconds;
		record(`idle --demo (world moves), per ${refreshSeconds} s refresh`, total / refreshes, 'B');
		notes.push(
			`idle --demo over ${idleMs / 1000} s: ${total} B in ${seen.length} writes; e.g. ` +
				describeBursts(seen, session),
		);
	} finally {
		await session.close();
	}
}

/** 3b/3c. A paused world: unchanged refreshes, then one task stopped through the ECS API. */
async function pausedWorldBytes(): Promise<void> {
	const sim = await startPausedSim('demo');
	const session = new TuiSession(
		tui(['--endpoint-url', sim.url, '--refresh', String(refreshSeconds)]),
	);
	const ecs = simEcsClient(sim.url);
	try {
		await session.pty.whenStarted();
		await session.waitForText('the paused clusters', clusterRow('batch'), 30_000);
		await session.type(commandKeys('tasks'));
		await session.waitForText('the batch tasks', /Tasks \(batch\) \[\d+\/\d+\]/u, 15_000);
		// Past the first refreshes, the first metric fetch (sparklines) and the first minute of
		// the header's API rate.
		await sleep(settleMs);

		let mark = session.pty.chunks.length;
		await sleep(idleMs);
		const unchanged = bursts(session.pty.chunks, quietMs, mark);
		// The world is paused, the clock is not: a task's age that reaches its next minute is a
		// change on screen, made by time rather than by the refresh. Such writes are told apart
		// by comparing each rewritten row with its previous text.
		const ageTicks = unchanged.filter((burst) => onlyAgesMoved(session, burst));
		const otherWrites = unchanged.filter((burst) => !ageTicks.includes(burst));
		const sum = (list: Burst[]) => list.reduce((total, burst) => total + burst.bytes, 0);
		const refreshes = idleMs / 1000 / refreshSeconds;
		record(
			`unchanged refresh (paused world), per refresh, ages aside`,
			sum(otherWrites) / refreshes,
			'B',
			1,
		);
		notes.push(
			`paused world over ${idleMs / 1000} s (${refreshes} refreshes): ${sum(unchanged)} B in ` +
				`${unchanged.length} writes; ${ageTicks.length} of them (${sum(ageTicks)} B) rewrote ` +
				`only rows whose age reached its next unit` +
				(unchanged.length > 0 ? `; e.g. ${describeBursts(unchanged, session)}` : ''),
		);

		// One cell of one row: the batch service's desired count (the paused world starts no task).
		mark = session.pty.chunks.length;
		await ecs.send(
			new UpdateServiceCommand({cluster: 'batch', service: 'sim-runner', desiredCount: 9}),
		);
		await sleep(refreshSeconds * 2000 + 1000);
		const oneCell = bursts(session.pty.chunks, quietMs, mark);
		record(
			'one service row changed (desired count), largest frame',
			Math.max(0, ...oneCell.map((burst) => burst.bytes)),
			'B',
			1024,
		);
		notes.push(
			`after UpdateService desired 9: ${oneCell.reduce((sum, b) => sum + b.bytes, 0)} B in ` +
				`${oneCell.length} writes; ${describeBursts(oneCell, session)}`,
		);

		const listed = await ecs.send(
			new ListTasksCommand({cluster: 'batch', desiredStatus: 'RUNNING'}),
		);
		const taskArn = listed.taskArns?.[0];
		if (taskArn === undefined) throw new Error('the paused demo has no running batch task');
		mark = session.pty.chunks.length;
		await ecs.send(new StopTaskCommand({cluster: 'batch', task: taskArn, reason: 'ui bench'}));
		// The next refresh picks it up; wait one more to see that nothing else follows.
		await sleep(refreshSeconds * 2000 + 1000);
		const changed = bursts(session.pty.chunks, quietMs, mark);
		const changedTotal = changed.reduce((sum, burst) => sum + burst.bytes, 0);
		const largest = Math.max(0, ...changed.map((burst) => burst.bytes));
		// A stopped task leaves the list: every row below it moves up, so this is not the budget's
		// one changed row; the budget asks only that it is never a full frame.
		record('one task stopped (rows below move up), largest frame', largest, 'B');
		notes.push(
			`after StopTask of ${taskArn.split('/').at(-1)}: ${changedTotal} B in ${changed.length} ` +
				`writes over ${refreshSeconds * 2 + 1} s; ${describeBursts(changed, session)}`,
		);
	} finally {
		ecs.destroy();
		await session.close();
		await sim.close();
	}
}

/** 2 and 4. fleet-main's tasks at `large`: memory, then scrolling with j. */
async function largeScroll(): Promise<void> {
	const sim = await startSimProcess('large', 90_000);
	const session = new TuiSession(tui(['--endpoint-url', sim.url]));
	try {
		await session.pty.whenStarted();
		await session.waitForText('200 clusters', /Clusters \[1\/200\]/u, 60_000);
		await session.type(filterKeys('fleet-main'));
		await session.waitForText('the cluster filter', /Clusters \/fleet-main \[1\/1\]/u, 10_000);
		await session.waitForText('fleet-main services', /Services \(fleet-main\) \[1\/\d+\]/u, 60_000);
		await session.pty.settle(500, 8000);
		const loadStarted = performance.now();
		await session.type(commandKeys('tasks'));
		await session.waitForText("fleet-main's tasks", /Tasks \(fleet-main\) \[1\/\d{5}\]/u, 90_000);
		const loadMs = performance.now() - loadStarted;
		const count = [...session.plain().matchAll(/Tasks \(fleet-main\) \[1\/(\d+)\]/gu)].at(-1)?.[1];
		await session.pty.settle(500, 5000);
		const loaded = session.memory();
		if (loaded)
			record(`resident memory, ${count} tasks loaded`, loaded.rssMb, 'MB', budgets.residentMb);
		notes.push(`:tasks to "Tasks (fleet-main) [1/${count}]" on screen: ${loadMs.toFixed(0)} ms`);

		const scroll = async (label: string, count: number, gapMs: number, p95Budget?: number) => {
			const mark = session.pty.chunks.length;
			const times: number[] = [];
			for (let i = 0; i < count; i++) {
				times.push(await session.pty.write('j'));
				await sleep(gapMs);
			}
			await sleep(1000);
			const {latencies, frameBytes, unanswered} = keyLatencies(
				times,
				session.pty.chunks.slice(mark),
				quietMs,
			);
			const spacing = (times.at(-1)! - times[0]!) / (times.length - 1);
			record(`${label}: p50`, median(latencies), 'ms');
			record(`${label}: p95`, percentile(latencies, 95), 'ms', p95Budget);
			notes.push(
				`${label}: ${count} presses ${spacing.toFixed(0)} ms apart, max ${Math.max(...latencies).toFixed(0)} ms, ` +
					`${unanswered} without a frame; frame after a press ${median(frameBytes)} B median`,
			);
		};
		await scroll(`j at ${50} ms (key held)`, presses, 50, budgets.keyP95Ms);
		await scroll('j at 150 ms (single presses)', Math.round(presses / 4), 150, budgets.keyP95Ms);

		const expected = 1 + presses + Math.round(presses / 4);
		const shown = [...session.plain().matchAll(/Tasks \(fleet-main\) \[(\d+)\/\d+\]/gu)].at(
			-1,
		)?.[1];
		if (Number(shown) !== expected)
			notes.push(`WARNING: the selection ended at task ${shown}, not ${expected}: keys were lost`);
		const after = session.memory();
		if (after) record('resident memory after scrolling', after.rssMb, 'MB', budgets.residentMb);
		// The resident set falls once the TUI has been left alone a while (bench:memory: ~186 MB
		// after scrolling, 146-149 MB after 40-60 s): what a TUI left open on a jump host holds.
		await sleep(restMs);
		const rested = session.memory();
		if (rested) {
			record(
				`resident memory after ${restMs / 1000} s at rest`,
				rested.rssMb,
				'MB',
				budgets.residentMb,
			);
			notes.push(`peak resident (VmHWM) ${rested.peakMb.toFixed(0)} MB`);
		}
	} catch (error) {
		const screen = session.plain().slice(-1500).replace(/\s+/gu, ' ');
		notes.push(`last output before the failure: ${screen}`);
		const log = session.log();
		if (log) notes.push(`TUI log: ${log}`);
		throw error;
	} finally {
		await session.close();
		await sim.close();
	}
}

const started = performance.now();
try {
	// Node 20 builds its root certificate store with the extra certificates once per process, at
	// start, before any script runs (~40 ms of CPU here, `node -e 0` included): the bare node
	// baseline pays it as ecs-top does, so the figure above a bare node leaves it out.
	if (process.env['NODE_EXTRA_CA_CERTS'])
		notes.push(
			`NODE_EXTRA_CA_CERTS is set (${process.env['NODE_EXTRA_CA_CERTS']}): Node 20 loads it at ` +
				'start, in ecs-top and the bare node alike; unset it to see both without it',
		);
	if (loadNow() > 2)
		notes.push(`load average ${loadNow().toFixed(1)} at the start: figures are inflated`);
	if (only.has('startup')) await firstFrameWithData();
	if (only.has('wide')) await wideServicesPane();
	if (only.has('bytes')) {
		await demoIdleBytes();
		await pausedWorldBytes();
	}
	if (only.has('scroll')) await largeScroll();
} catch (error) {
	process.exitCode = 1;
	notes.push(`FAILED: ${(error as Error).message}`);
} finally {
	table.print();
	if (table.failed) process.exitCode = 1;
	console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
