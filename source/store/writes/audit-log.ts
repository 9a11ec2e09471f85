/**
 * The audit log: JSON lines recording every AWS request ecs-top sends on the user's behalf,
 * appended to `$XDG_STATE_HOME/ecs-top/audit.jsonl` (else `~/.local/state/ecs-top/audit.jsonl`).
 * Each request gets an intent line before it leaves, a result line once its fate is known, and,
 * when that fate was unknown, a settled line once a later read shows what AWS did (the format is
 * in docs/audit.md). It never holds credentials or environment values, only the fields below,
 * built from the plan and the classified answer.
 */
import {homedir} from 'node:os';
import {join} from 'node:path';
import {appendPrivately} from '../../files/private-file.js';
import {terminalSafeJson} from '../../text/printable.js';
import {maskEndpoint, maskUrlSecrets} from '../../text/url-secrets.js';

/**
 * - `intent`: written (and flushed to disk) before the request is sent; `result` is `sending`.
 * - `result`: `applied` (AWS answered yes), `refused` (AWS answered no, or the request never
 *   left), `unknown` (it may have reached AWS, but no answer came: the connection ended, the
 *   deadline passed, ecs-top quit).
 * - `settled`: for an `unknown` request, what a later read of AWS showed: `applied`,
 *   `not-applied`, or `undetermined` (the read could not tell; `observed` says what it saw).
 */
export type AuditPhase = 'intent' | 'result' | 'settled';
export type AuditResult =
	'sending' | 'applied' | 'refused' | 'unknown' | 'not-applied' | 'undetermined';

export type AuditEntry = {
	/** ISO 8601. */
	readonly time: string;
	readonly phase: AuditPhase;
	/** The same on a request's intent, result and settled lines. */
	readonly requestId: string;
	/** The caller's ARN (sts:GetCallerIdentity), when known. */
	readonly identity: string | undefined;
	readonly region: string | undefined;
	readonly profile: string | undefined;
	/** Only when not AWS itself (the simulator, LocalStack). */
	readonly endpoint: string | undefined;
	/** The IAM action, e.g. `ecs:UpdateService`. */
	readonly action: string;
	/** The resource acted on: an ARN or an Auto Scaling group name. */
	readonly target: string;
	readonly before: string | number | undefined;
	readonly after: string | number | undefined;
	readonly result: AuditResult;
	/** The AWS (or network) error code, when the request failed or its answer never came. */
	readonly errorCode?: string | undefined;
	/** What went wrong, in the words the status line used. */
	readonly errorMessage?: string | undefined;
	/** What AWS could not do although the request succeeded (RunTask's unplaced tasks...). */
	readonly failures?: readonly string[] | undefined;
	/** What the request created (RunTask's task ARNs). */
	readonly created?: readonly string[] | undefined;
	/** On a settled line: what the read showed (`desiredCount 12`, `desiredStatus STOPPED`). */
	readonly observed?: string | undefined;
	/** The plan this request belongs to: several lines share one when one key sent several. */
	readonly planId: string;
};

export type AuditLog = {
	readonly path: string;
	/** Appends one line, on disk when this returns; the error text if it could not be written. */
	append(entry: AuditEntry): string | undefined;
};

export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env): string {
	const state = env['XDG_STATE_HOME'];
	const base = state !== undefined && state !== '' ? state : join(homedir(), '.local', 'state');
	return join(base, 'ecs-top', 'audit.jsonl');
}

/**
 * What is recorded of an entry: an endpoint's password and signed parameters are not (nor in
 * an error message that names the endpoint). AWS's text is kept exact, in JSON escapes that a
 * terminal showing the file (`tail -f`) prints rather than runs.
 */
export function auditLine(entry: AuditEntry): string {
	const recorded: AuditEntry = {
		...entry,
		endpoint: maskEndpoint(entry.endpoint),
		...(entry.errorMessage === undefined ? {} : {errorMessage: maskUrlSecrets(entry.errorMessage)}),
	};
	return `${terminalSafeJson(recorded)}\n`;
}

/**
 * Written synchronously and fsynced: a line is rare (one per request), and an intent line must
 * be on disk before its request leaves, so that whatever ends ecs-top next (SIGKILL, a power
 * cut) the record still shows that the request may have reached AWS. The file is the user's
 * alone (0600, in a 0700 directory, whatever the umask).
 */
export function createAuditLog(path: string = defaultAuditLogPath()): AuditLog {
	return {
		path,
		append(entry) {
			try {
				appendPrivately(path, auditLine(entry), {durable: true});
				return undefined;
			} catch (error) {
				return error instanceof Error ? error.message : String(error);
			}
		},
	};
}
