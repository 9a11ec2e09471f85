/**
 * Sends a confirmed plan's work: the AWS request(s), each through `request`, which writes its
 * audit line, and the outcome in one plain sentence. A request that fails becomes data here
 * (status and message), never a throw: the UI shows it on the status line.
 */
import type {AutoScalingActionsAdapter} from '../../aws/autoscaling-actions.js';
import type {EcsActionsAdapter} from '../../aws/ecs-actions.js';
import {chunk} from '../../aws/concurrency.js';
import {ecsActionLimits} from '../../aws/ecs-actions.js';
import {AwsApiError, type AwsProblemKind} from '../../aws/errors.js';
import {shortId} from '../../model/arn.js';
import type {DescribeFailure} from '../../model/failure.js';
import {plural} from './plan-context.js';
import {startedByEcsTop} from './plan-run-task.js';
import type {PlannedWork} from './work.js';

/** The write adapters the runner needs: `AwsAdapters` (source/aws/adapters.ts) has both. */
export type ActionAdapters = {
	readonly ecsActions: EcsActionsAdapter;
	readonly autoScalingActions: AutoScalingActionsAdapter;
};

export type RequestFailure = {
	readonly kind: AwsProblemKind | 'bug';
	readonly code: string | undefined;
	readonly message: string;
};

export type RequestOutcome<T> =
	{readonly ok: true; readonly value: T} | {readonly ok: false; readonly failure: RequestFailure};

/** What the audit line of one request says beside its result. */
export type RequestRecord = {
	readonly action: string;
	readonly target: string;
	readonly before: string | number | undefined;
	readonly after: string | number | undefined;
};

export type SendDeps = {
	readonly adapters: ActionAdapters;
	/** Sends one request and writes its audit line, with what `describe` adds from the answer. */
	request<T>(
		record: RequestRecord,
		send: () => Promise<T>,
		describe?: (value: T) => {failures?: string[]; created?: string[]},
	): Promise<RequestOutcome<T>>;
};

export type WorkOutcome = {
	readonly status: 'succeeded' | 'partly-failed' | 'failed';
	readonly message: string;
	/** ARNs whose part failed: their optimistic marks go at once. */
	readonly failedArns: readonly string[];
	/** RunTask's new tasks, to follow them arriving. */
	readonly startedTaskArns: readonly string[];
};

export function failureOf(error: unknown): RequestFailure {
	if (error instanceof AwsApiError) {
		return {kind: error.problem.kind, code: error.problem.code, message: error.problem.message};
	}
	return {
		kind: 'bug',
		code: undefined,
		message: error instanceof Error ? error.message : String(error),
	};
}

/** After these, the next request of the same plan would fail the same way: stop sending. */
const hopeless = new Set<RequestFailure['kind']>([
	'access-denied',
	'credentials-expired',
	'credentials-missing',
	'clock-skew',
	'network',
]);

const done = (message: string, startedTaskArns: readonly string[] = []): WorkOutcome => ({
	status: 'succeeded',
	message,
	failedArns: [],
	startedTaskArns,
});

const failed = (message: string, failedArns: readonly string[]): WorkOutcome => ({
	status: 'failed',
	message,
	failedArns,
	startedTaskArns: [],
});

function describeFailure(failure: DescribeFailure): string {
	const what = failure.arn === undefined ? '' : `${shortId(failure.arn, 20)} `;
	return `${what}${failure.reason ?? 'failed'}${failure.detail === undefined ? '' : ` (${failure.detail})`}`;
}

export async function sendWork(work: PlannedWork, deps: SendDeps): Promise<WorkOutcome> {
	const {ecsActions, autoScalingActions} = deps.adapters;
	switch (work.kind) {
		case 'set-desired-count': {
			const outcome = await deps.request(
				{
					action: 'ecs:UpdateService',
					target: work.serviceArn,
					before: work.before,
					after: work.after,
				},
				() => ecsActions.setDesiredCount(work.clusterArn, work.serviceArn, work.after),
			);
			return outcome.ok
				? done(`${work.serviceName} desired count set to ${work.after} (was ${work.before})`)
				: failed(outcome.failure.message, [work.serviceArn]);
		}

		case 'force-deployment': {
			const outcome = await deps.request(
				{
					action: 'ecs:UpdateService',
					target: work.serviceArn,
					before: work.primaryDeploymentId,
					after: 'forceNewDeployment',
				},
				() => ecsActions.forceNewDeployment(work.clusterArn, work.serviceArn),
			);
			return outcome.ok
				? done(
						`${work.serviceName}: new deployment started; its tasks are replaced as it rolls out`,
					)
				: failed(outcome.failure.message, [work.serviceArn]);
		}

		case 'stop-tasks':
			return stopTasks(work, deps);

		case 'run-task': {
			const outcome = await deps.request(
				{
					action: 'ecs:RunTask',
					target: work.clusterArn,
					before: undefined,
					after: `${work.count} x ${work.taskDefinition} (startedBy ${startedByEcsTop}, clientToken ${work.clientToken})`,
				},
				() =>
					ecsActions.runTask({
						cluster: work.clusterArn,
						taskDefinition: work.taskDefinition,
						count: work.count,
						clientToken: work.clientToken,
						startedBy: startedByEcsTop,
						placement: work.placement,
					}),
				(answer) => ({
					created: answer.items.map((task) => task.arn),
					failures: answer.failures.map(describeFailure),
				}),
			);
			if (!outcome.ok) return failed(outcome.failure.message, [work.clusterArn]);
			const started = outcome.value.items.map((task) => task.arn);
			const why = outcome.value.failures.map(describeFailure).join('; ');
			if (started.length === 0) {
				return failed(`No task of ${work.taskDefinition} started: ${why || 'ECS gave no reason'}`, [
					work.clusterArn,
				]);
			}
			const ids = started.map((arn) => shortId(arn)).join(', ');
			if (started.length < work.count) {
				return {
					status: 'partly-failed',
					message: `Started ${started.length} of ${work.count} tasks of ${work.taskDefinition} (${ids}); not placed: ${why || 'ECS gave no reason'}`,
					failedArns: [],
					startedTaskArns: started,
				};
			}
			return done(
				`Started ${plural(started.length, 'task')} of ${work.taskDefinition}: ${ids}`,
				started,
			);
		}

		case 'set-instance-state':
			return setInstanceState(work, deps);

		case 'set-desired-capacity': {
			const outcome = await deps.request(
				{
					action: 'autoscaling:SetDesiredCapacity',
					target: work.autoScalingGroupName,
					before: work.before,
					after: work.after,
				},
				() => autoScalingActions.setDesiredCapacity(work.autoScalingGroupName, work.after),
			);
			const follow =
				work.after > work.before
					? 'new instances register with the cluster as they boot'
					: 'instances leave as they are drained and terminated';
			return outcome.ok
				? done(
						`${work.autoScalingGroupName} desired capacity set to ${work.after} (was ${work.before}): ${follow}`,
					)
				: failed(outcome.failure.message, [work.clusterArn]);
		}
	}
}

