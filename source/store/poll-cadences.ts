/**
 * How often each poll tier refreshes its data: the one table the tiers take their intervals
 * from (the poll scheduler runs them at these), the help overlay shows (`?`), and
 * docs/polling.md explains. A tier added to the store's data sets does not compile until it has
 * a row here, so the help can never leave one out nor show a cadence the scheduler does not keep.
 *
 * Cadences are multiples of `--refresh` (R, 5 s by default), or fixed where the data itself has a
 * period (CloudWatch's points are a minute apart).
 */
import {ecsMetricPeriodMs} from '../model/ecs-metrics.js';
import type {DataSetId} from './fleet-store.js';

/** The data sets that a poll tier fetches (the caller's identity is asked once, at connection). */
export type PollTierId = Exclude<DataSetId, 'identity'>;

export type TierCadence = {
	/** What the tier keeps fresh, in the help's words. */
	readonly what: string;
	/** Every this many refreshes (R); absent for a fixed interval. */
	readonly every?: number;
	/** A fixed interval, whatever the refresh. */
	readonly fixedMs?: number;
	/** What else paces it or limits what it asks, in the help's words, at a refresh. */
	readonly note?: (refreshMs: number) => string;
};

/** A large task scope is read whole, but at most this many calls a second on average. */
export const TASK_CALLS_PER_SECOND = 2;
/** Services off screen are swept at most this many calls a minute, however large the cluster, */
export const SWEEP_CALLS_PER_MINUTE = 6;
/** and a sweep of the whole list begins at least this many refreshes after the last one began. */
export const SERVICES_SWEEP_EVERY = 12;
/** Which clusters exist (ListClusters) is asked every this many refreshes. */
export const LIST_CLUSTERS_EVERY = 12;
/** Failing services whose stopped tasks are read in one run of the problem-tasks tier. */
export const PROBLEM_SERVICES_PER_RUN = 2;
/** and never more than this many calls a minute (one run of two: two lists, one describe). */
export const PROBLEM_TASKS_CALLS_PER_MINUTE = 3;

/** The order is the help's: what moves fastest first. */
export const pollCadences: Readonly<Record<PollTierId, TierCadence>> = {
	tasks: {
		what: 'tasks in scope',
		every: 1,
		note: () =>
			`a large scope at ${TASK_CALLS_PER_SECOND} calls a second (20,000 tasks: ${cadenceText((400 / TASK_CALLS_PER_SECOND) * 1000)})`,
	},
	cluster: {
		what: 'services on screen and the selected one',
		every: 1,
		note: (refreshMs) =>
			`the others swept, at most ${SWEEP_CALLS_PER_MINUTE} calls a minute, a new sweep at most ${cadenceText(SERVICES_SWEEP_EVERY * refreshMs)}`,
	},
	clusters: {
		what: 'cluster summaries',
		every: 3,
		note: (refreshMs) => `which clusters exist: ${cadenceText(LIST_CLUSTERS_EVERY * refreshMs)}`,
	},
	'stopped-tasks': {what: 'stopped tasks, while shown', every: 3},
	logs: {
		what: 'the log view, while it follows',
		every: 1,
		note: () => 'one call per log group; nothing while closed',
	},
	'problem-tasks': {
		what: "failing services' stopped tasks, for the problem feed",
		every: 12,
		note: () =>
			`at most ${PROBLEM_SERVICES_PER_RUN} services a run, ${PROBLEM_TASKS_CALLS_PER_MINUTE} calls a minute; at once when one starts failing`,
	},
	instances: {
		what: 'container instances and Auto Scaling groups',
		every: 12,
		note: () => 'capacity providers once (they cannot change)',
	},
	metrics: {
		what: 'CPU and memory sparklines',
		fixedMs: ecsMetricPeriodMs,
		note: () => "CloudWatch's resolution",
	},
	'task-definition-list': {what: 'the :td list, while open', every: 12},
	'family-revisions': {what: "a family's revisions, while U or :td lists them", every: 12},
	'task-definitions': {
		what: 'task definitions',
		every: 1,
		note: () => 'only revisions not yet held, then kept',
	},
	ec2: {
		what: 'EC2 details, while an instance is open',
		every: 1,
		note: () => 'only instances not yet held, then kept',
	},
};

/** Every this many refreshes, for tiers and tests that reason in refreshes. */
export function refreshesOf(id: PollTierId): number {
	const {every} = pollCadences[id];
	if (every === undefined) throw new Error(`the ${id} tier has a fixed interval`);
	return every;
}

/** The tier's interval as the poll scheduler takes it (TierSpec's intervalFactor or intervalMs). */
export function schedulerInterval(id: PollTierId): {intervalFactor?: number; intervalMs?: number} {
	const {every, fixedMs} = pollCadences[id];
	return fixedMs === undefined ? {intervalFactor: every ?? 1} : {intervalMs: fixedMs};
}

/** The tier's interval now, at this refresh. */
export function intervalMsOf(id: PollTierId, refreshMs: number): number {
	const {every, fixedMs} = pollCadences[id];
	return fixedMs ?? (every ?? 1) * refreshMs;
}

/** `every 15 s`, `every 60 s`, `every 2 min`: a person's reading of an interval. */
export function cadenceText(intervalMs: number): string {
	const seconds = intervalMs / 1000;
	if (seconds >= 120 && Number.isInteger(seconds / 60)) return `every ${seconds / 60} min`;
	return `every ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
