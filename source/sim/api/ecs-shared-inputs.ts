/**
 * Request members that several ECS operations share (CreateService, UpdateService, RunTask,
 * CreateCluster): task definition references, launch type vs capacity provider strategy, and
 * placement, validated once with ECS's rules and messages.
 */
import {clientError, invalidParameter} from '../errors.js';
import type {World} from '../world/world.js';
import type {
	CapacityProviderStrategyItem,
	PlacementConstraint,
	PlacementStrategy,
} from '../world/types.js';
import {optionalEnum, optionalList, optionalString} from './ecs-input.js';

export const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;

/** Unknown or retired task definitions are refused before the world sees them, as ECS does. */
export function requireTaskDefinitionRef(world: World, ref: string): string {
	const definition = world.resolveTaskDefinition(ref);
	if (definition === undefined) throw clientError('Unable to describe task definition.');
	if (definition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive');
	return definition.arn;
}

/** launchType and capacityProviderStrategy are exclusive in CreateService and RunTask. */
export function launchInput(input: Record<string, unknown>): {
	launchType?: (typeof LAUNCH_TYPES)[number];
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
} {
	const launchType = optionalEnum(input, 'launchType', LAUNCH_TYPES);
	const strategy = optionalList<CapacityProviderStrategyItem>(input, 'capacityProviderStrategy');
	if (launchType !== undefined && strategy !== undefined && strategy.length > 0) {
		throw invalidParameter(
			'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
		);
	}
	return {launchType, capacityProviderStrategy: strategy?.map(strategyItem)};
}

const MAX_PLACEMENT_STRATEGIES = 5;
const MAX_PLACEMENT_CONSTRAINTS = 10;

export function placementInput(input: Record<string, unknown>): {
	placementStrategy?: PlacementStrategy[];
	placementConstraints?: PlacementConstraint[];
} {
	const strategies = optionalList<Record<string, unknown>>(input, 'placementStrategy');
	const constraints = optionalList<Record<string, unknown>>(input, 'placementConstraints');
	if (strategies !== undefined && strategies.length > MAX_PLACEMENT_STRATEGIES) {
		throw invalidParameter(`placementStrategy can have at most ${MAX_PLACEMENT_STRATEGIES} items.`);
	}
	if (constraints !== undefined && constraints.length > MAX_PLACEMENT_CONSTRAINTS) {
		throw invalidParameter(
			`placementConstraints can have at most ${MAX_PLACEMENT_CONSTRAINTS} items.`,
		);
	}
	return {
		placementStrategy: strategies?.map((strategy) => ({
			type: optionalEnum(strategy, 'type', ['random', 'spread', 'binpack']) ?? 'random',
			field: optionalString(strategy, 'field'),
		})),
		placementConstraints: constraints?.map((constraint) => ({
			type:
				optionalEnum(constraint, 'type', ['distinctInstance', 'memberOf']) ?? 'distinctInstance',
			expression: optionalString(constraint, 'expression'),
		})),
	};
}

/** The model makes weight and base optional (default 0); the world wants them filled in. */
export function strategyItem(
	item: Partial<CapacityProviderStrategyItem>,
): CapacityProviderStrategyItem {
	if (typeof item.capacityProvider !== 'string' || item.capacityProvider === '') {
		throw invalidParameter('capacityProvider can not be blank.');
	}
	return {capacityProvider: item.capacityProvider, weight: item.weight ?? 0, base: item.base ?? 0};
}
