/** `S`: a cluster's instance count, as the desired capacity of the group behind its provider. */
import {desiredCapacityProblem} from '../../model/auto-scaling-group.js';
import type {ActionRequest} from './types.js';
import {awsCommand} from './cli-command.js';
import {clusterViewOf} from './fleet-lookup.js';
import {plural, type PlanContext} from './plan-context.js';
import {scalingGroupsOf} from './scaling-groups.js';
import {refuse, type PlannedOutcome} from './work.js';

type ScaleClusterRequest = Extract<ActionRequest, {kind: 'scale-cluster'}>;

export function planScaleCluster(request: ScaleClusterRequest, ctx: PlanContext): PlannedOutcome {
	const choices = scalingGroupsOf(ctx.state, request.clusterArn);
	if (!choices.ok) return refuse(choices.refusal);
	const choice = choices.groups.find(
		(group) => group.autoScalingGroupName === request.autoScalingGroupName,
	);
	if (choice === undefined) {
		return refuse(
			`${request.autoScalingGroupName} is not behind this cluster's capacity providers (${choices.groups.map((group) => group.autoScalingGroupName).join(', ')})`,
		);
	}
	const view = clusterViewOf(ctx.state, request.clusterArn)!;
	const group = view.autoScalingGroups.find((found) => found.name === choice.autoScalingGroupName)!;
	const desired = request.desiredCapacity;
	const problem = desiredCapacityProblem(group, desired);
	if (problem !== undefined) {
		return refuse(`${group.name} desired capacity ${String(desired)} ${problem}`);
	}
	if (desired === group.desiredCapacity) {
		return refuse(`${group.name} desired capacity is already ${desired}`);
	}

	const warnings: string[] = [];
	const provider = view.capacityProviders.find(
		(found) => found.name === choice.capacityProviderName,
	);
	if (provider?.managedScaling?.status === 'ENABLED') {
		warnings.push(
			`${provider.name} has managed scaling on: ECS sets this group's desired capacity itself and may change it back`,
		);
	}
	if (desired < group.desiredCapacity) {
		const fewer = group.desiredCapacity - desired;
		warnings.push(
			`${plural(fewer, 'instance')} will be terminated: their tasks stop, and services start them elsewhere`,
		);
		if (provider?.managedTerminationProtection === 'ENABLED') {
			warnings.push('Managed termination protection keeps instances that still run tasks');
		}
	}
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title: 'Scale cluster instances',
			changes: [
				`${group.name} desired capacity ${group.desiredCapacity} -> ${desired} (min ${group.minSize}, max ${group.maxSize})`,
			],
			cliCommands: [
				awsCommand(ctx.cli, 'autoscaling', 'set-desired-capacity', [
					'--auto-scaling-group-name',
					group.name,
					'--desired-capacity',
					String(desired),
					'--no-honor-cooldown',
				]),
			],
			warnings,
			target: `autoscaling-group ${group.name}`,
		},
		work: {
			kind: 'set-desired-capacity',
			clusterArn: request.clusterArn,
			autoScalingGroupName: group.name,
			before: group.desiredCapacity,
			after: desired,
		},
	};
}
