/**
 * The problem feed: what is wrong in the fleet, from data the live view already holds, one line
 * per cause with how many times it happened, newest first. Pure: clusters' data in, problems out.
 *
 * What counts (docs/problems.md):
 * - a service in trouble (FAILED, ROLLED BACK, CRASH LOOP, N cannot place: service-state.ts);
 * - its service events since its last steady state that say something failed (unhealthy
 *   targets, failed health checks, tasks that cannot start), grouped by their wording with the
 *   ids taken out;
 * - stopped tasks that failed (OOM, a failed health check, an essential container's non-zero
 *   exit, a task that never started), grouped by service and cause;
 * - container instances whose agent is disconnected, or draining with tasks still on them;
 * - Auto Scaling groups at their maximum size.
 */
import type {AutoScalingGroup} from './auto-scaling-group.js';
import type {ContainerInstance} from './container-instance.js';
import {eventCause, eventCauseText, unsettledEvents} from './service-events.js';
import {problemWindowMs, serviceTrouble, type ServiceTrouble} from './service-state.js';
import type {Service} from './service.js';
import {taskFailure, type TaskFailureKind} from './task-failure.js';
import type {Task} from './task.js';

export type ProblemKind =
	| 'deployment-failed'
	| 'rolled-back'
	| 'crash-loop'
	| 'cannot-place'
	| 'unhealthy-targets'
	| 'health-check'
	| 'failed-to-start'
	| 'oom'
	| 'task-exit'
	| 'instance-disconnected'
	| 'instance-draining'
	| 'asg-at-max';

/** Where Enter goes: the pane and row of the object the problem is about. */
export type ProblemTarget =
	| {readonly kind: 'service'; readonly clusterArn: string; readonly serviceArn: string}
	| {
			readonly kind: 'task';
			readonly clusterArn: string;
			readonly serviceArn: string | undefined;
			readonly taskArn: string;
	  }
	| {readonly kind: 'instance'; readonly clusterArn: string; readonly instanceArn: string}
	| {readonly kind: 'cluster'; readonly clusterArn: string};

export type Problem = {
	/** Stable across refreshes while the cause lasts: the feed keeps its selection by it. */
	readonly id: string;
	readonly kind: ProblemKind;
	readonly clusterName: string;
	/** What it is about: a service, a task family, an instance, a group. */
	readonly subject: string;
	/** What happened, in a few words of ours. */
	readonly summary: string;
	/** AWS's words for it (untrusted text: made terminal-safe where it is drawn), or ''. */
	readonly detail: string;
	/** How many tasks, events or instances share this cause. */
	readonly count: number;
	/** The newest occurrence; undefined for a state that has no time (an instance disconnected). */
	readonly at: number | undefined;
	readonly target: ProblemTarget;
};

export type ClusterProblemData = {
	readonly clusterArn: string;
	readonly clusterName: string;
	readonly services: readonly Service[];
	readonly containerInstances: readonly ContainerInstance[];
	readonly autoScalingGroups: readonly AutoScalingGroup[];
	/** The cluster's recently stopped tasks that are known, of any service, in any order. */
	readonly stoppedTasks: readonly Task[];
};

const troubleKinds: Readonly<Record<ServiceTrouble['kind'], ProblemKind>> = {
	failed: 'deployment-failed',
	'rolled-back': 'rolled-back',
	'crash-loop': 'crash-loop',
	'cannot-place': 'cannot-place',
};

const taskKinds: Readonly<Record<TaskFailureKind, ProblemKind>> = {
	oom: 'oom',
	'health-check': 'health-check',
	'failed-to-start': 'failed-to-start',
	exit: 'task-exit',
};

/** Every problem of these clusters, newest first; timeless states (disconnected agents) first. */
export function fleetProblems(clusters: readonly ClusterProblemData[], now: number): Problem[] {
	const problems: Problem[] = [];
	for (const cluster of clusters) {
		const stoppedByService = groupStopped(cluster.stoppedTasks);
		for (const service of cluster.services) {
			const stopped = stoppedByService.get(service.name);
			problems.push(...serviceProblems(cluster, service, stopped, now));
		}
		problems.push(...taskProblems(cluster, now));
		problems.push(...instanceProblems(cluster));
		problems.push(...groupProblems(cluster));
	}
	return problems.sort(newestFirst);
}

