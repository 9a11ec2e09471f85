/**
 * The awslogs log driver of the simulated containers: when a container starts, its output goes to
 * the stream `prefix/container-name/task-id` (or the container's id without a prefix) of the group
 * its definition names, as ECS does; when it ends, its last lines close the stream.
 *
 * A group that does not exist is created only with `awslogs-create-group: true`. Otherwise ECS
 * would fail the task to start; the simulator lets it run and its output goes nowhere, so a
 * definition whose group was never created shows as "no such group" to a log viewer.
 */
import type {Engine} from '../engine.js';
import type {ContainerBehaviour, ContainerDefinition, ContainerState, TaskState} from '../types.js';
import {ContainerWriter} from './container-writer.js';
import type {LogStream} from './log-store.js';
import {voiceFor, type EndingKind} from './voices.js';

const open = new WeakMap<ContainerState, {writer: ContainerWriter; stream: LogStream}>();

/** The container has just started running (its runtime id is set). */
export function containerStartedLogging(
	engine: Engine,
	task: TaskState,
	container: ContainerState,
	definition: ContainerDefinition | undefined,
	behaviour: ContainerBehaviour | undefined,
): void {
	const config = definition?.logConfiguration;
	if (!definition || config?.logDriver !== 'awslogs') return;
	const options = config.options ?? {};
	const groupName = options['awslogs-group'];
	if (!groupName) return;
	const group =
		engine.logs.groups.get(groupName) ??
		(options['awslogs-create-group'] === 'true' ? engine.logs.createGroup(groupName) : undefined);
	if (!group) return;
	const prefix = options['awslogs-stream-prefix'];
	const streamName = prefix
		? `${prefix}/${container.name}/${task.id}`
		: (container.runtimeId ?? task.id);
	if (group.streams.has(streamName)) return;

	const now = engine.now();
	const exitAfter = behaviour?.exitAfterMs;
	const writer = new ContainerWriter(
		voiceFor({
			image: definition.image,
			hasPorts: definition.portMappings.length > 0,
			finishesByItself: exitAfter !== undefined && behaviour?.exitCode === 0,
		}),
		{
			container: container.name,
			version: imageTag(definition.image),
			port: definition.portMappings[0]?.containerPort,
			release: task.taskDefinitionArn.slice(task.taskDefinitionArn.indexOf('/') + 1),
			startedAt: now,
			plannedExitAt: exitAfter === undefined ? undefined : now + exitAfter,
		},
		`${engine.seed}|${groupName}|${streamName}`,
	);
	open.set(container, {writer, stream: group.createStream(streamName, now, writer)});
}

/**
 * The container ended: `crashed` and `finished` when it exited by itself (non-zero or zero),
 * `stopped` when the agent stopped it.
 */
export function containerEndedLogging(
	engine: Engine,
	container: ContainerState,
	kind: EndingKind,
	exitCode: number,
): void {
	const entry = open.get(container);
	if (!entry) return;
	open.delete(container);
	entry.writer.end({at: engine.now(), kind, exitCode});
	entry.stream.group.streamEnded(entry.stream);
}

function imageTag(image: string): string {
	const name = image.slice(image.lastIndexOf('/') + 1);
	const colon = name.indexOf(':');
	return colon < 0 ? 'latest' : name.slice(colon + 1);
}
