/**
 * Tasks across the thread boundary, at the scale of fleet-main's 20,000:
 * - Going out, the tasks the store holds travel as a few fields each (what isSameTask compares),
 *   so the thread's adapter can answer "unchanged" for them; it then sends that small note back
 *   instead of a whole task, and the store's own object stands in for it here.
 * - Coming in, a new task is rebuilt as one object literal with its repeated strings shared:
 *   a structured clone gives every task its own copy of each ARN and status (~16 MB at 20,000)
 *   and spills its fields into out-of-object storage (~5 MB). Its ARN is the very string this
 *   side asked with (the one the task list already holds), its id a slice of that ARN, and its
 *   port bindings one shared list per distinct binding: the tasks of a service all bind alike.
 */
import type {NetworkBinding, Task, TaskContainer} from '../../model/task.js';
import {shared} from '../interned-strings.js';

/** The fields of a task the adapter compares to tell an unchanged one (ecs-convert isSameTask). */
export type KnownTask = Pick<
	Task,
	'arn' | 'version' | 'lastStatus' | 'desiredStatus' | 'healthStatus'
> & {
	readonly known: true;
};

export function knownTask(task: Task): KnownTask {
	return {
		arn: task.arn,
		version: task.version,
		lastStatus: task.lastStatus,
		desiredStatus: task.desiredStatus,
		healthStatus: task.healthStatus,
		known: true,
	};
}

function isKnown(task: Task | KnownTask): task is KnownTask {
	return (task as Partial<KnownTask>).known === true;
}

/** One shared empty list, as the adapter uses: most containers bind no host port. */
const noBindings: readonly NetworkBinding[] = Object.freeze([]);

/** Bounded like the shared strings: distinct bindings are few (ports per service), not per task. */
const sharedBindingLists = new Map<string, readonly NetworkBinding[]>();
const sharedBindingListLimit = 5_000;

function sharedBindings(bindings: readonly NetworkBinding[]): readonly NetworkBinding[] {
	if (bindings.length === 0) return noBindings;
	const key = bindings
		.map((binding) => `${binding.containerPort}/${binding.hostPort}/${binding.protocol}`)
		.join(' ');
	const known = sharedBindingLists.get(key);
	if (known !== undefined) return known;
	if (sharedBindingLists.size >= sharedBindingListLimit) sharedBindingLists.clear();
	const list = Object.freeze(
		bindings.map((binding) => ({
			containerPort: binding.containerPort,
			hostPort: binding.hostPort,
			protocol: shared(binding.protocol),
		})),
	);
	sharedBindingLists.set(key, list);
	return list;
}

/** The task's id as a slice of its ARN (a few bytes) rather than a string of its own. */
function idWithin(arn: string, id: string): string {
	return arn.endsWith(id) ? arn.slice(arn.length - id.length) : id;
}

function sharedContainer(container: TaskContainer): TaskContainer {
	return {
		name: shared(container.name),
		image: shared(container.image),
		lastStatus: shared(container.lastStatus),
		exitCode: container.exitCode,
		reason: shared(container.reason),
		healthStatus: shared(container.healthStatus),
		networkBindings: sharedBindings(container.networkBindings),
		runtimeId: container.runtimeId,
		execAgentStatus: shared(container.execAgentStatus),
	};
}

function sharedTask(task: Task, askedArns: ReadonlyMap<string, string>): Task {
	const arn = askedArns.get(task.arn) ?? task.arn;
	return {
		arn,
		id: idWithin(arn, task.id),
		clusterArn: shared(task.clusterArn),
		group: shared(task.group),
		serviceName: shared(task.serviceName),
		lastStatus: shared(task.lastStatus),
		desiredStatus: shared(task.desiredStatus),
		healthStatus: shared(task.healthStatus),
		containerInstanceArn: shared(task.containerInstanceArn),
		availabilityZone: shared(task.availabilityZone),
		launchType: shared(task.launchType),
		capacityProviderName: shared(task.capacityProviderName),
		cpu: shared(task.cpu),
		memory: shared(task.memory),
		createdAt: task.createdAt,
		startedAt: task.startedAt,
		stoppingAt: task.stoppingAt,
		stoppedAt: task.stoppedAt,
		stopCode: shared(task.stopCode),
		stoppedReason: shared(task.stoppedReason),
		startedBy: shared(task.startedBy),
		taskDefinitionArn: shared(task.taskDefinitionArn),
		taskDefinition: shared(task.taskDefinition),
		version: task.version,
		containers: task.containers.map(sharedContainer),
		enableExecuteCommand: task.enableExecuteCommand,
	};
}

/**
 * The tasks as this side holds them: its own object for each unchanged one. `asked` is the batch
 * of ARNs the call was made with, whose strings the new tasks take instead of their own copies.
 */
export function receivedTasks(
	items: ReadonlyArray<Task | KnownTask>,
	previous: ReadonlyMap<string, Task> | undefined,
	asked: readonly unknown[] = [],
): Task[] {
	let askedArns: Map<string, string> | undefined;
	return items.map((item) => {
		if (!isKnown(item)) {
			askedArns ??= new Map(
				asked.flatMap((arn) => (typeof arn === 'string' ? [[arn, arn] as const] : [])),
			);
			return sharedTask(item, askedArns);
		}
		const held = previous?.get(item.arn);
		// The thread only answers "unchanged" for a task it was told of, which came from here.
		if (held === undefined) throw new Error(`task ${item.arn} came back unchanged but is not held`);
		return held;
	});
}
