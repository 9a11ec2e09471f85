/**
 * CloudWatch Logs state: log groups, their streams and each stream's events in time order.
 *
 * Streams of running containers are written lazily: a stream holds a writer (a pure function of
 * time, see container-writer.ts) and its events are produced only when someone reads the stream,
 * up to the world's time. So a world of 20,000 tasks pays for the streams nobody reads with one
 * small object each, and the events are the same whenever they are read.
 *
 * Memory is bounded: a stream keeps its newest `maxEventsPerStream` events, a writer read for the
 * first time long after its container started produces only its last `backfillMs`, and a group
 * keeps at most `maxEndedStreamsPerGroup` streams of containers that ended, dropping the oldest.
 */

export interface LogEvent {
	timestamp: number;
	ingestionTime: number;
	message: string;
	/** Arrival order within the stream: with the timestamp, the event's place and identity. */
	seq: number;
}

/** Where an event sits in a stream's order: by timestamp, then by arrival. */
export interface EventKey {
	timestamp: number;
	seq: number;
}

/** What produces a stream's events over time (a container's output). */
export interface LogWriter {
	/** No event is written at or after this time (Infinity while the container runs). */
	readonly endsAt: number;
	/** Emits the events with timestamps in [from, to), oldest first. */
	write(
		from: number,
		to: number,
		emit: (timestamp: number, message: string, ingestionTime: number) => void,
	): void;
}

export const maxEventsPerStream = 10_000;
export const maxEndedStreamsPerGroup = 2_000;
/** Events reach CloudWatch within this long of their timestamp (the log driver's buffering). */
export const maxIngestionDelayMs = 1000;
/** How far back a writer produces on its first read: about `maxEventsPerStream` at a brisk rate. */
export const backfillMs = 3 * 60 * 60 * 1000;

export function compareKeys(a: EventKey, b: EventKey): number {
	return a.timestamp - b.timestamp || a.seq - b.seq;
}

export class LogStream {
	/** Events [head, events.length) are the stream's; older ones were dropped. */
	private events: LogEvent[] = [];
	private head = 0;
	private nextSeq = 0;
	lastIngestionTime: number | undefined;
	storedBytes = 0;
	/** The writer's events before this time are in the stream. */
	writtenUntil: number;

	constructor(
		readonly group: LogGroup,
		readonly name: string,
		/** Unique in its group; orders events of equal time across streams. */
		readonly number: number,
		readonly creationTime: number,
		public writer: LogWriter | undefined,
	) {
		this.writtenUntil = creationTime;
	}

	get size(): number {
		return this.events.length - this.head;
	}

	/** The i-th event, oldest first (0 <= i < size). */
	at(i: number): LogEvent {
		return this.events[this.head + i]!;
	}

	get firstEventTimestamp(): number | undefined {
		return this.size > 0 ? this.at(0).timestamp : undefined;
	}

	get lastEventTimestamp(): number | undefined {
		return this.size > 0 ? this.at(this.size - 1).timestamp : undefined;
	}

	/** The index of the first event after `key` (size when none). */
	indexAfter(key: EventKey): number {
		let low = 0;
		let high = this.size;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (compareKeys(this.at(mid), key) <= 0) low = mid + 1;
			else high = mid;
		}
		return low;
	}

	/** The index of the first event at or after `timestamp`. */
	indexAtOrAfter(timestamp: number): number {
		return this.indexAfter({timestamp, seq: -1});
	}

	append(timestamp: number, message: string, ingestionTime: number): LogEvent {
		const event: LogEvent = {timestamp, ingestionTime, message, seq: this.nextSeq++};
		const last = this.size > 0 ? this.at(this.size - 1) : undefined;
		if (last === undefined || compareKeys(last, event) <= 0) this.events.push(event);
		else this.events.splice(this.head + this.indexAfter(event), 0, event);
		this.storedBytes += Buffer.byteLength(message) + 26;
		this.lastIngestionTime = Math.max(this.lastIngestionTime ?? 0, ingestionTime);
		this.trim();
		return event;
	}

	private trim(): void {
		const excess = this.size - maxEventsPerStream;
		if (excess <= 0) return;
		for (let i = 0; i < excess; i++)
			this.storedBytes -= Buffer.byteLength(this.events[this.head + i]!.message) + 26;
		this.head += excess;
		// Compact now and then, so dropping the oldest stays cheap and the array stays bounded.
		if (this.head >= maxEventsPerStream) {
			this.events = this.events.slice(this.head);
			this.head = 0;
		}
	}
}

export class LogGroup {
	readonly streams = new Map<string, LogStream>();
	retentionInDays: number | undefined;
	/** Streams whose container ended, oldest first: the first to go when there are too many. */
	private readonly ended: LogStream[] = [];
	private nextStreamNumber = 0;

	constructor(
		readonly name: string,
		readonly creationTime: number,
	) {}

	get storedBytes(): number {
		let bytes = 0;
		for (const stream of this.streams.values()) bytes += stream.storedBytes;
		return bytes;
	}

	createStream(name: string, at: number, writer?: LogWriter): LogStream {
		const stream = new LogStream(this, name, this.nextStreamNumber++, at, writer);
		this.streams.set(name, stream);
		return stream;
	}

	deleteStream(name: string): void {
		this.streams.delete(name);
	}

	/** The stream's container ended: it counts towards the group's bound on ended streams. */
	streamEnded(stream: LogStream): void {
		this.ended.push(stream);
		while (this.ended.length > maxEndedStreamsPerGroup) {
			const oldest = this.ended.shift()!;
			if (this.streams.get(oldest.name) === oldest) this.streams.delete(oldest.name);
		}
	}
}

export class LogStore {
	readonly groups = new Map<string, LogGroup>();

	constructor(private readonly now: () => number) {}

	createGroup(name: string): LogGroup {
		const group = new LogGroup(name, this.now());
		this.groups.set(name, group);
		return group;
	}

	deleteGroup(name: string): void {
		this.groups.delete(name);
	}

	/**
	 * Brings a stream up to date: the writer's events up to now, less the ingestion delay (so
	 * every event present has been ingested by now, and reading again later never inserts an event
	 * before one already seen).
	 */
	catchUp(stream: LogStream): void {
		const writer = stream.writer;
		if (writer === undefined) return;
		const until = Math.min(this.now() - maxIngestionDelayMs, writer.endsAt);
		if (until > stream.writtenUntil) {
			const from = Math.max(stream.writtenUntil, until - backfillMs);
			writer.write(from, until, (timestamp, message, ingestionTime) =>
				stream.append(timestamp, message, ingestionTime),
			);
			stream.writtenUntil = until;
		}
		if (stream.writtenUntil >= writer.endsAt) stream.writer = undefined;
	}

	/** PutLogEvents: events arrive now, in the order given (the caller checked it is by time). */
	put(stream: LogStream, events: Array<{timestamp: number; message: string}>): void {
		this.catchUp(stream);
		const now = this.now();
		for (const event of events) stream.append(event.timestamp, event.message, now);
	}
}
