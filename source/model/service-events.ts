/**
 * What a service event is about, read from ECS's own wording. The messages are untrusted text
 * from AWS: they are only matched here, never drawn from here (the UI and printers make them
 * terminal-safe).
 */
import type {Service, ServiceEvent} from './service.js';

export type EventCause =
	/** "was unable to place a task": no instance (or no Fargate capacity) could take it. */
	| 'cannot-place'
	/** "(deployment X) deployment failed": the circuit breaker (or an alarm) stopped a rollout. */
	| 'deployment-failed'
	/** "rolling back to deployment X". */
	| 'rolling-back'
	/** "(port N) is unhealthy in (target-group ...)": the load balancer's health check fails. */
	| 'unhealthy-targets'
	/** "is unable to consistently start tasks successfully", "failed to launch a task". */
	| 'failed-to-start'
	/** "(task X) failed container health checks". */
	| 'health-check'
	/** "has reached a steady state": whatever went wrong before has settled. */
	| 'steady-state';

const patterns: readonly (readonly [EventCause, RegExp])[] = [
	['cannot-place', /\bwas unable to place a task\b/i],
	['deployment-failed', /\bdeployment failed\b/i],
	['rolling-back', /\brolling back to deployment\b/i],
	['unhealthy-targets', /\bis unhealthy in \(?target-group\b/i],
	['failed-to-start', /\bunable to consistently start tasks\b|\bfailed to launch a task\b/i],
	[
		'health-check',
		/\bfailed container health checks\b|\bfailed (?:elb|load balancer) health checks\b/i,
	],
	['steady-state', /\bhas reached a steady state\b/i],
];

export function eventCause(message: string): EventCause | undefined {
	for (const [cause, pattern] of patterns) if (pattern.test(message)) return cause;
	return undefined;
}

/** The newest event of a cause, or undefined. Events are newest first, as AWS returns them. */
export function newestEvent(
	service: Service,
	cause: EventCause,
	notBefore = Number.NEGATIVE_INFINITY,
): ServiceEvent | undefined {
	return service.events.find(
		(event) => (event.createdAt ?? 0) >= notBefore && eventCause(event.message) === cause,
	);
}

/**
 * The events since the service last reached a steady state (and within `windowMs` of `now`):
 * older ones were settled by that steady state.
 */
export function unsettledEvents(
	service: Service,
	now: number,
	windowMs: number,
): readonly ServiceEvent[] {
	const events: ServiceEvent[] = [];
	for (const event of service.events) {
		if (eventCause(event.message) === 'steady-state') break;
		if (event.createdAt !== undefined && now - event.createdAt > windowMs) break;
		events.push(event);
	}
	return events;
}

/** `(deployment ecs-svc/123)` or `rolling back to deployment ecs-svc/123`: the deployment id. */
export function deploymentIdIn(message: string): string | undefined {
	return /\bdeployment (ecs-svc\/[\w-]+|[\w-]+\/[\w-]+)/i.exec(message)?.[1];
}

/**
 * The event's message with what differs between occurrences of one cause taken out (task,
 * instance and deployment ids, ports, target group ARNs), so that many tasks' or targets' events
 * read as one cause.
 */
export function eventCauseText(message: string): string {
	return message
		.replace(/^\(service [^)]*\)\s*/i, '')
		.replace(/\((?:task|instance|container-instance|deployment|port) [^)]*\)\s*/gi, '')
		.replace(/\(target-group [^)]*\)/gi, '(target group)')
		.replace(/\s+/g, ' ')
		.trim();
}
