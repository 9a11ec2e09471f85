/**
 * A profile whose role is assumed with an MFA code (`role_arn`, `source_profile`, `mfa_serial`):
 * the code is asked for on the normal screen before anything else runs (the live view's alternate
 * screen, or --once's snapshot), the role is assumed here with it, and its temporary credentials
 * go to the clients (on the AWS thread too). Like the AWS CLI, one line is read from the terminal;
 * unlike a live view, a prompt can wait for a person, so this is the only place that asks.
 */
import {createInterface} from 'node:readline';
import type {SessionCredentials} from '../aws/credentials.js';
import {mergedProfiles, mfaSerialOf} from '../aws/profile-chain.js';
import {inspectAwsConfig, type AppOptions} from '../options.js';

export type Terminal = {
	readonly input: NodeJS.ReadableStream & {readonly isTTY?: boolean};
	readonly output: NodeJS.WritableStream;
};

export type MfaOutcome =
	| {readonly ok: true; readonly credentials: SessionCredentials | undefined}
	| {readonly ok: false; readonly error: string; readonly exitCode: number};

class PromptCancelled extends Error {}

/** One line typed at the terminal, or PromptCancelled (Ctrl-C, or the input ended). */
function askLine(terminal: Terminal, question: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const prompt = createInterface({
			input: terminal.input,
			output: terminal.output,
			terminal: true,
		});
		let answered = false;
		prompt.on('SIGINT', () => {
			terminal.output.write('\n');
			prompt.close();
		});
		prompt.on('close', () => {
			if (!answered) reject(new PromptCancelled());
		});
		prompt.question(question, (line) => {
			answered = true;
			prompt.close();
			resolve(line.trim());
		});
	});
}

/** STS takes a code of six digits; a typo is asked again rather than sent to be refused. */
const codePattern = /^\d{6}$/;
const attempts = 3;

async function askCode(terminal: Terminal, serial: string): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const code = (await askLine(terminal, `MFA code for ${serial}: `)).replace(/\s+/g, '');
		if (codePattern.test(code) || attempt === attempts) return code;
		terminal.output.write('An MFA code is the 6 digits your device shows now.\n');
	}
}

/**
 * The temporary credentials of the options' profile when its role needs an MFA code (undefined
 * when it needs none), asked for on `terminal`. Fails with what to do when the input is not a
 * terminal, the prompt is cancelled, or AWS refuses the code or the role.
 */
export async function mfaSessionCredentials(
	options: AppOptions,
	terminal: Terminal = {input: process.stdin, output: process.stderr},
	env: NodeJS.ProcessEnv = process.env,
): Promise<MfaOutcome> {
	if (options.demo !== undefined) return {ok: true, credentials: undefined};
	const setup = await inspectAwsConfig(options, env);
	// A configuration problem is the command line's to report (exit 2), not this prompt's.
	if (!setup.ok) return {ok: true, credentials: undefined};
	const {profile, config, region} = setup.value;
	const mfa = mfaSerialOf(mergedProfiles(config), profile);
	if (mfa === undefined) return {ok: true, credentials: undefined};
	if (terminal.input.isTTY !== true) {
		return {
			ok: false,
			exitCode: 1,
			error: `profile ${profile} assumes ${mfa.roleArn} with an MFA code (${mfa.serial}), and stdin is not a terminal to type it: run ecs-top in a terminal, or put temporary credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (from aws sts assume-role --role-arn ${mfa.roleArn} --role-session-name ecs-top --serial-number ${mfa.serial} --token-code CODE) and leave out --profile and AWS_PROFILE`,
		};
	}
	const [{credentialProvider}, {classifyAwsError}] = await Promise.all([
		import('../aws/credentials.js'),
		import('../aws/errors.js'),
	]);
	const provider = credentialProvider({
		profile,
		region,
		endpointUrl: options.endpointUrl,
		env,
		mfaCodeProvider: (serial) => askCode(terminal, serial),
	});
	try {
		const credentials = await provider();
		return {
			ok: true,
			credentials: {
				profile,
				accessKeyId: credentials.accessKeyId,
				secretAccessKey: credentials.secretAccessKey,
				sessionToken: credentials.sessionToken,
				expiration: credentials.expiration,
			},
		};
	} catch (error) {
		if (error instanceof PromptCancelled)
			return {ok: false, exitCode: 130, error: 'no MFA code given: nothing was started'};
		const problem = classifyAwsError(error, {
			service: 'sts',
			operation: 'AssumeRole',
			profile,
			region,
			endpoint: options.endpointUrl,
		});
		return {ok: false, exitCode: 1, error: problem.message};
	}
}
