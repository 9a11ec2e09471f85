/**
 * `ecs-top --once --json` of the whole `large` world (200 clusters, 2,000 services, 24,000+
 * tasks), as a user would run it: the built CLI against the simulator in another process.
 *
 *   npm run bench:once [-- --runs 3] [--compare-cli PATH]
 *
 * Prints wall time per run beside a bare `node` started just before it, the CPU the run used,
 * the calls it made by operation (from the simulator's request log), and the size of the
 * document; then the median against the budget (under 3 s).
 *
 * `--compare-cli PATH` (another build's cli.js, e.g. a copy of dist/ taken before a change) runs
 * that build beside this one in every round, against the same simulator, in alternating order,
 * and prints the medians of the run-by-run differences: on a shared machine two runs a minute
 * apart are not comparable, two runs side by side are.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {
	bareNodeMs,
	BudgetTable,
	loadNow,
	median,
	numberFlag,
	pairedRound,
	runsText,
	stringFlag,
} from './measure.js';

const runs = numberFlag('runs', 3);
const compareCli = stringFlag('compare-cli');
const budgetMs = 3000;

/** CPU (ms) of this process's children that have ended: a child's own, once it is reaped. */
function childrenCpuMs(): number {
	const stat = readFileSync('/proc/self/stat', 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// cutime and cstime are fields 16 and 17 of stat, counted from the state (field 3).
	return (Number(fields[13]) + Number(fields[14])) * 10;
}
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(
	cliPath: string,
	args: string[],
	env: NodeJS.ProcessEnv,
): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise((resolve) => {
		// The document comes through a pipe, read as it comes, as `| jq` reads it. Written to a
		// file instead (opened here, read after the timing), the figure did not move: wall +16 ms,
		// the client's CPU +140 ms, median of 8 paired runs; reading the pipe costs this process
		// ~90 ms of CPU a run (load 2.2).
		// As a command, as a user runs it: through its launcher lines (scripts/launcher.mjs).
		const child = spawn(cliPath, args, {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('exit', (code) => resolve({code, stdout, stderr}));
	});
}

const sim = spawn(process.execPath, [cli, 'sim', '--scenario', 'large', '--port', '0'], {
	stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
	let out = '';
	sim.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
		const match = out.match(/listening on (\S+)/);
		if (match?.[1]) resolve(match[1]);
	});
	sim.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
});

const env = {
	...process.env,
	AWS_ACCESS_KEY_ID: 'AKIDBENCH',
	AWS_SECRET_ACCESS_KEY: 'bench',
	AWS_REGION: 'us-east-1',
};
type OneRun = {
	elapsed: number;
	cpu: number;
	byOperation: Map<string, number>;
	calls: number;
	stdout: string;
};

/** One `--once --json` of the given build, timed, with its CPU and the calls it made. */
async function oneRun(cliPath: string): Promise<OneRun> {
	const cpuBefore = childrenCpuMs();
	const before = (
		(await (await fetch(new URL('/__sim/requests?since=0', url))).json()) as {next: number}
	).next;
	const started = performance.now();
	const result = await run(cliPath, ['--once', '--json', '--endpoint-url', url], env);
	const elapsed = performance.now() - started;
	const cpu = childrenCpuMs() - cpuBefore;
	if (result.code !== 0) throw new Error(`--once exited ${result.code}: ${result.stderr}`);
	const log = (await (await fetch(new URL(`/__sim/requests?since=${before}`, url))).json()) as {
		entries: Array<{service: string; operation: string}>;
	};
	const byOperation = new Map<string, number>();
	for (const entry of log.entries)
		byOperation.set(entry.operation, (byOperation.get(entry.operation) ?? 0) + 1);
	return {elapsed, cpu, byOperation, calls: log.entries.length, stdout: result.stdout};
}

const table = new BudgetTable('ecs-top bench:once (--once --json of large)');
const times: number[] = [];
const bare: number[] = [];
const loads: number[] = [];
const cpu: number[] = [];
const other = {times: [] as number[], cpu: [] as number[], calls: [] as number[]};
try {
	for (let i = 0; i < runs; i++) {
		bare.push(await bareNodeMs());
		loads.push(loadNow());
		const result = await pairedRound(
			i,
			() => oneRun(cli),
			compareCli === undefined
				? undefined
				: async () => {
						const compared = await oneRun(compareCli);
						other.times.push(compared.elapsed);
						other.cpu.push(compared.cpu);
						other.calls.push(compared.calls);
					},
		);
		times.push(result.elapsed);
		cpu.push(result.cpu);
		const doc = JSON.parse(result.stdout) as {
			clusters: unknown[];
			services: unknown[];
			tasks: unknown[];
			containerInstances: unknown[];
		};
		console.log(
			`run ${i + 1}: ${result.elapsed.toFixed(0)} ms (CPU ${result.cpu.toFixed(0)} ms; bare node ${bare.at(-1)!.toFixed(0)} ms; load ${loads.at(-1)!.toFixed(1)}), ${result.calls} calls, ${(result.stdout.length / 1e6).toFixed(1)} MB JSON ` +
				`(${doc.clusters.length} clusters, ${doc.services.length} services, ${doc.containerInstances.length} instances, ${doc.tasks.length} tasks)` +
				(compareCli === undefined
					? ''
					: `; ${compareCli}: ${other.times.at(-1)!.toFixed(0)} ms, CPU ${other.cpu.at(-1)!.toFixed(0)} ms, ${other.calls.at(-1)} calls`),
		);
		if (i === 0) {
			console.log(
				'  calls: ' +
					[...result.byOperation]
						.sort((a, b) => b[1] - a[1])
						.map(([operation, count]) => `${operation} ${count}`)
						.join(', '),
			);
		}
	}
	table.add(`--once --json of large, median of ${runs}`, median(times), 'ms', {
		budget: budgetMs,
		load: median(loads),
		baseline: median(bare),
	});
	table.add('  its CPU (user + system), median', median(cpu), 'ms', {load: median(loads)});
	if (compareCli !== undefined) {
		const differences = (a: number[], b: number[]) => a.map((value, i) => value - b[i]!);
		table.add(`  the same, ${compareCli}`, median(other.times), 'ms', {load: median(loads)});
		table.add('  its CPU, median', median(other.cpu), 'ms', {load: median(loads)});
		table.add(
			'  this minus that, run by run: wall, median',
			median(differences(times, other.times)),
			'ms',
			{
				load: median(loads),
			},
		);
		table.add(
			'  this minus that, run by run: CPU, median',
			median(differences(cpu, other.cpu)),
			'ms',
			{
				load: median(loads),
			},
		);
		table.note(`${compareCli}: runs ${runsText(other.times)}; CPU ${runsText(other.cpu)}`);
	}
	table.note(`runs ${runsText(times)}; CPU ${runsText(cpu)}; bare node ${runsText(bare)}`);
	table.print();
	if (table.failed) process.exitCode = 1;
} finally {
	sim.kill('SIGTERM');
}
