/**
 * Resolving what a request names (a short name, an id or a full ARN, as ECS accepts) and the ARNs
 * ECS reports for names it could not find in a Describe call's `failures`.
 */
import {clusterNotFound} from '../errors.js';
import type {World} from '../world/world.js';
import type {ClusterState} from '../world/types.js';

export function requireCluster(world: World, ref: string | undefined): ClusterState {
	const cluster = world.resolveCluster(ref);
	// A deleted cluster is gone for every call that needs one, as in ECS.
	if (cluster === undefined || cluster.status === 'INACTIVE') throw clusterNotFound();
	return cluster;
}

function ecsArn(world: World, resource: string): string {
	return `arn:aws:ecs:${world.region}:${world.accountId}:${resource}`;
}

const isArn = (ref: string): boolean => ref.startsWith('arn:');

export function clusterArnFor(world: World, ref: string): string {
	return isArn(ref) ? ref : ecsArn(world, `cluster/${ref}`);
}

export function serviceArnFor(world: World, cluster: ClusterState, ref: string): string {
	return isArn(ref) ? ref : ecsArn(world, `service/${cluster.name}/${ref}`);
}

export function taskArnFor(world: World, cluster: ClusterState, ref: string): string {
	return isArn(ref) ? ref : ecsArn(world, `task/${cluster.name}/${ref}`);
}

export function containerInstanceArnFor(world: World, cluster: ClusterState, ref: string): string {
	return isArn(ref) ? ref : ecsArn(world, `container-instance/${cluster.name}/${ref}`);
}

export function capacityProviderArnFor(world: World, ref: string): string {
	return isArn(ref) ? ref : ecsArn(world, `capacity-provider/${ref}`);
}

export function missing(arn: string): {arn: string; reason: 'MISSING'} {
	return {arn, reason: 'MISSING'};
}

/**
 * A Describe call's answer: ECS describes what it finds and reports each name it cannot find as a
 * MISSING failure (with the ARN the name stands for) instead of failing the call.
 */
export function describeEach<Found, Shape>(
	refs: readonly string[],
	find: (ref: string) => Found | undefined,
	serialize: (found: Found) => Shape,
	arnFor: (ref: string) => string,
): {described: Shape[]; failures: Array<{arn: string; reason: 'MISSING'}>} {
	const described: Shape[] = [];
	const failures: Array<{arn: string; reason: 'MISSING'}> = [];
	for (const ref of refs) {
		const found = find(ref);
		if (found === undefined) failures.push(missing(arnFor(ref)));
		else described.push(serialize(found));
	}
	return {described, failures};
}

/** `arn:...:task-definition/web:12` -> `web`. */
export function familyOfTaskDefinitionArn(arn: string): string {
	const resource = arn.slice(arn.lastIndexOf('/') + 1);
	const colon = resource.lastIndexOf(':');
	return colon === -1 ? resource : resource.slice(0, colon);
}
