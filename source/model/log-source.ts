/**
 * Where a task's containers write their logs, read from its task definition: the `awslogs`
 * driver's group, region and stream prefix. ECS names each container's stream
 * `prefix/container-name/task-id`, so the stream is known without asking CloudWatch for it.
 */
import type {Task} from './task.js';
import type {TaskDefinition} from './task-definition.js';

/** What the log view is open on: one task (all its containers) or a service's running tasks. */
export type LogTarget =
	| {readonly kind: 'task'; readonly taskArn: string}
	| {readonly kind: 'service'; readonly serviceArn: string};

/** One container's stream. */
export type LogStreamRef = {
	/** `awslogs-region`, else undefined: the session's region. */
	readonly region: string | undefined;
	readonly group: string;
	readonly stream: string;
	readonly container: string;
	readonly taskId: string;
};

/** A container whose logs cannot be read from CloudWatch, and why, in words for the view. */
export type UnreadableContainer = {
	readonly container: string;
	readonly taskId: string;
	readonly reason: string;
};

export type LogSources = {
	readonly streams: readonly LogStreamRef[];
	readonly unreadable: readonly UnreadableContainer[];
	/** Tasks whose definition is not in the store yet: their streams are not known yet. */
	readonly waiting: number;
};

/** The streams read together: those of one group in one region, one call a refresh. */
export type LogGroupRead = {
	/** `region|group`: the key of the group's cursor. */
	readonly key: string;
	readonly region: string | undefined;
	readonly group: string;
	readonly streams: readonly LogStreamRef[];
};

function containerSources(
	task: Task,
	definition: TaskDefinition,
): {streams: LogStreamRef[]; unreadable: UnreadableContainer[]} {
	const streams: LogStreamRef[] = [];
	const unreadable: UnreadableContainer[] = [];
	for (const container of definition.containers) {
		const config = container.logConfiguration;
		const unread = (reason: string) =>
			unreadable.push({container: container.name, taskId: task.id, reason});
		if (config === undefined) {
			unread('has no log configuration: its output is not kept');
			continue;
		}
		if (config.logDriver !== 'awslogs') {
			unread(`logs with the ${config.logDriver} driver, not awslogs: they are not in CloudWatch`);
			continue;
		}
		const group = config.options['awslogs-group'];
		const prefix = config.options['awslogs-stream-prefix'];
		if (group === undefined || group === '') {
			unread('names no awslogs-group');
			continue;
		}
		if (prefix === undefined || prefix === '') {
			// Without a prefix ECS names the stream after the Docker container id, which ECS's API
			// does not give: the stream cannot be named from here.
			unread(`has no awslogs-stream-prefix: its stream in ${group} is named by the Docker id`);
			continue;
		}
		streams.push({
			region: config.options['awslogs-region'] || undefined,
			group,
			stream: `${prefix}/${container.name}/${task.id}`,
			container: container.name,
			taskId: task.id,
		});
	}
	return {streams, unreadable};
}

/** The streams of the tasks' containers, in the tasks' order, from the definitions known. */
export function logSourcesOf(
	tasks: readonly Task[],
	definitions: Readonly<Record<string, TaskDefinition>>,
): LogSources {
	const streams: LogStreamRef[] = [];
	const unreadable: UnreadableContainer[] = [];
	let waiting = 0;
	for (const task of tasks) {
		const definition = definitions[task.taskDefinitionArn];
		if (definition === undefined) {
			waiting++;
			continue;
		}
		const found = containerSources(task, definition);
		streams.push(...found.streams);
		unreadable.push(...found.unreadable);
	}
	return {streams, unreadable, waiting};
}

/** The streams grouped by region and group, in the order first met. */
export function groupReads(streams: readonly LogStreamRef[]): LogGroupRead[] {
	const reads = new Map<
		string,
		{region: string | undefined; group: string; streams: LogStreamRef[]}
	>();
	for (const stream of streams) {
		const key = `${stream.region ?? ''}|${stream.group}`;
		const read = reads.get(key) ?? {region: stream.region, group: stream.group, streams: []};
		read.streams.push(stream);
		reads.set(key, read);
	}
	return [...reads].map(([key, read]) => ({key, ...read}));
}
