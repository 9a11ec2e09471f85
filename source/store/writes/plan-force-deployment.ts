/** `D`: a new deployment of the same task definition, replacing every task of the service. */
import {taskDefinitionName} from '../../model/arn.js';
import {primaryDeployment, type Service} from '../../model/service.js';
import {failedContainers} from '../../model/task.js';
import type {ActionRequest} from './types.js';
import {plural, type PlanContext} from './plan-context.js';
import {
	activeServiceTarget,
	rolloutUnderwayWarning,
	updateServicePlan,
} from './plan-service-target.js';
import type {PlannedOutcome} from './work.js';

type ForceDeploymentRequest = Extract<ActionRequest, {kind: 'force-deployment'}>;

/** Stopped tasks with a failed essential container this many times is a crash loop. */
const crashLoopStops = 2;

/**
 * A forced deployment starts the same revision again: when that revision's rollout failed or its
 * tasks keep dying, the new deployment most likely does the same, and the user should know first.
 */
function troubleWarnings(ctx: PlanContext, service: Service): string[] {
	const warnings: string[] = [];
	const primary = primaryDeployment(service);
	const revision = taskDefinitionName(service.taskDefinition);
	if (primary?.rolloutState === 'FAILED') {
		warnings.push(
			`The last deployment of ${service.name} failed${primary.rolloutStateReason === undefined ? '' : ` (${primary.rolloutStateReason})`}: a new one starts the same ${revision}`,
		);
	}
	const stopped = Object.values(ctx.state.stoppedTasks)
		.flat()
		.filter(
			(task) =>
				task.clusterArn === service.clusterArn &&
				task.serviceName === service.name &&
				failedContainers(task).length > 0,
		);
	const crashed = new Set(stopped.map((task) => task.arn)).size;
	if (crashed >= crashLoopStops || (primary?.failedTasks ?? 0) >= crashLoopStops) {
		const count = Math.max(crashed, primary?.failedTasks ?? 0);
		warnings.push(
			`${service.name}'s tasks are crash-looping (${plural(count, 'task')} failed): a new deployment of the same ${revision} will not fix that`,
		);
	}
	return warnings;
}

export function planForceDeployment(
	request: ForceDeploymentRequest,
	ctx: PlanContext,
): PlannedOutcome {
	const target = activeServiceTarget(request, ctx, 'redeployed');
	if (!target.ok) return target;
	const {service} = target;
	const warnings: string[] = [];
	const underway = rolloutUnderwayWarning(service, 'the new deployment');
	if (underway !== undefined) warnings.push(underway);
	warnings.push(...troubleWarnings(ctx, service));
	return {
		ok: true,
		plan: updateServicePlan(ctx, request, target, {
			title: 'Force a new deployment',
			changes: [
				`${service.name}: new deployment of ${taskDefinitionName(service.taskDefinition)}, replacing its ${plural(service.runningCount, 'running task')}`,
			],
			warnings,
			options: ['--force-new-deployment'],
		}),
		work: {
			kind: 'force-deployment',
			...target.ref,
			primaryDeploymentId: primaryDeployment(service)?.id,
		},
	};
}
