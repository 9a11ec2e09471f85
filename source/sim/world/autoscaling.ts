/**
 * Auto Scaling groups behind capacity providers: the group keeps DesiredCapacity instances,
 * launching them balanced over its zones and, on scale-in, picking victims (zone balance, then the
 * oldest, skipping protected ones). With the capacity provider's managed draining (the default),
 * a victim's container instance is set DRAINING first and terminated once its tasks are gone or
 * after a timeout.
 */
import {SimError} from '../errors.js';
import type {Engine} from './engine.js';
import {findContainerInstance, launchEc2Instance, terminateEc2Instance} from './instances.js';
import type {
	AsgInstance,
	AutoScalingGroupState,
	CapacityProviderState,
	Ec2InstanceState,
} from './types.js';

/** How long managed draining waits for tasks to leave before terminating anyway. */
export const drainTimeoutMs = 5 * 60 * 1000;

const live = (i: AsgInstance) => i.lifecycleState === 'Pending' || i.lifecycleState === 'InService';

/** CreateAutoScalingGroup's and UpdateAutoScalingGroup's size rules, in Auto Scaling's words. */
export function validateSizes(minSize: number, maxSize: number, desired: number | undefined): void {
	if (minSize > maxSize)
		throw new SimError(
			'ValidationError',
			`Max bound, ${maxSize}, must be greater than or equal to min bound, ${minSize}`,
		);
	if (desired !== undefined && (desired < minSize || desired > maxSize))
		throw new SimError(
			'ValidationError',
			`Desired capacity:${desired} must be between the specified min size:${minSize} and max size:${maxSize}`,
		);
}

export function validateDesired(group: AutoScalingGroupState, desired: number): void {
	if (!Number.isInteger(desired) || desired > group.maxSize)
		throw new SimError(
			'ValidationError',
			`New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} for the AutoScalingGroup.`,
		);
	if (desired < group.minSize)
		throw new SimError(
			'ValidationError',
			`New SetDesiredCapacity value ${desired} is below min value ${group.minSize} for the AutoScalingGroup.`,
		);
}

export function setDesired(
	engine: Engine,
	group: AutoScalingGroupState,
	desired: number,
	cause: string,
): void {
	const before = group.desiredCapacity;
	group.desiredCapacity = desired;
	if (before !== desired) {
		(causes.get(group) ?? causes.set(group, []).get(group)!).push(
			`At ${iso(engine.now())} ${cause} changing the desired capacity from ${before} to ${desired}.`,
		);
	}
	engine.autoScalingGroupDirty(group);
}

/** Why the group's capacity is changing, for the next activity's Cause. */
const causes = new WeakMap<AutoScalingGroupState, string[]>();

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Launch or terminate instances until the group matches its desired capacity. */
export function reconcileGroup(
	engine: Engine,
	group: AutoScalingGroupState,
	registerNow = false,
): void {
	const current = group.instances.filter(live);
	const why = (causes.get(group) ?? []).join(' ');
	causes.delete(group);
	if (current.length < group.desiredCapacity) {
		for (let n = current.length; n < group.desiredCapacity; n++) {
			const zone = leastUsedZone(engine, group);
			const ec2 = launchEc2Instance(engine, {
				instanceType: group.instanceType,
				availabilityZone: zone,
				clusterName: group.clusterName,
				autoScalingGroupName: group.name,
				registerNow,
				tags: group.tags,
			});
			group.instances.push({
				instanceId: ec2.instanceId,
				lifecycleState: registerNow ? 'InService' : 'Pending',
				healthStatus: 'Healthy',
				protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
			});
			addActivity(
				engine,
				group,
				`Launching a new EC2 instance: ${ec2.instanceId}`,
				`${why} At ${iso(engine.now())} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${n} to ${n + 1}.`.trim(),
				'Successful',
			);
		}
	} else if (current.length > group.desiredCapacity) {
		let count = current.length;
		while (count > group.desiredCapacity) {
			const victim = chooseVictim(engine, group);
			if (!victim) break;
			addActivity(
				engine,
				group,
				`Terminating EC2 instance: ${victim.instanceId}`,
				`${why} At ${iso(engine.now())} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${count} to ${count - 1}.`.trim(),
				'InProgress',
			);
			beginTermination(engine, group, victim);
			count--;
		}
	}
}

