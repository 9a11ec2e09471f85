/** `+`, `-`, `s` and `u`: a service's new desired count, checked against the quota and the room. */
import type {ActionRequest} from './types.js';
import {isFargateProvider} from '../../model/capacity-provider.js';
import {capacityWarning} from './capacity-room.js';
import {clusterViewOf, findTaskDefinition} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {activeServiceTarget, updateServicePlan} from './plan-service-target.js';
import {refuse, type PlannedOutcome} from './work.js';

type ScaleServiceRequest = Extract<ActionRequest, {kind: 'scale-service'}>;

export function planScaleService(request: ScaleServiceRequest, ctx: PlanContext): PlannedOutcome {
	const {desiredCount} = request;
	const max = ctx.maxDesiredCount;
	if (!Number.isInteger(desiredCount) || desiredCount < 0 || desiredCount > max) {
		return refuse(
			`The desired count must be a whole number from 0 to ${max} (the ECS tasks-per-service quota), not ${String(desiredCount)}`,
		);
	}
	const target = activeServiceTarget(request, ctx, 'scaled');
	if (!target.ok) return target;
	const {service} = target;
	if (service.schedulingStrategy === 'DAEMON') {
		return refuse(
			`${service.name} is a DAEMON service: ECS runs one task on each instance, it has no desired count`,
		);
	}
	const before = ctx.pendingDesiredCount(service.arn) ?? service.desiredCount;
	if (desiredCount === before) {
		return refuse(`${service.name} desired count is already ${before}`);
	}

	const warnings: string[] = [];
	if (desiredCount === 0) {
		warnings.push(`${service.name} will stop all its tasks`);
	}
	const onFargate =
		service.launchType === 'FARGATE' ||
		service.capacityProviderStrategy.some((item) => isFargateProvider(item.capacityProvider));
	const toPlace = desiredCount - service.runningCount - service.pendingCount;
	if (desiredCount > before && !onFargate && toPlace > 0) {
		const instances = clusterViewOf(ctx.state, request.clusterArn)?.containerInstances ?? [];
		const room = capacityWarning(
			instances,
			findTaskDefinition(ctx.state, service.taskDefinition),
			toPlace,
			service.name,
		);
		if (room !== undefined) warnings.push(room);
	}
	if (service.deployments.length > 1) {
		warnings.push(
			`${service.name} is rolling out a deployment (${plural(service.deployments.length, 'deployment')}): the new count applies to it`,
		);
	}

	return {
		ok: true,
		plan: updateServicePlan(ctx, request, target, {
			title: 'Scale service',
			changes: [`${service.name} desired ${before} -> ${desiredCount}`],
			warnings,
			options: ['--desired-count', String(desiredCount)],
		}),
		work: {kind: 'set-desired-count', ...target.ref, before, after: desiredCount},
	};
}