function newestFirst(a: Problem, b: Problem): number {
	const at = (b.at ?? Number.POSITIVE_INFINITY) - (a.at ?? Number.POSITIVE_INFINITY);
	if (at !== 0 && !Number.isNaN(at)) return at;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function groupStopped(tasks: readonly Task[]): Map<string, Task[]> {
	const byService = new Map<string, Task[]>();
	for (const task of tasks) {
		if (task.serviceName === undefined) continue;
		const list = byService.get(task.serviceName);
		if (list === undefined) byService.set(task.serviceName, [task]);
		else list.push(task);
	}
	return byService;
}

function troubleSummary(trouble: ServiceTrouble): string {
	switch (trouble.kind) {
		case 'failed':
			return 'deployment failed';
		case 'rolled-back':
			return 'deployment failed and was rolled back';
		case 'crash-loop':
			return 'crash loop: its tasks keep stopping';
		case 'cannot-place':
			return `${trouble.count} ${trouble.count === 1 ? 'task cannot' : 'tasks cannot'} be placed`;
	}
}

function serviceProblems(
	cluster: ClusterProblemData,
	service: Service,
	stoppedTasks: readonly Task[] | undefined,
	now: number,
): Problem[] {
	const problems: Problem[] = [];
	const target: ProblemTarget = {
		kind: 'service',
		clusterArn: cluster.clusterArn,
		serviceArn: service.arn,
	};
	const trouble = serviceTrouble(service, {now, stoppedTasks});
	const events = unsettledEvents(service, now, problemWindowMs);
	if (trouble !== undefined) {
		const kind = troubleKinds[trouble.kind];
		const detail =
			trouble.kind === 'failed' || trouble.kind === 'rolled-back'
				? (trouble.reason ?? '')
				: trouble.kind === 'cannot-place'
					? eventCauseText(
							events.find((e) => eventCause(e.message) === 'cannot-place')?.message ?? '',
						)
					: '';
		problems.push({
			id: `${kind}|${service.arn}`,
			kind,
			clusterName: cluster.clusterName,
			subject: service.name,
			summary: troubleSummary(trouble),
			detail,
			count:
				trouble.kind === 'crash-loop'
					? Math.max(1, trouble.failures)
					: trouble.kind === 'cannot-place'
						? trouble.count
						: 1,
			at: trouble.at,
			target,
		});
	}
	// The events the trouble does not already say, one line per wording.
	const byCause = new Map<
		string,
		{kind: ProblemKind; text: string; count: number; at: number | undefined}
	>();
	for (const event of events) {
		const cause = eventCause(event.message);
		const kind = eventKind(cause, trouble);
		if (kind === undefined) continue;
		const text = eventCauseText(event.message);
		const key = `${kind}|${text}`;
		const seen = byCause.get(key);
		if (seen === undefined) byCause.set(key, {kind, text, count: 1, at: event.createdAt});
		else seen.count++;
	}
	for (const [key, {kind, text, count, at}] of byCause) {
		problems.push({
			id: `${key}|${service.arn}`,
			kind,
			clusterName: cluster.clusterName,
			subject: service.name,
			summary: eventSummary(kind, count),
			detail: text,
			count,
			at,
			target,
		});
	}
	return problems;
}

/** The kind of line an event makes, or undefined when it says nothing new. */
function eventKind(
	cause: ReturnType<typeof eventCause>,
	trouble: ServiceTrouble | undefined,
): ProblemKind | undefined {
	switch (cause) {
		case 'unhealthy-targets':
			return 'unhealthy-targets';
		case 'health-check':
			return 'health-check';
		case 'failed-to-start':
			return trouble?.kind === 'crash-loop' ? undefined : 'failed-to-start';
		case 'deployment-failed':
			// The FAILED or ROLLED BACK line says it, with the reason.
			return trouble?.kind === 'failed' || trouble?.kind === 'rolled-back'
				? undefined
				: 'deployment-failed';
		default:
			// cannot-place is the "N cannot place" line; the rest are no problem.
			return undefined;
	}
}

function eventSummary(kind: ProblemKind, count: number): string {
	const times = count === 1 ? '' : ` (${count} events)`;
	switch (kind) {
		case 'unhealthy-targets':
			return `targets unhealthy in the load balancer${times}`;
		case 'health-check':
			return `tasks failed container health checks${times}`;
		case 'failed-to-start':
			return `tasks fail to start${times}`;
		default:
			return `deployment failed${times}`;
	}
}

function taskProblems(cluster: ClusterProblemData, now: number): Problem[] {
	type Group = {kind: ProblemKind; subject: string; cause: string; newest: Task; count: number};
	const groups = new Map<string, Group>();
	const seen = new Set<string>();
	for (const task of cluster.stoppedTasks) {
		if (seen.has(task.arn)) continue;
		seen.add(task.arn);
		if (task.stoppedAt !== undefined && now - task.stoppedAt > problemWindowMs) continue;
		const failure = taskFailure(task);
		if (failure === undefined) continue;
		const kind = taskKinds[failure.kind];
		const subject = task.serviceName ?? task.group ?? task.taskDefinition;
		const key = `${kind}|${cluster.clusterArn}|${subject}|${failure.cause}`;
		const group = groups.get(key);
		if (group === undefined)
			groups.set(key, {kind, subject, cause: failure.cause, newest: task, count: 1});
		else {
			group.count++;
			if ((task.stoppedAt ?? 0) > (group.newest.stoppedAt ?? 0)) group.newest = task;
		}
	}
	return [...groups].map(([key, group]) => ({
		id: key,
		kind: group.kind,
		clusterName: cluster.clusterName,
		subject: group.subject,
		summary: taskSummary(group.kind, group.count, group.cause),
		detail: group.newest.stoppedReason ?? '',
		count: group.count,
		at: group.newest.stoppedAt,
		target: {
			kind: 'task',
			clusterArn: cluster.clusterArn,
			serviceArn: serviceArnOf(cluster, group.newest),
			taskArn: group.newest.arn,
		},
	}));
}

function taskSummary(kind: ProblemKind, count: number, cause: string): string {
	const tasks = count === 1 ? '1 task' : `${count} tasks`;
	switch (kind) {
		case 'oom':
			return `${tasks} killed: ${cause}`;
		case 'health-check':
			return `${tasks} stopped: ${cause}`;
		case 'failed-to-start':
			return `${tasks} failed to start: ${cause}`;
		default:
			return `${tasks} stopped: ${cause}`;
	}
}

function serviceArnOf(cluster: ClusterProblemData, task: Task): string | undefined {
	return cluster.services.find((service) => service.name === task.serviceName)?.arn;
}

function instanceProblems(cluster: ClusterProblemData): Problem[] {
	const disconnected = cluster.containerInstances.filter(
		(instance) => instance.status !== 'INACTIVE' && !instance.agentConnected,
	);
	const draining = cluster.containerInstances.filter(
		(instance) =>
			instance.status === 'DRAINING' &&
			instance.agentConnected &&
			instance.runningTasksCount + instance.pendingTasksCount > 0,
	);
	const problems: Problem[] = [];
	const line = (kind: ProblemKind, instances: readonly ContainerInstance[], summary: string) => {
		const first = instances[0];
		if (first === undefined) return;
		const tasks = instances.reduce((sum, i) => sum + i.runningTasksCount + i.pendingTasksCount, 0);
		problems.push({
			id: `${kind}|${cluster.clusterArn}`,
			kind,
			clusterName: cluster.clusterName,
			subject:
				instances.length === 1
					? (first.ec2InstanceId ?? first.id)
					: `${instances.length} instances`,
			summary: `${summary}, ${tasks === 1 ? '1 task' : `${tasks} tasks`} on ${instances.length === 1 ? 'it' : 'them'}`,
			detail: instances.map((i) => i.ec2InstanceId ?? i.id).join(' '),
			count: instances.length,
			at: undefined,
			target: {kind: 'instance', clusterArn: cluster.clusterArn, instanceArn: first.arn},
		});
	};
	line('instance-disconnected', disconnected, 'ECS agent disconnected');
	line('instance-draining', draining, 'draining');
	return problems;
}

function groupProblems(cluster: ClusterProblemData): Problem[] {
	return cluster.autoScalingGroups
		.filter((group) => group.maxSize > 0 && group.desiredCapacity >= group.maxSize)
		.map((group) => ({
			id: `asg-at-max|${cluster.clusterArn}|${group.name}`,
			kind: 'asg-at-max' as const,
			clusterName: cluster.clusterName,
			subject: group.name,
			summary: `Auto Scaling group at its maximum (${group.desiredCapacity} of ${group.maxSize}): it cannot add instances`,
			detail: '',
			count: 1,
			at: undefined,
			target: {kind: 'cluster' as const, clusterArn: cluster.clusterArn},
		}));
}
