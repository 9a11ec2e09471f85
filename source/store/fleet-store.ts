/**
 * The one shared store: everything the pollers fetched, how current each data set is, and what
 * the user is looking at. A zustand vanilla store, so it lives outside React: pollers write to it,
 * Ink components read it with `useStore(store, selector)`, selecting primitives or the stable
 * references kept here (an entity object or array is only replaced when its content changed).
 *
 * The UI never calls AWS: what the screen wants (focus, visible metric rows, stopped tasks, refresh,
 * pause) only changes state here, and the poller, subscribed to the store, reacts to them.
 */
import {createStore, type StoreApi} from 'zustand/vanilla';
import type {AwsProblemKind} from '../aws/errors.js';
import {defaults} from '../config/settings.js';
import type {RequestStatsSnapshot} from '../aws/request-stats.js';
import type {AutoScalingGroup} from '../model/auto-scaling-group.js';
import type {CapacityProvider} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Ec2Instance} from '../model/ec2-instance.js';
import {emptyLogBuffer, type LogBuffer} from '../model/log-buffer.js';
import type {LogStreamRef, LogTarget, UnreadableContainer} from '../model/log-source.js';
import type {CallerIdentity} from '../model/identity.js';
import type {MetricSeries} from '../model/metrics.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import type {TaskDefinition} from '../model/task-definition.js';
import type {DataStatus} from './data-status.js';
import {onlyKeys, sameData} from './tiers/reuse.js';

/** Poll tiers, which are also the data sets whose freshness the UI shows. */
export type DataSetId =
	| 'identity'
	| 'clusters'
	/** The focused cluster's services. */
	| 'cluster'
	/** The focused cluster's container instances and Auto Scaling groups. */
	| 'instances'
	| 'tasks'
	| 'stopped-tasks'
	/** The stopped tasks of the focused cluster's services that show failures (the problem feed). */
	| 'problem-tasks'
	| 'task-definitions'
	| 'ec2'
	| 'metrics'
	| 'task-definition-list'
	/** The open log view's lines. */
	| 'logs'
	/** One family's revisions, while a revision list (`U`, `:td`) shows them. */
	| 'family-revisions';

/** What went wrong with a data set, in words a person can act on. */
export type DataProblem = {
	readonly kind: AwsProblemKind;
	readonly message: string;
	/** The IAM action that failed, e.g. `cloudwatch:GetMetricData`, when it was an AWS call. */
	readonly action: string | undefined;
	/** For the log: the HTTP status and AWS's request id of the failed call, when known. */
	readonly httpStatus?: number | undefined;
	readonly requestId?: string | undefined;
};

/** What a pane's first load is counting: the lists whose size is known before they arrive. */
export type ProgressId = 'clusters' | 'services' | 'instances' | 'tasks' | 'stopped-tasks';

/** How much of a list has arrived, while it loads for the first time in its scope. */
export type LoadProgress = {readonly done: number; readonly total: number};

export type Focus = {
	readonly clusterArn?: string | undefined;
	/** Only together with its cluster. */
	readonly serviceArn?: string | undefined;
};

/** The rows on screen whose sparklines need CloudWatch data. */
export type VisibleMetrics = {
	readonly clusterArns: readonly string[];
	readonly serviceArns: readonly string[];
};

/** What the store knows about one cluster beyond its summary; filled while it is focused. */
export type ClusterView = {
	readonly services: readonly Service[];
	readonly containerInstances: readonly ContainerInstance[];
	readonly capacityProviders: readonly CapacityProvider[];
	readonly autoScalingGroups: readonly AutoScalingGroup[];
};

export type Connection = {
	readonly region: string | undefined;
	readonly profile: string | undefined;
	readonly endpoint: string | undefined;
};

/** The log view: what it is open on, and what has been read (docs/logs.md). */
export type LogView = {
	readonly target: LogTarget;
	/** New lines are read every refresh while on; off, the view keeps what it has. */
	readonly follow: boolean;
	readonly buffer: LogBuffer;
	/** The streams read at the last refresh. */
	readonly streams: readonly LogStreamRef[];
	/** Containers whose logs are not in CloudWatch, or cannot be named, and why. */
	readonly unreadable: readonly UnreadableContainer[];
	/** Tasks whose definition is not known yet, so their streams are not either. */
	readonly waiting: number;
	/** What CloudWatch said instead of lines: a group or stream that does not exist yet. */
	readonly notes: readonly string[];
	/** Streams left out: FilterLogEvents takes 100 names a call. */
	readonly streamsLeftOut: number;
	/** Whether a first read has been made. */
	readonly loaded: boolean;
};

