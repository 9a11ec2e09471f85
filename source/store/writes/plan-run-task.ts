/**
 * `r`: RunTask from a task definition on the cluster's own capacity: its default capacity
 * provider strategy when it has one (what `aws ecs run-task` without a launch type would use),
 * else the EC2 launch type. Started by `ecs-top`, with an idempotency token per plan.
 */
import type {RunTaskPlacement} from '../../aws/ecs-actions.js';
import {taskDefinitionName} from '../../model/arn.js';
import {isFargateProvider} from '../../model/capacity-provider.js';
import type {ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {capacityWarning} from './capacity-room.js';
import {clusterViewOf, findCluster, findTaskDefinition} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {refuse, type PlannedOutcome} from './work.js';

type RunTaskRequest = Extract<ActionRequest, {kind: 'run-task'}>;

export const maxRunTaskCount = 10;
/** What `startedBy` says on every task ecs-top starts (ListTasks can filter by it). */
export const startedByEcsTop = 'ecs-top';

function placementWords(placement: RunTaskPlacement): string {
	if ('launchType' in placement) return `launch type ${placement.launchType}`;
	const names = placement.capacityProviderStrategy.map((item) => item.capacityProvider);
	return `capacity provider${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

function placementArgs(placement: RunTaskPlacement): string[] {
	if ('launchType' in placement) return ['--launch-type', placement.launchType];
	return [
		'--capacity-provider-strategy',
		...placement.capacityProviderStrategy.map(
			(item) => `capacityProvider=${item.capacityProvider},weight=${item.weight},base=${item.base}`,
		),
	];
}

export function planRunTask(request: RunTaskRequest, ctx: PlanContext): PlannedOutcome {
	const {count} = request;
	if (!Number.isInteger(count) || count < 1 || count > maxRunTaskCount) {
		return refuse(
			`Run 1 to ${maxRunTaskCount} tasks at a time (RunTask's limit), not ${String(count)}`,
		);
	}
	const taskDefinition = taskDefinitionName(request.taskDefinition.trim());
	if (taskDefinition === '') return refuse('Pick a task definition (family:revision) to run');
	const cluster = findCluster(ctx.state, request.clusterArn);
	if (cluster === undefined) return refuse('This cluster is not loaded: wait for the next refresh');

	const definition = findTaskDefinition(ctx.state, request.taskDefinition);
	if (definition?.networkMode === 'awsvpc') {
		return refuse(
			`${taskDefinition} uses awsvpc networking, which needs subnets and security groups: run it with the aws CLI (--network-configuration)`,
		);
	}
	const strategy = cluster.defaultCapacityProviderStrategy;
	const placement: RunTaskPlacement =
		strategy.length > 0 ? {capacityProviderStrategy: strategy} : {launchType: 'EC2'};
	const onFargate =
		'capacityProviderStrategy' in placement &&
		placement.capacityProviderStrategy.some((item) => isFargateProvider(item.capacityProvider));

	const warnings: string[] = [];
	if (!onFargate) {
		const view = clusterViewOf(ctx.state, cluster.arn);
		if (view === undefined) {
			warnings.push(
				`Room on ${cluster.name}'s instances: unknown (select the cluster to load them)`,
			);
		} else {
			const room = capacityWarning(view.containerInstances, definition, count, taskDefinition);
			if (room !== undefined) warnings.push(room);
		}
	}
	if (definition?.taskRoleArn !== undefined || definition?.executionRoleArn !== undefined) {
		warnings.push('Its task or execution role needs iam:PassRole for the caller');
	}

	// One per dialog when the dialog gives one: what its preview showed is what is sent.
	const clientToken = request.clientToken ?? ctx.newClientToken();
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title: count === 1 ? 'Run task' : `Run ${count} tasks`,
			changes: [
				`run ${plural(count, 'task')} of ${taskDefinition} on ${cluster.name} (${placementWords(placement)}), started by ${startedByEcsTop}`,
			],
			cliCommands: [
				awsCommand(ctx.cli, 'ecs', 'run-task', [
					'--cluster',
					cluster.name,
					'--task-definition',
					taskDefinition,
					'--count',
					String(count),
					...placementArgs(placement),
					'--started-by',
					startedByEcsTop,
					'--client-token',
					clientToken,
				]),
			],
			warnings,
			target: `run-task ${cluster.arn} ${taskDefinition}`,
		},
		work: {
			kind: 'run-task',
			clusterArn: cluster.arn,
			taskDefinition,
			count,
			clientToken,
			placement,
		},
	};
}
