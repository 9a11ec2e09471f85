/**
 * Following one revision change to its end, from the service's deployments as DescribeServices
 * shows them: ECS keeps only the deployments still under way, so a failed deployment that the
 * circuit breaker rolled back disappears once the rollback completes. What the follow remembers
 * (the deployment it started, the phase it last saw) is what lets it still say ROLLED BACK then.
 * Pure: the write layer advances a follow on each poll; the rows and the detail print it.
 */
import {taskDefinitionName} from './arn.js';
import type {Deployment, Service} from './service.js';

export type RolloutPhase =
	/** Sent; no deployment of the new revision seen yet. */
	| 'waiting'
	| 'in-progress'
	| 'completed'
	/** The deployment failed (circuit breaker) and nothing rolls it back. */
	| 'failed'
	/** It failed and the circuit breaker is putting the previous revision back. */
	| 'rolling-back'
	| 'rolled-back'
	/** Another deployment (someone else's) took over before it ended. */
	| 'replaced';

export type RolloutFollow = {
	readonly serviceArn: string;
	readonly serviceName: string;
	/** The revision sent. */
	readonly taskDefinition: string;
	/** The revision the service ran before. */
	readonly previousTaskDefinition: string;
	/** Deployment ids that existed when the change was sent: none of them is the new one. */
	readonly deploymentsBefore: readonly string[];
	/** The new deployment, once a poll has shown it. */
	readonly deploymentId: string | undefined;
	readonly phase: RolloutPhase;
	/** For in-progress: running of desired tasks of the new deployment. */
	readonly running: number;
	readonly desired: number;
	readonly failedTasks: number;
	/** The revision the service went back to or on to (rolling-back, rolled-back, replaced). */
	readonly otherTaskDefinition: string | undefined;
	readonly reason: string | undefined;
};

/** Phases after which nothing more is expected (a failed one may still be rolled back). */
export function rolloutEnded(phase: RolloutPhase): boolean {
	return phase !== 'waiting' && phase !== 'in-progress' && phase !== 'rolling-back';
}

export function startFollow(options: {
	readonly service: Service;
	readonly taskDefinition: string;
}): RolloutFollow {
	const {service, taskDefinition} = options;
	return {
		serviceArn: service.arn,
		serviceName: service.name,
		taskDefinition,
		previousTaskDefinition: service.taskDefinition,
		deploymentsBefore: service.deployments.map((deployment) => deployment.id),
		deploymentId: undefined,
		phase: 'waiting',
		running: 0,
		desired: service.desiredCount,
		failedTasks: 0,
		otherTaskDefinition: undefined,
		reason: undefined,
	};
}

function ourDeployment(follow: RolloutFollow, service: Service): Deployment | undefined {
	if (follow.deploymentId !== undefined)
		return service.deployments.find((deployment) => deployment.id === follow.deploymentId);
	return service.deployments.find(
		(deployment) =>
			deployment.taskDefinition === follow.taskDefinition &&
			!follow.deploymentsBefore.includes(deployment.id),
	);
}

function primaryOf(service: Service): Deployment | undefined {
	return service.deployments.find((deployment) => deployment.status === 'PRIMARY');
}

/** The follow as the service now shows it; the same object when nothing changed. */
export function advanceFollow(follow: RolloutFollow, service: Service): RolloutFollow {
	const next = nextFollow(follow, service);
	const same = (Object.keys(next) as (keyof RolloutFollow)[]).every(
		(key) => next[key] === follow[key],
	);
	return same ? follow : next;
}

