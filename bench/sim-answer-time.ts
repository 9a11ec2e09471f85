/**
 * How fast the simulator answers, measured as a client sees it: the built CLI serves the `large`
 * world in its own process and the real SDK calls it over loopback.
 *
 *   npm run bench:sim [-- --iterations 200]
 *
 * Prints: large world start-up time; DescribeTasks of 100 tasks (p50/p95/max); ListTasks paging
 * through the biggest cluster's running tasks (pages, total and per-page time); ListTasks of every
 * cluster; the server's resident memory. Beside each phase, the CPU the server process used for
 * it (user + system, from /proc): on a shared machine its answers' cost, not the wall time, is
 * what another process on the same cores pays for.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';
import {
	DescribeTasksCommand,
	ECSClient,
	ListClustersCommand,
	paginateListClusters,
	paginateListTasks,
} from '@aws-sdk/client-ecs';

const iterations = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 200;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(samples: number[]): string {
	const sorted = [...samples].sort((a, b) => a - b);
	return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms (n=${samples.length})`;
}

/** CPU (ms, user + system) the process `pid` has used so far. */
function cpuMsOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 of stat, counted from the state (field 3); in ticks.
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

const started = performance.now();
const child = spawn(process.execPath, [cli, 'sim', '--scenario', 'large', '--port', '0'], {
	stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
	let out = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		out += chunk;
		const match = out.match(/listening on (\S+)/);
		if (match?.[1]) resolve(match[1]);
	});
	child.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
});
console.log(
	`large world built and serving in ${(performance.now() - started).toFixed(0)} ms at ${url}`,
);

const ecs = new ECSClient({
	endpoint: url,
	region: 'us-east-1',
	credentials: {accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench'},
	maxAttempts: 1,
});

try {
	const clusterArns: string[] = [];
	for await (const page of paginateListClusters({client: ecs}, {}))
		clusterArns.push(...(page.clusterArns ?? []));
	const biggest =
		clusterArns.find((arn) => arn.endsWith('/fleet-main')) ?? clusterArns[0] ?? 'default';

	// ListTasks paging through the biggest cluster (warm once, then measure three full passes).
	const pageTimes: number[] = [];
	let taskArns: string[] = [];
	const serverPid = child.pid!;
	let listCpu = 0;
	for (let pass = 0; pass < 4; pass++) {
		const arns: string[] = [];
		const passStart = performance.now();
		const cpuStart = cpuMsOf(serverPid);
		let pageStart = passStart;
		for await (const page of paginateListTasks({client: ecs, pageSize: 100}, {cluster: biggest})) {
			const now = performance.now();
			if (pass > 0) pageTimes.push(now - pageStart);
			pageStart = now;
			arns.push(...(page.taskArns ?? []));
		}
		if (pass > 0) {
			const cpu = cpuMsOf(serverPid) - cpuStart;
			listCpu += cpu;
			console.log(
				`ListTasks ${biggest.split('/').pop()}: ${arns.length} tasks in ${Math.ceil(arns.length / 100)} pages, ${(performance.now() - passStart).toFixed(0)} ms (server CPU ${cpu} ms)`,
			);
		}
		taskArns = arns;
	}
	console.log(`ListTasks page (100 arns): ${summary(pageTimes)}`);

	// DescribeTasks, 100 at a time, over different slices of the cluster.
	const describeTimes: number[] = [];
	let describeCpuStart = cpuMsOf(serverPid);
	for (let i = 0; i < iterations + 10; i++) {
		const offset = ((i * 100) % Math.max(1, taskArns.length - 100)) | 0;
		const t0 = performance.now();
		const out = await ecs.send(
			new DescribeTasksCommand({cluster: biggest, tasks: taskArns.slice(offset, offset + 100)}),
		);
		if (i === 9) describeCpuStart = cpuMsOf(serverPid);
		if (i >= 10) describeTimes.push(performance.now() - t0);
		if ((out.tasks?.length ?? 0) !== Math.min(100, taskArns.length))
			throw new Error('DescribeTasks returned a short page');
	}
	const describeCpu = cpuMsOf(serverPid) - describeCpuStart;
	console.log(`DescribeTasks (100 tasks): ${summary(describeTimes)}`);
	console.log(
		`  server CPU: ${(describeCpu / iterations).toFixed(2)} ms per DescribeTasks, ${(listCpu / 3).toFixed(0)} ms per ListTasks pass`,
	);

	// Every cluster's running tasks, as a --once snapshot of the whole account would list them.
	const allStart = performance.now();
	const allCpuStart = cpuMsOf(serverPid);
	let total = 0;
	for (const cluster of clusterArns) {
		for await (const page of paginateListTasks({client: ecs, pageSize: 100}, {cluster}))
			total += page.taskArns?.length ?? 0;
	}
	console.log(
		`ListTasks of all ${clusterArns.length} clusters: ${total} tasks in ${(performance.now() - allStart).toFixed(0)} ms (server CPU ${cpuMsOf(serverPid) - allCpuStart} ms)`,
	);
	await ecs.send(new ListClustersCommand({}));

	const status = await fetch(new URL('/__sim/faults', url));
	if (!status.ok) throw new Error('admin endpoint did not answer');
	const rss = Number(
		(await import('node:fs'))
			.readFileSync(`/proc/${child.pid}/status`, 'utf8')
			.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0,
	);
	console.log(`sim resident memory with the large world: ${(rss / 1024).toFixed(0)} MB`);
} finally {
	ecs.destroy();
	child.kill('SIGTERM');
}
