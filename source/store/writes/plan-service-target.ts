/**
 * What the service writes (`+`/`-`/`s`, `D`, `U`, `B`) share: finding the service the request
 * names as the fleet store last saw it, refusing one that is not loaded or not ACTIVE, and the
 * plan of a change sent as one UpdateService call. One place, so the three planners refuse with
 * the same words and show the same `aws ecs update-service` command.
 */
import type {Service} from '../../model/service.js';
import type {ActionPlan, ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {clusterNameOf, findService} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {refuse, type ServiceRef} from './work.js';

export type ServiceTarget = {
	readonly ok: true;
	readonly service: Service;
	/** The cluster's name, for the equivalent `aws` command. */
	readonly clusterName: string;
	/** The service as the work that changes it names it. */
	readonly ref: ServiceRef;
};

type Refusal = ReturnType<typeof refuse>;

/** The service the request names, or the refusal when the store does not hold it. */
export function loadedServiceTarget(
	request: {readonly clusterArn: string; readonly serviceArn: string},
	ctx: PlanContext,
): ServiceTarget | Refusal {
	const service = findService(ctx.state, request.clusterArn, request.serviceArn);
	if (service === undefined) {
		return refuse('This service is not loaded: select its cluster and wait for the next refresh');
	}
	return {
		ok: true,
		service,
		clusterName: clusterNameOf(ctx.state, request.clusterArn),
		ref: {clusterArn: request.clusterArn, serviceArn: service.arn, serviceName: service.name},
	};
}

/**
 * The service the request names, if it is ACTIVE: ECS refuses to change a DRAINING or INACTIVE
 * one, so the refusal comes before a confirmation. `done` ends the sentence: `only an ACTIVE
 * service can be ${done}`.
 */
export function activeServiceTarget(
	request: {readonly clusterArn: string; readonly serviceArn: string},
	ctx: PlanContext,
	done: string,
): ServiceTarget | Refusal {
	const target = loadedServiceTarget(request, ctx);
	if (!target.ok) return target;
	const {service} = target;
	if (service.status !== 'ACTIVE') {
		return refuse(`${service.name} is ${service.status}: only an ACTIVE service can be ${done}`);
	}
	return target;
}

/**
 * The warning that a new deployment replaces the rollout under way, if one is; `replaces` says
 * what does the replacing (`the new deployment`, `this deployment`).
 */
export function rolloutUnderwayWarning(service: Service, replaces: string): string | undefined {
	if (service.deployments.length <= 1) return undefined;
	return `${service.name} is already rolling out (${plural(service.deployments.length, 'deployment')}): ${replaces} replaces that rollout`;
}

/** The plan of a change to the target sent as one UpdateService with `options`. */
export function updateServicePlan(
	ctx: PlanContext,
	request: ActionRequest,
	target: ServiceTarget,
	shown: {
		readonly title: string;
		readonly changes: readonly string[];
		readonly warnings: readonly string[];
		/** The `aws ecs update-service` options after `--cluster` and `--service`. */
		readonly options: readonly string[];
	},
): ActionPlan {
	return {
		id: ctx.newPlanId(),
		request,
		title: shown.title,
		changes: shown.changes,
		cliCommands: [
			awsCommand(ctx.cli, 'ecs', 'update-service', [
				'--cluster',
				target.clusterName,
				'--service',
				target.service.name,
				...shown.options,
			]),
		],
		warnings: shown.warnings,
		target: target.service.arn,
	};
}
