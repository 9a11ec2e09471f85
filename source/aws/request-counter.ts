import type {Pluggable} from '@smithy/types';
import {isThrottlingError} from './errors.js';
import type {RequestStats} from './request-stats.js';

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
						stats.record(operation, {throttled: isThrottlingError(error)});
						throw error;
					}
				},
				{step: 'deserialize', priority: 'high', name: 'ecsTopRequestCounter', override: true},
			);
		},
	};
}
