/**
 * Service deployments: a new task definition (or a forced new deployment) makes a new PRIMARY
 * deployment and the old one ACTIVE; the scheduler rolls tasks over within minimumHealthyPercent /
 * maximumPercent; this module tells when the rollout has completed or, with the circuit breaker
 * on, failed (rolling back to the last completed task definition when asked to).
 */
import type {Engine} from './engine.js';
import {addServiceEvent, deploymentCompletedMessage} from './service-events.js';
import type {DeploymentState, ServiceState, TaskState} from './types.js';

export function startDeployment(
	engine: Engine,
	service: ServiceState,
	taskDefinitionArn: string,
): DeploymentState {
	const now = engine.now();
	const id = engine.ids.deploymentId();
	for (const old of service.deployments) {
		if (old.status === 'PRIMARY') {
			old.status = 'ACTIVE';
			old.updatedAt = now;
		}
	}
	const deployment: DeploymentState = {
		id,
		status: 'PRIMARY',
		taskDefinitionArn,
		desiredCount: service.desiredCount,
		pendingCount: 0,
		runningCount: 0,
		failedTasks: 0,
		createdAt: now,
		updatedAt: now,
		launchType: service.launchType,
		capacityProviderStrategy: service.capacityProviderStrategy,
		rolloutState: 'IN_PROGRESS',
		rolloutStateReason: `ECS deployment ${id} in progress.`,
	};
	service.deployments.unshift(deployment);
	service.taskDefinitionArn = taskDefinitionArn;
	const runtime = engine.serviceRuntime(service);
	runtime.failureStreak = 0;
	runtime.nextLaunchAt = now;
	service.steadySinceAt = undefined;
	engine.serviceDirty(service);
	return deployment;
}

/** Running and pending counts of each deployment (and of the service) from its tasks. */
export function refreshCounts(engine: Engine, service: ServiceState): void {
	const tasks = engine.serviceRuntime(service).tasks;
	const counts = new Map<string, {running: number; pending: number; live: number}>();
	let running = 0;
	let pending = 0;
	for (const task of tasks) {
		const entry = counts.get(task.deploymentId ?? '') ?? {running: 0, pending: 0, live: 0};
		counts.set(task.deploymentId ?? '', entry);
		if (task.lastStatus === 'RUNNING') {
			entry.running++;
			running++;
		} else if (isPending(task)) {
			entry.pending++;
			pending++;
		}
		if (task.desiredStatus === 'RUNNING') entry.live++;
	}
	const now = engine.now();
	for (const deployment of service.deployments) {
		const entry = counts.get(deployment.id) ?? {running: 0, pending: 0, live: 0};
		const desired = deployment.status === 'PRIMARY' ? service.desiredCount : entry.live;
		if (
			deployment.runningCount !== entry.running ||
			deployment.pendingCount !== entry.pending ||
			deployment.desiredCount !== desired
		) {
			deployment.runningCount = entry.running;
			deployment.pendingCount = entry.pending;
			deployment.desiredCount = desired;
			deployment.updatedAt = now;
		}
	}
	service.runningCount = running;
	service.pendingCount = pending;
}

export function isPending(task: TaskState): boolean {
	return (
		task.lastStatus === 'PROVISIONING' ||
		task.lastStatus === 'PENDING' ||
		task.lastStatus === 'ACTIVATING'
	);
}

/**
 * Completes the PRIMARY deployment once it runs desiredCount healthy tasks and no older deployment
 * has a task left: the older ones go away, as in DescribeServices.
 */
export function completeIfDone(
	engine: Engine,
	service: ServiceState,
	primaryHealthy: number,
): boolean {
	const primary = service.deployments[0];
	if (!primary) return false;
	const tasks = engine.serviceRuntime(service).tasks;
	for (const task of tasks) {
		if (task.deploymentId !== primary.id && task.lastStatus !== 'STOPPED') return false;
	}
	if (primaryHealthy !== service.desiredCount || primary.pendingCount > 0) return false;
	if (service.deployments.length > 1) {
		for (const old of service.deployments.slice(1)) old.status = 'INACTIVE';
		service.deployments.length = 1;
	}
	if (primary.rolloutState === 'IN_PROGRESS') {
		primary.rolloutState = 'COMPLETED';
		primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
		primary.updatedAt = engine.now();
		engine.serviceRuntime(service).lastCompletedTaskDefinitionArn = primary.taskDefinitionArn;
		addServiceEvent(engine, service, deploymentCompletedMessage(service, primary.id));
	}
	return true;
}

/** ECS's circuit breaker threshold: half the desired count, at least 3 and at most 200. */
export function circuitBreakerThreshold(desiredCount: number): number {
	return Math.min(200, Math.max(3, Math.ceil(desiredCount * 0.5)));
}

/** A task of a deployment failed: count it, and trip the circuit breaker when it is on. */
export function deploymentTaskFailed(engine: Engine, service: ServiceState, task: TaskState): void {
	const deployment = service.deployments.find((d) => d.id === task.deploymentId);
	if (!deployment) return;
	deployment.failedTasks++;
	deployment.updatedAt = engine.now();
	const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
	if (
		!breaker.enable ||
		deployment.status !== 'PRIMARY' ||
		deployment.rolloutState !== 'IN_PROGRESS' ||
		deployment.failedTasks < circuitBreakerThreshold(service.desiredCount)
	)
		return;
	deployment.rolloutState = 'FAILED';
	deployment.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
	addServiceEvent(
		engine,
		service,
		`(service ${service.name}) (deployment ${deployment.id}) deployment failed: tasks failed to start.`,
	);
	const previous = engine.serviceRuntime(service).lastCompletedTaskDefinitionArn;
	if (breaker.rollback && previous && previous !== deployment.taskDefinitionArn) {
		const rollback = startDeployment(engine, service, previous);
		addServiceEvent(
			engine,
			service,
			`(service ${service.name}) rolling back to deployment ${rollback.id}.`,
		);
	}
}
