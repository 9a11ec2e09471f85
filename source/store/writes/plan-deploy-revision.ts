/**
 * `U` and `B`: the service runs another revision of its family (UpdateService with
 * taskDefinition), which ECS rolls out as a new deployment. The plan says what differs between
 * the revision running and the one asked for, so the user confirms the change itself, not a
 * number. `B` picks the revision to go back to: the last completed deployment's, else the one
 * ecs-top saw completed before its own change, else the previous revision, said plainly.
 */
import {taskDefinitionName} from '../../model/arn.js';
import {revisionChanges} from '../../model/revision-diff.js';
import {lastCompletedRevision} from '../../model/rollout.js';
import {primaryDeployment, type Service} from '../../model/service.js';
import type {ActionRequest} from './types.js';
import {findTaskDefinition} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {
	activeServiceTarget,
	loadedServiceTarget,
	rolloutUnderwayWarning,
	updateServicePlan,
} from './plan-service-target.js';
import {refuse, type PlannedOutcome} from './work.js';
import {revisionNumber, revisionsOfFamily} from '../tiers/family-revisions.js';

type DeployRevisionRequest = Extract<ActionRequest, {kind: 'deploy-revision'}>;
type RollBackRequest = Extract<ActionRequest, {kind: 'roll-back'}>;

/** The confirmation shows this many differences; the rest are counted. */
const changesShown = 6;

function familyOf(taskDefinition: string): string {
	const name = taskDefinitionName(taskDefinition);
	const colon = name.lastIndexOf(':');
	return colon === -1 ? name : name.slice(0, colon);
}

/** The ARN of `family:revision` with the running revision's ARN as the pattern. */
function sameFamilyArn(running: string, revision: number): string {
	const colon = running.lastIndexOf(':');
	return `${running.slice(0, colon + 1)}${revision}`;
}

export function planDeployRevision(
	request: DeployRevisionRequest,
	ctx: PlanContext,
	why?: {readonly title: string; readonly notes: readonly string[]},
): PlannedOutcome {
	const found = activeServiceTarget(request, ctx, 'deployed');
	if (!found.ok) return found;
	const {service} = found;
	const target = request.taskDefinition;
	const targetName = taskDefinitionName(target);
	const runningName = taskDefinitionName(service.taskDefinition);
	if (target === service.taskDefinition || targetName === runningName) {
		return refuse(`${service.name} already runs ${runningName}: D redeploys the same revision`);
	}
	if (familyOf(target) !== familyOf(service.taskDefinition)) {
		return refuse(
			`${targetName} is not a revision of ${familyOf(service.taskDefinition)}, the family ${service.name} runs`,
		);
	}
	const from = findTaskDefinition(ctx.state, service.taskDefinition);
	const to = findTaskDefinition(ctx.state, target);
	const changes =
		from === undefined || to === undefined
			? [
					`what differs is not known yet: ${from === undefined ? runningName : targetName} is not loaded`,
				]
			: revisionChanges(from, to).map((change) => change.text);
	const shown = changes.slice(0, changesShown);
	if (changes.length > changesShown) shown.push(`and ${changes.length - changesShown} more`);
	if (changes.length === 0) shown.push('no difference in images, CPU/memory, variables or ports');

	const warnings = [...(why?.notes ?? [])];
	const underway = rolloutUnderwayWarning(service, 'this deployment');
	if (underway !== undefined) warnings.push(underway);
	if (service.circuitBreaker?.enable !== true) {
		warnings.push(
			'the deployment circuit breaker is off: a failing revision is not rolled back by ECS',
		);
	}
	return {
		ok: true,
		plan: updateServicePlan(ctx, request, found, {
			title: why?.title ?? `Deploy ${targetName}`,
			changes: [
				`${service.name}: ${runningName} -> ${targetName}, replacing its ${plural(service.runningCount, 'running task')}`,
				...shown.map((line) => `  ${line}`),
			],
			warnings,
			options: ['--task-definition', targetName],
		}),
		work: {
			kind: 'set-task-definition',
			...found.ref,
			before: service.taskDefinition,
			after: to?.arn ?? target,
			primaryDeploymentId: primaryDeployment(service)?.id,
		},
	};
}

/** Where `B` goes back to, and what the confirmation must say about how it was chosen. */
export function rollbackTarget(
	service: Service,
	ctx: PlanContext,
): {readonly taskDefinition: string; readonly notes: readonly string[]} | undefined {
	const completed = lastCompletedRevision(service);
	if (completed !== undefined) return {taskDefinition: completed, notes: []};
	const remembered = ctx.completedBefore?.(service.arn);
	if (remembered !== undefined && remembered !== service.taskDefinition)
		return {
			taskDefinition: remembered,
			notes: [
				`${taskDefinitionName(remembered)} is the revision ${service.name} ran, completed, before ecs-top changed it in this session`,
			],
		};
	const running = revisionNumber(service.taskDefinition);
	if (running <= 1) return undefined;
	const listed = revisionsOfFamily(
		ctx.state.familyRevisions[familyOf(service.taskDefinition)] ?? [],
		familyOf(service.taskDefinition),
	);
	const previous =
		listed.find((arn) => revisionNumber(arn) < running) ??
		sameFamilyArn(service.taskDefinition, running - 1);
	return {
		taskDefinition: previous,
		notes: [
			`ECS no longer lists the last completed deployment of ${service.name}: this goes to the previous revision, ${taskDefinitionName(previous)}, which may never have run`,
		],
	};
}

export function planRollBack(request: RollBackRequest, ctx: PlanContext): PlannedOutcome {
	const found = loadedServiceTarget(request, ctx);
	if (!found.ok) return found;
	const {service} = found;
	const target = rollbackTarget(service, ctx);
	if (target === undefined) {
		return refuse(
			`${service.name} runs ${taskDefinitionName(service.taskDefinition)}, the first revision: there is nothing to roll back to`,
		);
	}
	const planned = planDeployRevision(
		{
			kind: 'deploy-revision',
			clusterArn: request.clusterArn,
			serviceArn: request.serviceArn,
			taskDefinition: target.taskDefinition,
		},
		ctx,
		{title: `Roll back ${service.name}`, notes: target.notes},
	);
	return planned.ok ? {...planned, plan: {...planned.plan, request}} : planned;
}
