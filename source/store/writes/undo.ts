/**
 * Undo: every reversible change this session applied is remembered as the request that puts it
 * back (`UndoEntry`). `u` plans the newest, `:undo` any of them; the plan is the reverse
 * request's own plan, titled as an undo, confirmed and sent like any change.
 *
 * Which changes can be put back, and how, is one table (`recipes`): a new kind of reversible
 * change (a revision change, say) is one more entry there.
 */
import {revisionLabel} from '../../model/rollout.js';
import type {FleetState} from '../fleet-store.js';
import type {PlanContext} from './plan-context.js';
import type {ActionRequest, UndoEntry} from './types.js';
import {refuse, type PlannedOutcome, type PlannedWork} from './work.js';

type WorkOf<K extends PlannedWork['kind']> = Extract<PlannedWork, {kind: K}>;

type UndoRecipe<W> = {
	/** The entry's content for an applied change: what it was, its reverse, the value it left. */
	record(work: W, state: FleetState): Pick<UndoEntry, 'change' | 'reverse' | 'left'>;
	/** What the reverse's own plan found there now: compared with `left` to see a change since. */
	current(reverseWork: PlannedWork): string | undefined;
};

const recipes: {readonly [K in PlannedWork['kind']]?: UndoRecipe<WorkOf<K>>} = {
	'set-desired-count': {
		record: (work) => ({
			change: `${work.serviceName} desired ${work.before} -> ${work.after}`,
			reverse: {
				kind: 'scale-service',
				clusterArn: work.clusterArn,
				serviceArn: work.serviceArn,
				desiredCount: work.before,
			},
			left: String(work.after),
		}),
		current: (work) => (work.kind === 'set-desired-count' ? String(work.before) : undefined),
	},
	'set-desired-capacity': {
		record: (work) => ({
			change: `${work.autoScalingGroupName} desired capacity ${work.before} -> ${work.after}`,
			reverse: {
				kind: 'scale-cluster',
				clusterArn: work.clusterArn,
				autoScalingGroupName: work.autoScalingGroupName,
				desiredCapacity: work.before,
			},
			left: String(work.after),
		}),
		current: (work) => (work.kind === 'set-desired-capacity' ? String(work.before) : undefined),
	},
	'set-task-definition': {
		record: (work) => ({
			change: `${work.serviceName} ${revisionLabel(work.before)} -> ${revisionLabel(work.after)}`,
			reverse: {
				kind: 'deploy-revision',
				clusterArn: work.clusterArn,
				serviceArn: work.serviceArn,
				taskDefinition: work.before,
			},
			left: revisionLabel(work.after),
		}),
		current: (work) =>
			work.kind === 'set-task-definition' ? revisionLabel(work.before) : undefined,
	},
	'set-instance-state': {
		record: (work) => ({
			change: `${work.instances.map((instance) => instance.label).join(', ')} ${work.instances[0]?.before ?? ''} -> ${work.status}`,
			reverse: {
				kind: 'set-instance-state',
				clusterArn: work.clusterArn,
				containerInstanceArns: work.instances.map((instance) => instance.arn),
				// Only ACTIVE <-> DRAINING are planned, so every instance changed came from the other.
				status: work.status === 'DRAINING' ? 'ACTIVE' : 'DRAINING',
			},
			left: work.status,
		}),
		current: (work) =>
			work.kind === 'set-instance-state'
				? [...new Set(work.instances.map((instance) => instance.before))].join('/')
				: undefined,
	},
};

function recipeOf(kind: PlannedWork['kind']): UndoRecipe<PlannedWork> | undefined {
	return recipes[kind] as UndoRecipe<PlannedWork> | undefined;
}

/** The entry an applied change leaves, or undefined for a change that cannot be put back. */
export function undoEntryAfter(
	work: PlannedWork,
	state: FleetState,
	id: string,
	at: number,
): UndoEntry | undefined {
	const recipe = recipeOf(work.kind);
	if (recipe === undefined) return undefined;
	const recorded = recipe.record(work, state);
	// The reverse is a change of the same kind (a count put back is a count set).
	return {id, kind: recorded.reverse.kind, at, ...recorded};
}

export const nothingToUndo =
	'Nothing to undo: no desired count, instance count, drain, activation or revision changed in this session is left to put back';

/** `Undo: scale service` from `Scale service`. */
function undoTitle(title: string): string {
	return `Undo: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/**
 * The plan putting `entry` back: its reverse request planned as any request is (so it is checked
 * against the fleet as it is now), with a warning when the target was changed since.
 */
export function planUndoOf(
	entry: UndoEntry | undefined,
	ctx: PlanContext,
	planRequest: (request: ActionRequest, ctx: PlanContext) => PlannedOutcome<unknown>,
): PlannedOutcome {
	if (entry === undefined) return refuse(nothingToUndo);
	const planned = planRequest(entry.reverse, ctx) as PlannedOutcome;
	if (!planned.ok) return refuse(`Cannot undo ${entry.change}: ${planned.refusal}`);
	const now = recipeOf(planned.work.kind)?.current(planned.work);
	const warnings =
		now !== undefined && now !== entry.left
			? [`It was changed since ecs-top made it ${entry.left}: it is ${now} now`]
			: [];
	return {
		...planned,
		plan: {
			...planned.plan,
			request: {kind: 'undo', entryId: entry.id},
			title: undoTitle(planned.plan.title),
			warnings: [...warnings, ...planned.plan.warnings],
		},
	};
}
