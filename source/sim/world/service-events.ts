/**
 * Service events in ECS's own words, newest first, at most 100 kept, with the repeats rate-limited
 * as ECS does (a placement failure at most every few minutes, a steady state every 6 hours).
 */
import type {Engine} from './engine.js';
import type {ContainerInstanceState, ServiceState, TaskState} from './types.js';
import type {PlacementResult} from './placement.js';

const maxEvents = 100;
export const placementFailureEventIntervalMs = 5 * 60 * 1000;
export const steadyStateRepeatMs = 6 * 60 * 60 * 1000;
export const unableToStartEventIntervalMs = 15 * 60 * 1000;

export function addServiceEvent(engine: Engine, service: ServiceState, message: string): void {
	service.events.unshift({id: engine.ids.uuid(), createdAt: engine.now(), message});
	if (service.events.length > maxEvents) service.events.length = maxEvents;
}

function taskList(tasks: readonly TaskState[]): string {
	return tasks.map((t) => `(task ${t.id})`).join(' ');
}

export function startedTasksMessage(service: ServiceState, tasks: readonly TaskState[]): string {
	return `(service ${service.name}) has started ${tasks.length} tasks: ${taskList(tasks)}.`;
}

export function stoppedTasksMessage(service: ServiceState, tasks: readonly TaskState[]): string {
	return `(service ${service.name}) has stopped ${tasks.length} running tasks: ${taskList(tasks)}.`;
}

export function steadyStateMessage(service: ServiceState): string {
	return `(service ${service.name}) has reached a steady state.`;
}

export function deploymentCompletedMessage(service: ServiceState, deploymentId: string): string {
	return `(service ${service.name}) (deployment ${deploymentId}) deployment completed.`;
}

export function unableToStartMessage(service: ServiceState): string {
	return `(service ${service.name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
}

export function unhealthyTaskMessage(service: ServiceState, task: TaskState): string {
	return `(service ${service.name}) (task ${task.id}) failed container health checks.`;
}

/**
 * What ECS says when the load balancer finds a target unhealthy. The sim's load balancer checks
 * what the container's health check checks, so a task failing that is unhealthy in its target
 * group too.
 */
export function unhealthyTargetMessages(service: ServiceState, task: TaskState): string[] {
	return service.loadBalancers.flatMap((balancer) =>
		balancer.targetGroupArn === undefined
			? []
			: [
					`(service ${service.name}) (task ${task.id}) (port ${balancer.containerPort}) is unhealthy in (target-group ${balancer.targetGroupArn}) due to (reason Health checks failed).`,
				],
	);
}

export function placementFailureMessage(
	service: ServiceState,
	result: Extract<PlacementResult, {ok: false}>,
): string {
	const prefix = `(service ${service.name}) was unable to place a task because no container instance met all of its requirements.`;
	if (result.refusal === 'noInstances')
		return `${prefix} Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
	const closest = `The closest matching (container-instance ${result.closest.id})`;
	const why: Record<typeof result.refusal, string> = {
		cpu: `${closest} has insufficient CPU units available.`,
		memory: `${closest} has insufficient memory available.`,
		ports: `${closest} is already using a port required by your task.`,
		memberOf: `${closest} encountered error "MemberOf placement constraint unsatisfied."`,
		distinctInstance: `${closest} encountered error "DistinctInstance placement constraint unsatisfied."`,
	};
	return `${prefix} ${why[result.refusal]} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;
}

/** RunTask's `failures[].reason` for a task that could not be placed. */
export function runTaskFailureReason(result: Extract<PlacementResult, {ok: false}>): string {
	switch (result.refusal) {
		case 'cpu':
			return 'RESOURCE:CPU';
		case 'memory':
			return 'RESOURCE:MEMORY';
		case 'ports':
			return 'RESOURCE:PORTS';
		case 'memberOf':
			return 'MemberOf constraint';
		case 'distinctInstance':
			return 'DistinctInstance constraint';
		default:
			return 'AGENT';
	}
}

export function closestInstance(
	result: Extract<PlacementResult, {ok: false}>,
): ContainerInstanceState | undefined {
	return result.refusal === 'noInstances' ? undefined : result.closest;
}
