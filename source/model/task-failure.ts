/**
 * Whether a stopped task stopped because something went wrong, and what, in a form that is the
 * same for every task with the same cause (so that 32 crashed tasks read as one cause). A task
 * stopped by a person, a deployment or a scale-in, or a batch job that exited 0, is no failure.
 */
import type {Task} from './task.js';

export type TaskFailureKind =
	/** A container was killed for using more memory than its limit. */
	| 'oom'
	/** The container or load balancer health check failed and ECS replaced the task. */
	| 'health-check'
	/** The task never ran: an image pull, a secret, an ENI, a role. */
	| 'failed-to-start'
	/** An essential container exited with a non-zero code, which stops the whole task. */
	| 'exit';

export type TaskFailure = {
	readonly kind: TaskFailureKind;
	/** The cause with no task-specific part, e.g. `exit 1 (checkout)`. */
	readonly cause: string;
};

const oom = /OutOfMemory/i;

export function taskFailure(task: Task): TaskFailure | undefined {
	if (task.lastStatus !== 'STOPPED') return undefined;
	const killed = task.containers.find((container) => oom.test(container.reason ?? ''));
	if (killed !== undefined) return {kind: 'oom', cause: `out of memory (${killed.name})`};
	if (oom.test(task.stoppedReason ?? '')) return {kind: 'oom', cause: 'out of memory'};
	const reason = withoutIds(task.stoppedReason ?? '');
	if (/health check/i.test(reason)) return {kind: 'health-check', cause: reason};
	if (task.stopCode === 'TaskFailedToStart')
		return {kind: 'failed-to-start', cause: reason === '' ? 'failed to start' : reason};
	if (task.stopCode !== 'EssentialContainerExited') return undefined;
	const exited = task.containers.find(
		(container) => container.exitCode !== undefined && container.exitCode !== 0,
	);
	if (exited === undefined) return undefined;
	return {kind: 'exit', cause: `exit ${exited.exitCode} (${exited.name})`};
}

/** Target group ARNs and other parenthesised ids differ per task; the cause does not. */
function withoutIds(reason: string): string {
	return reason
		.replace(/\s*\((?:target-group|task|instance) [^)]*\)/gi, '')
		.replace(/\s+/g, ' ')
		.trim();
}
