/**
 * `e` and `F` hand the terminal to the `aws` CLI (ECS Exec, an SSM port forwarding session) and
 * take it back when that ends. ecs-top sends no request of its own for them: the CLI does. The
 * plan still shows the exact command, a confirmation runs it once, and the audit log records it
 * like a write (intent before the terminal is handed over, result when it comes back).
 */

/** What runs in the terminal: a program on PATH and its arguments, never through a shell. */
export type HandOffCommand = {
	readonly file: string;
	readonly args: readonly string[];
};

/** How the command ended: its exit code, or why it could not run. */
export type HandOffOutcome =
	| {readonly ok: true; readonly exitCode: number | null; readonly signal: string | null}
	| {readonly ok: false; readonly error: string};

/**
 * Runs a command with the terminal its own, and resolves once it has ended and the live view is
 * back. The TUI gives one that suspends Ink; tests give one that runs the command unattended.
 */
export type HandOff = (command: HandOffCommand) => Promise<HandOffOutcome>;

/** A confirmed `e` or `F`: the command, and what its audit lines say. */
export type HandOffWork = {
	readonly kind: 'hand-off';
	readonly command: HandOffCommand;
	/** The IAM action the CLI's first request needs: `ecs:ExecuteCommand`, `ssm:StartSession`. */
	readonly action: string;
	/** The task ARN. */
	readonly target: string;
	/** What the audit line's `after` says: `exec api /bin/sh`, `forward localhost:8080 -> api:80`. */
	readonly after: string;
	/** The status line's words: `shell in api of task 1a2b3c4d`. */
	readonly label: string;
};

/** The local programs a hand-off needs, as found on PATH. */
export type LocalTools = {
	/** `aws --version`'s first line, or undefined when no `aws` runs. */
	readonly awsVersion: string | undefined;
	/** Whether `session-manager-plugin` runs. */
	readonly sessionManagerPlugin: boolean;
};

/** What is missing locally for a hand-off, in words, or undefined when nothing is. */
export function localToolsProblem(tools: LocalTools): string | undefined {
	const problems: string[] = [];
	if (tools.awsVersion === undefined) {
		problems.push('the AWS CLI v2 (`aws`) is not on PATH: install it from the AWS CLI user guide');
	} else if (!/aws-cli\/2\./.test(tools.awsVersion)) {
		problems.push(
			`\`aws\` on PATH is not the AWS CLI v2 (it says ${tools.awsVersion.slice(0, 60)}): ECS Exec needs v2`,
		);
	}
	if (!tools.sessionManagerPlugin) {
		problems.push(
			'the Session Manager plugin (`session-manager-plugin`) is not on PATH: the AWS CLI needs it to open the session',
		);
	}
	return problems.length === 0 ? undefined : `Cannot hand over: ${problems.join('; ')}`;
}