/** Whether two targets are the same task or service. */
export function sameLogTarget(a: LogTarget | undefined, b: LogTarget | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	if (a.kind === 'task') return b.kind === 'task' && a.taskArn === b.taskArn;
	return b.kind === 'service' && a.serviceArn === b.serviceArn;
}

/** What the screen wants fetched: the UI says it here, the poller reacts. */
export type ScreenWants = {
	/** Selecting a cluster scopes instances and services; a service scopes tasks. */
	setFocus(focus: Focus): void;
	/** Stopped tasks are fetched only while asked for, for the focused scope. */
	requestStoppedTasks(wanted?: boolean): void;
	setVisibleMetrics(visible: VisibleMetrics): void;
	/** The `R` key: every tier on screen runs now, paused or not. */
	refreshNow(): void;
	/** The `p` key: stops automatic polling (an explicit refresh still runs). */
	setPaused(paused: boolean): void;
	/** The `:td` view: the account's task definitions are listed only while it is open. */
	showTaskDefinitionList(wanted: boolean): void;
	/** A task definition opened from the `:td` list, fetched (once, then cached) while open. */
	openTaskDefinition(arn: string | undefined): void;
	/**
	 * An instance's detail view is open: only then are EC2's own facts (IP, launch time, spot)
	 * fetched. The EC2 SDK client alone costs about 70 MB resident, so it loads on demand.
	 */
	showEc2Details(wanted: boolean): void;
	/**
	 * The log view opens on a task or a service (undefined: it closed). Logs are read only
	 * while it is open; closing it drops its lines.
	 */
	showLogs(target: LogTarget | undefined, options?: {follow?: boolean}): void;
	/** `f` in the log view: new lines every refresh, or none. */
	setLogFollow(follow: boolean): void;
	/**
	 * A revision list is open (`U`'s picker, a family in `:td`): the family's revisions are
	 * listed, and described, the newest first, with `pinned` ones (the running, the compared)
	 * described whatever their age. Undefined when no such list is shown.
	 */
	showRevisions(family: string | undefined, pinned?: readonly string[]): void;
};

export type FleetState = {
	readonly connection: Connection;
	readonly identity: CallerIdentity | undefined;
	/** The `--refresh` interval, for staleness (three intervals) and the header. */
	readonly refreshMs: number;
	readonly paused: boolean;
	/** Bumped by `refreshNow()`: the poller reacts to the change. */
	readonly refreshRequests: number;

	/** All clusters' summaries, by name. */
	readonly clusters: readonly Cluster[];
	/** By cluster ARN: the focused cluster, and the previously focused one for a quick way back. */
	readonly clusterViews: Readonly<Record<string, ClusterView>>;
	/** Running tasks by scope key (see taskScopeKey). */
	readonly tasks: Readonly<Record<string, readonly Task[]>>;
	readonly stoppedTasks: Readonly<Record<string, readonly Task[]>>;
	/** Recently stopped tasks by service ARN, of the focused cluster's services that show failures. */
	readonly problemTasks: Readonly<Record<string, readonly Task[]>>;
	/** Cached: what EC2 says about an instance never changes in ways we show. */
	readonly ec2Instances: Readonly<Record<string, Ec2Instance>>;
	/** Cached forever: a task definition revision never changes. */
	readonly taskDefinitions: Readonly<Record<string, TaskDefinition>>;
	/** By metricSeriesKey, for the visible rows only. */
	readonly metrics: Readonly<Record<string, MetricSeries>>;

	readonly focus: Focus;
	readonly visibleMetrics: VisibleMetrics;
	/** The scope key whose stopped tasks the user asked for, if any. */
	readonly stoppedTasksScope: string | undefined;
	/** Whether the `:td` list is on screen, and what it found (ACTIVE revisions, newest first). */
	readonly taskDefinitionListWanted: boolean;
	readonly ec2DetailsWanted: boolean;
	readonly taskDefinitionArns: readonly string[] | undefined;
	/** The task definition opened from that list, if any. */
	readonly openedTaskDefinition: string | undefined;
	/** The open log view, if any. */
	readonly logView: LogView | undefined;
	/** The family whose revisions a list shows, and the revisions it needs described. */
	readonly revisionFamily: string | undefined;
	readonly pinnedRevisions: readonly string[];
	/** ACTIVE revision ARNs by family, newest first, as last listed. */
	readonly familyRevisions: Readonly<Record<string, readonly string[]>>;

	readonly dataSets: Readonly<Partial<Record<DataSetId, DataStatus>>>;
	/** First loads under way, by list: absent once the list is in (or was in before). */
	readonly progress: Readonly<Partial<Record<ProgressId, LoadProgress>>>;
	readonly problems: Readonly<Partial<Record<DataSetId, DataProblem>>>;
	readonly requests: RequestStatsSnapshot;
	/** Calls in the last minute (the header's `API 40/min`), a primitive to select. */
	readonly callsPerMinute: number;
	/**
	 * Calls in the minute up to now, read from the sliding window when called: the header's rate
	 * reads it once a second on its own, so it falls while nothing is fetched (paused, idle)
	 * without a store update. Until a poller counts calls, the last count the store was given.
	 */
	readonly callRate: () => number;
	/**
	 * AWS's clock less this machine's, to the second, as of the last fetch: times AWS wrote
	 * (events, stopped tasks) are compared with a fetch's time plus this, so a skewed clock (or
	 * the simulator's) does not age them wrongly.
	 */
	readonly awsClockOffsetMs: number;

	readonly wants: ScreenWants;
};

