/**
 * Sends a confirmed plan's work: the AWS request(s), each through `request`, which writes its
 * audit lines, and the outcome in one plain sentence. A request that fails becomes data here
 * (status and message), never a throw: the UI shows it on the status line. A request whose
 * answer never came is `unknown`, not failed: it carries a check the runner makes later to learn
 * what AWS did, and nothing after it in the same plan is sent.
 */
import type {AutoScalingActionsAdapter} from '../../aws/autoscaling-actions.js';
import type {EcsActionsAdapter} from '../../aws/ecs-actions.js';
import {chunk} from '../../aws/concurrency.js';
import {ecsActionLimits} from '../../aws/ecs-limits.js';
import {AwsApiError, type AwsProblemKind} from '../../aws/errors.js';
import {notDeliveredCodes, type WriteOptions} from '../../aws/write-once.js';
import {shortId, taskDefinitionName as shortRevision} from '../../model/arn.js';
import type {DescribeFailure} from '../../model/failure.js';
import {plural} from './plan-context.js';
import {startedByEcsTop} from './plan-run-task.js';
import {
	desiredCapacityCheck,
	desiredCountCheck,
	forceDeploymentCheck,
	instanceStateCheck,
	runTaskCheck,
	stopTaskCheck,
	taskDefinitionCheck,
	type SettleCheck,
	type SettleReads,
} from './settle-checks.js';
import type {PlannedWork} from './work.js';

/**
 * The adapters the runner needs: the writes, and the reads that check a write whose answer
 * never came. `AwsAdapters` (source/aws/adapters.ts) has them all.
 */
export type ActionAdapters = SettleReads & {
	readonly ecsActions: EcsActionsAdapter;
	readonly autoScalingActions: AutoScalingActionsAdapter;
};

export type RequestFailure = {
	readonly kind: AwsProblemKind | 'bug' | 'no-answer';
	readonly code: string | undefined;
	readonly message: string;
	/**
	 * `refused`: AWS answered no, or the request never left. `unknown`: it may have reached AWS
	 * and no answer says what happened (the connection ended, the deadline passed, a 5xx).
	 */
	readonly verdict: 'refused' | 'unknown';
};

export type RequestOutcome<T> =
	{readonly ok: true; readonly value: T} | {readonly ok: false; readonly failure: RequestFailure};

/** What the audit lines of one request say beside its result. */
export type RequestRecord = {
	readonly action: string;
	readonly target: string;
	readonly before: string | number | undefined;
	readonly after: string | number | undefined;
};

export type RequestExtras<T> = {
	/** What the answer adds to the result line. */
	readonly describe?: (value: T) => {failures?: string[]; created?: string[]};
	/** How to learn what AWS did if no answer comes. */
	readonly settle: SettleCheck;
};

export type SendDeps = {
	readonly adapters: ActionAdapters;
	/** Epoch ms, on the clock AWS's timestamps are compared with. */
	now(): number;
	/** Sends one request (with the runner's deadline) and writes its audit lines. */
	request<T>(
		record: RequestRecord,
		send: (write: WriteOptions) => Promise<T>,
		extras: RequestExtras<T>,
	): Promise<RequestOutcome<T>>;
};

export type WorkOutcome = {
	readonly status: 'succeeded' | 'partly-failed' | 'failed' | 'unknown';
	readonly message: string;
	/** ARNs whose part failed: their optimistic marks go at once. */
	readonly failedArns: readonly string[];
	/** RunTask's new tasks, to follow them arriving. */
	readonly startedTaskArns: readonly string[];
	/** ARNs whose request has no answer: marked `outcome unknown` until checked. */
	readonly unknownArns?: readonly string[];
};

/**
 * Whether AWS may have applied a request that failed this way. Only an answer from AWS (a 4xx),
 * missing credentials (nothing was signed, so nothing was sent) or a connection that was never
 * made proves it did not; anything else is unknown until a read shows it.
 */
