/**
 * API calls per refresh against the fewest the batch limits allow for what is on screen (the
 * budget: at most 1.1x; docs/architecture.md, "Budgets"). The simulator serves the `large` world
 * in-process; the fleet store and poller run over the real adapters and SDK clients, focused on
 * `fleet-main` and its biggest service, with a screenful of clusters and services showing
 * sparklines.
 *
 *   npm run bench:api [-- --refreshes 10]
 *
 * Prints the cold first refresh (identity, capacity providers, EC2 details, task definitions,
 * the first 30 minutes of metrics) apart from the steady ones.
 *
 * Then the live view as a user leaves it open at the default refresh, on `large` and on `wide`
 * (bench/live-calls.ts): calls a minute, mean and busiest minute, against the budget of 60.
 *
 *   npm run bench:api [-- --refreshes 10 --live-minutes 40]
 */
import {performance} from 'node:perf_hooks';
import {createAwsAdapters} from '../source/aws/adapters.js';
import {createAwsClients} from '../source/aws/clients.js';
import {RequestStats} from '../source/aws/request-stats.js';
import {startSim} from '../source/sim/index.js';
import {createFleetPoller} from '../source/store/fleet-poller.js';
import {createFleetStore, taskScopeKey, type FleetState} from '../source/store/fleet-store.js';
import {visibleMetricQueries} from '../source/store/tiers/metrics.js';
import {measureLiveCalls} from './live-calls.js';
import {bareNodeMs, BudgetTable, loadNow, loadText} from './measure.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const refreshes = Number(process.argv[process.argv.indexOf('--refreshes') + 1]) || 10;
const liveMinutes = Number(process.argv[process.argv.indexOf('--live-minutes') + 1]) || 40;
/** Calls a minute the live view may spend at the default refresh on `large` and `wide`. */
const liveBudget = 60;
const budget = 1.1;
/** Rows a pane shows on a 120x40 terminal: the rows whose sparklines are fetched. */
const visibleRows = 10;
const fargate = new Set(['FARGATE', 'FARGATE_SPOT']);

