/**
 * What every bench needs to print an honest figure on a shared machine: command-line flags, the
 * load average at the moment a figure was taken, a bare `node` measured the same way and
 * interleaved with the runs (what the machine alone costs right then), medians, and a table of
 * figures against their budgets with a PASS/FAIL verdict.
 *
 * The user's budgets are in docs/performance.md; each bench names the ones it measures.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {percentile} from './ui-frames.js';
import {PtyProcess, sleep} from './ui-pty.js';

export {median, percentile} from './ui-frames.js';
export {sleep} from './ui-pty.js';

/** `--name N`: a positive number, or the fallback. */
export function numberFlag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function stringFlag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The 1-minute load average, as printed beside a figure. */
export function loadNow(): number {
	return loadavg()[0]!;
}

export function loadText(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');
}

/**
 * A bare `node -e 0` started and ended on a pty, timed as the TUI's start is (the pty driver's
 * monotonic clock, fork to exit): the floor under any start-up figure, right now on this machine.
 */
export async function bareNodeOnPtyMs(): Promise<number> {
	const pty = new PtyProcess([process.execPath, '-e', '0'], {
		rows: 24,
		columns: 80,
		env: {...process.env},
	});
	try {
		await pty.whenStarted();
		await pty.waitFor('bare node to exit', () => pty.exitStatus !== undefined, 30_000);
		return pty.exitedAt - pty.startedAt;
	} finally {
		await pty.kill();
	}
}

/** `node -e 0` as a child process, fork to exit, in ms. */
export function bareNodeMs(): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(process.execPath, ['-e', '0'], {stdio: 'ignore'});
		child.once('error', reject);
		child.once('exit', () => resolve(performance.now() - started));
	});
}

/** User + system CPU ticks (1/100 s) of a process, from /proc (Linux). */
export function processTicks(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 of stat, counted from the state (field 3).
	return Number(fields[11]) + Number(fields[12]);
}

/** CPU ticks per thread of a process, by thread id, with the thread's name. */
export function threadTicks(pid: number): Map<string, {name: string; ticks: number}> {
	const threads = new Map<string, {name: string; ticks: number}>();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			threads.set(tid, {name, ticks: Number(fields[11]) + Number(fields[12])});
		} catch {
			// The thread ended between the listing and the read.
		}
	}
	return threads;
}

export const ticksPerSecond = 100;
export const percentOfCore = (ticks: number, ms: number) =>
	(ticks / ticksPerSecond / (ms / 1000)) * 100;

/** A bare node that only keeps a timer alive, measured over `ms`: the floor of an idle figure. */
export async function bareNodeIdlePercent(ms: number): Promise<number> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
	await sleep(1000);
	const before = processTicks(child.pid!);
	const started = performance.now();
	await sleep(ms);
	const used = processTicks(child.pid!) - before;
	const elapsed = performance.now() - started;
	child.kill('SIGKILL');
	return percentOfCore(used, elapsed);
}

/**
 * One round of a paired comparison (`--compare-cli`): this build's run and, if there is one, the
 * other build's, the other first in every other round, so that neither always follows the other
 * (a start right after another runs a little faster). Resolves with this build's run.
 */
export async function pairedRound<T>(
	round: number,
	own: () => Promise<T>,
	other: (() => Promise<void>) | undefined,
): Promise<T> {
	if (other !== undefined && round % 2 === 1) await other();
	const result = await own();
	if (other !== undefined && round % 2 === 0) await other();
	return result;
}

/** Medians of interleaved runs: a measured figure and the bare-node baseline taken beside it. */
export type Interleaved = {
	readonly figures: number[];
	readonly baselines: number[];
	readonly loads: number[];
};

/** Runs `measure` and `baseline` alternately, `runs` times each, noting the load at each run. */
export async function interleaved(
	runs: number,
	measure: () => Promise<number>,
	baseline: () => Promise<number>,
): Promise<Interleaved> {
	const result: Interleaved = {figures: [], baselines: [], loads: []};
	for (let run = 0; run < runs; run++) {
		result.baselines.push(await baseline());
		result.loads.push(loadNow());
		result.figures.push(await measure());
	}
	return result;
}

