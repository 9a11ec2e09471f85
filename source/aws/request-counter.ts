import {AsyncLocalStorage} from 'node:async_hooks';
import {setMaxListeners} from 'node:events';
import type {Pluggable} from '@smithy/types';
import {isThrottlingError, PollThrottledError} from './errors.js';
import type {RequestStats} from './request-stats.js';

/**
 * Marks the calls made inside a poll run. A poll that AWS throttles is not retried by the SDK:
 * the poll scheduler runs it again one back-off later anyway, and the SDK's retries (and the
 * adaptive mode's client-side rate limiter, which holds later calls for seconds) would add
 * calls and hide the storm exactly when AWS asks us to slow down. Measured on the simulator with
 * half of all calls throttled: with SDK retries the call rate did not fall (standard mode) or a
 * run sat in the rate limiter for 12-19 s without the header saying why (adaptive mode).
 * Calls outside a poll run (the control actions) keep the SDK's retries.
 */
const pollRun = new AsyncLocalStorage<{readonly signal: AbortSignal | undefined}>();

/**
 * Runs `fn` as a poll: throttled attempts of the AWS calls it makes are not retried, nor are
 * attempts past their deadline (http-handler.ts). `signal` reaches every HTTP request the poll
 * makes, so aborting the poll (focus moved, `R`) ends its requests too, not only its next step.
 */
export function runAsPoll<T>(fn: () => T, signal?: AbortSignal): T {
	// What the poll waits for listens to its signal (each task definition the screen needs, each
	// call handed to the AWS thread): past Node's default of ten listeners it would print a leak
	// warning on stderr, which is the terminal the TUI draws on. Each is removed when it settles.
	if (signal !== undefined) setMaxListeners(0, signal);
	return pollRun.run({signal}, fn);
}

/** Whether the caller runs inside a poll: the AWS thread (remote/) is told with each call. */
export function inPoll(): boolean {
	return pollRun.getStore() !== undefined;
}

/** The abort signal of the poll the caller runs in, if any. */
export function pollSignal(): AbortSignal | undefined {
	return pollRun.getStore()?.signal;
}

/**
 * A middleware in the `deserialize` step, the innermost one: the retry middleware
 * (finalizeRequest) wraps it, so it runs once per HTTP attempt, retries included — which is
 * what the account's rate limit sees. High priority puts it outside the deserializer, so a
 * failed attempt arrives here as the parsed AWS exception and throttling can be told apart.
 */
export function requestCounter<Input extends object, Output extends object>(
	service: string,
	stats: RequestStats,
): Pluggable<Input, Output> {
	return {
		applyToStack(stack) {
			stack.add(
				(next, context) => async (args) => {
					const command = context.commandName ?? 'UnknownCommand';
					const operation = `${service}.${command.replace(/Command$/, '')}`;
					try {
						const output = await next(args);
						stats.record(operation);
						return output;
					} catch (error) {
						const throttled = isThrottlingError(error);
						stats.record(operation, {throttled});
						if (throttled && inPoll()) throw new PollThrottledError(error);
						throw error;
					}
				},
				{step: 'deserialize', priority: 'high', name: 'ecsTopRequestCounter', override: true},
			);
		},
	};
}
