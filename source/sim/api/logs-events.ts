/**
 * Reading and writing one stream: GetLogEvents (from the head or the tail, paged by forward and
 * backward tokens; a token at the end of the stream comes back unchanged, which is how a follower
 * knows nothing new arrived) and PutLogEvents (with AWS's batch rules and rejected-event indexes).
 */
import type {OperationTable, RequestContext} from '../handler.js';
import type {EventKey, LogEvent, LogStream} from '../world/logs/log-store.js';
import {optionalBoolean, optionalList, optionalString} from './ecs-input.js';
import {
	invalidParameter,
	limitOf,
	optionalTime,
	resolveGroup,
	resolveStream,
} from './logs-input.js';
import {decodeEventToken, encodeEventToken, streamStart} from './logs-tokens.js';

type Input = Record<string, unknown>;

/** A response holds at most 10,000 events or 1 MB (each event counts its message plus 26 bytes). */
export const maxEventsPerResponse = 10_000;
export const maxResponseBytes = 1_048_576;
export const eventBytes = (message: string): number => Buffer.byteLength(message) + 26;

function getLogEvents(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const stream = resolveStream(world, group, input);
	const startTime = optionalTime(input, 'startTime') ?? 0;
	const endTime = optionalTime(input, 'endTime') ?? Infinity;
	const limit = limitOf(input, maxEventsPerResponse) ?? maxEventsPerResponse;
	const token = optionalString(input, 'nextToken');
	const fromHead = optionalBoolean(input, 'startFromHead') ?? false;

	// Events of the time window occupy [low, high) of the stream.
	const low = stream.indexAtOrAfter(startTime);
	const high = Number.isFinite(endTime) ? stream.indexAtOrAfter(endTime) : stream.size;

	let events: LogEvent[];
	if (token !== undefined) {
		const cursor = decodeEventToken(token);
		events =
			cursor.direction === 'forward'
				? readForward(stream, Math.max(low, stream.indexAfter(cursor.key)), high, limit)
				: readBackward(stream, low, Math.min(high, indexOfKey(stream, cursor.key)), limit);
		if (events.length === 0) {
			// Nothing more that way: the same place again, in both directions.
			const digits = token.slice(1);
			return {
				events: [],
				nextForwardToken: `f${digits}`,
				nextBackwardToken: `b${digits}`,
			};
		}
	} else {
		events = fromHead
			? readForward(stream, low, high, limit)
			: readBackward(stream, low, high, limit);
	}
	const first: EventKey = events[0] ?? streamStart;
	const last: EventKey = events[events.length - 1] ?? streamStart;
	return {
		events: events.map((e) => ({
			timestamp: e.timestamp,
			message: e.message,
			ingestionTime: e.ingestionTime,
		})),
		nextForwardToken: encodeEventToken('forward', last),
		nextBackwardToken: encodeEventToken('backward', first),
	};
}

/** The index of the first event at or after `key`. */
function indexOfKey(stream: LogStream, key: EventKey): number {
	return stream.indexAfter({timestamp: key.timestamp, seq: key.seq - 1});
}

function readForward(stream: LogStream, from: number, to: number, limit: number): LogEvent[] {
	const events: LogEvent[] = [];
	let bytes = 0;
	for (let i = from; i < to && events.length < limit; i++) {
		const event = stream.at(i);
		bytes += eventBytes(event.message);
		if (bytes > maxResponseBytes) break;
		events.push(event);
	}
	return events;
}

/** The newest events before `to`, oldest first, as AWS returns them. */
function readBackward(stream: LogStream, from: number, to: number, limit: number): LogEvent[] {
	const events: LogEvent[] = [];
	let bytes = 0;
	for (let i = to - 1; i >= from && events.length < limit; i--) {
		const event = stream.at(i);
		bytes += eventBytes(event.message);
		if (bytes > maxResponseBytes) break;
		events.push(event);
	}
	return events.reverse();
}

const day = 24 * 60 * 60 * 1000;

function putLogEvents(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const stream = resolveStream(world, group, input);
	const raw = optionalList(input, 'logEvents') ?? [];
	if (raw.length < 1 || raw.length > maxEventsPerResponse)
		throw invalidParameter(
			`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and ${maxEventsPerResponse}`,
		);
	const events = raw.map((event, i) => {
		const timestamp = event['timestamp'];
		const message = event['message'];
		if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0)
			throw invalidParameter(`logEvents.${i + 1}.timestamp must be a non-negative integer.`);
		if (typeof message !== 'string' || message === '')
			throw invalidParameter(
				`1 validation error detected: Value at 'logEvents.${i + 1}.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1`,
			);
		return {timestamp, message};
	});
	const bytes = events.reduce((sum, e) => sum + eventBytes(e.message), 0);
	if (bytes > maxResponseBytes)
		throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${maxResponseBytes}`);
	for (let i = 1; i < events.length; i++) {
		if (events[i]!.timestamp < events[i - 1]!.timestamp)
			throw invalidParameter(
				'Log events in a single PutLogEvents request must be in chronological order.',
			);
	}
	if (events[events.length - 1]!.timestamp - events[0]!.timestamp > day)
		throw invalidParameter(
			'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
		);

	// Too old (over 14 days, or past the group's retention) and too new (over 2 hours ahead)
	// events are rejected, the rest accepted; the answer says which by index.
	const now = world.now();
	const tooOld = (t: number) => t < now - 14 * day;
	const expired = (t: number) =>
		group.retentionInDays !== undefined && t < now - group.retentionInDays * day;
	const tooNew = (t: number) => t > now + 2 * 60 * 60 * 1000;
	let oldEnd = -1;
	let expiredEnd = -1;
	let newStart = events.length;
	events.forEach((e, i) => {
		if (tooOld(e.timestamp)) oldEnd = i;
		if (expired(e.timestamp)) expiredEnd = i;
		if (tooNew(e.timestamp) && newStart === events.length) newStart = i;
	});
	const accepted = events.filter(
		(e) => !tooOld(e.timestamp) && !expired(e.timestamp) && !tooNew(e.timestamp),
	);
	world.logs.put(stream, accepted);
	const rejected =
		oldEnd >= 0 || expiredEnd >= 0 || newStart < events.length
			? {
					tooNewLogEventStartIndex: newStart < events.length ? newStart : undefined,
					tooOldLogEventEndIndex: oldEnd >= 0 ? oldEnd : undefined,
					expiredLogEventEndIndex: expiredEnd >= 0 ? expiredEnd : undefined,
				}
			: undefined;
	return {
		// Deprecated (AWS no longer checks sequence tokens) but still answered.
		nextSequenceToken: String(stream.size).padStart(56, '0'),
		rejectedLogEventsInfo: rejected,
	};
}

export const logEventHandlers: OperationTable = {
	GetLogEvents: getLogEvents,
	PutLogEvents: putLogEvents,
};
