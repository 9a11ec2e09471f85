/**
 * An open log follow at the `large` world: ecs-top's pollers and store (what the TUI holds, minus
 * Ink) with the log view open on a busy service, following. The simulator runs in another
 * process, so the memory measured is ecs-top's alone.
 *
 *   npm run build && node --import tsx bench/logs-follow.ts [-- --minutes 10 --refresh 5]
 *
 * Prints the machine's load (`uptime`), a bare node's resident memory for comparison, then each
 * minute: resident memory, heap, the log calls and all calls of the last minute, the lines held
 * and dropped. Ends with the log calls a minute (mean and busiest) and the memory at the end.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {createAwsAdapters} from '../source/aws/adapters.js';
import {createAwsClients} from '../source/aws/clients.js';
import {RequestStats} from '../source/aws/request-stats.js';
import {createFleetPoller} from '../source/store/fleet-poller.js';
import {createFleetStore} from '../source/store/fleet-store.js';
import {startSimProcess} from './measure.js';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? fallback : Number(process.argv[index + 1]);
	if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
	return value;
}

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const minutes = flag('minutes', 10);
const refreshMs = flag('refresh', 5) * 1000;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const uptime = () => execFileSync('uptime', {encoding: 'utf8'}).trim();

const bare = spawnSync(process.execPath, ['-e', 'console.log(process.memoryUsage().rss)'], {
	encoding: 'utf8',
});
console.log(`load at start: ${uptime()}`);
console.log(`bare node ${process.version}: RSS ${mb(Number(bare.stdout.trim()))} MB`);

const {sim, url} = await startSimProcess(cli, 'large');

const stats = new RequestStats();
const clients = createAwsClients({
	endpointUrl: url,
	region: 'us-east-1',
	credentials: {accessKeyId: 'AKIDLOGS', secretAccessKey: 'logs-bench-not-a-secret'},
	stats,
});
const store = createFleetStore({refreshMs});
const poller = createFleetPoller({adapters: createAwsAdapters(clients), store, stats, refreshMs});
poller.start();

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function until<T>(what: string, find: () => T | undefined, timeoutMs = 120_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = find();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await sleep(200);
	}
}

// A user's first screen: the first cluster, then its service with the most running tasks.
const cluster = await until('the clusters', () => store.getState().clusters[0]);
poller.setFocus({clusterArn: cluster.arn});
const service = await until('its services', () => {
	const services = store.getState().clusterViews[cluster.arn]?.services ?? [];
	return services.length === 0
		? undefined
		: [...services].sort((a, b) => b.runningCount - a.runningCount)[0];
});
poller.setFocus({clusterArn: cluster.arn, serviceArn: service.arn});
await until('its tasks', () =>
	(store.getState().tasks[`service:${service.arn}`]?.length ?? 0) > 0 ? true : undefined,
);
store.getState().wants.showLogs({kind: 'service', serviceArn: service.arn}, {follow: true});
await until('the first lines', () => (store.getState().logView?.loaded ? true : undefined));
const view = store.getState().logView!;
console.log(
	`following service ${service.name} of ${cluster.name}: ${service.runningCount} running tasks, ${view.streams.length} streams in ${[...new Set(view.streams.map((s) => s.group))].join(', ')}, refresh ${refreshMs / 1000} s, ${minutes} min`,
);

const logOperations = ['Logs.GetLogEvents', 'Logs.FilterLogEvents'];
const logCallsSoFar = () =>
	logOperations.reduce((sum, name) => sum + (stats.snapshot().byOperation[name] ?? 0), 0);
const started = Date.now();
let lastCount = logCallsSoFar();
const perMinute: number[] = [];
console.log('  min   RSS MB  heap MB  log calls/min  all calls/min    lines  dropped');
for (let minute = 1; minute <= minutes; minute++) {
	await sleep(started + minute * 60_000 - Date.now());
	const count = logCallsSoFar();
	perMinute.push(count - lastCount);
	lastCount = count;
	const memory = process.memoryUsage();
	const buffer = store.getState().logView!.buffer;
	console.log(
		`${String(minute).padStart(5)} ${mb(memory.rss).padStart(8)} ${mb(memory.heapUsed).padStart(8)} ${String(perMinute.at(-1)).padStart(14)} ${String(stats.callsInLastMinute()).padStart(14)} ${String(buffer.lines.length).padStart(8)} ${String(buffer.dropped).padStart(8)}`,
	);
}

const memory = process.memoryUsage();
const mean = perMinute.reduce((a, b) => a + b, 0) / perMinute.length;
console.log(
	`\nlog calls a minute: mean ${mean.toFixed(1)}, busiest ${Math.max(...perMinute)} (one per refresh would be ${60_000 / refreshMs})`,
);
console.log(
	`after ${minutes} min of follow: RSS ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} MB (bare node ${mb(Number(bare.stdout.trim()))} MB)`,
);
console.log(`load at end: ${uptime()}`);
poller.stop();
clients.destroy();
sim.kill('SIGTERM');
process.exit(0);
