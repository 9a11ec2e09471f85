/**
 * EC2 instance types the simulator knows, with what the ECS agent registers for them. The agent
 * registers 1,024 CPU units per vCPU and the memory the OS reports, which is a little less than the
 * nominal size (a t2.micro's 1,024 MiB shows up as about 982 MiB in ECS).
 */
import type {InstanceTypeInfo} from './types.js';

const nominal: Array<[name: string, vcpus: number, memoryMiB: number]> = [
	['t2.micro', 1, 1024],
	['t2.small', 1, 2048],
	['t2.medium', 2, 4096],
	['t3.micro', 2, 1024],
	['t3.small', 2, 2048],
	['t3.medium', 2, 4096],
	['t3.large', 2, 8192],
	['m5.large', 2, 8192],
	['m5.xlarge', 4, 16_384],
	['m5.2xlarge', 8, 32_768],
	['c5.large', 2, 4096],
	['c5.xlarge', 4, 8192],
	['c5.2xlarge', 8, 16_384],
	['c5.4xlarge', 16, 32_768],
	['r5.large', 2, 16_384],
	['r5.xlarge', 4, 32_768],
];

/** The share of nominal memory the OS (and so the agent) reports: 982 of 1,024 on a t2.micro. */
const reportedMemoryShare = 982 / 1024;

export const instanceTypes: ReadonlyMap<string, InstanceTypeInfo> = new Map(
	nominal.map(([name, vcpus, memoryMiB]) => [
		name,
		{
			name,
			vcpus,
			memoryMiB,
			registeredCpu: vcpus * 1024,
			registeredMemory: Math.floor(memoryMiB * reportedMemoryShare),
		},
	]),
);

export function instanceTypeInfo(name: string): InstanceTypeInfo | undefined {
	return instanceTypes.get(name);
}

/** Ports the ECS agent registers as in use on every instance (SSH, Docker, the agent itself). */
export const reservedHostPorts: readonly number[] = [22, 2375, 2376, 51678, 51679];

/** Docker's default ephemeral range, where bridge-mode dynamic host ports come from. */
export const dynamicPortRange = {first: 32_768, last: 60_999};
