/**
 * The log view's lines (docs/logs.md): read only while the view is open, and after the first read
 * only while it follows. A refresh makes one call per log group the view reads (almost always
 * one): GetLogEvents after the stream's forward token for one task's one stream, else
 * FilterLogEvents of the group's streams from the newest time already shown. The streams are
 * derived from the task definitions' awslogs options each run, so a service's new tasks join the
 * view as they start.
 */
import {AwsApiError} from '../../aws/errors.js';
import type {LogEvent} from '../../aws/logs.js';
import {appendLines, cutLine, type LogLine} from '../../model/log-buffer.js';
import {
	groupReads,
	logSourcesOf,
	type LogGroupRead,
	type LogStreamRef,
	type LogTarget,
} from '../../model/log-source.js';
import type {Task} from '../../model/task.js';
import {sameLogTarget, type FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';
import {sameData} from './reuse.js';

/** The tail a view opens with: enough to scroll back through, little to send. */
export const firstReadEvents = 1_000;
/** A merged view opens on this much of the past. */
export const firstWindowMs = 5 * 60_000;
/** FilterLogEvents names at most 100 streams. */
const maxStreams = 100;

/** Where a group's reading has got to. */
type Cursor = {
	/** GetLogEvents: the forward token of the last answer. */
	forwardToken?: string | undefined;
	/** FilterLogEvents: the newest time read, and the events at that very time already shown. */
	lastAt?: number | undefined;
	seenAtLast: Set<string>;
	/** FilterLogEvents: the rest of a window that did not fit one answer, for these streams. */
	nextToken?: string | undefined;
	streamsKey?: string | undefined;
};

/** The tasks whose streams a target reads: the task (running or stopped), or the service's running ones. */
export function tasksOfTarget(state: FleetState, target: LogTarget): Task[] {
	if (target.kind === 'task') {
		for (const lists of [state.tasks, state.stoppedTasks])
			for (const tasks of Object.values(lists)) {
				const task = tasks.find((candidate) => candidate.arn === target.taskArn);
				if (task !== undefined) return [task];
			}
		return [];
	}
	const service = Object.values(state.clusterViews)
		.flatMap((view) => view.services)
		.find((candidate) => candidate.arn === target.serviceArn);
	if (service === undefined) return [];
	const found = new Map<string, Task>();
	for (const tasks of Object.values(state.tasks))
		for (const task of tasks)
			if (
				task.clusterArn === service.clusterArn &&
				task.serviceName === service.name &&
				task.lastStatus === 'RUNNING'
			)
				found.set(task.arn, task);
	// The newest first, so past FilterLogEvents' 100 names the oldest are left out.
	return [...found.values()].sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
}

/** A group or stream CloudWatch does not have (yet): a line in the view, not a failure. */
function missingNote(error: unknown, read: LogGroupRead): string | undefined {
	if (!(error instanceof AwsApiError) || error.problem.kind !== 'not-found') return undefined;
	if (/stream/i.test(error.message) && read.streams.length === 1)
		return `log stream ${read.streams[0]!.stream} in ${read.group} does not exist yet (the container has written nothing)`;
	return `log group ${read.group} does not exist yet${read.region === undefined ? '' : ` in ${read.region}`}`;
}

export function createLogsTier(ctx: TierContext): FleetTier {
	let target: LogTarget | undefined;
	let cursors = new Map<string, Cursor>();

	function toLines(
		events: readonly LogEvent[],
		byStream: ReadonlyMap<string, LogStreamRef>,
		only?: LogStreamRef,
	): LogLine[] {
		const lines: LogLine[] = [];
		for (const event of events) {
			const ref = only ?? (event.stream === undefined ? undefined : byStream.get(event.stream));
			lines.push({
				at: event.at,
				container: ref?.container ?? event.stream ?? '',
				taskId: ref?.taskId ?? '',
				text: cutLine(event.message),
			});
		}
		return lines;
	}

	async function readStream(read: LogGroupRead, cursor: Cursor): Promise<LogLine[]> {
		const stream = read.streams[0]!;
		const page = await ctx.adapters.logs.getLogEvents({
			region: read.region,
			group: read.group,
			stream: stream.stream,
			forwardToken: cursor.forwardToken,
			limit: cursor.forwardToken === undefined ? firstReadEvents : 10_000,
		});
		cursor.forwardToken = page.forwardToken ?? cursor.forwardToken;
		return toLines(page.events, new Map(), stream);
	}

	async function readMerged(read: LogGroupRead, cursor: Cursor): Promise<LogLine[]> {
		const names = read.streams.map((stream) => stream.stream);
		const streamsKey = names.join('\n');
		// A token belongs to the streams it was given for.
		if (cursor.streamsKey !== streamsKey) cursor.nextToken = undefined;
		const startTime = cursor.lastAt ?? ctx.now() - firstWindowMs;
		const page = await ctx.adapters.logs.filterLogEvents({
			region: read.region,
			group: read.group,
			streams: names,
			startTime,
			nextToken: cursor.nextToken,
			limit: 10_000,
		});
		cursor.streamsKey = streamsKey;
		cursor.nextToken = page.nextToken;
		const fresh = page.events.filter(
			(event) =>
				!(
					event.at === cursor.lastAt &&
					event.eventId !== undefined &&
					cursor.seenAtLast.has(event.eventId)
				),
		);
		for (const event of fresh) {
			if (cursor.lastAt === undefined || event.at > cursor.lastAt) {
				cursor.lastAt = event.at;
				cursor.seenAtLast = new Set();
			}
			if (event.at === cursor.lastAt && event.eventId !== undefined)
				cursor.seenAtLast.add(event.eventId);
		}
		// Nothing new yet: the next read starts where this one did.
		cursor.lastAt ??= startTime;
		return toLines(fresh, new Map(read.streams.map((stream) => [stream.stream, stream])));
	}

	return {
		id: 'logs',
		...schedulerInterval('logs'),
		enabled: (state) =>
			state.logView !== undefined && (state.logView.follow || !state.logView.loaded),
		async run(signal) {
			const state = ctx.read();
			const view = state.logView;
			if (view === undefined) return;
			if (!sameLogTarget(target, view.target)) {
				target = view.target;
				cursors = new Map();
			}
			const wanted = view.target;
			const tasks = tasksOfTarget(state, wanted);
			const sources = logSourcesOf(tasks, state.taskDefinitions);
			const streams = sources.streams.slice(0, maxStreams);
			const reads = groupReads(streams);
			const single = wanted.kind === 'task' && streams.length === 1;
			const notes: string[] = [];
			const added: LogLine[] = [];
			let failure: unknown;
			// One call per group; the groups of one view are read side by side.
			const results = await Promise.allSettled(
				reads.map((read) => {
					let cursor = cursors.get(read.key);
					if (cursor === undefined) {
						cursor = {seenAtLast: new Set()};
						cursors.set(read.key, cursor);
					}
					return single ? readStream(read, cursor) : readMerged(read, cursor);
				}),
			);
			signal.throwIfAborted();
			results.forEach((result, index) => {
				if (result.status === 'fulfilled') {
					added.push(...result.value);
					return;
				}
				const note = missingNote(result.reason, reads[index]!);
				if (note !== undefined) notes.push(note);
				else failure ??= result.reason;
			});
			ctx.write((current) => {
				const open = current.logView;
				if (open === undefined || !sameLogTarget(open.target, wanted)) return {};
				const next = {
					...open,
					buffer: appendLines(open.buffer, added),
					streams: sameData(open.streams, streams) ? open.streams : streams,
					unreadable: sameData(open.unreadable, sources.unreadable)
						? open.unreadable
						: sources.unreadable,
					waiting: sources.waiting,
					notes: sameData(open.notes, notes) ? open.notes : notes,
					streamsLeftOut: sources.streams.length - streams.length,
					// Until the tasks and their definitions are known, there was nothing to read yet.
					loaded: open.loaded || (tasks.length > 0 && sources.waiting === 0),
				};
				// An idle follow writes nothing: the view is not drawn again for an empty refresh.
				return sameData(open, next) ? {} : {logView: next};
			});
			// What did arrive is kept; the failure marks the data stale and backs off.
			if (failure !== undefined) throw failure;
		},
	};
}
