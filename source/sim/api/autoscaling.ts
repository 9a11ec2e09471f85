/**
 * The Auto Scaling operations ecs-top reads and drives (awsQuery protocol): group and instance
 * listings, scaling activities, and the two calls that change capacity.
 */
import type {OperationTable, RequestContext} from '../handler.js';
import type {AutoScalingGroupState} from '../world/types.js';
import type {World} from '../world/world.js';
import {
	optionalBoolean,
	optionalInteger,
	optionalNextToken,
	readMaxRecords,
	requiredInteger,
	requiredString,
	validationError,
} from './autoscaling-input.js';
import {activityShape, groupInstanceShape, groupShape} from './autoscaling-shapes.js';
import {paginate} from './pagination.js';
import {optionalString, stringList} from './query-input.js';

const maxGroupNames = 100;
const maxInstanceIds = 50;

function findGroup(world: World, name: string): AutoScalingGroupState {
	const group = world.resolveAutoScalingGroup(name);
	if (group === undefined) {
		throw validationError(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
	}
	return group;
}

/** `Filters.member.N` for groups: tag-key, tag-value and tag:<key>; values match exactly. */
function groupFilter(input: Record<string, unknown>): (group: AutoScalingGroupState) => boolean {
	const raw = input['Filters'];
	const filters = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
	const tests = filters.map((entry) => {
		const record = (entry ?? {}) as Record<string, unknown>;
		const name = optionalString(record['Name']) ?? '';
		const values = new Set(stringList(record['Values']));
		if (name === 'tag-key')
			return (g: AutoScalingGroupState) => g.tags.some((t) => values.has(t.key));
		if (name === 'tag-value') {
			return (g: AutoScalingGroupState) => g.tags.some((t) => values.has(t.value));
		}
		if (name.startsWith('tag:')) {
			const key = name.slice('tag:'.length);
			return (g: AutoScalingGroupState) => g.tags.some((t) => t.key === key && values.has(t.value));
		}
		throw validationError(`The filter name '${name}' is not valid.`);
	});
	return (group) => tests.every((test) => test(group));
}

function describeAutoScalingGroups(
	input: Record<string, unknown>,
	{world}: RequestContext,
): unknown {
	const names = stringList(input['AutoScalingGroupNames']);
	if (names.length > maxGroupNames) {
		throw validationError(
			`The number of group names (${names.length}) exceeds the maximum of ${maxGroupNames}.`,
		);
	}
	const maxRecords = readMaxRecords(input, 50, 100);
	const includeInstances = optionalBoolean(input['IncludeInstances'], 'includeInstances') ?? true;
	const matches = groupFilter(input);
	// Unknown names are left out silently, as Auto Scaling does; groups come back sorted by name.
	const named =
		names.length === 0
			? [...world.autoScalingGroups.values()]
			: names.flatMap((name) => world.resolveAutoScalingGroup(name) ?? []);
	const groups = [...new Set(named)]
		.filter(matches)
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const page = paginate(
		groups,
		{
			operation: 'DescribeAutoScalingGroups',
			maxResults: maxRecords,
			defaultSize: 50,
			maxSize: 100,
			nextToken: optionalNextToken(input),
		},
		'InvalidNextToken',
	);
	return {
		AutoScalingGroups: page.items.map((group) => groupShape(group, world, includeInstances)),
		NextToken: page.nextToken,
	};
}

function setDesiredCapacity(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const group = findGroup(
		world,
		requiredString(input['AutoScalingGroupName'], 'autoScalingGroupName'),
	);
	const desired = requiredInteger(input['DesiredCapacity'], 'desiredCapacity');
	const honorCooldown = optionalBoolean(input['HonorCooldown'], 'honorCooldown') ?? false;
	// Range checks (min..max) are the world's, so scenarios and the API share one rule.
	world.setDesiredCapacity(group, desired, honorCooldown);
	return {};
}

function nonNegative(value: number | undefined, member: string): number | undefined {
	if (value !== undefined && value < 0) {
		throw validationError(
			`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to 0`,
		);
	}
	return value;
}

/**
 * Min, max and desired capacity, checked together as Auto Scaling does: a new bound that leaves
 * the current desired capacity outside it moves the desired capacity to that bound, unless a
 * desired capacity was given, which must then fit. Other group settings are accepted and ignored.
 */
function updateAutoScalingGroup(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const group = findGroup(
		world,
		requiredString(input['AutoScalingGroupName'], 'autoScalingGroupName'),
	);
	const minSize = nonNegative(optionalInteger(input['MinSize'], 'minSize'), 'minSize');
	const maxSize = nonNegative(optionalInteger(input['MaxSize'], 'maxSize'), 'maxSize');
	const desiredCapacity = nonNegative(
		optionalInteger(input['DesiredCapacity'], 'desiredCapacity'),
		'desiredCapacity',
	);
	const min = minSize ?? group.minSize;
	const max = maxSize ?? group.maxSize;
	if (min > max) {
		throw validationError(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
	}
	if (desiredCapacity !== undefined && (desiredCapacity < min || desiredCapacity > max)) {
		throw validationError(
			`Desired capacity:${desiredCapacity} must be between the specified min size:${min} and max size:${max}`,
		);
	}
	const clamped = Math.min(max, Math.max(min, group.desiredCapacity));
	const desired = desiredCapacity ?? (clamped !== group.desiredCapacity ? clamped : undefined);
	const update: {minSize?: number; maxSize?: number; desiredCapacity?: number} = {};
	if (minSize !== undefined) update.minSize = minSize;
	if (maxSize !== undefined) update.maxSize = maxSize;
	if (desired !== undefined) update.desiredCapacity = desired;
	world.updateAutoScalingGroup(group, update);
	return {};
}

function describeScalingActivities(
	input: Record<string, unknown>,
	{world}: RequestContext,
): unknown {
	const groupName = optionalString(input['AutoScalingGroupName']);
	const activityIds = new Set(stringList(input['ActivityIds']));
	const maxRecords = readMaxRecords(input, 100, 100);
	const groups =
		groupName === undefined
			? [...world.autoScalingGroups.values()]
			: [world.resolveAutoScalingGroup(groupName)].filter((g) => g !== undefined);
	const activities = groups
		.flatMap((group) => group.activities.map((activity) => ({group, activity})))
		.filter(({activity}) => activityIds.size === 0 || activityIds.has(activity.id))
		.sort((a, b) => b.activity.startTime - a.activity.startTime);
	const page = paginate(
		activities,
		{
			operation: 'DescribeScalingActivities',
			maxResults: maxRecords,
			defaultSize: 100,
			maxSize: 100,
			nextToken: optionalNextToken(input),
		},
		'InvalidNextToken',
	);
	return {
		Activities: page.items.map(({group, activity}) => activityShape(group, activity)),
		NextToken: page.nextToken,
	};
}

function describeAutoScalingInstances(
	input: Record<string, unknown>,
	{world}: RequestContext,
): unknown {
	const ids = stringList(input['InstanceIds']);
	if (ids.length > maxInstanceIds) {
		throw validationError(
			`The number of instance ids (${ids.length}) exceeds the maximum of ${maxInstanceIds}.`,
		);
	}
	const wanted = new Set(ids);
	const maxRecords = readMaxRecords(input, 50, 50);
	const members = [...world.autoScalingGroups.values()]
		.flatMap((group) => group.instances.map((instance) => ({group, instance})))
		.filter(({instance}) => wanted.size === 0 || wanted.has(instance.instanceId))
		.sort((a, b) => (a.instance.instanceId < b.instance.instanceId ? -1 : 1));
	const page = paginate(
		members,
		{
			operation: 'DescribeAutoScalingInstances',
			maxResults: maxRecords,
			defaultSize: 50,
			maxSize: 50,
			nextToken: optionalNextToken(input),
		},
		'InvalidNextToken',
	);
	return {
		AutoScalingInstances: page.items.map(({group, instance}) => ({
			...groupInstanceShape(group, instance, world),
			AutoScalingGroupName: group.name,
		})),
		NextToken: page.nextToken,
	};
}

export const autoScalingHandlers: OperationTable = {
	DescribeAutoScalingGroups: describeAutoScalingGroups,
	SetDesiredCapacity: setDesiredCapacity,
	UpdateAutoScalingGroup: updateAutoScalingGroup,
	DescribeScalingActivities: describeScalingActivities,
	DescribeAutoScalingInstances: describeAutoScalingInstances,
};
