/**
 * CloudWatch Logs reads for the log view: one stream's events after a forward token
 * (GetLogEvents), or several streams of a group merged by time after a moment (FilterLogEvents).
 * Each method is exactly one call: the follow asks once a refresh, and pages on at the next.
 *
 * The client is loaded on first use and made per region: a task definition's `awslogs-region`
 * may name another region than the session's.
 */
import type {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs';
import {count, objects, text} from './answer-fields.js';
import {adapterContext, type AdapterOptions} from './call.js';

/** The API's own limits on one call (the CloudWatch Logs API reference). */
export const logsLimits = {
	/** GetLogEvents and FilterLogEvents return at most 10,000 events (or 1 MB) a call. */
	eventsPerCall: 10_000,
	/** FilterLogEvents takes at most 100 stream names. */
	streamNamesPerFilter: 100,
} as const;

/** A client for a region; undefined: the session's. */
export type LogsClientFor = (region: string | undefined) => Promise<CloudWatchLogsClient>;

export type LogEvent = {
	readonly at: number;
	readonly message: string;
	/** FilterLogEvents only: the stream it came from, and its id (to skip one seen already). */
	readonly stream?: string | undefined;
	readonly eventId?: string | undefined;
};

export type StreamPage = {
	readonly events: readonly LogEvent[];
	/** Where the next read starts; AWS hands the same one back when nothing came after it. */
	readonly forwardToken: string | undefined;
};

export type FilterPage = {
	readonly events: readonly LogEvent[];
	/** More events within the same window; undefined once the window is read. */
	readonly nextToken: string | undefined;
};

export type StreamRead = {
	readonly region: string | undefined;
	readonly group: string;
	readonly stream: string;
	/** Undefined: the stream's newest `limit` events (its tail). */
	readonly forwardToken?: string | undefined;
	readonly limit: number;
};

export type FilterRead = {
	readonly region: string | undefined;
	readonly group: string;
	readonly streams: readonly string[];
	/** Epoch ms, inclusive. */
	readonly startTime: number;
	readonly nextToken?: string | undefined;
	readonly limit: number;
};

export type LogsAdapter = ReturnType<typeof createLogsAdapter>;

function toEvents(list: readonly object[] | undefined): LogEvent[] {
	const events: LogEvent[] = [];
	for (const event of objects(list) as readonly Record<string, unknown>[]) {
		const at = count(event['timestamp']);
		const message = text(event['message']);
		// An event without a time or a text has nothing to show.
		if (at === undefined || message === undefined) continue;
		events.push({
			at,
			message,
			stream: text(event['logStreamName']),
			eventId: text(event['eventId']),
		});
	}
	return events;
}

export function createLogsAdapter(clientFor: LogsClientFor, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('logs', options);
	const sdk = () => import('@aws-sdk/client-cloudwatch-logs');

	return {
		async getLogEvents(read: StreamRead): Promise<StreamPage> {
			const [{GetLogEventsCommand}, client] = await Promise.all([sdk(), clientFor(read.region)]);
			const answer = await limit(() =>
				call('GetLogEvents', () =>
					client.send(
						new GetLogEventsCommand({
							logGroupName: read.group,
							logStreamName: read.stream,
							limit: Math.min(read.limit, logsLimits.eventsPerCall),
							// With a token, the token says where; without, the tail.
							...(read.forwardToken === undefined
								? {startFromHead: false}
								: {nextToken: read.forwardToken, startFromHead: true}),
						}),
					),
				),
			);
			return {events: toEvents(answer.events), forwardToken: text(answer.nextForwardToken)};
		},

		async filterLogEvents(read: FilterRead): Promise<FilterPage> {
			const [{FilterLogEventsCommand}, client] = await Promise.all([sdk(), clientFor(read.region)]);
			const answer = await limit(() =>
				call('FilterLogEvents', () =>
					client.send(
						new FilterLogEventsCommand({
							logGroupName: read.group,
							logStreamNames: read.streams.slice(0, logsLimits.streamNamesPerFilter),
							startTime: read.startTime,
							limit: Math.min(read.limit, logsLimits.eventsPerCall),
							nextToken: read.nextToken,
						}),
					),
				),
			);
			const next = text(answer.nextToken);
			return {events: toEvents(answer.events), nextToken: next === '' ? undefined : next};
		},
	};
}
