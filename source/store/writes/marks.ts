/**
 * Optimistic row marks: what a sent request will change, shown on the rows it acts on
 * (`desired 12, pending`) until a poll shows the change or the mark times out.
 */
import {taskDefinitionName} from '../../model/arn.js';
import {revisionLabel} from '../../model/rollout.js';
import {primaryDeployment} from '../../model/service.js';
import type {Task} from '../../model/task.js';
import type {FleetState} from '../fleet-store.js';
import {findContainerInstanceAnywhere, findServiceAnywhere, findTasks} from './fleet-lookup.js';
import type {PlannedWork} from './work.js';

/** How long a mark waits for a poll to show its change (a busy cluster takes a while). */
export const markTimeoutMs = 2 * 60_000;

/** The mark text of each ARN a plan's work acts on. */
export function markTexts(work: PlannedWork): Record<string, string> {
	switch (work.kind) {
		case 'set-desired-count':
			return {[work.serviceArn]: `desired ${work.after}, pending`};
		case 'force-deployment':
			return {[work.serviceArn]: 'new deployment, pending'};
		case 'set-task-definition':
			return {[work.serviceArn]: `${revisionLabel(work.after)} pending`};
		case 'stop-tasks':
			return Object.fromEntries(work.tasks.map((task) => [task.arn, 'stopping']));
		case 'run-task':
			return {[work.clusterArn]: `run ${work.count} ${work.taskDefinition}, pending`};
		case 'set-instance-state':
			return Object.fromEntries(
				work.instances.map((instance) => [
					instance.arn,
					work.status === 'DRAINING' ? 'draining' : 'activating',
				]),
			);
		case 'set-desired-capacity':
			return {[work.clusterArn]: `desired capacity ${work.after}, pending`};
	}
}

/** The change a plan's work makes, in a few words (`api desired count 10 -> 12`). */
export function describeWork(work: PlannedWork): string {
	switch (work.kind) {
		case 'set-desired-count':
			return `${work.serviceName} desired count ${work.before} -> ${work.after}`;
		case 'force-deployment':
			return `the new deployment of ${work.serviceName}`;
		case 'set-task-definition':
			return `${work.serviceName} task definition ${taskDefinitionName(work.before)} -> ${taskDefinitionName(work.after)}`;
		case 'stop-tasks':
			return work.tasks.length === 1
				? `stopping task ${work.tasks[0]!.label}`
				: `stopping ${work.tasks.length} tasks`;
		case 'run-task':
			return `running ${work.count} x ${work.taskDefinition}`;
		case 'set-instance-state':
			return `setting ${work.instances.map((instance) => instance.label).join(', ')} to ${work.status}`;
		case 'set-desired-capacity':
			return `${work.autoScalingGroupName} desired capacity ${work.before} -> ${work.after}`;
	}
}

/**
 * The marked tasks' lookups in one fleet state, built once however many marks ask: with 20,000
 * tasks loaded, one pass per mark on every store update would cost more than the render.
 */
export type FleetIndex = {
	readonly state: FleetState;
	/** The wanted tasks the store holds, by ARN. */
	readonly tasks: ReadonlyMap<string, Task>;
	/** The wanted tasks still in a running list. */
	readonly running: ReadonlySet<string>;
};

export function fleetIndex(state: FleetState, wantedTasks: ReadonlySet<string>): FleetIndex {
	const {found, running} = findTasks(state, wantedTasks);
	return {state, tasks: found, running};
}

/**
 * Whether the store now shows what the request did to `arn`. Reads only what the pollers
 * fetched; a resource no longer on screen keeps its mark until the timeout.
 */
export function changeShown(
	work: PlannedWork,
	arn: string,
	index: FleetIndex,
	startedTaskArns: readonly string[],
): boolean {
	const {state} = index;
	switch (work.kind) {
		case 'set-desired-count':
			return findServiceAnywhere(state, arn)?.desiredCount === work.after;
		case 'force-deployment': {
			const service = findServiceAnywhere(state, arn);
			const primary = service === undefined ? undefined : primaryDeployment(service);
			return primary !== undefined && primary.id !== work.primaryDeploymentId;
		}
		case 'set-task-definition':
			return findServiceAnywhere(state, arn)?.taskDefinition === work.after;
		case 'stop-tasks': {
			// Stopped tasks leave the running lists; a stopped list may show them as STOPPED.
			const task = index.tasks.get(arn);
			return task?.desiredStatus === 'STOPPED' || !index.running.has(arn);
		}
		case 'run-task': {
			return startedTaskArns.some((task) => index.tasks.has(task));
		}
		case 'set-instance-state':
			return findContainerInstanceAnywhere(state, arn)?.status === work.status;
		case 'set-desired-capacity': {
			const group = state.clusterViews[arn]?.autoScalingGroups.find(
				(candidate) => candidate.name === work.autoScalingGroupName,
			);
			return group?.desiredCapacity === work.after;
		}
	}
}
