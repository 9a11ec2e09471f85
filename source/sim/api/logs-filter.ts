/**
 * FilterLogEvents: the events of a group's streams (all, named, or by prefix) within a time
 * window that match a filter pattern, interleaved by time across streams, paged by an opaque
 * token that names the last event returned. Each event has a stable `eventId`, which `aws logs
 * tail --follow` relies on to skip events it has already printed.
 */
import type {OperationTable, RequestContext} from '../handler.js';
import type {LogEvent, LogStream} from '../world/logs/log-store.js';
import {optionalString, optionalStringList} from './ecs-input.js';
import {eventBytes, maxEventsPerResponse, maxResponseBytes} from './logs-events.js';
import {parseFilterPattern} from './logs-filter-pattern.js';
import {
	decodeCursor,
	encodeCursor,
	invalidParameter,
	limitOf,
	optionalTime,
	resolveGroup,
} from './logs-input.js';

type Input = Record<string, unknown>;

/** An event's place across the group: by time, then stream, then arrival. */
interface GroupKey {
	t: number;
	n: number;
	q: number;
}

const isGroupKey = (value: unknown): value is GroupKey => {
	const key = value as GroupKey;
	return (
		typeof value === 'object' &&
		value !== null &&
		Number.isInteger(key.t) &&
		Number.isInteger(key.n) &&
		Number.isInteger(key.q)
	);
};

function filterLogEvents(input: Input, {world}: RequestContext) {
	const group = resolveGroup(world, input);
	const names = optionalStringList(input, 'logStreamNames');
	const prefix = optionalString(input, 'logStreamNamePrefix');
	if (names !== undefined && prefix !== undefined)
		throw invalidParameter(
			'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
		);
	if (names !== undefined && (names.length < 1 || names.length > 100))
		throw invalidParameter(
			"1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length between 1 and 100",
		);
	const startTime = optionalTime(input, 'startTime') ?? 0;
	const endTime = optionalTime(input, 'endTime') ?? Infinity;
	if (endTime < startTime) throw invalidParameter('endTime must be after startTime.');
	const limit = limitOf(input, maxEventsPerResponse) ?? maxEventsPerResponse;
	const matches = parseFilterPattern(optionalString(input, 'filterPattern'));
	const after = decodeCursor('FilterLogEvents', optionalString(input, 'nextToken'), isGroupKey);

	const streams =
		names !== undefined
			? names.flatMap((name) => group.streams.get(name) ?? [])
			: [...group.streams.values()].filter(
					(s) => prefix === undefined || s.name.startsWith(prefix),
				);

	const merge = new StreamMerge();
	for (const stream of streams) {
		world.logs.catchUp(stream);
		const from = Math.max(stream.indexAtOrAfter(startTime), after ? firstAfter(stream, after) : 0);
		const to = Number.isFinite(endTime) ? stream.indexAtOrAfter(endTime + 1) : stream.size;
		if (from < to) merge.add({stream, index: from, end: to});
	}

	const events: Array<{stream: LogStream; event: LogEvent}> = [];
	let bytes = 0;
	let more = false;
	for (let next = merge.pop(); next; next = merge.pop()) {
		if (!matches(next.event.message)) continue;
		bytes += eventBytes(next.event.message);
		if (events.length === limit || bytes > maxResponseBytes) {
			more = true;
			break;
		}
		events.push(next);
	}
	const last = events[events.length - 1];
	return {
		events: events.map(({stream, event}) => ({
			logStreamName: stream.name,
			timestamp: event.timestamp,
			message: event.message,
			ingestionTime: event.ingestionTime,
			eventId: eventId(stream, event),
		})),
		nextToken:
			more && last
				? encodeCursor('FilterLogEvents', {
						t: last.event.timestamp,
						n: last.stream.number,
						q: last.event.seq,
					})
				: undefined,
	};
}

/** The first index of the stream whose event comes after `key` in the group's order. */
function firstAfter(stream: LogStream, key: GroupKey): number {
	if (stream.number < key.n) return stream.indexAfter({timestamp: key.t, seq: Infinity});
	if (stream.number > key.n) return stream.indexAtOrAfter(key.t);
	return stream.indexAfter({timestamp: key.t, seq: key.q});
}

/** 56 digits, as AWS's: time, stream and arrival, so it is unique in the group and stable. */
function eventId(stream: LogStream, event: LogEvent): string {
	return (
		String(event.timestamp).padStart(20, '0') +
		String(stream.number).padStart(16, '0') +
		String(event.seq).padStart(20, '0')
	);
}

interface Run {
	stream: LogStream;
	index: number;
	end: number;
}

/** A min-heap of per-stream runs, popping events in the group's order (time, stream, arrival). */
class StreamMerge {
	private readonly heap: Run[] = [];

	add(run: Run): void {
		this.heap.push(run);
		this.up(this.heap.length - 1);
	}

	pop(): {stream: LogStream; event: LogEvent} | undefined {
		const top = this.heap[0];
		if (!top) return undefined;
		const result = {stream: top.stream, event: top.stream.at(top.index)};
		top.index++;
		if (top.index >= top.end) {
			const last = this.heap.pop()!;
			if (this.heap.length > 0 && last !== top) this.heap[0] = last;
		}
		if (this.heap.length > 0) this.down(0);
		return result;
	}

	private before(a: Run, b: Run): boolean {
		const x = a.stream.at(a.index);
		const y = b.stream.at(b.index);
		return (
			x.timestamp < y.timestamp ||
			(x.timestamp === y.timestamp &&
				(a.stream.number < b.stream.number ||
					(a.stream.number === b.stream.number && x.seq < y.seq)))
		);
	}

	private up(i: number): void {
		const heap = this.heap;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.before(heap[i]!, heap[parent]!)) break;
			[heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
			i = parent;
		}
	}

	private down(i: number): void {
		const heap = this.heap;
		for (;;) {
			const left = 2 * i + 1;
			if (left >= heap.length) return;
			const right = left + 1;
			const child = right < heap.length && this.before(heap[right]!, heap[left]!) ? right : left;
			if (!this.before(heap[child]!, heap[i]!)) return;
			[heap[i], heap[child]] = [heap[child]!, heap[i]!];
			i = child;
		}
	}
}

export const logFilterHandlers: OperationTable = {
	FilterLogEvents: filterLogEvents,
};
