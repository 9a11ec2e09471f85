/** Small worlds for the engine tests: a cluster with registered t-class instances and a task definition. */
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import type {ClusterState, KeyValue, TaskState} from '../../source/sim/world/types.js';
import type {RegisterTaskDefinitionInput, World} from '../../source/sim/world/world.js';

export const start = Date.UTC(2026, 0, 1, 12, 0, 0);

export function newWorld(seed = 7): {world: World; clock: ManualClock} {
	const clock = new ManualClock(start);
	return {world: createWorld({seed, clock}), clock};
}

export function withInstances(
	world: World,
	zones: string[],
	instanceType = 't3.medium',
	clusterName = 'web',
): ClusterState {
	const cluster = world.createCluster({clusterName});
	for (const zone of zones)
		world.launchInstance({instanceType, availabilityZone: zone, clusterName, registerNow: true});
	return cluster;
}

export function taskDefinition(
	world: World,
	family = 'app',
	options: {
		cpu?: number;
		memory?: number;
		env?: KeyValue[];
		hostPort?: number;
		healthCheck?: boolean;
		image?: string;
	} = {},
) {
	const input: RegisterTaskDefinitionInput = {
		family,
		containerDefinitions: [
			{
				name: 'main',
				image: options.image ?? 'nginx:1.27',
				cpu: options.cpu ?? 256,
				memory: options.memory ?? 256,
				environment: options.env ?? [],
				portMappings: [{containerPort: 80, hostPort: options.hostPort ?? 0, protocol: 'tcp'}],
				healthCheck: options.healthCheck
					? {command: ['CMD-SHELL', 'true'], interval: 10, startPeriod: 5, retries: 3}
					: undefined,
			},
		],
	};
	return world.registerTaskDefinition(input);
}

/** Advance the world second by second, calling `each` after every step. */
export function run(world: World, clock: ManualClock, seconds: number, each?: () => void): void {
	for (let i = 0; i < seconds; i++) {
		clock.advance(1000);
		world.advanceTo(clock.now());
		each?.();
	}
}

export function liveTasks(cluster: ClusterState, service?: string): TaskState[] {
	return [...cluster.tasks.values()].filter(
		(t) => t.lastStatus !== 'STOPPED' && (service === undefined || t.serviceName === service),
	);
}

export function runningTasks(cluster: ClusterState, service?: string): TaskState[] {
	return liveTasks(cluster, service).filter((t) => t.lastStatus === 'RUNNING');
}
