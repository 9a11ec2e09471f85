/** CloudWatch Logs streams: DescribeLogStreams, CreateLogStream, DeleteLogStream. */
import {SimError} from '../errors.js';
import type {OperationTable, RequestContext} from '../handler.js';
import type {LogStream} from '../world/logs/log-store.js';
import {optionalBoolean, optionalEnum, optionalString} from './ecs-input.js';
import {
	decodeCursor,
	encodeCursor,
	groupArn,
	invalidParameter,
	limitOf,
	requiredMember,
	resolveGroup,
	streamNotFound,
	validStreamName,
} from './logs-input.js';

type Input = Record<string, unknown>;

const isOffset = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isName = (value: unknown): value is string => typeof value === 'string';

function describeLogStreams(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const prefix = optionalString(input, 'logStreamNamePrefix');
	const orderBy = optionalEnum(input, 'orderBy', ['LogStreamName', 'LastEventTime'] as const);
	const descending = optionalBoolean(input, 'descending') ?? false;
	const size = limitOf(input, 50) ?? 50;
	const token = optionalString(input, 'nextToken');
	let page: LogStream[];
	let nextToken: string | undefined;

	if (orderBy === 'LastEventTime') {
		if (prefix !== undefined)
			throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
		// Ordering by time needs every stream's newest event: bring them all up to date.
		const streams = [...group.streams.values()];
		for (const stream of streams) world.logs.catchUp(stream);
		const time = (s: LogStream) => s.lastEventTimestamp ?? s.creationTime;
		streams.sort((a, b) => time(a) - time(b) || a.number - b.number);
		if (descending) streams.reverse();
		const start = decodeCursor('DescribeLogStreams:time', token, isOffset) ?? 0;
		page = streams.slice(start, start + size);
		if (start + size < streams.length)
			nextToken = encodeCursor('DescribeLogStreams:time', start + size);
	} else {
		const after = decodeCursor('DescribeLogStreams:name', token, isName);
		const names = [...group.streams.keys()]
			.filter((name) => prefix === undefined || name.startsWith(prefix))
			.sort();
		if (descending) names.reverse();
		const rest =
			after === undefined
				? names
				: names.filter((name) => (descending ? name < after : name > after));
		page = rest.slice(0, size).map((name) => group.streams.get(name)!);
		for (const stream of page) world.logs.catchUp(stream);
		if (rest.length > size)
			nextToken = encodeCursor('DescribeLogStreams:name', page[page.length - 1]!.name);
	}

	const arn = groupArn(world, group.name);
	return {
		logStreams: page.map((stream) => ({
			logStreamName: stream.name,
			creationTime: stream.creationTime,
			firstEventTimestamp: stream.firstEventTimestamp,
			lastEventTimestamp: stream.lastEventTimestamp,
			lastIngestionTime: stream.lastIngestionTime,
			arn: `${arn}:log-stream:${stream.name}`,
			storedBytes: 0,
		})),
		nextToken,
	};
}

function createLogStream(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const name = validStreamName(requiredMember(input, 'logStreamName'));
	if (group.streams.has(name))
		throw new SimError('ResourceAlreadyExistsException', 'The specified log stream already exists');
	group.createStream(name, world.now());
	return {};
}

function deleteLogStream(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const name = validStreamName(requiredMember(input, 'logStreamName'));
	if (!group.streams.has(name)) throw streamNotFound();
	group.deleteStream(name);
	return {};
}

export const logStreamHandlers: OperationTable = {
	DescribeLogStreams: describeLogStreams,
	CreateLogStream: createLogStream,
	DeleteLogStream: deleteLogStream,
};
