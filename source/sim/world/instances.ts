/**
 * EC2 instances and the ECS container instances their agents register: launch (pending -> running,
 * the agent registering some 30-60 s later), registration with the resources ECS reports, and
 * termination (shutting-down -> terminated, the container instance going INACTIVE), with both kept
 * listable for about an hour afterwards as AWS does.
 */
import {SimError} from '../errors.js';
import type {Engine} from './engine.js';
import {instanceTypeInfo, reservedHostPorts} from './instance-types.js';
import {requestStop} from './lifecycle.js';
import type {ClusterState, ContainerInstanceState, Ec2InstanceState} from './types.js';
import type {LaunchInstanceInput} from './world.js';

const second = 1000;
const bootMs = 20 * second;
export const terminatedRetentionMs = 60 * 60 * second;
const shutdownMs = 30 * second;

export function launchEc2Instance(engine: Engine, input: LaunchInstanceInput): Ec2InstanceState {
	if (!instanceTypeInfo(input.instanceType))
		throw new SimError(
			'InvalidParameterValue',
			`Invalid value '${input.instanceType}' for InstanceType.`,
		);
	const now = engine.now();
	const ip = engine.ids.privateIp();
	const instance: Ec2InstanceState = {
		instanceId: engine.ids.ec2InstanceId(),
		instanceType: input.instanceType,
		availabilityZone: input.availabilityZone,
		state: input.registerNow ? 'running' : 'pending',
		launchTime: now,
		imageId: amiId(engine),
		privateIpAddress: ip,
		privateDnsName: `ip-${ip.replaceAll('.', '-')}.${engine.ids.region === 'us-east-1' ? 'ec2.internal' : `${engine.ids.region}.compute.internal`}`,
		subnetId: `subnet-${subnetSuffix(input.availabilityZone)}`,
		vpcId: 'vpc-0a1b2c3d4e5f60718',
		reservationId: engine.ids.reservationId(),
		instanceLifecycle: input.spot ? 'spot' : undefined,
		autoScalingGroupName: input.autoScalingGroupName,
		clusterName: input.clusterName,
		tags: [
			...(input.tags ?? []),
			...(input.autoScalingGroupName
				? [{key: 'aws:autoscaling:groupName', value: input.autoScalingGroupName}]
				: []),
		],
	};
	engine.ec2Instances.set(instance.instanceId, instance);
	const cluster = input.clusterName ? engine.clusters.get(input.clusterName) : undefined;
	if (input.registerNow) {
		if (cluster) registerContainerInstance(engine, cluster, instance, input.capacityProviderName);
		return instance;
	}
	engine.schedule(now + bootMs, () => {
		if (instance.state !== 'pending') return;
		instance.state = 'running';
		const group = instance.autoScalingGroupName
			? engine.autoScalingGroups.get(instance.autoScalingGroupName)
			: undefined;
		const member = group?.instances.find((i) => i.instanceId === instance.instanceId);
		if (member?.lifecycleState === 'Pending') member.lifecycleState = 'InService';
	});
	if (input.clusterName) {
		instance.registerAt = now + engine.random.int(30, 60) * second;
		engine.schedule(instance.registerAt, () => {
			const target = engine.clusters.get(input.clusterName ?? '');
			if (instance.state === 'running' && target && target.status === 'ACTIVE')
				registerContainerInstance(engine, target, instance, input.capacityProviderName);
		});
	}
	return instance;
}

/** The ECS-optimized AMI of the region (one id is enough for a simulator). */
function amiId(engine: Engine): string {
	return `ami-0${engine.ids.region === 'us-east-1' ? '5a1b2c3d4e5f60718' : '6a1b2c3d4e5f60718'}`;
}

function subnetSuffix(zone: string): string {
	const letter = zone.slice(-1);
	return `0${letter.charCodeAt(0).toString(16)}1b2c3d4e5f6071`;
}

