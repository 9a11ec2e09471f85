/**
 * Wires the poll tiers (source/store/tiers/) to the poll scheduler and the fleet store. What is
 * fetched follows what is on screen, read from the store: the focus decides which tiers run,
 * the visible rows decide which metrics are fetched. The UI changes those through the store's
 * wants; this module reacts (aborts outdated runs, runs the affected tiers at once).
 *
 * Each tier's failure becomes its data set's status (stale, kept data) and problem (what went
 * wrong, naming the AWS action), never an empty screen.
 */
import type {AwsAdapters} from '../aws/adapters.js';
import type {RequestStats} from '../aws/request-stats.js';
import type {DataStatus} from './data-status.js';
import {
	createBatchedWriter,
	sameLogTarget,
	taskScopeKey,
	type DataSetId,
	type FleetState,
	type FleetStore,
	type Focus,
	type VisibleMetrics,
} from './fleet-store.js';
import {
	createPollScheduler,
	NOT_DUE,
	type PollScheduler,
	type RunResult,
} from './poll-scheduler.js';
import {problemChanges} from './problem-log.js';
import {systemTimers, type Timers} from './timers.js';
import {createClusterTier} from './tiers/cluster.js';
import {createClustersTier} from './tiers/clusters.js';
import {problemOf, withProblem, type FleetTier, type TierContext} from './tiers/context.js';
import {createEc2Tier} from './tiers/ec2.js';
import {createInstancesTier} from './tiers/instances.js';
import {createLogsTier} from './tiers/logs.js';
import {createMetricsTier} from './tiers/metrics.js';
import {createProblemTasksTier} from './tiers/problem-tasks.js';
import {createTaskDefinitionListTier} from './tiers/task-definition-list.js';
import {createFamilyRevisionsTier} from './tiers/family-revisions.js';
import {createTaskDefinitionsTier} from './tiers/task-definitions.js';
import {createTasksTier} from './tiers/tasks.js';

export type FleetPollerOptions = {
	readonly adapters: AwsAdapters;
	readonly store: FleetStore;
	/** The same RequestStats the clients count into: the header's calls per minute. */
	readonly stats: RequestStats;
	readonly timers?: Timers;
	/** The `--refresh` interval; default the store's. */
	readonly refreshMs?: number;
	/** Epoch ms as AWS sees it (the simulator's clock in tests); default timers.now. */
	readonly now?: () => number;
	/** Jitter source for back-off; default Math.random. */
	readonly random?: () => number;
	/** The least time between two user refreshes (`R`); default the scheduler's 1 s. */
	readonly minUserRefreshGapMs?: number;
	/** Where AWS problems are written as they appear and clear (the live view's log file). */
	readonly log?: (line: string) => void;
	/** `--cluster` names or ARNs: only these clusters are shown; none means every one. */
	readonly clusters?: readonly string[];
};

