/**
 * The `aws` CLI command equal to a planned request, so the confirmation can show it and a user
 * can copy it into a runbook or run it elsewhere. Exact and copy-pasteable: arguments that a
 * POSIX shell would split or expand are single-quoted, and the connection's region, profile and
 * endpoint are spelled out when ecs-top was given them.
 */
import type {Connection} from '../fleet-store.js';

/** Characters a shell leaves alone in an unquoted word. */
const plainWord = /^[A-Za-z0-9_./:=,@%+-]+$/;

export function shellQuote(word: string): string {
	if (plainWord.test(word)) return word;
	return `'${word.replaceAll("'", `'\\''`)}'`;
}

export type CliTarget = {
	readonly region: string | undefined;
	readonly profile: string | undefined;
	/** Only when not AWS itself: the simulator, LocalStack. */
	readonly endpoint: string | undefined;
};

export function cliTargetOf(connection: Connection): CliTarget {
	return {region: connection.region, profile: connection.profile, endpoint: connection.endpoint};
}

/** `aws <service> <operation> <args...>` plus the connection's flags. */
export function awsCommand(
	target: CliTarget,
	service: 'ecs' | 'autoscaling',
	operation: string,
	args: readonly string[],
): string {
	const flags: string[] = [];
	if (target.region !== undefined) flags.push('--region', target.region);
	if (target.profile !== undefined) flags.push('--profile', target.profile);
	if (target.endpoint !== undefined) flags.push('--endpoint-url', target.endpoint);
	return ['aws', service, operation, ...args, ...flags].map(shellQuote).join(' ');
}
