/** CloudWatch Logs groups: DescribeLogGroups, CreateLogGroup, DeleteLogGroup. */
import {SimError} from '../errors.js';
import type {OperationTable, RequestContext} from '../handler.js';
import type {LogGroup} from '../world/logs/log-store.js';
import {optionalString, optionalStringList} from './ecs-input.js';
import {
	decodeCursor,
	encodeCursor,
	groupArn,
	groupNotFound,
	invalidParameter,
	limitOf,
	requiredMember,
	validGroupName,
} from './logs-input.js';

type Input = Record<string, unknown>;

const isName = (value: unknown): value is string => typeof value === 'string';

function describeLogGroups(input: Input, {world}: RequestContext) {
	const prefix = optionalString(input, 'logGroupNamePrefix');
	const pattern = optionalString(input, 'logGroupNamePattern');
	if (prefix !== undefined && pattern !== undefined)
		throw invalidParameter(
			'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
		);
	const identifiers = optionalStringList(input, 'logGroupIdentifiers');
	if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined))
		throw invalidParameter(
			'logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.',
		);
	const wanted = identifiers?.map((id) => id.replace(/^arn:.*:log-group:/, '').replace(/:\*$/, ''));
	const size = limitOf(input, 50) ?? 50;
	const after = decodeCursor('DescribeLogGroups', optionalString(input, 'nextToken'), isName);
	// The pattern matches anywhere in the name, ignoring case, as the console's search does.
	const needle = pattern?.toLowerCase();
	const names = [...world.logs.groups.keys()]
		.filter(
			(name) =>
				(prefix === undefined || name.startsWith(prefix)) &&
				(needle === undefined || name.toLowerCase().includes(needle)) &&
				(wanted === undefined || wanted.includes(name)) &&
				(after === undefined || name > after),
		)
		.sort();
	const page = names.slice(0, size);
	return {
		logGroups: page.map((name) => shapeGroup(world, world.logs.groups.get(name)!)),
		nextToken:
			names.length > size ? encodeCursor('DescribeLogGroups', page[page.length - 1]) : undefined,
	};
}

function shapeGroup(world: RequestContext['world'], group: LogGroup) {
	const arn = groupArn(world, group.name);
	return {
		logGroupName: group.name,
		creationTime: group.creationTime,
		retentionInDays: group.retentionInDays,
		metricFilterCount: 0,
		arn: `${arn}:*`,
		storedBytes: group.storedBytes,
		logGroupClass: 'STANDARD',
		logGroupArn: arn,
	};
}

function createLogGroup(input: Input, {world}: RequestContext) {
	const name = validGroupName(requiredMember(input, 'logGroupName'));
	if (world.logs.groups.has(name))
		throw new SimError('ResourceAlreadyExistsException', 'The specified log group already exists');
	world.logs.createGroup(name);
	return {};
}

function deleteLogGroup(input: Input, {world}: RequestContext) {
	const name = validGroupName(requiredMember(input, 'logGroupName'));
	if (!world.logs.groups.has(name)) throw groupNotFound();
	world.logs.deleteGroup(name);
	return {};
}

export const logGroupHandlers: OperationTable = {
	DescribeLogGroups: describeLogGroups,
	CreateLogGroup: createLogGroup,
	DeleteLogGroup: deleteLogGroup,
};
