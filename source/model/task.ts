export type NetworkBinding = {
	readonly containerPort: number | undefined;
	readonly hostPort: number | undefined;
	readonly protocol: string | undefined;
};

export type TaskContainer = {
	readonly name: string;
	readonly image: string | undefined;
	readonly lastStatus: string | undefined;
	readonly exitCode: number | undefined;
	readonly reason: string | undefined;
	readonly healthStatus: string | undefined;
	readonly networkBindings: readonly NetworkBinding[];
	/** The container's id on its host: ECS Exec's port forwarding names it in its target. */
	readonly runtimeId?: string | undefined;
	/** The ECS Exec agent's lastStatus (RUNNING when `e` can reach the container), if any. */
	readonly execAgentStatus?: string | undefined;
};

export type Task = {
	readonly arn: string;
	/** The last segment of the ARN: what `aws ecs stop-task --task` accepts. */
	readonly id: string;
	readonly clusterArn: string;
	/** `service:NAME` for service tasks, `family:NAME` for tasks run directly. */
	readonly group: string | undefined;
	readonly serviceName: string | undefined;
	readonly lastStatus: string;
	readonly desiredStatus: string;
	readonly healthStatus: string | undefined;
	readonly containerInstanceArn: string | undefined;
	readonly availabilityZone: string | undefined;
	readonly launchType: string | undefined;
	readonly capacityProviderName: string | undefined;
	readonly cpu: string | undefined;
	readonly memory: string | undefined;
	readonly createdAt: number | undefined;
	readonly startedAt: number | undefined;
	readonly stoppingAt: number | undefined;
	readonly stoppedAt: number | undefined;
	readonly stopCode: string | undefined;
	readonly stoppedReason: string | undefined;
	readonly startedBy: string | undefined;
	readonly taskDefinitionArn: string;
	/** `family:revision`. */
	readonly taskDefinition: string;
	/** Bumped by AWS on every change to the task: a cheap way to skip unchanged rows. */
	readonly version: number;
	readonly containers: readonly TaskContainer[];
	/** Whether ECS Exec was on when the task started (it cannot be turned on later). */
	readonly enableExecuteCommand?: boolean;
};

export function serviceNameFromGroup(group: string | undefined): string | undefined {
	return group?.startsWith('service:') ? group.slice('service:'.length) : undefined;
}

/** Task lifecycle order, so a list sorted by status reads from starting to stopped. */
export const taskLifecycle = [
	'PROVISIONING',
	'PENDING',
	'ACTIVATING',
	'RUNNING',
	'DEACTIVATING',
	'STOPPING',
	'DEPROVISIONING',
	'STOPPED',
] as const;

export function lifecycleRank(status: string): number {
	const rank = (taskLifecycle as readonly string[]).indexOf(status);
	return rank === -1 ? taskLifecycle.length : rank;
}

/** A task that will not run again: stopped, or on its way there. */
export function isTaskStopping(task: Task): boolean {
	return task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED';
}

/** The essential container that ended the task, for the "why did it stop" line. */
export function failedContainers(task: Task): readonly TaskContainer[] {
	return task.containers.filter(
		(container) => container.exitCode !== undefined && container.exitCode !== 0,
	);
}