function addActivity(
	engine: Engine,
	group: AutoScalingGroupState,
	description: string,
	cause: string,
	statusCode: string,
): void {
	group.activities.unshift({
		id: engine.ids.uuid(),
		description,
		cause,
		startTime: engine.now(),
		endTime: statusCode === 'Successful' ? engine.now() : undefined,
		statusCode,
	});
	if (group.activities.length > 100) group.activities.length = 100;
}

function zoneOf(engine: Engine, instanceId: string): string {
	return engine.ec2Instances.get(instanceId)?.availabilityZone ?? '';
}

function leastUsedZone(engine: Engine, group: AutoScalingGroupState): string {
	const counts = new Map(group.availabilityZones.map((z) => [z, 0]));
	for (const i of group.instances.filter(live)) {
		const zone = zoneOf(engine, i.instanceId);
		if (counts.has(zone)) counts.set(zone, counts.get(zone)! + 1);
	}
	let best = group.availabilityZones[0] ?? `${engine.ids.region}a`;
	for (const [zone, n] of counts) if (n < (counts.get(best) ?? Infinity)) best = zone;
	return best;
}

/** Auto Scaling's default termination policy: the most populated zone, then the oldest instance. */
function chooseVictim(engine: Engine, group: AutoScalingGroupState): AsgInstance | undefined {
	const candidates = group.instances.filter((i) => live(i) && !i.protectedFromScaleIn);
	if (!candidates.length) return undefined;
	const perZone = new Map<string, number>();
	for (const i of group.instances.filter(live)) {
		const zone = zoneOf(engine, i.instanceId);
		perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
	}
	const fullest = Math.max(
		...candidates.map((i) => perZone.get(zoneOf(engine, i.instanceId)) ?? 0),
	);
	const inZone = candidates.filter((i) => perZone.get(zoneOf(engine, i.instanceId)) === fullest);
	const launchTime = (i: AsgInstance) => engine.ec2Instances.get(i.instanceId)?.launchTime ?? 0;
	return inZone.reduce((oldest, i) => (launchTime(i) < launchTime(oldest) ? i : oldest));
}

export function capacityProviderOf(
	engine: Engine,
	group: AutoScalingGroupState,
): CapacityProviderState | undefined {
	for (const provider of engine.capacityProviders.values()) {
		const ref = provider.autoScalingGroupProvider?.autoScalingGroupArn;
		if (provider.status === 'ACTIVE' && (ref === group.name || ref === group.arn)) return provider;
	}
	return undefined;
}

function beginTermination(engine: Engine, group: AutoScalingGroupState, member: AsgInstance): void {
	const ec2 = engine.ec2Instances.get(member.instanceId);
	if (!ec2) return;
	const provider = capacityProviderOf(engine, group);
	const container = findContainerInstance(engine, ec2);
	const drains =
		provider?.autoScalingGroupProvider?.managedDraining !== 'DISABLED' && provider !== undefined;
	if (drains && container && container.status === 'ACTIVE') {
		member.lifecycleState = 'Terminating:Wait';
		container.status = 'DRAINING';
		container.version++;
		const cluster = engine.clusters.get(container.clusterName);
		if (cluster) engine.clusterCapacityChanged(cluster);
		engine.schedule(engine.now() + drainTimeoutMs, () => finishTermination(engine, member, ec2));
		terminateIfDrained(engine, ec2);
		return;
	}
	finishTermination(engine, member, ec2);
}

function finishTermination(engine: Engine, member: AsgInstance, ec2: Ec2InstanceState): void {
	if (member.lifecycleState === 'Terminating' || member.lifecycleState === 'Terminated') return;
	member.lifecycleState = 'Terminating';
	terminateEc2Instance(engine, ec2);
}

/** Managed draining: once a DRAINING instance waiting for termination runs no task, let it go. */
export function terminateIfDrained(engine: Engine, ec2: Ec2InstanceState): void {
	const group = ec2.autoScalingGroupName
		? engine.autoScalingGroups.get(ec2.autoScalingGroupName)
		: undefined;
	const member = group?.instances.find((i) => i.instanceId === ec2.instanceId);
	if (!group || member?.lifecycleState !== 'Terminating:Wait') return;
	const container = findContainerInstance(engine, ec2);
	if (container) {
		for (const task of engine.tasksOnInstance(container.id))
			if (task.lastStatus !== 'STOPPED') return;
	}
	finishTermination(engine, member, ec2);
}
