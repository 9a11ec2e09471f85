/**
 * A container instance's life around ECS: the Auto Scaling group that launched it (and its
 * lifecycle state there), the instances a group launched that have not registered yet, what keeps
 * a draining instance from leaving, and the one count of its tasks every view shows.
 */
import type {AutoScalingGroup, AutoScalingInstance} from './auto-scaling-group.js';
import type {ContainerInstance} from './container-instance.js';
import {serviceNameFromGroup, type Task} from './task.js';

/** The row id of an instance launched by a group but not registered: no container instance ARN yet. */
const launchingPrefix = 'launching:';

export function isLaunchingRow(instance: Pick<ContainerInstance, 'arn'>): boolean {
	return instance.arn.startsWith(launchingPrefix);
}

/** Where an EC2 instance sits in its Auto Scaling group, when one launched it. */
export type GroupMembership = {
	readonly groupName: string;
	readonly lifecycleState: string | undefined;
	readonly healthStatus: string | undefined;
	readonly protectedFromScaleIn: boolean;
};

export function groupMembership(
	groups: readonly AutoScalingGroup[],
	ec2InstanceId: string | undefined,
): GroupMembership | undefined {
	if (ec2InstanceId === undefined) return undefined;
	for (const group of groups) {
		const member = group.instances.find((i) => i.instanceId === ec2InstanceId);
		if (member !== undefined) return membership(group, member);
	}
	return undefined;
}

function membership(group: AutoScalingGroup, member: AutoScalingInstance): GroupMembership {
	return {
		groupName: group.name,
		lifecycleState: member.lifecycleState,
		healthStatus: member.healthStatus,
		protectedFromScaleIn: member.protectedFromScaleIn,
	};
}

/**
 * Instances the cluster's groups launched that no container instance stands for yet (matched by
 * EC2 instance id), as rows the instances pane can show: their status is the Auto Scaling
 * lifecycle state (Pending, Pending:Wait, InService until the agent registers). Terminated ones
 * are gone and left out. Without them, a scale-out shows nothing until the agents register.
 */
export function launchingInstances(
	groups: readonly AutoScalingGroup[],
	registered: readonly ContainerInstance[],
): ContainerInstance[] {
	const known = new Set(registered.flatMap((i) => (i.ec2InstanceId ? [i.ec2InstanceId] : [])));
	const rows: ContainerInstance[] = [];
	for (const group of groups) {
		for (const member of group.instances) {
			if (known.has(member.instanceId) || member.lifecycleState === 'Terminated') continue;
			known.add(member.instanceId);
			rows.push({
				arn: `${launchingPrefix}${member.instanceId}`,
				id: member.instanceId,
				ec2InstanceId: member.instanceId,
				instanceType: member.instanceType,
				availabilityZone: member.availabilityZone,
				status: member.lifecycleState ?? 'Pending',
				statusReason: `launched by Auto Scaling group ${group.name}, not registered with the cluster yet`,
				agentConnected: false,
				agentUpdateStatus: undefined,
				capacityProviderName: undefined,
				healthStatus: member.healthStatus,
				runningTasksCount: 0,
				pendingTasksCount: 0,
				cpuRegistered: 0,
				cpuRemaining: 0,
				memoryRegistered: 0,
				memoryRemaining: 0,
				registeredAt: undefined,
				agentVersion: undefined,
				version: 0,
			});
		}
	}
	return rows;
}

/** The tasks on an instance, as ECS counts them: the row's TASKS and the detail's Tasks agree. */
export type InstanceTaskCounts = {
	readonly running: number;
	readonly pending: number;
	readonly total: number;
};

export function instanceTaskCounts(instance: ContainerInstance): InstanceTaskCounts {
	return {
		running: instance.runningTasksCount,
		pending: instance.pendingTasksCount,
		total: instance.runningTasksCount + instance.pendingTasksCount,
	};
}

/** What keeps a draining instance: its tasks that have not stopped, by who started them. */
export type DrainHold = {
	/** Tasks no service owns (RunTask, StartTask): nothing will move them, someone must stop them. */
	readonly standalone: readonly Task[];
	/** By service name: the scheduler replaces them elsewhere, then stops these. */
	readonly byService: ReadonlyMap<string, readonly Task[]>;
	/** ECS's count is higher than the tasks known here (the tasks loaded are one service's). */
	readonly unseen: number;
};

export function drainHold(instance: ContainerInstance, tasks: readonly Task[]): DrainHold {
	const on = tasks.filter(
		(task) => task.containerInstanceArn === instance.arn && task.lastStatus !== 'STOPPED',
	);
	const standalone: Task[] = [];
	const byService = new Map<string, Task[]>();
	for (const task of on) {
		const service = serviceNameFromGroup(task.group);
		if (service === undefined) standalone.push(task);
		else byService.set(service, [...(byService.get(service) ?? []), task]);
	}
	return {
		standalone,
		byService,
		unseen: Math.max(0, instanceTaskCounts(instance).total - on.length),
	};
}
