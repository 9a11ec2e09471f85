/**
 * Whether a cluster's ACTIVE instances can place more tasks of a task definition: the warning in
 * a scale-up's confirmation. Counted per instance (a task must fit on one instance, so free room
 * split over several does not help), from what the last poll saw as remaining CPU and memory.
 */
import type {ContainerInstance} from '../../model/container-instance.js';
import type {TaskDefinition} from '../../model/task-definition.js';

export type TaskSize = {readonly cpu: number; readonly memory: number};

/** Task sizes may be given in units ("256") or in vCPU/GB ("0.25 vCPU", "1 GB"). */
function parseSize(raw: string, unitsPerWhole: number): number | undefined {
	const match = /^\s*([\d.]+)\s*(vcpu|gb)?\s*$/i.exec(raw);
	if (match?.[1] === undefined) return undefined;
	const value = Number(match[1]);
	return match[2] === undefined ? Math.round(value) : Math.round(value * unitsPerWhole);
}

/**
 * What one task reserves on an EC2 instance, as ECS counts it: the task-level size when set,
 * else the containers' sum (memoryReservation, the soft limit, before memory, the hard one).
 */
export function taskSize(definition: TaskDefinition): TaskSize {
	const cpu =
		(definition.cpu === undefined ? undefined : parseSize(definition.cpu, 1024)) ??
		definition.containers.reduce((sum, container) => sum + (container.cpu ?? 0), 0);
	const memory =
		(definition.memory === undefined ? undefined : parseSize(definition.memory, 1024)) ??
		definition.containers.reduce(
			(sum, container) => sum + (container.memoryReservation ?? container.memory ?? 0),
			0,
		);
	return {cpu, memory};
}

/** How many tasks of this size the ACTIVE, connected instances can still take. */
export function tasksThatFit(instances: readonly ContainerInstance[], size: TaskSize): number {
	let fit = 0;
	for (const instance of instances) {
		if (instance.status !== 'ACTIVE' || !instance.agentConnected) continue;
		const byCpu = size.cpu > 0 ? Math.floor(instance.cpuRemaining / size.cpu) : Infinity;
		const byMemory =
			size.memory > 0 ? Math.floor(instance.memoryRemaining / size.memory) : Infinity;
		const here = Math.min(byCpu, byMemory);
		// A task that reserves nothing fits anywhere: count it once per instance, not infinitely.
		fit += Number.isFinite(here) ? Math.max(0, here) : 1_000_000;
	}
	return fit;
}

/**
 * The capacity sentence for `wanted` tasks still to place, or undefined when they fit. `definition`
 * undefined means the size is not known yet (its task definition is not in the cache).
 */
export function capacityWarning(
	instances: readonly ContainerInstance[],
	definition: TaskDefinition | undefined,
	wanted: number,
	what: string,
): string | undefined {
	if (wanted <= 0) return undefined;
	if (definition === undefined) {
		return `Room for ${wanted} ${what} task${wanted === 1 ? '' : 's'} to place: unknown (its task definition is not loaded yet)`;
	}
	const size = taskSize(definition);
	const fit = tasksThatFit(instances, size);
	if (fit >= wanted) return undefined;
	const each = `${size.cpu} CPU units, ${size.memory} MiB each`;
	return `The cluster's ACTIVE instances have room for ${fit} of the ${wanted} ${what} tasks to place (${each}): the rest wait until capacity is added`;
}