const verdicts = new BudgetTable('ecs-top bench:api');
let started = performance.now();
const server = await startSim({scenario: 'large'});
console.log(`large world served in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const stats = new RequestStats();
const clients = createAwsClients({
	endpointUrl: server.url,
	region: 'us-east-1',
	credentials: {accessKeyId: 'AKIDBENCHAPICALLS', secretAccessKey: 'bench'},
	stats,
});
const adapters = createAwsAdapters(clients);

// Setup through a separate count: picking what to focus is not part of what is measured.
const setupClients = createAwsClients({
	endpointUrl: server.url,
	region: 'us-east-1',
	credentials: {accessKeyId: 'AKIDBENCHSETUP', secretAccessKey: 'bench'},
});
const setup = createAwsAdapters(setupClients).ecs;
const clusterArns = (await setup.listClusterArns()).sort();
const found = clusterArns.find((arn) => arn.endsWith('/fleet-main'));
if (found === undefined) throw new Error('the large scenario has no fleet-main cluster');
const fleetMain: string = found;
const services = (await setup.describeServices(fleetMain, await setup.listServiceArns(fleetMain)))
	.items;
const biggest = [...services].sort((a, b) => b.desiredCount - a.desiredCount)[0]!;
const shownServices = [...services]
	.sort((a, b) => a.name.localeCompare(b.name))
	.slice(0, visibleRows);
setupClients.destroy();

// No automatic runs during the bench: every refresh is an explicit one, counted on its own.
const store = createFleetStore({refreshMs: 3_600_000});
const poller = createFleetPoller({adapters, store, stats});
poller.setFocus({clusterArn: fleetMain, serviceArn: biggest.arn});
poller.setVisibleMetrics({
	clusterArns: [fleetMain, ...clusterArns.filter((arn) => arn !== fleetMain)].slice(0, visibleRows),
	serviceArns: shownServices.map((service) => service.arn),
});

type Counts = Record<string, number>;
const diff = (after: Counts, before: Counts): Counts =>
	Object.fromEntries(
		Object.entries(after)
			.map(([op, n]) => [op, n - (before[op] ?? 0)] as const)
			.filter(([, n]) => n > 0),
	);

/** The fewest calls the API's batch limits allow for what the store holds (docs/aws-limits.md). */
function minimum(state: FleetState, cold: boolean): Counts {
	const up = (n: number, per: number) => Math.ceil(n / per);
	const view = state.clusterViews[fleetMain]!;
	const tasks = state.tasks[taskScopeKey(state.focus)!]?.length ?? 0;
	const instances = view.containerInstances.length;
	const steady: Counts = {
		'ECS.ListClusters': Math.max(1, up(state.clusters.length, 100)),
		'ECS.DescribeClusters': up(state.clusters.length, 100),
		'ECS.ListServices': Math.max(1, up(view.services.length, 100)),
		'ECS.DescribeServices': up(view.services.length, 10),
		'ECS.ListContainerInstances': Math.max(1, up(instances, 100)),
		'ECS.DescribeContainerInstances': up(instances, 100),
		'AutoScaling.DescribeAutoScalingGroups': up(view.autoScalingGroups.length, 100),
		'ECS.ListTasks': Math.max(1, up(tasks, 100)),
		'ECS.DescribeTasks': up(tasks, 100),
	};
	if (!cold) return steady;
	const providers = state.clusters.find((c) => c.arn === fleetMain)!.capacityProviders;
	return {
		...steady,
		'STS.GetCallerIdentity': 1,
		'ECS.DescribeCapacityProviders': up(providers.filter((p) => !fargate.has(p)).length, 10),
		'EC2.DescribeInstances': up(instances, 1000),
		'ECS.DescribeTaskDefinition': Object.keys(state.taskDefinitions).length,
		'CloudWatch.GetMetricData': up(visibleMetricQueries(state).length, 500),
	};
}

function table(title: string, calls: Counts, least: Counts, runs: number): number {
	const ops = [...new Set([...Object.keys(least), ...Object.keys(calls)])].sort();
	const rows = ops.map((op) => {
		const made = (calls[op] ?? 0) / runs;
		const min = least[op] ?? 0;
		return [
			op,
			made.toFixed(1),
			String(min),
			min === 0 ? (made === 0 ? '-' : 'extra') : (made / min).toFixed(2),
		];
	});
	const made = ops.reduce((sum, op) => sum + (calls[op] ?? 0), 0) / runs;
	const min = ops.reduce((sum, op) => sum + (least[op] ?? 0), 0);
	rows.push(['total', made.toFixed(1), String(min), (made / min).toFixed(2)]);
	const head = ['operation', 'calls', 'minimum', 'ratio'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
			.join('  ');
	console.log(`\n${title}`);
	console.log(line(head));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows.slice(0, -1)) console.log(line(row));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	console.log(line(rows.at(-1)!));
	return made / min;
}

started = performance.now();
let before = stats.snapshot().byOperation;
poller.start();
await poller.whenIdle();
const coldMs = performance.now() - started;
const cold = diff(stats.snapshot().byOperation, before);
const state = store.getState();
const view = state.clusterViews[fleetMain]!;
console.log(
	`on screen: ${state.clusters.length} clusters; fleet-main: ${view.services.length} services, ` +
		`${view.containerInstances.length} instances, ${view.autoScalingGroups.length} Auto Scaling groups; ` +
		`service ${biggest.name}: ${state.tasks[taskScopeKey(state.focus)!]?.length ?? 0} tasks; ` +
		`${visibleMetricQueries(state).length} metric series`,
);
table(`cold first refresh (${coldMs.toFixed(0)} ms)`, cold, minimum(state, true), 1);

// Metrics are left out of the steady table: their own cadence is 60 s, not one refresh.
before = stats.snapshot().byOperation;
const times: number[] = [];
let least: Counts = {};
for (let i = 0; i < refreshes; i++) {
	const t = performance.now();
	poller.refreshNow();
	await poller.whenIdle();
	times.push(performance.now() - t);
	const now = minimum(store.getState(), false);
	for (const [op, n] of Object.entries(now)) least[op] = (least[op] ?? 0) + n;
}
least = Object.fromEntries(Object.entries(least).map(([op, n]) => [op, n / refreshes]));
const steady = diff(stats.snapshot().byOperation, before);
const metricCalls = steady['CloudWatch.GetMetricData'] ?? 0;
delete steady['CloudWatch.GetMetricData'];
const sorted = [...times].sort((a, b) => a - b);
const ratio = table(
	`steady refresh, mean of ${refreshes} (p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms)`,
	steady,
	least,
	refreshes,
);
console.log(
	`\nCloudWatch.GetMetricData during the steady refreshes: ${metricCalls} ` +
		`(minimum: 1 per completed minute for ${visibleMetricQueries(store.getState()).length} series)`,
);
console.log(`throttled attempts: ${stats.throttled}`);
verdicts.add('steady calls per refresh, times the fewest the limits allow', ratio, 'x', {
	budget,
	atMost: true,
	digits: 2,
});
verdicts.add('cold first refresh (large, in-process simulator)', coldMs, 'ms', {
	baseline: await bareNodeMs(),
});

poller.stop();
clients.destroy();
await server.close();

// The live view left open: calls a minute at the default refresh, on virtual time.
for (const scenario of ['large', 'wide'] as const) {
	const load = loadNow();
	console.log(`\nlive view, ${scenario}, default refresh (load average ${loadText()})`);
	const live = await measureLiveCalls(scenario, {minutes: liveMinutes});
	console.log(`on screen: ${live.view}`);
	const ops = Object.entries(live.byOperation).sort(([a], [b]) => a.localeCompare(b));
	const width = Math.max(...ops.map(([op]) => op.length));
	for (const [op, n] of ops) console.log(`  ${op.padEnd(width)}  ${n.toFixed(1).padStart(5)}/min`);
	const verdict = live.peakMinute <= liveBudget ? 'PASS' : 'FAIL';
	console.log(
		`budget: live calls a minute <= ${liveBudget}: ${verdict} (mean ${live.perMinute.toFixed(1)}, ` +
			`busiest minute ${live.peakMinute}, over ${live.minutes} minutes)`,
	);
	verdicts.add(`live view, ${scenario}: busiest minute's calls`, live.peakMinute, 'calls', {
		budget: liveBudget,
		atMost: true,
		load,
	});
	verdicts.add(`live view, ${scenario}: calls a minute, mean`, live.perMinute, 'calls', {
		budget: liveBudget,
		atMost: true,
		load,
		digits: 1,
	});
}
verdicts.note(
	'calls are counted on virtual time (minutes of polling in seconds): the load moves the ' +
		'times, not the counts',
);
verdicts.print();
if (verdicts.failed) process.exitCode = 1;
