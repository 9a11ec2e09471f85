/** `u`: the last desired-count change, put back: a scale-service plan marked as an undo. */
import type {FleetState} from '../fleet-store.js';
import {findService} from './fleet-lookup.js';
import type {PlanContext} from './plan-context.js';
import {planScaleService} from './plan-scale-service.js';
import type {UndoEntry} from './types.js';
import {refuse, type PlannedOutcome, type PlannedWork} from './work.js';

export function planUndoOf(entry: UndoEntry | undefined, ctx: PlanContext): PlannedOutcome {
	if (entry === undefined) {
		return refuse(
			'Nothing to undo: u puts back the last desired count changed with +, - or s, and none is left to put back',
		);
	}
	const planned = planScaleService(
		{
			kind: 'scale-service',
			clusterArn: entry.clusterArn,
			serviceArn: entry.serviceArn,
			desiredCount: entry.previousDesiredCount,
		},
		ctx,
		{isUndo: true},
	);
	if (!planned.ok || planned.work.kind !== 'set-desired-count') return planned;
	if (planned.work.before !== entry.newDesiredCount) {
		return {
			...planned,
			plan: {
				...planned.plan,
				warnings: [
					`${entry.serviceName} desired is now ${planned.work.before}, not the ${entry.newDesiredCount} ecs-top set: it was changed since`,
					...planned.plan.warnings,
				],
			},
		};
	}
	return planned;
}

/** The entry a successful desired-count change leaves behind (an undo leaves none). */
export function undoEntryAfter(work: PlannedWork, state: FleetState): UndoEntry | undefined {
	if (work.kind !== 'set-desired-count' || work.isUndo) return undefined;
	const service = findService(state, work.clusterArn, work.serviceArn);
	return {
		clusterArn: work.clusterArn,
		serviceArn: work.serviceArn,
		serviceName: service?.name ?? work.serviceName,
		previousDesiredCount: work.before,
		newDesiredCount: work.after,
	};
}