export type FleetStore = StoreApi<FleetState>;

export type FleetStoreOptions = {
	readonly refreshMs?: number;
	readonly connection?: Partial<Connection>;
};

/** The `--refresh` default, for a store made without one (tests, benches). */
export const DEFAULT_REFRESH_MS = defaults.refresh * 1000;

/** Where a focus's running tasks live: the focused service's, else the whole cluster's. */
export function taskScopeKey(focus: Focus): string | undefined {
	if (focus.serviceArn !== undefined) return `service:${focus.serviceArn}`;
	if (focus.clusterArn !== undefined) return `cluster:${focus.clusterArn}`;
	return undefined;
}

/** The key of one series: the cluster or service ARN and the AWS/ECS metric name. */
export function metricSeriesKey(resourceArn: string, metricName: string): string {
	return `${resourceArn}#${metricName}`;
}

const noVisibleMetrics: VisibleMetrics = {clusterArns: [], serviceArns: []};
const emptyRequests: RequestStatsSnapshot = {
	total: 0,
	throttled: 0,
	lastMinute: 0,
	byOperation: {},
};

/** Keys to keep after a focus move: the new focus and the one just left, for a quick way back. */
function recentKeys(...keys: (string | undefined)[]): Set<string> {
	return new Set(keys.filter((key): key is string => key !== undefined));
}