function verdictOf(error: unknown): RequestFailure['verdict'] {
	if (error instanceof AwsApiError) {
		const {httpStatus, kind, code} = error.problem;
		if (httpStatus !== undefined)
			return httpStatus >= 400 && httpStatus < 500 ? 'refused' : 'unknown';
		if (kind === 'credentials-missing' || kind === 'credentials-expired' || kind === 'throttled') {
			return 'refused';
		}
		return code !== undefined && notDeliveredCodes.has(code) ? 'refused' : 'unknown';
	}
	// The adapters check their input before sending (RangeError): such a request never left.
	return error instanceof RangeError || (error as Error | undefined)?.name === 'RangeError'
		? 'refused'
		: 'unknown';
}

export function failureOf(error: unknown): RequestFailure {
	const verdict = verdictOf(error);
	if (error instanceof AwsApiError) {
		const {kind, code, message} = error.problem;
		return {kind, code, message, verdict};
	}
	return {
		kind: 'bug',
		code: (error as Error | undefined)?.name,
		message: error instanceof Error ? error.message : String(error),
		verdict,
	};
}

/** Said of a request whose answer never came: the runner checks and says what AWS did. */
export function unknownOutcome(what: string, failure: RequestFailure, arns: readonly string[]) {
	return {
		status: 'unknown' as const,
		message: `${what}: outcome unknown, checking (${failure.message})`,
		failedArns: [],
		startedTaskArns: [],
		unknownArns: arns,
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

/**
 * A request AWS did not apply: unknown when no answer came (the runner then checks what AWS did),
 * else failed, in AWS's words.
 */
function notApplied(what: string, failure: RequestFailure, arns: readonly string[]): WorkOutcome {
	return failure.verdict === 'unknown'
		? unknownOutcome(what, failure, arns)
		: failed(failure.message, arns);
}

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
				(write) => ecsActions.setDesiredCount(work.clusterArn, work.serviceArn, work.after, write),
				{settle: desiredCountCheck(work.clusterArn, work.serviceArn, work.before, work.after)},
			);
			if (outcome.ok)
				return done(`${work.serviceName} desired count set to ${work.after} (was ${work.before})`);
			return notApplied(`${work.serviceName} desired count ${work.after}`, outcome.failure, [
				work.serviceArn,
			]);
		}

		case 'force-deployment': {
			const outcome = await deps.request(
				{
					action: 'ecs:UpdateService',
					target: work.serviceArn,
					before: work.primaryDeploymentId,
					after: 'forceNewDeployment',
				},
				(write) => ecsActions.forceNewDeployment(work.clusterArn, work.serviceArn, write),
				{
					settle: forceDeploymentCheck(work.clusterArn, work.serviceArn, work.primaryDeploymentId),
				},
			);
			if (outcome.ok)
				return done(
					`${work.serviceName}: new deployment started; its tasks are replaced as it rolls out`,
				);
			return notApplied(`${work.serviceName} new deployment`, outcome.failure, [work.serviceArn]);
		}

		case 'set-task-definition': {
			const outcome = await deps.request(
				{
					action: 'ecs:UpdateService',
					target: work.serviceArn,
					before: work.before,
					after: work.after,
				},
				(write) =>
					ecsActions.setTaskDefinition(work.clusterArn, work.serviceArn, work.after, write),
				{settle: taskDefinitionCheck(work.clusterArn, work.serviceArn, work.before, work.after)},
			);
			const after = shortRevision(work.after);
			if (outcome.ok)
				return done(
					`${work.serviceName}: deploying ${after} (was ${shortRevision(work.before)}); the row follows the rollout`,
				);
			return notApplied(`${work.serviceName} deploy ${after}`, outcome.failure, [work.serviceArn]);
		}

		case 'stop-tasks':
			return stopTasks(work, deps);

		case 'run-task': {
			const sentAt = deps.now();
			const outcome = await deps.request(
				{
					action: 'ecs:RunTask',
					target: work.clusterArn,
					before: undefined,
					after: `${work.count} x ${work.taskDefinition} (startedBy ${startedByEcsTop}, clientToken ${work.clientToken})`,
				},
				(write) =>
					ecsActions.runTask(
						{
							cluster: work.clusterArn,
							taskDefinition: work.taskDefinition,
							count: work.count,
							clientToken: work.clientToken,
							startedBy: startedByEcsTop,
							placement: work.placement,
						},
						write,
					),
				{
					describe: (answer) => ({
						created: answer.items.map((task) => task.arn),
						failures: answer.failures.map(describeFailure),
					}),
					settle: runTaskCheck(work.clusterArn, work.taskDefinition, sentAt),
				},
			);
			if (!outcome.ok) {
				return notApplied(`Run ${work.count} x ${work.taskDefinition}`, outcome.failure, [
					work.clusterArn,
				]);
			}
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
				(write) =>
					autoScalingActions.setDesiredCapacity(work.autoScalingGroupName, work.after, write),
				{settle: desiredCapacityCheck(work.autoScalingGroupName, work.before, work.after)},
			);
			const follow =
				work.after > work.before
					? 'new instances register with the cluster as they boot'
					: 'instances leave as they are drained and terminated';
			if (outcome.ok)
				return done(
					`${work.autoScalingGroupName} desired capacity set to ${work.after} (was ${work.before}): ${follow}`,
				);
			return notApplied(
				`${work.autoScalingGroupName} desired capacity ${work.after}`,
				outcome.failure,
				[work.clusterArn],
			);
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
	const unknown: {label: string; arn: string; message: string}[] = [];
	let giveUp: RequestFailure | undefined;
	for (const task of work.tasks) {
		if (giveUp !== undefined) {
			failures.push({label: task.label, arn: task.arn, message: 'not sent'});
			continue;
		}
		const outcome = await deps.request(
			{action: 'ecs:StopTask', target: task.arn, before: task.lastStatus, after: 'STOPPED'},
			(write) => deps.adapters.ecsActions.stopTask(work.clusterArn, task.arn, work.reason, write),
			{settle: stopTaskCheck(work.clusterArn, task.arn, work.reason)},
		);
		if (outcome.ok) {
			stopped.push(task.label);
		} else if (outcome.failure.verdict === 'unknown') {
			// The connection is in doubt: the rest waits for the user, who sees what happened.
			unknown.push({label: task.label, arn: task.arn, message: outcome.failure.message});
			giveUp = outcome.failure;
		} else {
			failures.push({label: task.label, arn: task.arn, message: outcome.failure.message});
			if (hopeless.has(outcome.failure.kind)) giveUp = outcome.failure;
		}
	}
	const failedArns = failures.map((failure) => failure.arn);
	if (unknown.length > 0) {
		const notSent =
			failures.length === 0 ? '' : `; not sent: ${failures.map((f) => f.label).join(', ')}`;
		const done = stopped.length === 0 ? '' : `stopping ${stopped.join(', ')}; `;
		return {
			status: 'unknown',
			message: `${done}task ${unknown[0]!.label}: outcome unknown, checking (${unknown[0]!.message})${notSent}`,
			failedArns,
			startedTaskArns: [],
			unknownArns: unknown.map((task) => task.arn),
		};
	}
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
	const unknownArns: string[] = [];
	const reasons: string[] = [];
	let unknownReason: string | undefined;
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
			(write) =>
				deps.adapters.ecsActions.setContainerInstancesState(
					work.clusterArn,
					arns,
					work.status,
					write,
				),
			{
				describe: (answer) => ({failures: answer.failures.map(describeFailure)}),
				settle: instanceStateCheck(work.clusterArn, batch, work.status),
			},
		);
		if (!outcome.ok && outcome.failure.verdict === 'unknown') {
			unknownArns.push(...arns);
			unknownReason ??= outcome.failure.message;
			giveUp = true;
			continue;
		}
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
	if (unknownArns.length > 0) {
		const labels = work.instances
			.filter((instance) => unknownArns.includes(instance.arn))
			.map((instance) => instance.label);
		const before = changed.length === 0 ? '' : `${changed.join(', ')} set to ${work.status}; `;
		return {
			status: 'unknown',
			message: `${before}${labels.join(', ')} ${work.status}: outcome unknown, checking (${unknownReason})`,
			failedArns,
			startedTaskArns: [],
			unknownArns,
		};
	}
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
