/**
 * The part of a TUI session that talks to AWS: the connection (SDK clients, and for --demo the
 * simulator), the pollers filling the store, and the action runner. tui.tsx imports
 * this module only after its first frame is on screen: the SDK is most of the startup's cost.
 */
import {dirname, join} from 'node:path';
import type {AppOptions} from '../options.js';
import {
	createActionRunner,
	createAuditLog,
	defaultAuditLogPath,
	type ActionRunner,
} from '../store/writes/index.js';
import {firstClusters} from '../store/first-clusters.js';
import {createFleetPoller, type FleetPoller} from '../store/fleet-poller.js';
import type {FleetState, FleetStore} from '../store/fleet-store.js';
import {connect, type Connection, type ConnectOptions} from './connection.js';

export type Wiring = {
	connection: Connection;
	poller: FleetPoller;
	/** Keys -> actions -> AWS: refuses everything under --read-only. */
	actions: ActionRunner;
	/** Stops polling and acting, and closes the connection (and the demo's simulator). */
	close(): Promise<void>;
};

/**
 * What the header shows of the connection, changed only when it differs. The region and endpoint
 * resolved are mostly those already shown (the flag's, the demo's): a new state would draw a frame
 * with nothing new, just before the first data, and the frame throttle would hold that data back
 * to the next frame's slot.
 */
function showConnection(
	store: FleetStore,
	resolved: Partial<Pick<FleetState['connection'], 'region' | 'endpoint'>>,
): void {
	const {connection} = store.getState();
	const changed = Object.entries(resolved).some(
		([key, value]) => connection[key as keyof typeof resolved] !== value,
	);
	if (changed) store.setState({connection: {...connection, ...resolved}});
}

/**
 * How long a --demo session's wiring is held back for the first clusters. The screen is drawn
 * again once the session is wired (the footer then offers the actions), and Ink draws at most one
 * frame per 1000/maxFps ms: drawn just before the first clusters came, that frame held them back
 * to the next slot (up to 33 ms), and its drawing delayed reading their answers. The demo's AWS
 * thread makes the first calls before they are asked, so its answers come within this and both
 * come in one frame. Against AWS nothing is foreseen and the answers take a network round trip:
 * there the wiring is not held back, and the footer changes before the data, as it did.
 */
export const firstDataGraceMs = 200;

/**
 * Connects, fills `store` from AWS from now on, and returns what must be closed with it; with
 * --demo, once the first clusters are in or `firstDataGraceMs` has passed. With --demo, the
 * simulator runs on the AWS thread (connectOptions.awsThread), else it comes from `startDemoSim`
 * (default: in this process).
 */
export async function wireSession(
	options: AppOptions,
	store: FleetStore,
	connectOptions?: ConnectOptions,
	/** The live view's log file: AWS problems are written there as they appear and clear. */
	log?: (line: string) => void,
	/** How long the wiring waits for the first clusters (--demo only by default); tests change it. */
	firstDataWaitMs = options.demo === undefined ? 0 : firstDataGraceMs,
): Promise<Wiring> {
	const connection = await connect(options, connectOptions);
	// The header showed what the flags said while connecting; now what the profile says. The
	// polls do not wait for it (the clients resolve the region themselves): at start it is one
	// more call to the AWS thread before the first data.
	connection.region().then(
		(region) => showConnection(store, {region}),
		() => showConnection(store, {region: undefined}),
	);
	// Likewise the endpoint, which a profile's endpoint_url may set: the header shows where the
	// calls go whenever that is not AWS. The demo's header says `demo` instead.
	if (options.demo === undefined)
		connection.endpoint().then(
			(endpoint) => showConnection(store, {endpoint}),
			() => {},
		);
	const poller = createFleetPoller({
		adapters: connection.adapters,
		store,
		stats: connection.stats,
		refreshMs: options.refreshMs,
		clusters: options.clusters,
		...(log === undefined ? {} : {log}),
	});
	poller.start();
	const demo = options.demo !== undefined;
	const actions = createActionRunner({
		adapters: connection.adapters,
		fleet: store,
		readOnly: options.readOnly,
		// What the simulator was told stays out of the record of what real AWS was told.
		auditLog: createAuditLog(
			demo ? join(dirname(defaultAuditLogPath()), 'audit-demo.jsonl') : defaultAuditLogPath(),
		),
		// The `aws` commands the dialogs show: `demo` is a label, not a profile the CLI knows.
		cliTarget: {
			profile: demo ? undefined : connection.label,
			endpoint: connection.endpointUrl,
		},
		...(connectOptions?.handOff === undefined ? {} : {handOff: connectOptions.handOff}),
	});
	if (firstDataWaitMs > 0) await firstClusters(store, firstDataWaitMs);
	return {
		connection,
		poller,
		actions,
		async close() {
			actions.dispose();
			poller.stop();
			await connection.close();
		},
	};
}

/**
 * Whether a newly wired session works: undefined once its first clusters are in, else what went
 * wrong with them (no or expired credentials, AWS out of reach, access denied), or that nothing
 * came back within `timeoutMs`. Throttling is waited out, as the poller retries it.
 */
export function firstAnswer(store: FleetStore, timeoutMs: number): Promise<string | undefined> {
	return new Promise((resolve) => {
		const verdict = (state: FleetState): string | false | undefined => {
			if (state.dataSets.clusters?.fetchedAt !== undefined) return undefined;
			const problem = state.problems.clusters;
			return problem !== undefined && problem.kind !== 'throttled' ? problem.message : false;
		};
		const done = (answer: string | undefined) => {
			clearTimeout(timer);
			unsubscribe();
			resolve(answer);
		};
		const timer = setTimeout(
			() => done(`AWS did not answer within ${Math.round(timeoutMs / 1000)} s`),
			timeoutMs,
		);
		const unsubscribe = store.subscribe((state) => {
			const answer = verdict(state);
			if (answer !== false) done(answer);
		});
		const answer = verdict(store.getState());
		if (answer !== false) done(answer);
	});
}
