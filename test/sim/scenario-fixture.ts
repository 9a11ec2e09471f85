/**
 * Reading a built world the way the scenario tests need: tasks of a service, instance attributes,
 * and a canonical dump of identities and placements for determinism checks.
 */
import type {
	ClusterState,
	ContainerInstanceState,
	TaskState,
} from '../../source/sim/world/types.js';
import type {World} from '../../source/sim/world/world.js';

export function clusterNamed(world: World, name: string): ClusterState {
	const cluster = world.resolveCluster(name);
	if (!cluster) throw new Error(`no cluster ${name}`);
	return cluster;
}

export function tasksOf(cluster: ClusterState, serviceName: string): TaskState[] {
	return [...cluster.tasks.values()].filter((t) => t.serviceName === serviceName);
}

export function attribute(instance: ContainerInstanceState, name: string): string | undefined {
	return instance.attributes.find((a) => a.name === name)?.value;
}

export function activeInstances(cluster: ClusterState): ContainerInstanceState[] {
	return [...cluster.containerInstances.values()].filter((i) => i.status === 'ACTIVE');
}

/** Every identity and placement in the world, in a stable text form. */
export function canonicalDump(world: World): string {
	const lines: string[] = [`now ${world.now()}`];
	for (const [family, revisions] of world.taskDefinitions)
		lines.push(`family ${family} ${revisions.map((r) => `${r.revision}:${r.status}`).join(',')}`);
	for (const group of world.autoScalingGroups.values())
		lines.push(
			`asg ${group.arn} ${group.desiredCapacity} ${group.instances.map((i) => i.instanceId).join(',')}`,
		);
	for (const ec2 of world.ec2Instances.values())
		lines.push(
			`ec2 ${ec2.instanceId} ${ec2.instanceType} ${ec2.availabilityZone} ${ec2.state} ${ec2.privateIpAddress}`,
		);
	for (const cluster of world.clusters.values()) {
		lines.push(`cluster ${cluster.arn}`);
		for (const instance of cluster.containerInstances.values())
			lines.push(
				`  instance ${instance.arn} ${instance.ec2InstanceId} ${instance.status} ${instance.remainingResources.cpu}/${instance.remainingResources.memory}`,
			);
		for (const service of cluster.services.values())
			lines.push(
				`  service ${service.arn} ${service.desiredCount}/${service.runningCount} ${service.deployments.map((d) => `${d.id}:${d.taskDefinitionArn}:${d.rolloutState}`).join(',')}`,
			);
		for (const task of cluster.tasks.values())
			lines.push(
				`  task ${task.arn} ${task.containerInstanceId ?? '-'} ${task.lastStatus} ${task.startedAt ?? '-'} ${task.stoppedAt ?? '-'} ${task.containers.map((c) => c.networkBindings.map((b) => b.hostPort).join('+')).join(',')}`,
			);
	}
	return lines.join('\n');
}
