/** One request -> its planner. Pure: reads the fleet state, never AWS. */
import type {ActionRequest} from './types.js';
import {planDeployRevision, planRollBack} from './plan-deploy-revision.js';
import type {HandOffWork} from './hand-off.js';
import {planExec, planPortForward} from './plan-exec.js';
import {planForceDeployment} from './plan-force-deployment.js';
import {planInstanceState} from './plan-instance-state.js';
import {planRunTask} from './plan-run-task.js';
import {planScaleCluster} from './plan-scale-cluster.js';
import {planScaleService} from './plan-scale-service.js';
import {planStopTasks} from './plan-stop-tasks.js';
import type {PlanContext} from './plan-context.js';
import {planUndoOf} from './undo.js';
import {refuse, type PlannedOutcome, type PlannedWork} from './work.js';

export const readOnlyRefusal =
	'ecs-top runs read-only (--read-only): no change is sent to AWS; restart without --read-only to act';

export function planRequest(
	request: ActionRequest,
	ctx: PlanContext,
): PlannedOutcome<PlannedWork | HandOffWork> {
	switch (request.kind) {
		case 'scale-service':
			return planScaleService(request, ctx);
		case 'scale-cluster':
			return planScaleCluster(request, ctx);
		case 'stop-tasks':
			return planStopTasks(request, ctx);
		case 'run-task':
			return planRunTask(request, ctx);
		case 'set-instance-state':
			return planInstanceState(request, ctx);
		case 'force-deployment':
			return planForceDeployment(request, ctx);
		case 'deploy-revision':
			return planDeployRevision(request, ctx);
		case 'roll-back':
			return planRollBack(request, ctx);
		case 'exec':
			return planExec(request, ctx);
		case 'port-forward':
			return planPortForward(request, ctx);
		case 'undo':
			return planUndoOf(
				ctx.undoEntries.find((entry) => entry.id === request.entryId),
				ctx,
				planRequest,
			);
		default:
			return refuse(`Unknown action ${(request as {kind: string}).kind}`);
	}
}