/** One StopTask per task, one after another, stopping early when the rest would fail too. */
async function stopTasks(
	work: Extract<PlannedWork, {kind: 'stop-tasks'}>,
	deps: SendDeps,
): Promise<WorkOutcome> {
	const stopped: string[] = [];
	const failures: {label: string; arn: string; message: string}[] = [];
	let giveUp: RequestFailure | undefined;
	for (const task of work.tasks) {
		if (giveUp !== undefined) {
			failures.push({label: task.label, arn: task.arn, message: 'not sent'});
			continue;
		}
		const outcome = await deps.request(
			{action: 'ecs:StopTask', target: task.arn, before: task.lastStatus, after: 'STOPPED'},
			() => deps.adapters.ecsActions.stopTask(work.clusterArn, task.arn, work.reason),
		);
		if (outcome.ok) {
			stopped.push(task.label);
		} else {
			failures.push({label: task.label, arn: task.arn, message: outcome.failure.message});
			if (hopeless.has(outcome.failure.kind)) giveUp = outcome.failure;
		}
	}
	const failedArns = failures.map((failure) => failure.arn);
	if (failures.length === 0) {
		return done(
			stopped.length === 1
				? `Stopping task ${stopped[0]}`
				: `Stopping ${stopped.length} tasks: ${stopped.join(', ')}`,
		);
	}
	const first = failures.find((failure) => failure.message !== 'not sent') ?? failures[0]!;
	if (stopped.length === 0) {
		return failed(
			work.tasks.length === 1
				? `Task ${first.label} not stopped: ${first.message}`
				: `No task stopped: ${first.message}`,
			failedArns,
		);
	}
	return {
		status: 'partly-failed',
		message: `Stopping ${stopped.length} of ${work.tasks.length} tasks; not stopped: ${failures.map((failure) => failure.label).join(', ')} (${first.message})`,
		failedArns,
		startedTaskArns: [],
	};
}

/** One call per 10 instances (the API's batch), each with its own audit line. */
async function setInstanceState(
	work: Extract<PlannedWork, {kind: 'set-instance-state'}>,
	deps: SendDeps,
): Promise<WorkOutcome> {
	const changed: string[] = [];
	const failedArns: string[] = [];
	const reasons: string[] = [];
	let giveUp = false;
	for (const batch of chunk(work.instances, ecsActionLimits.updateInstancesState)) {
		const arns = batch.map((instance) => instance.arn);
		if (giveUp) {
			failedArns.push(...arns);
			continue;
		}
		const befores = [...new Set(batch.map((instance) => instance.before ?? 'unknown'))];
		const outcome = await deps.request(
			{
				action: 'ecs:UpdateContainerInstancesState',
				target: arns.join(' '),
				before: befores.join(','),
				after: work.status,
			},
			() => deps.adapters.ecsActions.setContainerInstancesState(work.clusterArn, arns, work.status),
			(answer) => ({failures: answer.failures.map(describeFailure)}),
		);
		if (!outcome.ok) {
			failedArns.push(...arns);
			reasons.push(outcome.failure.message);
			giveUp = hopeless.has(outcome.failure.kind);
			continue;
		}
		const missed = new Set(outcome.value.failures.flatMap((failure) => failure.arn ?? []));
		reasons.push(...outcome.value.failures.map(describeFailure));
		for (const instance of batch) {
			if (missed.has(instance.arn)) failedArns.push(instance.arn);
			else changed.push(instance.label);
		}
	}
	const why = reasons.join('; ');
	if (failedArns.length === 0) return done(`${changed.join(', ')} set to ${work.status}`);
	if (changed.length === 0) {
		const labels = work.instances.map((instance) => instance.label).join(', ');
		return failed(`${labels} not changed: ${why || 'not sent'}`, failedArns);
	}
	return {
		status: 'partly-failed',
		message: `${changed.join(', ')} set to ${work.status}; ${plural(failedArns.length, 'instance')} not changed: ${why || 'not sent'}`,
		failedArns,
		startedTaskArns: [],
	};
}