function nextFollow(follow: RolloutFollow, service: Service): RolloutFollow {
	const ours = ourDeployment(follow, service);
	const primary = primaryOf(service);
	if (ours === undefined) {
		// Never seen: still waiting for ECS to show it. Seen and gone: ECS cleared it.
		if (follow.deploymentId === undefined) return follow;
		if (follow.phase === 'completed' || follow.phase === 'rolled-back') return follow;
		if (service.taskDefinition === follow.taskDefinition) return {...follow, phase: 'completed'};
		const other = service.taskDefinition;
		const wasFailing = follow.phase === 'failed' || follow.phase === 'rolling-back';
		return {
			...follow,
			phase: wasFailing ? 'rolled-back' : 'replaced',
			otherTaskDefinition: other,
		};
	}
	const counts = {
		deploymentId: ours.id,
		running: ours.runningCount,
		desired: ours.desiredCount,
		failedTasks: ours.failedTasks,
		reason: ours.rolloutStateReason,
	};
	if (ours.rolloutState === 'FAILED') {
		const rollback = primary !== undefined && primary.id !== ours.id ? primary : undefined;
		if (rollback !== undefined)
			return {
				...follow,
				...counts,
				phase: 'rolling-back',
				otherTaskDefinition: rollback.taskDefinition,
			};
		return {...follow, ...counts, phase: 'failed'};
	}
	if (ours.rolloutState === 'COMPLETED') return {...follow, ...counts, phase: 'completed'};
	if (ours.status !== 'PRIMARY' && primary !== undefined)
		return {...follow, ...counts, phase: 'replaced', otherTaskDefinition: primary.taskDefinition};
	return {...follow, ...counts, phase: 'in-progress'};
}

/** `:8` of `family:8`: the row's cell is narrow, and the family is the row's own. */
export function revisionLabel(taskDefinition: string): string {
	const name = taskDefinitionName(taskDefinition);
	return name.slice(name.lastIndexOf(':'));
}

/** What the service row's DEPLOY cell says while a change is followed. */
export function followCell(follow: RolloutFollow): string {
	const to = revisionLabel(follow.taskDefinition);
	const other =
		follow.otherTaskDefinition === undefined ? '' : revisionLabel(follow.otherTaskDefinition);
	switch (follow.phase) {
		case 'waiting':
			return `${to} pending`;
		case 'in-progress':
			return `${to} ${follow.running}/${follow.desired}`;
		case 'completed':
			return `COMPLETED ${to}`;
		case 'failed':
			return `FAILED ${to}`;
		case 'rolling-back':
			return `ROLLING BACK ${other}`;
		case 'rolled-back':
			return `ROLLED BACK ${other}`;
		case 'replaced':
			return `REPLACED ${other}`;
	}
}

export type FollowTone = 'info' | 'ok' | 'warn' | 'error';

export function followTone(phase: RolloutPhase): FollowTone {
	switch (phase) {
		case 'completed':
			return 'ok';
		case 'failed':
		case 'rolling-back':
		case 'rolled-back':
			return 'error';
		case 'replaced':
			return 'warn';
		default:
			return 'info';
	}
}

/** One sentence for the status line and the service detail. */
export function followSentence(follow: RolloutFollow): string {
	const name = follow.serviceName;
	const to = taskDefinitionName(follow.taskDefinition);
	const other =
		follow.otherTaskDefinition === undefined ? '' : taskDefinitionName(follow.otherTaskDefinition);
	const why = follow.reason === undefined ? '' : ` (${follow.reason})`;
	switch (follow.phase) {
		case 'waiting':
			return `${name}: waiting for ECS to start the deployment of ${to}`;
		case 'in-progress':
			return `${name}: rolling out ${to}, ${follow.running} of ${follow.desired} tasks running`;
		case 'completed':
			return `${name}: ${to} rolled out, deployment COMPLETED`;
		case 'failed':
			return `${name}: the deployment of ${to} FAILED${why}`;
		case 'rolling-back':
			return `${name}: the deployment of ${to} failed; the circuit breaker is rolling back to ${other}`;
		case 'rolled-back':
			return `${name}: the deployment of ${to} failed and was ROLLED BACK to ${other}`;
		case 'replaced':
			return `${name}: the deployment of ${to} was replaced by another one, of ${other}`;
	}
}

/**
 * The revision of the last deployment that completed, other than the one the service runs now:
 * ECS lists an older deployment only while it is still being replaced, so this is known during
 * a rollout, and not after one has finished.
 */
export function lastCompletedRevision(service: Service): string | undefined {
	const completed = service.deployments
		.filter(
			(deployment) =>
				deployment.status !== 'PRIMARY' &&
				deployment.rolloutState === 'COMPLETED' &&
				deployment.taskDefinition !== service.taskDefinition,
		)
		.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
	return completed[0]?.taskDefinition;
}
