/** `D`: a new deployment of the same task definition, replacing every task of the service. */
import {taskDefinitionName} from '../../model/arn.js';
import {primaryDeployment} from '../../model/service.js';
import type {ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {clusterNameOf, findService} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {refuse, type PlannedOutcome} from './work.js';

type ForceDeploymentRequest = Extract<ActionRequest, {kind: 'force-deployment'}>;

export function planForceDeployment(
	request: ForceDeploymentRequest,
	ctx: PlanContext,
): PlannedOutcome {
	const service = findService(ctx.state, request.clusterArn, request.serviceArn);
	if (service === undefined) {
		return refuse('This service is not loaded: select its cluster and wait for the next refresh');
	}
	if (service.status !== 'ACTIVE') {
		return refuse(`${service.name} is ${service.status}: only an ACTIVE service can be redeployed`);
	}
	const warnings: string[] = [];
	if (service.deployments.length > 1) {
		warnings.push(
			`${service.name} is already rolling out (${plural(service.deployments.length, 'deployment')}): the new deployment replaces that rollout`,
		);
	}
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title: 'Force a new deployment',
			changes: [
				`${service.name}: new deployment of ${taskDefinitionName(service.taskDefinition)}, replacing its ${plural(service.runningCount, 'running task')}`,
			],
			cliCommands: [
				awsCommand(ctx.cli, 'ecs', 'update-service', [
					'--cluster',
					cluster,
					'--service',
					service.name,
					'--force-new-deployment',
				]),
			],
			warnings,
			target: service.arn,
		},
		work: {
			kind: 'force-deployment',
			clusterArn: request.clusterArn,
			serviceArn: service.arn,
			serviceName: service.name,
			primaryDeploymentId: primaryDeployment(service)?.id,
		},
	};
}
