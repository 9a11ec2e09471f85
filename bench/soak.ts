/**
 * Soak: ecs-top's pollers and store (what the TUI holds, minus Ink) against the `large` world for
 * a long time, through throttling storms, moving the focus around as a user would. The simulator
 * runs in another process, so the memory measured is ecs-top's alone.
 *
 *   npm run bench:soak [-- --minutes 30 --refresh 5 --storm-every 5 --storm-for 1]
 *
 * Prints resident memory and calls per minute as it goes, then a verdict: memory flat within 10%
 * (after a warm-up) and calls per minute bounded (a storm must not raise them above the calm
 * rate).
 */
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

// As cli.tsx does: the SDK's Node 20 notice is nothing this bench measures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const minutes = flag('minutes', 30);
const refreshMs = flag('refresh', 5) * 1000;
const stormEveryMs = flag('storm-every', 5) * 60_000;
const stormForMs = flag('storm-for', 1) * 60_000;
const sampleMs = Math.min(30_000, (minutes * 60_000) / 20);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const {sim, url} = await startSimProcess(cli, 'large');

async function setFaults(patch: object | 'reset'): Promise<void> {
	const path = patch === 'reset' ? '/__sim/faults/reset' : '/__sim/faults';
	await fetch(`${url}${path}`, {
		method: 'POST',
		body: patch === 'reset' ? '' : JSON.stringify(patch),
	});
}

const stats = new RequestStats();
const clients = createAwsClients({
	endpointUrl: url,
	region: 'us-east-1',
	credentials: {accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak-not-a-secret'},
	stats,
});
const store = createFleetStore({refreshMs});
const poller = createFleetPoller({adapters: createAwsAdapters(clients), store, stats, refreshMs});
let unhandled = 0;
process.on('unhandledRejection', (reason) => {
	unhandled++;
	console.error('unhandled rejection:', reason);
});
poller.start();

const started = Date.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const elapsedMin = () => (Date.now() - started) / 60_000;
const inStorm = (at: number) => (at - started) % stormEveryMs >= stormEveryMs - stormForMs;

// A user wandering: a new cluster (and its first services' sparklines) every refresh or two.
let step = 0;
const wander = setInterval(() => {
	const clusters = store.getState().clusters;
	if (clusters.length === 0) return;
	const cluster = clusters[step++ % clusters.length]!;
	poller.setFocus({clusterArn: cluster.arn});
	const services = store.getState().clusterViews[cluster.arn]?.services ?? [];
	poller.setVisibleMetrics({
		clusterArns: clusters.slice(0, 20).map((c) => c.arn),
		serviceArns: services.slice(0, 20).map((s) => s.arn),
	});
}, refreshMs * 1.5);

type Sample = {minute: number; rssMb: number; heapMb: number; callsPerMin: number; storm: boolean};
const samples: Sample[] = [];
let storming = false;
let lastSampleAt = started;
console.log(
	`soak: ${minutes} min at large, refresh ${refreshMs / 1000} s, storms of half the calls throttled for ${stormForMs / 60_000} of every ${stormEveryMs / 60_000} min`,
);
console.log('  min    RSS MB   heap MB   calls/min  storm  problems');
while (Date.now() - started < minutes * 60_000) {
	const now = Date.now();
	const storm = inStorm(now);
	if (storm !== storming) {
		storming = storm;
		await setFaults(storm ? {throttleRate: 0.5} : 'reset');
	}
	await sleep(Math.min(sampleMs, 5_000));
	if (Date.now() - lastSampleAt < sampleMs) continue;
	lastSampleAt = Date.now();
	const memory = process.memoryUsage();
	const sample: Sample = {
		minute: elapsedMin(),
		rssMb: memory.rss / 2 ** 20,
		heapMb: memory.heapUsed / 2 ** 20,
		callsPerMin: stats.callsInLastMinute(),
		storm,
	};
	samples.push(sample);
	const problems = Object.entries(store.getState().problems)
		.map(([id, p]) => `${id}:${p?.kind}`)
		.join(' ');
	console.log(
		`${sample.minute.toFixed(1).padStart(5)} ${sample.rssMb.toFixed(1).padStart(9)} ${sample.heapMb.toFixed(1).padStart(9)} ${String(sample.callsPerMin).padStart(11)}  ${storm ? 'yes  ' : '     '}  ${problems}`,
	);
}

clearInterval(wander);
poller.stop();
clients.destroy();
sim.kill('SIGTERM');

// Warm-up: caches fill and the one-minute call window fills; judged after the first fifth of the
// run, and never before minute 2.
const warmFrom = Math.max(2, minutes / 5);
const warm = samples.filter((s) => s.minute >= warmFrom);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const half = Math.floor(warm.length / 2);
const early = mean(warm.slice(0, half).map((s) => s.rssMb));
const late = mean(warm.slice(half).map((s) => s.rssMb));
const growth = (late - early) / early;
// Calls: a storm's minute must not cost more than a calm one (the back-off yields).
const calm = warm.filter((s) => !s.storm).map((s) => s.callsPerMin);
const stormy = warm.filter((s) => s.storm).map((s) => s.callsPerMin);
const calmMax = Math.max(0, ...calm);
const stormMax = Math.max(0, ...stormy);
const flat = Math.abs(growth) <= 0.1;
const bounded = stormy.length === 0 || stormMax <= calmMax;
console.log(
	`\nRSS after warm-up: ${early.toFixed(1)} MB (first half) -> ${late.toFixed(1)} MB (second half), ${(growth * 100).toFixed(1)}%: ${flat ? 'flat within 10%' : 'NOT flat'}`,
);
console.log(
	`calls/min: calm ${Math.min(...calm)}-${calmMax} (mean ${mean(calm).toFixed(0)}), in storms ${stormy.length === 0 ? 'n/a' : `${Math.min(...stormy)}-${stormMax} (mean ${mean(stormy).toFixed(0)})`}: ${bounded ? 'bounded' : 'NOT bounded'}`,
);
console.log(
	`total calls ${stats.total}, throttled ${stats.throttled}, unhandled rejections ${unhandled}`,
);
console.log(flat && bounded && unhandled === 0 ? 'verdict: PASS' : 'verdict: FAIL');
process.exit(flat && bounded && unhandled === 0 ? 0 : 1);
