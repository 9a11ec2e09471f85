/**
 * AWS calls a minute of the live view left open at the default refresh, as a user starting
 * `ecs-top` sees it: the first cluster selected, its first service's tasks, and the rows a
 * 160x40 terminal shows asking for sparklines (what the App tells the store). The pollers run
 * over the real adapters and SDK clients against the scenario served in-process, on virtual
 * time: minutes of polling take seconds, and every timer fires exactly when it would.
 *
 * The world is paused (nothing in it changes), which leaves the count to the polling alone.
 */
import {createAwsAdapters} from '../source/aws/adapters.js';
import {createAwsClients} from '../source/aws/clients.js';
import {RequestStats} from '../source/aws/request-stats.js';
import {startSim} from '../source/sim/index.js';
import type {ScenarioName} from '../source/sim/scenarios/index.js';
import {ManualClock} from '../source/sim/world/clock.js';
import {createFleetPoller} from '../source/store/fleet-poller.js';
import {
	createFleetStore,
	DEFAULT_REFRESH_MS,
	type FleetState,
} from '../source/store/fleet-store.js';
import {FakeTimers} from '../source/store/timers.js';
import {computeLayout, type PaneId} from '../source/ui/layout.js';

export type LiveCalls = {
	readonly scenario: ScenarioName;
	/** What was on screen: the selected cluster and service, and how many rows each pane had. */
	readonly view: string;
	readonly minutes: number;
	/** The mean over the window. */
	readonly perMinute: number;
	/** The busiest minute of the window (whole minutes from its start). */
	readonly peakMinute: number;
	readonly byOperation: Readonly<Record<string, number>>;
};

type Counts = Record<string, number>;

export async function measureLiveCalls(
	scenario: ScenarioName,
	options: {
		warmupMinutes?: number;
		minutes?: number;
		columns?: number;
		rows?: number;
		/** The cluster the user selects, by name; the first one by default. */
		cluster?: string;
		/** Poll tiers switched off, to measure what one costs (with it less without it). */
		disabledTiers?: readonly string[];
	} = {},
): Promise<LiveCalls> {
	const warmupMinutes = options.warmupMinutes ?? 1;
	const minutes = options.minutes ?? 5;
	const start = Date.now();
	const clock = new ManualClock(start);
	const server = await startSim({scenario, seed: 1, clock});
	const stats = new RequestStats();
	const clients = createAwsClients({
		endpointUrl: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDBENCHLIVECALLS', secretAccessKey: 'bench'},
		stats,
	});
	const timers = new FakeTimers(start);
	const store = createFleetStore({refreshMs: DEFAULT_REFRESH_MS});
	const poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats,
		timers,
		now: () => timers.now(),
		random: () => 0.5,
	});
	for (const tier of options.disabledTiers ?? []) poller.scheduler.setEnabled(tier, false);
	const layout = computeLayout({
		columns: options.columns ?? 160,
		rows: options.rows ?? 40,
		focused: 'clusters',
	});
	// A pane's rows: its height less the border and the column titles.
	const rowsOf = (pane: PaneId) =>
		Math.max(0, (layout.panes.find((rect) => rect.pane === pane)?.height ?? 0) - 3);

	/** What the App does once data arrives: select the first rows, ask for their sparklines. */
	const followScreen = (state: FleetState) => {
		const cluster =
			options.cluster === undefined
				? state.clusters[0]
				: state.clusters.find((candidate) => candidate.name === options.cluster);
		if (cluster === undefined) return;
		const services = state.clusterViews[cluster.arn]?.services ?? [];
		const focus = {clusterArn: cluster.arn, serviceArn: services[0]?.arn};
		if (focus.clusterArn !== state.focus.clusterArn || focus.serviceArn !== state.focus.serviceArn)
			state.wants.setFocus(focus);
		const clusterArns = state.clusters.slice(0, rowsOf('clusters')).map((c) => c.arn);
		const serviceArns = services.slice(0, rowsOf('services')).map((s) => s.arn);
		const shown = state.visibleMetrics;
		if (
			shown.clusterArns.join() !== clusterArns.join() ||
			shown.serviceArns.join() !== serviceArns.join()
		)
			state.wants.setVisibleMetrics({clusterArns, serviceArns});
	};

	/** Runs the timers (and the polls they start) until `until`, the world's clock alongside. */
	const runUntil = async (until: number) => {
		for (;;) {
			await poller.whenIdle();
			followScreen(store.getState());
			await poller.whenIdle();
			const next = timers.nextDueAt();
			if (next === undefined || next > until) break;
			clock.advance(next - timers.now());
			await timers.advance(next - timers.now());
		}
		clock.advance(until - timers.now());
		await timers.advance(until - timers.now());
	};

	try {
		poller.start();
		await runUntil(start + warmupMinutes * 60_000);
		const total = () => Object.values(stats.snapshot().byOperation).reduce((s, n) => s + n, 0);
		const before: Counts = {...stats.snapshot().byOperation};
		let peakMinute = 0;
		for (let minute = 0; minute < minutes; minute++) {
			const atStart = total();
			await runUntil(timers.now() + 60_000);
			peakMinute = Math.max(peakMinute, total() - atStart);
		}
		const after = stats.snapshot().byOperation;
		const byOperation: Counts = {};
		for (const [operation, count] of Object.entries(after)) {
			const made = (count - (before[operation] ?? 0)) / minutes;
			if (made > 0) byOperation[operation] = made;
		}
		const state = store.getState();
		const cluster = state.clusters.find((c) => c.arn === state.focus.clusterArn);
		const services = state.clusterViews[state.focus.clusterArn ?? '']?.services ?? [];
		const service = services.find((s) => s.arn === state.focus.serviceArn);
		const view =
			`cluster ${cluster?.name} (${services.length} services) of ${state.clusters.length}, ` +
			`service ${service?.name} (${service?.runningCount ?? 0} tasks); ` +
			`${rowsOf('clusters')} cluster rows, ${rowsOf('services')} service rows`;
		const perMinute = Object.values(byOperation).reduce((sum, n) => sum + n, 0);
		return {scenario, view, minutes, perMinute, peakMinute, byOperation};
	} finally {
		poller.stop();
		clients.destroy();
		await server.close();
	}
}
