/**
 * `d`: drain a container instance (ECS moves its service tasks elsewhere and places nothing new
 * on it) or put a drained one back to work. Only ACTIVE <-> DRAINING: ECS refuses the rest.
 */
import {chunk} from '../../aws/concurrency.js';
import {ecsActionLimits} from '../../aws/ecs-limits.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import {isTaskStopping} from '../../model/task.js';
import {taskScopeKey} from '../fleet-store.js';
import type {ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {clusterNameOf, clusterViewOf} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {refuse, type PlannedOutcome} from './work.js';

type SetInstanceStateRequest = Extract<ActionRequest, {kind: 'set-instance-state'}>;

export function instanceLabel(instance: ContainerInstance): string {
	return instance.ec2InstanceId ?? instance.id;
}

/** What draining does to the tasks on these instances, from the cluster's task list if loaded. */
function drainWarnings(
	ctx: PlanContext,
	clusterArn: string,
	instances: readonly ContainerInstance[],
	allInstances: readonly ContainerInstance[],
): string[] {
	const warnings: string[] = [];
	const draining = new Set(instances.map((instance) => instance.arn));
	const clusterTasks = ctx.state.tasks[taskScopeKey({clusterArn})!];
	if (clusterTasks === undefined) {
		const total = instances.reduce((sum, instance) => sum + instance.runningTasksCount, 0);
		warnings.push(
			`${plural(total, 'running task')} on ${instances.length === 1 ? 'it' : 'them'}: service tasks move to other instances, standalone tasks keep running until they end`,
		);
	} else {
		const here = clusterTasks.filter(
			(task) =>
				task.containerInstanceArn !== undefined &&
				draining.has(task.containerInstanceArn) &&
				!isTaskStopping(task),
		);
		const service = here.filter((task) => task.serviceName !== undefined).length;
		const standalone = here.length - service;
		warnings.push(
			`${plural(service, 'running service task')} will move to other instances${standalone > 0 ? `; ${plural(standalone, 'standalone task')} ${standalone === 1 ? 'keeps running until it ends' : 'keep running until they end'}` : ''}`,
		);
	}
	const activeLeft = allInstances.filter(
		(instance) => instance.status === 'ACTIVE' && !draining.has(instance.arn),
	).length;
	if (activeLeft === 0) {
		warnings.push('No ACTIVE instance would be left: service tasks will have nowhere to go');
	}
	return warnings;
}

export function planInstanceState(
	request: SetInstanceStateRequest,
	ctx: PlanContext,
): PlannedOutcome {
	const arns = [...new Set(request.containerInstanceArns)];
	if (arns.length === 0) return refuse('No container instance selected');
	const view = clusterViewOf(ctx.state, request.clusterArn);
	if (view === undefined) {
		return refuse('This cluster is not loaded: select it and wait for the next refresh');
	}
	const byArn = new Map(view.containerInstances.map((instance) => [instance.arn, instance]));
	const missing = arns.filter((arn) => !byArn.has(arn));
	if (missing.length > 0) {
		return refuse(
			`${plural(missing.length, 'instance')} not in the last refresh: wait for it and try again`,
		);
	}
	const instances = arns.map((arn) => byArn.get(arn)!);
	const wrong = instances.filter(
		(instance) => instance.status !== 'ACTIVE' && instance.status !== 'DRAINING',
	);
	if (wrong.length > 0) {
		const first = wrong[0]!;
		return refuse(
			`${instanceLabel(first)} is ${first.status}: only ACTIVE and DRAINING instances can be drained or re-activated`,
		);
	}
	const changing = instances.filter((instance) => instance.status !== request.status);
	if (changing.length === 0) {
		return refuse(
			instances.length === 1
				? `${instanceLabel(instances[0]!)} is already ${request.status}`
				: `These instances are already ${request.status}`,
		);
	}

	const warnings =
		request.status === 'DRAINING'
			? drainWarnings(ctx, request.clusterArn, changing, view.containerInstances)
			: [];
	const unchanged = instances.length - changing.length;
	if (unchanged > 0) {
		warnings.push(`${plural(unchanged, 'instance')} already ${request.status}: left out`);
	}
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	const draining = request.status === 'DRAINING';
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title: draining ? 'Drain container instance' : 'Re-activate container instance',
			changes: changing.map(
				(instance) =>
					`${instanceLabel(instance)}${instance.instanceType === undefined ? '' : ` (${instance.instanceType})`} ${instance.status} -> ${request.status}`,
			),
			cliCommands: chunk(changing, ecsActionLimits.updateInstancesState).map((batch) =>
				awsCommand(ctx.cli, 'ecs', 'update-container-instances-state', [
					'--cluster',
					cluster,
					'--container-instances',
					...batch.map((instance) => instance.id),
					'--status',
					request.status,
				]),
			),
			warnings,
			target: changing
				.map((instance) => instance.arn)
				.sort()
				.join(' '),
		},
		work: {
			kind: 'set-instance-state',
			clusterArn: request.clusterArn,
			instances: changing.map((instance) => ({
				arn: instance.arn,
				label: instanceLabel(instance),
				before: instance.status,
			})),
			status: request.status,
		},
	};
}
