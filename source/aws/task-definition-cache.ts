/**
 * The ECS adapter's task definitions, fetched once each. A revision (`family:12`, or its ARN)
 * never changes, so what AWS said of it is kept; `family` alone moves with each new revision, so
 * it is fetched every time it is asked (what it resolved to is kept under its own ARN).
 *
 * What is kept is the settled definition, a plain object, never the promise of the call: a
 * promise made inside a poll carries the poll's context (its AbortSignal and whatever that holds)
 * for as long as it lives, and a cache of them pinned every first asker's poll for the whole
 * session. The kept definitions are bounded, the least recently asked dropped first.
 *
 * Askers of a revision not yet kept share one call. The call is nobody's own: an asker whose poll
 * is aborted stops waiting (its own promise rejects) while the others still get the answer; only
 * once every asker has gone is the call itself aborted. A failed call is not kept: the next asker
 * asks again.
 */
import {LRUCache} from 'lru-cache';
import type {TaskDefinition} from '../model/task-definition.js';
import {inPoll, pollSignal, runAsPoll} from './request-counter.js';

/**
 * Task definitions kept. The screen needs a handful at a time (the selected service's revisions,
 * those of the tasks in view, a revision list's newest 20), and the store keeps its own copy of
 * those; these spare a DescribeTaskDefinition when the user comes back to a service seen earlier
 * in the session. A converted definition is a few KB, so this is at most a few MB.
 */
export const KEPT_TASK_DEFINITIONS = 500;

/** A revision number at the end means the definition can never change, so it can be kept. */
const pinnedRevision = /:\d+$/;

type SharedCall = {
	readonly promise: Promise<TaskDefinition>;
	readonly controller: AbortController;
	askers: number;
};

/** How an asker whose poll was aborted is answered: as the AWS thread's proxy answers it. */
function abortError(signal: AbortSignal): Error {
	const error = new Error('the poll was aborted', {cause: signal.reason});
	error.name = 'AbortError';
	return error;
}

export type TaskDefinitionCache = {
	/** The definition of `taskDefinition` (a revision, its ARN, or a family's latest). */
	get(taskDefinition: string): Promise<TaskDefinition>;
	/** How many are kept (for tests of the bound). */
	readonly size: number;
};

export function createTaskDefinitionCache(
	fetch: (taskDefinition: string) => Promise<TaskDefinition>,
	options: {max?: number} = {},
): TaskDefinitionCache {
	const kept = new LRUCache<string, TaskDefinition>({max: options.max ?? KEPT_TASK_DEFINITIONS});
	const inFlight = new Map<string, SharedCall>();

	function keep(asked: string, definition: TaskDefinition): void {
		if (pinnedRevision.test(asked)) kept.set(asked, definition);
		if (definition.arn !== '' && definition.arn !== asked) kept.set(definition.arn, definition);
	}

	function start(taskDefinition: string): SharedCall {
		const controller = new AbortController();
		const run = () =>
			fetch(taskDefinition).then((definition) => {
				keep(taskDefinition, definition);
				return definition;
			});
		// Inside a poll, the call stays a poll (a throttled attempt is not retried) but with a
		// signal of its own, not the first asker's.
		const promise = inPoll() ? runAsPoll(run, controller.signal) : run();
		const call: SharedCall = {promise, controller, askers: 0};
		const forget = () => {
			if (inFlight.get(taskDefinition) === call) inFlight.delete(taskDefinition);
		};
		// Handled here, so a call every asker left does not reject unheard.
		promise.then(forget, forget);
		inFlight.set(taskDefinition, call);
		return call;
	}

	function leave(taskDefinition: string, call: SharedCall): void {
		call.askers -= 1;
		if (call.askers > 0) return;
		if (inFlight.get(taskDefinition) === call) inFlight.delete(taskDefinition);
		call.controller.abort(new Error('every asker of the task definition was aborted'));
	}

	function wait(taskDefinition: string, call: SharedCall): Promise<TaskDefinition> {
		const signal = pollSignal();
		call.askers += 1;
		if (signal === undefined) return call.promise;
		if (signal.aborted) {
			leave(taskDefinition, call);
			return Promise.reject(abortError(signal));
		}
		return new Promise<TaskDefinition>((resolve, reject) => {
			const onAbort = () => {
				leave(taskDefinition, call);
				reject(abortError(signal));
			};
			signal.addEventListener('abort', onAbort, {once: true});
			const settled = () => signal.removeEventListener('abort', onAbort);
			call.promise.then(
				(definition) => {
					settled();
					resolve(definition);
				},
				(error: unknown) => {
					settled();
					reject(error as Error);
				},
			);
		});
	}

	return {
		get(taskDefinition) {
			// A family's latest is the caller's own call, asked anew each time.
			if (!pinnedRevision.test(taskDefinition))
				return fetch(taskDefinition).then((definition) => {
					keep(taskDefinition, definition);
					return definition;
				});
			const held = kept.get(taskDefinition);
			if (held !== undefined) return Promise.resolve(held);
			const call = inFlight.get(taskDefinition) ?? start(taskDefinition);
			return wait(taskDefinition, call);
		},
		get size() {
			return kept.size;
		},
	};
}
