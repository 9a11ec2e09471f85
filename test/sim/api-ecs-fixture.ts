/**
 * A small real world for the ECS API tests: one cluster with container instances, a task
 * definition and a service, on a ManualClock the test moves. Handlers are called directly with
 * the same RequestContext the server would build.
 */
import {ecsHandlers} from '../../source/sim/api/ecs.js';
import type {RequestContext} from '../../source/sim/handler.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import type {ClusterState} from '../../source/sim/world/types.js';
import type {World} from '../../source/sim/world/world.js';

export interface EcsFixture {
	world: World;
	clock: ManualClock;
	cluster: ClusterState;
	/** Calls one ECS operation with the context the server would build. */
	call(operation: string, input?: Record<string, unknown>): Record<string, unknown>;
	/** Move the clock and the world forward. */
	advance(ms: number): void;
}

export function buildEcsFixture(
	options: {instances?: number; instanceType?: string; desiredCount?: number} = {},
): EcsFixture {
	const clock = new ManualClock();
	const world = createWorld({seed: 7, clock});
	const cluster = world.createCluster({
		clusterName: 'batch',
		settings: [{name: 'containerInsights', value: 'enabled'}],
		tags: [{key: 'team', value: 'data'}],
	});
	const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
	for (let i = 0; i < (options.instances ?? 3); i++) {
		world.launchInstance({
			instanceType: options.instanceType ?? 't2.micro',
			availabilityZone: zones[i % zones.length]!,
			clusterName: 'batch',
			registerNow: true,
		});
	}
	world.registerTaskDefinition({
		family: 'sim',
		containerDefinitions: [
			{name: 'app', image: 'public.ecr.aws/docker/library/busybox:latest', cpu: 16, memory: 32},
		],
		tags: [{key: 'owner', value: 'ops'}],
	});
	world.createService(cluster, {
		serviceName: 'sim-runner',
		taskDefinition: 'sim',
		desiredCount: options.desiredCount ?? 2,
		tags: [{key: 'tier', value: 'batch'}],
	});
	const advance = (ms: number): void => {
		clock.advance(ms);
		world.advanceTo(clock.now());
	};
	advance(5 * 60_000);

	return {
		world,
		clock,
		cluster,
		advance,
		call(operation, input = {}) {
			const handler = ecsHandlers[operation];
			if (handler === undefined) throw new Error(`no handler for ${operation}`);
			const context: RequestContext = {
				world,
				service: 'ecs',
				operation,
				region: world.region,
				accessKeyId: 'AKIDTEST',
			};
			return handler(input, context) as Record<string, unknown>;
		},
	};
}

/** The SimError a handler threw, for asserting on its code and message. */
export function errorOf(run: () => unknown): {code: string; message: string} {
	try {
		run();
	} catch (error) {
		const {code, message} = error as {code: string; message: string};
		return {code, message};
	}
	throw new Error('expected the call to fail');
}