export function registerContainerInstance(
	engine: Engine,
	cluster: ClusterState,
	ec2: Ec2InstanceState,
	capacityProviderName?: string,
): ContainerInstanceState {
	const type = instanceTypeInfo(ec2.instanceType)!;
	const id = engine.ids.ecsId();
	const provider = capacityProviderName ?? providerOfGroup(engine, ec2.autoScalingGroupName);
	const instance: ContainerInstanceState = {
		id,
		arn: engine.ids.containerInstanceArn(cluster.name, id),
		clusterName: cluster.name,
		ec2InstanceId: ec2.instanceId,
		status: 'ACTIVE',
		agentConnected: true,
		registeredAt: engine.now(),
		registeredResources: {
			cpu: type.registeredCpu,
			memory: type.registeredMemory,
			ports: [...reservedHostPorts],
		},
		remainingResources: {
			cpu: type.registeredCpu,
			memory: type.registeredMemory,
			ports: [...reservedHostPorts],
		},
		attributes: [
			{name: 'ecs.instance-type', value: ec2.instanceType},
			{name: 'ecs.availability-zone', value: ec2.availabilityZone},
			{name: 'ecs.ami-id', value: ec2.imageId},
			{name: 'ecs.os-type', value: 'linux'},
			{name: 'ecs.os-family', value: 'LINUX'},
			{name: 'ecs.cpu-architecture', value: 'x86_64'},
			{name: 'ecs.vpc-id', value: ec2.vpcId},
			{name: 'ecs.subnet-id', value: ec2.subnetId},
			{name: 'ecs.capability.execution-role-awslogs'},
			{name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44'},
		],
		capacityProviderName: provider,
		versionInfo: {
			agentVersion: '1.89.1',
			agentHash: 'a1b2c3d4',
			dockerVersion: 'DockerVersion: 25.0.8',
		},
		version: 1,
		tags: [],
	};
	cluster.containerInstances.set(id, instance);
	engine.instancesChanged(cluster);
	engine.clusterCapacityChanged(cluster);
	return instance;
}

function providerOfGroup(engine: Engine, groupName: string | undefined): string | undefined {
	if (!groupName) return undefined;
	const group = engine.autoScalingGroups.get(groupName);
	for (const provider of engine.capacityProviders.values()) {
		const ref = provider.autoScalingGroupProvider?.autoScalingGroupArn;
		if (provider.status === 'ACTIVE' && (ref === groupName || (group && ref === group.arn)))
			return provider.name;
	}
	return undefined;
}

export function findContainerInstance(
	engine: Engine,
	ec2: Ec2InstanceState,
): ContainerInstanceState | undefined {
	const cluster = ec2.clusterName ? engine.clusters.get(ec2.clusterName) : undefined;
	if (!cluster) return undefined;
	for (const instance of cluster.containerInstances.values()) {
		if (instance.ec2InstanceId === ec2.instanceId && instance.status !== 'INACTIVE')
			return instance;
	}
	return undefined;
}

/**
 * Deregister: the instance goes INACTIVE and its tasks stop (the ECS agent is gone). It stays
 * listable with the INACTIVE status filter for about an hour.
 */
export function deregister(
	engine: Engine,
	cluster: ClusterState,
	instance: ContainerInstanceState,
	reason: string,
): void {
	if (instance.status === 'INACTIVE') return;
	for (const task of engine.tasksOnInstance(instance.id)) {
		if (task.desiredStatus === 'RUNNING')
			requestStop(engine, task, 'ServiceSchedulerInitiated', reason);
	}
	instance.status = 'INACTIVE';
	instance.agentConnected = false;
	instance.version++;
	engine.clusterCapacityChanged(cluster);
	engine.schedule(engine.now() + terminatedRetentionMs, () => {
		if (instance.status !== 'INACTIVE') return;
		cluster.containerInstances.delete(instance.id);
		engine.instancesChanged(cluster);
	});
}

/** shutting-down now, terminated a little later; the ASG and ECS hear about it. */
export function terminateEc2Instance(engine: Engine, ec2: Ec2InstanceState): void {
	if (ec2.state === 'shutting-down' || ec2.state === 'terminated') return;
	const now = engine.now();
	ec2.state = 'shutting-down';
	ec2.terminateAt = now + shutdownMs;
	const container = findContainerInstance(engine, ec2);
	if (container) {
		container.agentConnected = false;
		container.version++;
	}
	engine.schedule(ec2.terminateAt, () => {
		ec2.state = 'terminated';
		const cluster = ec2.clusterName ? engine.clusters.get(ec2.clusterName) : undefined;
		if (container && cluster)
			deregister(engine, cluster, container, `Host EC2 (instance ${ec2.instanceId}) terminated.`);
		const group = ec2.autoScalingGroupName
			? engine.autoScalingGroups.get(ec2.autoScalingGroupName)
			: undefined;
		if (group) {
			group.instances = group.instances.filter((i) => i.instanceId !== ec2.instanceId);
			const activity = group.activities.find(
				(a) => a.description.endsWith(ec2.instanceId) && a.statusCode === 'InProgress',
			);
			if (activity) {
				activity.statusCode = 'Successful';
				activity.endTime = engine.now();
			}
			engine.autoScalingGroupDirty(group);
		}
		engine.schedule(engine.now() + terminatedRetentionMs, () =>
			engine.ec2Instances.delete(ec2.instanceId),
		);
	});
}
