/**
 * The fleet store and poller over the real adapters and SDK clients, against the simulator on
 * an ephemeral port: what the app does, minus the terminal. The base interval is long, so no
 * automatic run sneaks in; tests drive refreshes with refreshNow() and whenIdle().
 */
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {RequestStats} from '../../source/aws/request-stats.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore, type FleetStore} from '../../source/store/fleet-store.js';
import type {ScenarioName} from '../../source/sim/scenarios/index.js';
import {startMutatingProxy, type Mutation} from '../helpers/mutating-proxy.js';
import {startTestSim, type TestSim, appClientsAt} from '../helpers/sim.js';

export type Fleet = {
	sim: TestSim;
	clients: AwsClients;
	stats: RequestStats;
	store: FleetStore;
	poller: FleetPoller;
	/** Runs every tier on screen and waits until it and everything it woke has settled. */
	refresh(): Promise<void>;
	close(): Promise<void>;
};

export async function startFleet(
	options: {
		scenario?: ScenarioName;
		/** The base refresh interval; long by default, so that no automatic run sneaks in. */
		refreshMs?: number;
		/** Called with the empty store before the first poll: to watch the first updates. */
		observe?: (store: FleetStore) => void;
		/** Rewrites the simulator's JSON answers on their way (test/helpers/mutating-proxy.ts). */
		mutate?: Mutation;
		/** The poller's log of AWS problems. */
		log?: (line: string) => void;
		/** `--cluster`: only these clusters (names or ARNs). */
		clusters?: readonly string[];
		/** The region the header shows (the store's connection), as the live view sets it. */
		region?: string;
	} = {},
): Promise<Fleet> {
	const sim = await startTestSim({scenario: options.scenario ?? 'demo'});
	const proxy =
		options.mutate === undefined
			? undefined
			: await startMutatingProxy(sim.server.url, options.mutate);
	const stats = new RequestStats();
	// One attempt: the SDK's retries would only slow the throttling tests down.
	const clients = appClientsAt(proxy?.url ?? sim.server.url, {
		stats,
		maxAttempts: 1,
	});
	const adapters = createAwsAdapters(clients);
	const store = createFleetStore({
		refreshMs: options.refreshMs ?? 600_000,
		...(options.region === undefined ? {} : {connection: {region: options.region}}),
	});
	options.observe?.(store);
	const poller = createFleetPoller({
		adapters,
		store,
		stats,
		now: () => sim.clock.now(),
		random: () => 0.5,
		// Tests refresh one after the other, each waiting for the last (whenIdle): the spacing
		// that paces a held R key would only make them wait.
		minUserRefreshGapMs: 0,
		...(options.log === undefined ? {} : {log: options.log}),
		...(options.clusters === undefined ? {} : {clusters: options.clusters}),
	});
	poller.start();
	await poller.whenIdle();
	return {
		sim,
		clients,
		stats,
		store,
		poller,
		async refresh() {
			poller.refreshNow();
			await poller.whenIdle();
		},
		async close() {
			poller.stop();
			clients.destroy();
			await proxy?.close();
			await sim.close();
		},
	};
}

/**
 * Focuses the named cluster, waits for its data, then pauses polling: from then on only the runs
 * a test asks for happen (refreshNow, R), none on the timer.
 */
export async function focusPaused(fleet: Fleet, clusterName: string): Promise<string> {
	const clusterArn = clusterArnOf(fleet, clusterName);
	fleet.store.getState().wants.setFocus({clusterArn});
	await fleet.poller.whenIdle();
	fleet.store.getState().wants.setPaused(true);
	await fleet.poller.whenIdle();
	return clusterArn;
}

export function clusterArnOf(fleet: Fleet, name: string): string {
	const cluster = fleet.store.getState().clusters.find((c) => c.name === name);
	if (cluster === undefined) throw new Error(`no cluster ${name} in the store`);
	return cluster.arn;
}

export function serviceArnOf(fleet: Fleet, clusterArn: string, name: string): string {
	const service = fleet.store
		.getState()
		.clusterViews[clusterArn]?.services.find((s) => s.name === name);
	if (service === undefined) throw new Error(`no service ${name} in the store`);
	return service.arn;
}
