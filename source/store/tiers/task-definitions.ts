/**
 * Task definitions referenced by what is on screen (the focused service's deployments, the tasks
 * in scope), each fetched once and cached by ARN: a revision never changes, and there is no batch
 * call, so every new one costs a DescribeTaskDefinition. The cache is bounded (a user walking a
 * large fleet would otherwise hold every definition of it): past its size, the longest-held ones
 * that nothing on screen uses are dropped, and fetched again if they come back into view.
 */
import type {Task} from '../../model/task.js';
import {taskScopeKey, type FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import {serviceTaskDefinitions} from './cluster.js';
import {throwFirstFailure, type FleetTier, type TierContext} from './context.js';
import {revisionsToDescribe} from './family-revisions.js';
import {withEntries} from './reuse.js';

/**
 * At most this many per run: the task definition read bucket holds 50 (docs/aws-limits.md) and is
 * shared with the user's pipelines, so a cold cluster-wide view fills in over a few refreshes
 * instead of draining it at once.
 */
export const MAX_TASK_DEFINITIONS_PER_RUN = 25;

// The distinct task definitions of a task list, kept with the list: it is asked on every run and
// every wake-up, and 20,000 tasks use a handful of definitions.
const definitionsOfTasks = new WeakMap<readonly Task[], readonly string[]>();
function definitionsOf(tasks: readonly Task[] | undefined): readonly string[] {
	if (tasks === undefined) return [];
	let arns = definitionsOfTasks.get(tasks);
	if (arns === undefined) {
		arns = [...new Set(tasks.map((task) => task.taskDefinitionArn))];
		definitionsOfTasks.set(tasks, arns);
	}
	return arns;
}

/** Task definitions kept once fetched: far more than a screen uses, far fewer than a fleet has. */
export const TASK_DEFINITIONS_KEPT = 200;

/** The ARNs of the definitions what is on screen uses, the focused service's first. */
export function onScreenTaskDefinitions(state: FleetState): Set<string> {
	const wanted = new Set<string>();
	if (state.openedTaskDefinition !== undefined) wanted.add(state.openedTaskDefinition);
	for (const arn of revisionsToDescribe(state)) wanted.add(arn);
	const {clusterArn, serviceArn} = state.focus;
	if (clusterArn === undefined) return wanted;
	const service = state.clusterViews[clusterArn]?.services.find((s) => s.arn === serviceArn);
	if (service !== undefined) for (const arn of serviceTaskDefinitions(service)) wanted.add(arn);
	const key = taskScopeKey(state.focus);
	if (key !== undefined) {
		for (const arn of definitionsOf(state.tasks[key])) wanted.add(arn);
		for (const arn of definitionsOf(state.stoppedTasks[key])) wanted.add(arn);
	}
	return wanted;
}

/** ARNs on screen that are not cached yet, the focused service's first. */
export function wantedTaskDefinitions(state: FleetState, skip: ReadonlySet<string>): string[] {
	return filterUncached(state, onScreenTaskDefinitions(state), skip);
}

/**
 * The cache cut back to `limit` entries, dropping the longest-held first (a record keeps its
 * insertion order) but never one in `inUse`. Unchanged when within the limit.
 */
export function boundedTaskDefinitions<T>(
	cached: Readonly<Record<string, T>>,
	inUse: ReadonlySet<string>,
	limit = TASK_DEFINITIONS_KEPT,
): Readonly<Record<string, T>> {
	const arns = Object.keys(cached);
	let excess = arns.length - limit;
	if (excess <= 0) return cached;
	const kept: Record<string, T> = {};
	for (const arn of arns) {
		if (excess > 0 && !inUse.has(arn)) {
			excess--;
			continue;
		}
		kept[arn] = cached[arn]!;
	}
	return kept;
}

function filterUncached(
	state: FleetState,
	wanted: ReadonlySet<string>,
	skip: ReadonlySet<string>,
): string[] {
	return [...wanted].filter(
		(arn) => arn !== '' && state.taskDefinitions[arn] === undefined && !skip.has(arn),
	);
}

export function createTaskDefinitionsTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	// Deregistered-and-deleted or malformed ARNs: asking again would fail again.
	const unavailable = new Set<string>();

	return {
		id: 'task-definitions',
		...schedulerInterval('task-definitions'),
		enabled: (state) =>
			state.focus.clusterArn !== undefined ||
			state.openedTaskDefinition !== undefined ||
			state.revisionFamily !== undefined,
		needed: (state) => wantedTaskDefinitions(state, unavailable).length > 0,
		async run(signal) {
			const arns = wantedTaskDefinitions(ctx.read(), unavailable).slice(
				0,
				MAX_TASK_DEFINITIONS_PER_RUN,
			);
			if (arns.length === 0) return;
			const results = await Promise.allSettled(arns.map((arn) => ecs.describeTaskDefinition(arn)));
			signal.throwIfAborted();
			const found = results.flatMap((result, index) =>
				result.status === 'fulfilled' ? [[arns[index]!, result.value] as const] : [],
			);
			results.forEach((result, index) => {
				if (result.status !== 'rejected') return;
				const kind = (result.reason as {problem?: {kind?: string}}).problem?.kind;
				if (kind === 'not-found' || kind === 'invalid') unavailable.add(arns[index]!);
			});
			ctx.write((state) => ({
				taskDefinitions: boundedTaskDefinitions(
					withEntries(state.taskDefinitions, found),
					onScreenTaskDefinitions(state),
				),
			}));
			throwFirstFailure(results.filter((_, index) => !unavailable.has(arns[index]!)));
		},
	};
}
