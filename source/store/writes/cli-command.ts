/**
 * The `aws` CLI command equal to a planned request, so the confirmation can show it and a user
 * can copy it into a runbook or run it elsewhere. Exact and copy-pasteable: arguments that a
 * POSIX shell would split or expand are single-quoted, and the connection's region, profile and
 * endpoint are spelled out when ecs-top was given them (the endpoint without its secrets).
 */
import {needsEscaping} from '../../text/terminal-text.js';
import {maskUrlSecrets} from '../../text/url-secrets.js';
import type {Connection} from '../fleet-store.js';

/** Characters a shell leaves alone in an unquoted word. */
const plainWord = /^[A-Za-z0-9_./:=,@%+-]+$/;

/**
 * One shell word that means exactly `word`. Plain words stay bare; others are single-quoted;
 * a word holding a control character or an invisible one (an escape sequence in a stop reason,
 * a bidi override in an ARN) is ANSI-C quoted (`$'deploy\e]0;x\a'`, bash and zsh), so the
 * command shown is all visible characters and, pasted into a shell, passes the same bytes as
 * the request sent: it cannot do more, or other, than it says.
 */
export function shellQuote(word: string): string {
	if (plainWord.test(word)) return word;
	if (!needsEscaping(word)) return `'${word.replaceAll("'", `'\\''`)}'`;
	return `$'${[...word].map(ansiCEscape).join('')}'`;
}

const ansiCNamed: Readonly<Record<string, string>> = {
	'\\': '\\\\',
	"'": "\\'",
	'\u001b': '\\e',
	'\u0007': '\\a',
	'\b': '\\b',
	'\f': '\\f',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\v': '\\v',
};

function ansiCEscape(character: string): string {
	const named = ansiCNamed[character];
	if (named !== undefined) return named;
	if (!needsEscaping(character)) return character;
	const code = character.codePointAt(0)!;
	// Fixed digit counts, so a hex digit that follows is never read into the escape. \x is a
	// byte in bash, so only ASCII controls use it; the rest are code points (UTF-8 in a shell).
	if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
	if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
	return `\\U${code.toString(16).padStart(8, '0')}`;
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

export type AwsService = 'ecs' | 'autoscaling' | 'ssm';

/**
 * The arguments after `aws` for `<service> <operation> <args...>` plus the connection's flags;
 * `shown` masks the endpoint's secrets, for the screen (a command that is run keeps them).
 */
export function awsArguments(
	target: CliTarget,
	service: AwsService,
	operation: string,
	args: readonly string[],
	shown = true,
): string[] {
	const flags: string[] = [];
	if (target.region !== undefined) flags.push('--region', target.region);
	if (target.profile !== undefined) flags.push('--profile', target.profile);
	if (target.endpoint !== undefined)
		flags.push('--endpoint-url', shown ? maskUrlSecrets(target.endpoint) : target.endpoint);
	return [service, operation, ...args, ...flags];
}

/** `aws <service> <operation> <args...>` plus the connection's flags. */
export function awsCommand(
	target: CliTarget,
	service: AwsService,
	operation: string,
	args: readonly string[],
): string {
	return ['aws', ...awsArguments(target, service, operation, args)].map(shellQuote).join(' ');
}