export function createFleetStore(options: FleetStoreOptions = {}): FleetStore {
	return createStore<FleetState>()((set, get) => ({
		connection: {
			region: options.connection?.region,
			profile: options.connection?.profile,
			endpoint: options.connection?.endpoint,
		},
		identity: undefined,
		refreshMs: options.refreshMs ?? DEFAULT_REFRESH_MS,
		paused: false,
		refreshRequests: 0,
		clusters: [],
		clusterViews: {},
		tasks: {},
		stoppedTasks: {},
		problemTasks: {},
		ec2Instances: {},
		taskDefinitions: {},
		metrics: {},
		focus: {},
		visibleMetrics: noVisibleMetrics,
		stoppedTasksScope: undefined,
		taskDefinitionListWanted: false,
		ec2DetailsWanted: false,
		taskDefinitionArns: undefined,
		openedTaskDefinition: undefined,
		logView: undefined,
		revisionFamily: undefined,
		pinnedRevisions: [],
		familyRevisions: {},
		dataSets: {},
		progress: {},
		problems: {},
		requests: emptyRequests,
		callsPerMinute: 0,
		callRate: () => get().callsPerMinute,
		awsClockOffsetMs: 0,
		wants: {
			setFocus(focus) {
				const next: Focus =
					focus.clusterArn === undefined
						? {}
						: {clusterArn: focus.clusterArn, serviceArn: focus.serviceArn};
				const state = get();
				if (sameData(state.focus, next)) return;
				const scopes = recentKeys(taskScopeKey(state.focus), taskScopeKey(next));
				// Memory stays bounded however far the user wanders: 20,000 tasks is a lot of objects.
				set({
					focus: next,
					stoppedTasksScope: undefined,
					clusterViews: onlyKeys(
						state.clusterViews,
						recentKeys(state.focus.clusterArn, next.clusterArn),
					),
					tasks: onlyKeys(state.tasks, scopes),
					stoppedTasks: onlyKeys(state.stoppedTasks, recentKeys(taskScopeKey(next))),
				});
			},
			requestStoppedTasks(wanted = true) {
				const scope = wanted ? taskScopeKey(get().focus) : undefined;
				if (scope !== get().stoppedTasksScope) set({stoppedTasksScope: scope});
			},
			setVisibleMetrics(visible) {
				const next: VisibleMetrics = {
					clusterArns: [...new Set(visible.clusterArns)],
					serviceArns: [...new Set(visible.serviceArns)],
				};
				if (!sameData(get().visibleMetrics, next)) set({visibleMetrics: next});
			},
			refreshNow() {
				set({refreshRequests: get().refreshRequests + 1});
			},
			showTaskDefinitionList(wanted) {
				if (get().taskDefinitionListWanted !== wanted) set({taskDefinitionListWanted: wanted});
			},
			showEc2Details(wanted) {
				if (get().ec2DetailsWanted !== wanted) set({ec2DetailsWanted: wanted});
			},
			showRevisions(family, pinned = []) {
				const state = get();
				const samePinned =
					state.pinnedRevisions.length === pinned.length &&
					state.pinnedRevisions.every((arn, index) => arn === pinned[index]);
				if (state.revisionFamily === family && samePinned) return;
				set({revisionFamily: family, pinnedRevisions: samePinned ? state.pinnedRevisions : pinned});
			},
			openTaskDefinition(arn) {
				if (get().openedTaskDefinition !== arn) set({openedTaskDefinition: arn});
			},
			showLogs(target, options = {}) {
				const state = get();
				const follow = options.follow ?? true;
				if (sameLogTarget(state.logView?.target, target)) {
					if (state.logView !== undefined && state.logView.follow !== follow)
						set({logView: {...state.logView, follow}});
					return;
				}
				// A closed or retargeted view's lines and problem go with it: nothing stays behind.
				const problems = {...state.problems};
				delete problems.logs;
				set({
					logView:
						target === undefined
							? undefined
							: {
									target,
									follow,
									buffer: emptyLogBuffer,
									streams: [],
									unreadable: [],
									waiting: 0,
									notes: [],
									streamsLeftOut: 0,
									loaded: false,
								},
					problems,
				});
			},
			setLogFollow(follow) {
				const view = get().logView;
				if (view !== undefined && view.follow !== follow) set({logView: {...view, follow}});
			},
			setPaused(paused) {
				if (get().paused !== paused) set({paused});
			},
		},
	}));
}

/** A state change computed from the state as it is when the batch is applied. */
export type FleetUpdate = (state: FleetState) => Partial<FleetState>;

export type BatchedWriter = {
	/** Queues an update; all updates queued in one turn of the event loop are one setState. */
	write(update: FleetUpdate): void;
	/** Applies what is queued now (for shutdown and tests). */
	flush(): void;
	/**
	 * The store as it will be once the queue is applied: a tier that runs again right away must
	 * see its own last write, or it would fetch again what it just fetched.
	 */
	read(): FleetState;
	readonly pending: boolean;
};

/**
 * Pollers write through this, so a tier's data, its status and its problem, and those of tiers
 * settling together, reach the UI as one store update, not one per item or per tier.
 */
export function createBatchedWriter(
	store: FleetStore,
	options: {afterFlush?: () => void} = {},
): BatchedWriter {
	let queue: FleetUpdate[] = [];
	let scheduled: ReturnType<typeof setImmediate> | undefined;
	const flush = () => {
		if (scheduled !== undefined) clearImmediate(scheduled);
		scheduled = undefined;
		if (queue.length === 0) return;
		applyAll();
		options.afterFlush?.();
	};
	const apply = (updates: readonly FleetUpdate[]) => {
		let draft = store.getState();
		const changes: Partial<Record<keyof FleetState, unknown>> = {};
		for (const update of updates) {
			const patch = update(draft);
			Object.assign(changes, patch);
			draft = {...draft, ...patch};
		}
		return {draft, changes};
	};
	const applyAll = () => {
		const updates = queue;
		queue = [];
		const {changes} = apply(updates);
		const current = store.getState();
		const changed = Object.entries(changes).some(
			([key, value]) => !Object.is(current[key as keyof FleetState], value),
		);
		// Listeners (every mounted selector) are not even woken for a refresh that changed nothing.
		if (changed) store.setState(changes as Partial<FleetState>);
	};
	return {
		write(update) {
			queue.push(update);
			// setImmediate, not a microtask: the scheduler reports a tier's status a few microtasks
			// after the tier wrote its data, and both should land in the same update.
			scheduled ??= setImmediate(flush);
		},
		flush,
		read: () => (queue.length === 0 ? store.getState() : apply(queue).draft),
		get pending() {
			return queue.length > 0;
		},
	};
}
