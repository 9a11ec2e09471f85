/**
 * What AWS did with a request whose answer never came: one read per request, made at a later
 * refresh, compared with what the request asked for. Nothing here sends a write: a request whose
 * outcome is unknown is checked, never sent again.
 */
import type {AutoScalingAdapter} from '../../aws/autoscaling.js';
import type {EcsAdapter} from '../../aws/ecs.js';
import {shortId} from '../../model/arn.js';
import {primaryDeployment} from '../../model/service.js';
import {startedByEcsTop} from './plan-run-task.js';

/** The reads the checks make: `AwsAdapters` has them. */
export type SettleReads = {
	readonly ecs: Pick<
		EcsAdapter,
		'describeServices' | 'describeTasks' | 'describeContainerInstances' | 'listTaskArns'
	>;
	readonly autoScaling: Pick<AutoScalingAdapter, 'describeAutoScalingGroups'>;
};

export type Settlement = {
	readonly result: 'applied' | 'not-applied' | 'undetermined';
	/** What the read showed, for the audit line and the status line. */
	readonly observed: string;
	/** RunTask: the tasks found, as its answer would have listed them. */
	readonly created?: readonly string[];
};

export type SettleCheck = (reads: SettleReads) => Promise<Settlement>;

const applied = (observed: string, created?: readonly string[]): Settlement => ({
	result: 'applied',
	observed,
	...(created === undefined ? {} : {created}),
});
const notApplied = (observed: string): Settlement => ({result: 'not-applied', observed});
const undetermined = (observed: string): Settlement => ({result: 'undetermined', observed});

async function serviceOf(reads: SettleReads, cluster: string, service: string) {
	const answer = await reads.ecs.describeServices(cluster, [service]);
	return answer.items.find((item) => item.arn === service) ?? answer.items[0];
}

/**
 * A change of one field of a service: applied once the service reads `after`, not applied while
 * it still reads `before`, undetermined when it reads something else (changed since by another).
 */
function serviceFieldCheck<V extends string | number>(
	field: 'desiredCount' | 'taskDefinition',
	cluster: string,
	service: string,
	before: V,
	after: V,
): SettleCheck {
	return async (reads) => {
		const found = await serviceOf(reads, cluster, service);
		if (found === undefined) return undetermined('the service is no longer described by ECS');
		const value = found[field];
		const observed = `${field} ${value}`;
		if (value === after) return applied(observed);
		if (value === before) return notApplied(observed);
		return undetermined(`${observed}: changed, but not to ${after}`);
	};
}

export function desiredCountCheck(
	cluster: string,
	service: string,
	before: number,
	after: number,
): SettleCheck {
	return serviceFieldCheck('desiredCount', cluster, service, before, after);
}

export function forceDeploymentCheck(
	cluster: string,
	service: string,
	primaryBefore: string | undefined,
): SettleCheck {
	return async (reads) => {
		const found = await serviceOf(reads, cluster, service);
		if (found === undefined) return undetermined('the service is no longer described by ECS');
		const primary = primaryDeployment(found)?.id;
		const observed = `primary deployment ${primary ?? 'none'}`;
		return primary !== undefined && primary !== primaryBefore
			? applied(observed)
			: notApplied(observed);
	};
}

/** A revision change: the service names the revision asked for, or still the one before. */
export function taskDefinitionCheck(
	cluster: string,
	service: string,
	before: string,
	after: string,
): SettleCheck {
	return serviceFieldCheck('taskDefinition', cluster, service, before, after);
}

export function stopTaskCheck(cluster: string, task: string, reason: string): SettleCheck {
	return async (reads) => {
		const answer = await reads.ecs.describeTasks(cluster, [task]);
		const found = answer.items.find((item) => item.arn === task);
		if (found === undefined) return undetermined('the task is no longer described by ECS');
		const observed = `desiredStatus ${found.desiredStatus}${found.stoppedReason === undefined ? '' : `, stoppedReason ${found.stoppedReason}`}`;
		if (found.desiredStatus !== 'STOPPED') return notApplied(observed);
		// Our StopTask leaves its reason; a task stopped for another reason was not stopped by it.
		return found.stoppedReason === reason ? applied(observed) : notApplied(observed);
	};
}

function sameTaskDefinition(taskDefinitionArn: string, asked: string): boolean {
	if (taskDefinitionArn === asked) return true;
	if (asked.startsWith('arn:')) return false;
	const familyRevision = taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
	return asked.includes(':') ? familyRevision === asked : familyRevision.startsWith(`${asked}:`);
}

/** Tasks that AWS's clock put a little before ours still count: clocks differ by seconds. */
const clockSlackMs = 60_000;

/**
 * RunTask's answer names the tasks it started; without it, the tasks ecs-top started from that
 * task definition since the request was sent are the evidence.
 */
export function runTaskCheck(cluster: string, taskDefinition: string, sentAt: number): SettleCheck {
	return async (reads) => {
		const arns = await reads.ecs.listTaskArns(cluster, {startedBy: startedByEcsTop});
		const described = arns.length === 0 ? [] : (await reads.ecs.describeTasks(cluster, arns)).items;
		const started = described.filter(
			(task) =>
				sameTaskDefinition(task.taskDefinitionArn, taskDefinition) &&
				task.createdAt !== undefined &&
				task.createdAt >= sentAt - clockSlackMs,
		);
		if (started.length === 0)
			return notApplied(`no task of ${taskDefinition} started by ${startedByEcsTop} since then`);
		const ids = started.map((task) => shortId(task.arn)).join(', ');
		return applied(
			`${started.length} task(s) of ${taskDefinition} started by ${startedByEcsTop}: ${ids}`,
			started.map((task) => task.arn),
		);
	};
}

export function instanceStateCheck(
	cluster: string,
	instances: readonly {readonly arn: string; readonly before: string | undefined}[],
	status: 'ACTIVE' | 'DRAINING',
): SettleCheck {
	return async (reads) => {
		const answer = await reads.ecs.describeContainerInstances(
			cluster,
			instances.map((instance) => instance.arn),
		);
		const statusOf = new Map(answer.items.map((item) => [item.arn, item.status]));
		const seen = instances.map((instance) => statusOf.get(instance.arn));
		const observed = `status ${seen.map((value) => value ?? 'not described').join(',')}`;
		if (seen.every((value) => value === status)) return applied(observed);
		if (seen.every((value, index) => value === instances[index]!.before)) {
			return notApplied(observed);
		}
		return undetermined(observed);
	};
}

export function desiredCapacityCheck(group: string, before: number, after: number): SettleCheck {
	return async (reads) => {
		const answer = await reads.autoScaling.describeAutoScalingGroups([group]);
		const found = answer.items[0];
		if (found === undefined) return undetermined('the group is no longer described');
		const observed = `DesiredCapacity ${found.desiredCapacity}`;
		if (found.desiredCapacity === after) return applied(observed);
		if (found.desiredCapacity === before) return notApplied(observed);
		return undetermined(`${observed}: changed, but not to ${after}`);
	};
}