export type Verdict = 'PASS' | 'FAIL' | '-';

type Row = {
	readonly measure: string;
	readonly figure: string;
	readonly budget: string;
	readonly verdict: string;
	readonly load: string;
	readonly baseline: string;
};

export type RowOptions = {
	/** The budget: the figure must be below it (or at most it, with `atMost`). */
	readonly budget?: number;
	readonly atMost?: boolean;
	readonly digits?: number;
	/** The load average when the figure was taken; now by default. */
	readonly load?: number;
	/** The bare-node baseline beside it, in the same unit. */
	readonly baseline?: number;
};

/** Figures against their budgets, printed as one table with a verdict each. */
export class BudgetTable {
	private readonly rows: Row[] = [];
	readonly notes: string[] = [];

	constructor(private readonly title: string) {}

	add(measure: string, value: number, unit: string, options: RowOptions = {}): Verdict {
		const digits = options.digits ?? 0;
		const {budget} = options;
		const within =
			budget === undefined ? undefined : options.atMost ? value <= budget : value < budget;
		const verdict: Verdict = within === undefined ? '-' : within ? 'PASS' : 'FAIL';
		this.rows.push({
			measure,
			figure: Number.isFinite(value) ? `${value.toFixed(digits)} ${unit}` : 'n/a',
			budget: budget === undefined ? '' : `${options.atMost ? '<=' : '<'} ${budget} ${unit}`,
			verdict: Number.isFinite(value) ? verdict : budget === undefined ? '-' : 'FAIL',
			load: (options.load ?? loadNow()).toFixed(1),
			baseline: options.baseline === undefined ? '' : `${options.baseline.toFixed(digits)} ${unit}`,
		});
		return verdict;
	}

	note(text: string): void {
		this.notes.push(text);
	}

	get failed(): boolean {
		return this.rows.some((row) => row.verdict === 'FAIL');
	}

	print(): void {
		const headers: Row = {
			measure: 'measure',
			figure: 'figure',
			budget: 'budget',
			verdict: 'verdict',
			load: 'load',
			baseline: 'bare node',
		};
		const all = [headers, ...this.rows];
		const width = (key: keyof Row) => Math.max(...all.map((row) => row[key].length));
		const line = (row: Row) =>
			[
				row.measure.padEnd(width('measure')),
				row.figure.padStart(width('figure')),
				row.budget.padEnd(width('budget')),
				row.verdict.padEnd(width('verdict')),
				row.load.padStart(width('load')),
				row.baseline.padStart(width('baseline')),
			].join('  ');
		console.log(`\n${this.title}  (${new Date().toISOString()}, load average ${loadText()})`);
		console.log(line(headers));
		for (const row of this.rows) console.log(line(row));
		for (const note of this.notes) console.log(`- ${note}`);
	}
}

/** The spread of a list of runs, for a note: `612, 640, 701 ms`. */
export function runsText(values: readonly number[], unit = 'ms'): string {
	return `${values.map((value) => value.toFixed(0)).join(', ')} ${unit}`;
}

/** p95 of a list, or NaN when empty. */
export const p95 = (values: readonly number[]) =>
	values.length === 0 ? Number.NaN : percentile(values, 95);

/**
 * `ecs-top sim` from the built CLI in a process of its own, so a bench's memory and CPU are the
 * app's alone; resolves once it says where it listens.
 */
export async function startSimProcess(
	cli: string,
	scenario: string,
): Promise<{sim: ChildProcessWithoutNullStreams; url: string}> {
	const sim = spawn(process.execPath, [cli, 'sim', '--scenario', scenario, '--port', '0'], {
		stdio: 'pipe',
		env: {...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'},
	});
	sim.stderr.pipe(process.stderr);
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		sim.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			out += chunk;
			const match = /listening on (\S+)/.exec(out);
			if (match?.[1]) resolve(match[1]);
		});
		sim.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
	});
	return {sim, url};
}
