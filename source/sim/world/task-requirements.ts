/**
 * What a task needs from a container instance: CPU units, MiB and fixed host ports, worked out as
 * ECS does for the EC2 launch type (task-level size when set, else the containers' sum).
 */
import type {TaskDefinitionState} from './types.js';

export interface TaskRequirement {
	cpu: number;
	memory: number;
	/** Fixed host ports (TCP and UDP alike are checked against the instance's used ports). */
	ports: number[];
}

export function taskRequirement(definition: TaskDefinitionState): TaskRequirement {
	const containers = definition.containerDefinitions;
	const cpu =
		definition.cpu !== undefined
			? parseSize(definition.cpu, 1024)
			: containers.reduce((sum, c) => sum + (c.cpu || 0), 0);
	const memory =
		definition.memory !== undefined
			? parseSize(definition.memory, 1024)
			: containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
	return {cpu, memory, ports: fixedHostPorts(definition)};
}

/** Task sizes may be given as units ("256") or in vCPU/GB ("0.25 vCPU", "1 GB"). */
function parseSize(raw: string, unitsPerWhole: number): number {
	const match = /^\s*([\d.]+)\s*(vcpu|gb)?\s*$/i.exec(raw);
	if (!match?.[1]) return 0;
	const value = Number(match[1]);
	return match[2] ? Math.round(value * unitsPerWhole) : Math.round(value);
}

export function fixedHostPorts(definition: TaskDefinitionState): number[] {
	if (definition.networkMode === 'awsvpc' || definition.networkMode === 'none') return [];
	const ports: number[] = [];
	for (const container of definition.containerDefinitions) {
		for (const mapping of container.portMappings) {
			const port = definition.networkMode === 'host' ? mapping.containerPort : mapping.hostPort;
			if (port) ports.push(port);
		}
	}
	return ports;
}
