export type ContainerInstance = {
	readonly arn: string;
	readonly id: string;
	readonly ec2InstanceId: string | undefined;
	/** From the `ecs.instance-type` attribute, so EC2 need not be asked (docs/aws-limits.md). */
	readonly instanceType: string | undefined;
	/** From the `ecs.availability-zone` attribute. */
	readonly availabilityZone: string | undefined;
	readonly status: string;
	readonly statusReason: string | undefined;
	readonly agentConnected: boolean;
	readonly agentUpdateStatus: string | undefined;
	readonly capacityProviderName: string | undefined;
	readonly healthStatus: string | undefined;
	readonly runningTasksCount: number;
	readonly pendingTasksCount: number;
	/** CPU units (1024 per vCPU). */
	readonly cpuRegistered: number;
	readonly cpuRemaining: number;
	/** MiB. */
	readonly memoryRegistered: number;
	readonly memoryRemaining: number;
	readonly registeredAt: number | undefined;
	readonly agentVersion: string | undefined;
	readonly version: number;
	/** Host ports ECS reports as taken (its own, the agent's, and running tasks'): PORTS. */
	readonly reservedTcpPorts?: readonly number[];
	/** The same for UDP: PORTS_UDP. */
	readonly reservedUdpPorts?: readonly number[];
	/** Every attribute by name, for placement constraints (`memberOf(attribute:...)`). */
	readonly attributes?: Readonly<Record<string, string>>;
};

/** Share of a registered resource that tasks have reserved, 0..100; 0 when nothing registered. */
export function reservedPercent(registered: number, remaining: number): number {
	if (registered <= 0) return 0;
	const used = Math.min(registered, Math.max(0, registered - remaining));
	return (used / registered) * 100;
}

export function cpuReservedPercent(instance: ContainerInstance): number {
	return reservedPercent(instance.cpuRegistered, instance.cpuRemaining);
}

export function memoryReservedPercent(instance: ContainerInstance): number {
	return reservedPercent(instance.memoryRegistered, instance.memoryRemaining);
}

export type CapacityTotals = {
	readonly cpuRegistered: number;
	readonly cpuRemaining: number;
	readonly memoryRegistered: number;
	readonly memoryRemaining: number;
	readonly cpuReservedPercent: number;
	readonly memoryReservedPercent: number;
};

/**
 * A cluster's reservation across its instances. Only ACTIVE instances with a connected agent can
 * take tasks, so only they count; a draining instance's free room is not room.
 */
export function clusterCapacity(instances: readonly ContainerInstance[]): CapacityTotals {
	let cpuRegistered = 0;
	let cpuRemaining = 0;
	let memoryRegistered = 0;
	let memoryRemaining = 0;
	for (const instance of instances) {
		if (instance.status !== 'ACTIVE' || !instance.agentConnected) continue;
		cpuRegistered += instance.cpuRegistered;
		cpuRemaining += instance.cpuRemaining;
		memoryRegistered += instance.memoryRegistered;
		memoryRemaining += instance.memoryRemaining;
	}
	return {
		cpuRegistered,
		cpuRemaining,
		memoryRegistered,
		memoryRemaining,
		cpuReservedPercent: reservedPercent(cpuRegistered, cpuRemaining),
		memoryReservedPercent: reservedPercent(memoryRegistered, memoryRemaining),
	};
}
