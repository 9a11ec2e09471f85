/**
 * Task definitions referenced by what is on screen (the focused service's deployments, the tasks
 * in scope, an opened revision or revision list, the log view's tasks), each fetched once and
 * held by ARN: a revision never changes, and there is no batch call, so every new one costs a
 * DescribeTaskDefinition.
 *
 * What the store holds is bounded: past MAX_HELD_TASK_DEFINITIONS, the definitions the screen no
 * longer needs are dropped, the longest held first, so a session that visits service after
 * service does not grow without end. What the screen needs is never dropped, however many that
 * is; one dropped and needed again is fetched again (the ECS adapter usually still has it, and
 * answers without a call).
 */
import type {Task} from '../../model/task.js';
import {taskScopeKey, type FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import {serviceTaskDefinitions} from './cluster.js';
import {LRUCache} from 'lru-cache';
import {throwFirstFailure, type FleetTier, type TierContext} from './context.js';
import {revisionsToDescribe} from './family-revisions.js';
import {tasksOfTarget} from './logs.js';
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

/**
 * The store holds at most this many task definitions beyond those the screen needs: the screen
 * needs a handful at a time, and coming back to a service seen a while ago costs one call.
 */
export const MAX_HELD_TASK_DEFINITIONS = 200;

/** ARNs the tier fetches for the screen, the focused service's first. */
function onScreen(state: FleetState): Set<string> {
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
export function wantedTaskDefinitions(
	state: FleetState,
	skip: Pick<ReadonlySet<string>, 'has'>,
): string[] {
	return filterUncached(state, onScreen(state), skip);
}

/**
 * What the screen needs held: what the tier fetches for it, every held revision of an open
 * revision list (its rows show them, not only the newest it describes), and the definitions of
 * the log view's tasks (their log streams are named there).
 */
export function neededTaskDefinitions(state: FleetState): Set<string> {
	const needed = onScreen(state);
	if (state.revisionFamily !== undefined)
		for (const arn of state.familyRevisions[state.revisionFamily] ?? []) needed.add(arn);
	if (state.logView !== undefined)
		for (const task of tasksOfTarget(state, state.logView.target))
			needed.add(task.taskDefinitionArn);
	return needed;
}

/**
 * `held` with at most `max` definitions beyond the needed ones: those the screen does not need go
 * first, the longest held first (a record keeps its keys in the order they were added). The same
 * record when nothing is dropped.
 */
export function withinBound<T>(
	held: Readonly<Record<string, T>>,
	needed: ReadonlySet<string>,
	max: number = MAX_HELD_TASK_DEFINITIONS,
): Readonly<Record<string, T>> {
	const arns = Object.keys(held);
	let over = arns.length - max;
	if (over <= 0) return held;
	const drop = new Set<string>();
	for (const arn of arns) {
		if (over === 0) break;
		if (needed.has(arn)) continue;
		drop.add(arn);
		over -= 1;
	}
	if (drop.size === 0) return held;
	const kept: Record<string, T> = {};
	for (const arn of arns) if (!drop.has(arn)) kept[arn] = held[arn]!;
	return kept;
}

function filterUncached(
	state: FleetState,
	wanted: ReadonlySet<string>,
	skip: Pick<ReadonlySet<string>, 'has'>,
): string[] {
	return [...wanted].filter(
		(arn) => arn !== '' && state.taskDefinitions[arn] === undefined && !skip.has(arn),
	);
}

/** ARNs AWS said are gone or malformed, remembered so they are not asked again; bounded too. */
const MAX_UNAVAILABLE = 1_000;

export function createTaskDefinitionsTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	// Deregistered-and-deleted or malformed ARNs: asking again would fail again.
	const unavailable = new LRUCache<string, true>({max: MAX_UNAVAILABLE});

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
				if (kind === 'not-found' || kind === 'invalid') unavailable.set(arns[index]!, true);
			});
			ctx.write((state) => ({
				taskDefinitions: withinBound(
					withEntries(state.taskDefinitions, found),
					neededTaskDefinitions(state),
				),
			}));
			throwFirstFailure(results.filter((_, index) => !unavailable.has(arns[index]!)));
		},
	};
}
