/**
 * What every poll tier gets from the poller: the adapters, the store to read, a batched writer,
 * the clock, and a way to wake a dependent tier (new instances -> EC2 details, new task
 * definition ARNs -> their definitions) within the same refresh instead of one interval later.
 */
import type {AwsAdapters} from '../../aws/adapters.js';
import {AwsApiError} from '../../aws/errors.js';
import type {DataProblem, DataSetId, FleetState, FleetUpdate} from '../fleet-store.js';
import type {NOT_DUE} from '../poll-scheduler.js';

export type TierContext = {
	readonly adapters: AwsAdapters;
	read(): FleetState;
	write(update: FleetUpdate): void;
	/** Epoch ms as AWS sees it: CloudWatch windows are computed from it. */
	now(): number;
	/**
	 * Runs another tier once this tier's writes are in the store, if that tier is on screen and
	 * its `needed` says there is something new for it.
	 */
	wake(id: DataSetId): void;
	/** Resolves once the clusters tier's current run (if any) has settled. */
	clustersSettled(): Promise<void>;
};

/** A tier as the poll scheduler takes it, with its id narrowed to a data set. */
export type FleetTier = {
	readonly id: DataSetId;
	/**
	 * Fetches and stores the tier's data. A problem it resolves with is shown (header, log) while
	 * the run still counts as a success: what did arrive is current (a `--cluster` AWS does not
	 * know, beside the ones it does). NOT_DUE: nothing was fetched (a paced tier asked too soon),
	 * so the data keeps its age and its problem.
	 */
	readonly run: (signal: AbortSignal) => Promise<DataProblem | typeof NOT_DUE | void>;
	readonly intervalMs?: number;
	readonly intervalFactor?: number;
	/** A longer interval the tier needs now (a paced scope); read after each run. */
	readonly minIntervalMs?: () => number | undefined;
	/** Whether the tier is on screen in this state (the scheduler asks with the store's). */
	readonly enabled?: (state: FleetState) => boolean;
	/** Whether a wake-up finds work (uncached items); a tier without it always runs when woken. */
	readonly needed?: (state: FleetState) => boolean;
};

/** AWS's request id, wherever in the chain of causes the SDK's error carries it. */
export function requestIdOf(error: unknown, depth = 0): string | undefined {
	if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
	const id = (error as {$metadata?: {requestId?: unknown}}).$metadata?.requestId;
	if (typeof id === 'string' && id !== '') return id;
	return requestIdOf((error as {cause?: unknown}).cause, depth + 1);
}

export function problemOf(error: unknown): DataProblem {
	if (error instanceof AwsApiError) {
		const {kind, message, service, operation, httpStatus} = error.problem;
		return {
			kind,
			message,
			action: `${service}:${operation}`,
			httpStatus,
			requestId: requestIdOf(error.cause),
		};
	}
	const message = error instanceof Error ? error.message || error.name : String(error);
	return {kind: 'other', message, action: undefined};
}

/** A write that sets (or clears) one data set's problem; the same record when nothing changes. */
export function withProblem(id: DataSetId, problem: DataProblem | undefined): FleetUpdate {
	return (state) => {
		const before = state.problems[id];
		if (before === problem) return {};
		if (
			before !== undefined &&
			problem !== undefined &&
			before.kind === problem.kind &&
			before.message === problem.message &&
			before.action === problem.action
		)
			return {};
		const problems = {...state.problems};
		if (problem === undefined) delete problems[id];
		else problems[id] = problem;
		return {problems};
	};
}

export function valueOf<T>(result: PromiseSettledResult<T>): T | undefined {
	return result.status === 'fulfilled' ? result.value : undefined;
}

/** The first rejection's reason among results, throttling first (it decides the back-off). */
export function firstFailure(results: readonly PromiseSettledResult<unknown>[]): unknown {
	const reasons = results.flatMap((result) =>
		result.status === 'rejected' ? [result.reason as unknown] : [],
	);
	return (
		reasons.find(
			(reason) => reason instanceof AwsApiError && reason.problem.kind === 'throttled',
		) ?? reasons[0]
	);
}

/**
 * After storing what did arrive (an error never blanks data), a tier still reports that it
 * failed, so its data set is marked stale and the scheduler backs off.
 */
export function throwFirstFailure(results: readonly PromiseSettledResult<unknown>[]): void {
	if (results.some((result) => result.status === 'rejected')) throw firstFailure(results);
}
