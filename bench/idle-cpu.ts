/**
 * Idle CPU: what the TUI costs when nothing changes, with fleet-main's 20,000 tasks on screen at
 * `large`. The world runs paused in this process (a ManualClock that nobody advances), so every
 * refresh answers the same fleet and any CPU the TUI uses is its own overhead: polling, parsing,
 * comparing, rendering.
 *
 *   npm run bench:idle [-- --seconds 240 --settle-seconds 20 --refresh 5 --columns 200 --rows 50
 *                         --view tasks|default --cpu-prof DIR --budget 2]
 *
 * Prints the TUI's CPU as a share of one core, per thread (UI, the AWS thread, the rest), beside
 * the same figure for a bare `node` that only keeps a timer alive, and the load average before and
 * after: on a shared machine the bare-node figure says how much of the result is the machine.
 */
import {
	bareNodeIdlePercent as bareNodePercent,
	BudgetTable,
	numberFlag as flag,
	percentOfCore,
	processTicks,
	stringFlag,
	threadTicks,
} from './measure.js';
import {loadavg} from 'node:os';
import {sleep} from './ui-pty.js';
import {commandKeys, filterKeys, TuiSession} from './ui-session.js';
import {startPausedSim} from './ui-sims.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

// Longer than the tasks' pace at this size (20,000 tasks every 200 s): the window must hold at
// least one refresh of every tier, or it measures the quiet between them.
const seconds = flag('seconds', 240);
const settleSeconds = flag('settle-seconds', 20);
const refreshSeconds = flag('refresh', 5);
const columns = flag('columns', 200);
const rows = flag('rows', 50);
const budgetPercent = flag('budget', 2);
const view = stringFlag('view') ?? 'tasks';
const cpuProfDir = stringFlag('cpu-prof');

async function main(): Promise<void> {
	console.log(`building the paused large world…`);
	const sim = await startPausedSim('large');
	const session = new TuiSession({
		args: ['--endpoint-url', sim.url, '--refresh', String(refreshSeconds)],
		rows,
		columns,
		nodeFlags: cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : undefined,
	});
	try {
		await session.pty.whenStarted();
		await session.waitForText('200 clusters', /Clusters \[1\/200\]/u, 120_000);
		if (view === 'tasks') {
			await session.type(filterKeys('fleet-main'));
			await session.waitForText('the cluster filter', /Clusters \/fleet-main \[1\/1\]/u, 10_000);
			await session.waitForText('fleet-main services', /Services \(fleet-main\) \[1\/\d+/u, 60_000);
			await session.pty.settle(500, 8000);
			await session.type(commandKeys('tasks'));
			await session.waitForText("fleet-main's tasks", /Tasks \(fleet-main\) \[1\/\d{5}/u, 120_000);
		}
		const screen = session.plain().slice(-columns * rows * 4);
		const tasksTitle = [...screen.matchAll(/Tasks \([^)]*\) \[[^\]]*\]/gu)].at(-1)?.[0];
		console.log(`on screen: ${tasksTitle ?? 'the default view'}; settling ${settleSeconds} s…`);
		await sleep(settleSeconds * 1000);

		const load = loadavg();
		const pid = session.pty.pid;
		const beforeThreads = threadTicks(pid);
		const beforeTotal = processTicks(pid);
		const beforeBytes = session.pty.chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
		const started = performance.now();
		const bare = bareNodePercent(seconds * 1000);
		await sleep(seconds * 1000);
		const elapsed = performance.now() - started;
		const total = percentOfCore(processTicks(pid) - beforeTotal, elapsed);
		const afterThreads = threadTicks(pid);
		const bytes =
			session.pty.chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0) - beforeBytes;
		const bareNode = await bare;

		const byThread = [...afterThreads]
			.map(([tid, {name, ticks}]) => ({
				tid,
				name,
				percent: percentOfCore(ticks - (beforeThreads.get(tid)?.ticks ?? 0), elapsed),
			}))
			.filter((thread) => thread.percent > 0.05)
			.sort((a, b) => b.percent - a.percent);
		console.log('');
		console.log(`view:                ${view} (refresh ${refreshSeconds} s, ${columns}x${rows})`);
		console.log(`window:              ${(elapsed / 1000).toFixed(0)} s, nothing changing`);
		console.log(`load average:        ${load.map((value) => value.toFixed(2)).join(' ')} (before)`);
		console.log(
			`                     ${loadavg()
				.map((value) => value.toFixed(2))
				.join(' ')} (after)`,
		);
		console.log(`bare node baseline:  ${bareNode.toFixed(2)}% of a core`);
		console.log(`ecs-top:             ${total.toFixed(2)}% of a core (budget ${budgetPercent}%)`);
		for (const thread of byThread)
			console.log(
				`  thread ${thread.tid.padEnd(8)} ${thread.name.padEnd(16)} ${thread.percent.toFixed(2)}%`,
			);
		console.log(`terminal output:     ${bytes} bytes`);
		const table = new BudgetTable('ecs-top bench:idle');
		table.add(`idle CPU, ${view} view, % of a core`, total, '%', {
			budget: budgetPercent,
			atMost: true,
			digits: 2,
			load: load[0]!,
			baseline: bareNode,
		});
		table.print();
		process.exitCode = table.failed ? 1 : 0;
	} catch (error) {
		console.error(session.log());
		throw error;
	} finally {
		await session.close();
		await sim.close();
	}
}

await main();