export type FleetPoller = {
	/** Starts polling: every tier on screen runs at once. */
	start(): void;
	/** Runs every tier on screen now (the `R` key), even while paused. */
	refreshNow(): void;
	pause(): void;
	resume(): void;
	/** Aborts runs in flight, clears every timer, and stops following the store. */
	stop(): void;
	setFocus(focus: Focus): void;
	setVisibleMetrics(visible: VisibleMetrics): void;
	requestStoppedTasks(wanted?: boolean): void;
	setRefreshInterval(ms: number): void;
	/**
	 * Resolves once no tier is running and every write has reached the store: a refresh and
	 * everything it woke (EC2 details, task definitions) is complete. For tests and the bench.
	 */
	whenIdle(): Promise<void>;
	readonly scheduler: PollScheduler;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Tiers whose data depends on the focused cluster or on the task scope. */
const clusterTiers: readonly DataSetId[] = [
	'cluster',
	'instances',
	'tasks',
	'problem-tasks',
	'task-definitions',
	'ec2',
];
const scopeTiers: readonly DataSetId[] = ['tasks', 'stopped-tasks', 'task-definitions'];

export function createFleetPoller(options: FleetPollerOptions): FleetPoller {
	const {adapters, store, stats} = options;
	const timers = options.timers ?? systemTimers;
	const now = options.now ?? (() => timers.now());
	// Wake-ups wait until the waking tier's data is in the store, so the woken tier sees it.
	const writer = createBatchedWriter(store, {afterFlush: () => runWoken()});
	const woken = new Set<DataSetId>();
	const tiers = new Map<DataSetId, FleetTier>();
	let running = 0;
	let clustersRun: Promise<void> | undefined;

	// The header's rate reads the clients' own window when it wants, not a copy in the store.
	store.setState({callRate: () => stats.callsInLastMinute()});

	if (options.refreshMs !== undefined && options.refreshMs !== store.getState().refreshMs) {
		store.setState({refreshMs: options.refreshMs});
	}

	const scheduler = createPollScheduler({
		timers,
		baseIntervalMs: store.getState().refreshMs,
		...(options.random === undefined ? {} : {random: options.random}),
		...(options.minUserRefreshGapMs === undefined
			? {}
			: {minUserRefreshGapMs: options.minUserRefreshGapMs}),
		onStatus: (changes) => writer.write((state) => statusUpdate(state, changes)),
	});

	/** Status changes and the request counts, which the header shows beside them. */
	function statusUpdate(
		state: FleetState,
		changes: ReadonlyMap<string, DataStatus>,
	): Partial<FleetState> {
		const requests = stats.snapshot();
		const offset = now() - timers.now();
		return {
			dataSets: {...state.dataSets, ...Object.fromEntries(changes)},
			...(requests.total === state.requests.total ? {} : {requests}),
			callsPerMinute: requests.lastMinute,
			// Only a change of a second or more: the offset of a correct clock jitters by a few ms.
			...(Math.abs(offset - state.awsClockOffsetMs) >= 1000 ? {awsClockOffsetMs: offset} : {}),
		};
	}

	const ctx: TierContext = {
		adapters,
		read: () => writer.read(),
		write: (update) => writer.write(update),
		now,
		wake(id) {
			woken.add(id);
			// An empty write, so the wake-ups run after the next flush even if nothing was written.
			writer.write(() => ({}));
		},
		clustersSettled: () => clustersRun ?? Promise.resolve(),
	};

	function runWoken(): void {
		if (woken.size === 0) return;
		const state = store.getState();
		const due = [...woken].filter((id) => tiers.get(id)?.needed?.(state) ?? true);
		woken.clear();
		if (due.length > 0) scheduler.refreshNow(due);
	}

	function register(tier: FleetTier): void {
		tiers.set(tier.id, tier);
		scheduler.register({
			id: tier.id,
			...(tier.intervalMs === undefined ? {} : {intervalMs: tier.intervalMs}),
			...(tier.intervalFactor === undefined ? {} : {intervalFactor: tier.intervalFactor}),
			...(tier.minIntervalMs === undefined ? {} : {minIntervalMs: tier.minIntervalMs}),
			...(tier.enabled === undefined ? {} : {enabled: () => tier.enabled!(store.getState())}),
			run: (signal) => {
				running++;
				const run = (async (): Promise<RunResult> => {
					try {
						const result = await tier.run(signal);
						if (result === NOT_DUE) return NOT_DUE;
						writer.write(withProblem(tier.id, result ?? undefined));
					} catch (error) {
						if (!signal.aborted) writer.write(withProblem(tier.id, problemOf(error)));
						throw error;
					} finally {
						running--;
					}
				})();
				if (tier.id === 'clusters')
					clustersRun = run.then(
						() => undefined,
						() => undefined,
					);
				return run;
			},
		});
	}

	register(createClustersTier(ctx, {only: options.clusters ?? []}));
	register(createClusterTier(ctx));
	register(createInstancesTier(ctx));
	register(createTasksTier(ctx, {desiredStatus: 'RUNNING'}));
	register(createTasksTier(ctx, {desiredStatus: 'STOPPED'}));
	register(createProblemTasksTier(ctx));
	register(createTaskDefinitionsTier(ctx));
	register(createEc2Tier(ctx));
	register(createMetricsTier(ctx));
	register(createTaskDefinitionListTier(ctx));
	register(createLogsTier(ctx));
	register(createFamilyRevisionsTier(ctx));

	/** What the poller follows in the store, and what it does when the user changes it. */
	const unsubscribe = store.subscribe((state, previous) => {
		if (options.log !== undefined)
			for (const line of problemChanges(state, previous)) options.log(line);
		const clusterChanged = state.focus.clusterArn !== previous.focus.clusterArn;
		const scopeChanged = taskScopeKey(state.focus) !== taskScopeKey(previous.focus);
		if (clusterChanged || scopeChanged || state.stoppedTasksScope !== previous.stoppedTasksScope) {
			const affected = new Set<DataSetId>([
				...(clusterChanged ? clusterTiers : []),
				...(scopeChanged ? scopeTiers : []),
				...(state.stoppedTasksScope !== undefined ? (['stopped-tasks'] as const) : []),
			]);
			// Tiers that just came on screen start by themselves; the others restart, as a run for
			// the old focus is outdated.
			const wasOn = new Map([...affected].map((id) => [id, isOn(id, previous)]));
			scheduler.reevaluate();
			const restart = [...affected].filter((id) => wasOn.get(id) && isOn(id, state));
			if (restart.length > 0) scheduler.refreshNow(restart, {restart: true});
		}
		if (state.visibleMetrics !== previous.visibleMetrics) {
			const wasOn = isOn('metrics', previous);
			scheduler.reevaluate();
			// New rows want their sparklines now; rows already fetched wait for their minute.
			if (wasOn && tiers.get('metrics')?.needed?.(state)) scheduler.refreshNow(['metrics']);
		}
		if (state.taskDefinitionListWanted !== previous.taskDefinitionListWanted)
			scheduler.reevaluate();
		if (state.ec2DetailsWanted !== previous.ec2DetailsWanted) {
			scheduler.reevaluate();
			if (state.ec2DetailsWanted) scheduler.refreshNow(['ec2']);
		}
		if (state.openedTaskDefinition !== previous.openedTaskDefinition) {
			scheduler.reevaluate();
			if (state.openedTaskDefinition !== undefined) scheduler.refreshNow(['task-definitions']);
		}
		if (state.logView !== previous.logView) {
			const [now, before] = [state.logView, previous.logView];
			const retargeted = !sameLogTarget(now?.target, before?.target);
			if (retargeted || now?.follow !== before?.follow || now?.loaded !== before?.loaded) {
				const wasOn = isOn('logs', previous);
				scheduler.reevaluate();
				// Opened, another target, or follow turned on: read now, not a refresh later.
				if (now !== undefined && isOn('logs', state) && (retargeted || !wasOn))
					scheduler.refreshNow(['logs'], {restart: retargeted && wasOn});
			}
		}
		// A view opened before its tasks or their definitions were in reads as soon as they are.
		if (
			state.logView?.loaded === false &&
			(state.tasks !== previous.tasks || state.taskDefinitions !== previous.taskDefinitions)
		)
			scheduler.refreshNow(['logs']);
		if (state.revisionFamily !== previous.revisionFamily) {
			scheduler.reevaluate();
			if (state.revisionFamily !== undefined) scheduler.refreshNow(['family-revisions']);
		}
		if (
			state.revisionFamily !== previous.revisionFamily ||
			state.pinnedRevisions !== previous.pinnedRevisions ||
			state.familyRevisions !== previous.familyRevisions
		) {
			scheduler.reevaluate();
			if (tiers.get('task-definitions')?.needed?.(state))
				scheduler.refreshNow(['task-definitions']);
		}
		if (state.refreshRequests !== previous.refreshRequests) scheduler.refreshForUser();
		if (state.paused !== previous.paused) {
			if (state.paused) scheduler.pause();
			else scheduler.resume();
		}
		if (state.refreshMs !== previous.refreshMs) scheduler.setBaseInterval(state.refreshMs);
	});

	function isOn(id: DataSetId, state: FleetState): boolean {
		return tiers.get(id)?.enabled?.(state) ?? true;
	}

	const wants = () => store.getState().wants;

	return {
		scheduler,
		start: () => scheduler.start(),
		refreshNow: () => wants().refreshNow(),
		pause: () => wants().setPaused(true),
		resume: () => wants().setPaused(false),
		stop() {
			unsubscribe();
			scheduler.stop();
			writer.flush();
		},
		setFocus: (focus) => wants().setFocus(focus),
		setVisibleMetrics: (visible) => wants().setVisibleMetrics(visible),
		requestStoppedTasks: (wanted) => wants().requestStoppedTasks(wanted),
		setRefreshInterval(ms) {
			if (ms !== store.getState().refreshMs) store.setState({refreshMs: ms});
		},
		async whenIdle() {
			// Two quiet turns in a row: a settled run may wake another in the turn after it.
			for (let quiet = 0; quiet < 2;) {
				await nextTurn();
				const busy =
					running > 0 || writer.pending || woken.size > 0 || scheduler.userRefreshPending();
				quiet = busy ? 0 : quiet + 1;
			}
		},
	};
}
