/**
 * What fleet-main's 20,000 tasks cost the heap once loaded, and how much garbage one describe of
 * them leaves: the store's share of the memory budget (docs/architecture.md), apart from Ink.
 * Run with --expose-gc:
 *
 *   npm run build && node --expose-gc --import tsx bench/memory-tasks.ts
 */
import {createEcsAdapter} from '../source/aws/ecs.js';
import {simEcsClient} from './ui-session.js';
import {startSimProcess} from './ui-sims.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const gc = (globalThis as {gc?: () => void}).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function snapshot(label: string): number {
	gc!();
	const {heapUsed, rss, arrayBuffers, external} = process.memoryUsage();
	console.log(
		`${label.padEnd(34)} heap ${mb(heapUsed).padStart(9)}  rss ${mb(rss).padStart(9)}  ` +
			`external ${mb(external)}  arrayBuffers ${mb(arrayBuffers)}`,
	);
	return heapUsed;
}

const sim = await startSimProcess('large', 90_000);
const client = simEcsClient(sim.url);
try {
	const ecs = createEcsAdapter(client);
	const cluster = 'fleet-main';
	const arns = await ecs.listTaskArns(cluster);
	const base = snapshot(`${arns.length} ARNs listed`);
	let peakRss = 0;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const first = (await ecs.describeTasks(cluster, arns)).items;
	clearInterval(sampler);
	const loaded = snapshot(`${first.length} tasks described`);
	console.log(
		`  per task ${((loaded - base) / first.length).toFixed(0)} B; rss peak during ${mb(peakRss)}`,
	);
	const second = (await ecs.describeTasks(cluster, arns)).items;
	snapshot('a second describe held too');
	console.log(`  (kept ${second.length} more)`);
} finally {
	client.destroy();
	await sim.close();
}
