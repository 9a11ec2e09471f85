// A profile whose role is assumed with an MFA code, in a real terminal (tmux) against the
// simulator's STS: the code is asked for on the normal screen before the live view or the
// snapshot, the role is assumed with it (the snapshot and the header then show the role's
// account), a wrong code is refused in STS's words, and Ctrl-C at the prompt starts nothing.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {simMfaCode} from '../../source/sim/api/sts.js';
import {cliPath, TmuxTerminal, type Screen} from '../e2e/tmux.js';
import {startTestSim, type TestSim} from '../helpers/sim.js';

const serial = 'arn:aws:iam::123456789012:mfa/alice';
const roleArn = 'arn:aws:iam::210987654321:role/ecs-viewer';
const prompt = `MFA code for ${serial}: `;

let sim: TestSim;
let terminal: TmuxTerminal;

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 4, start: Date.now()});
});
afterAll(async () => sim.close());
afterEach(async () => terminal.kill());

/** A terminal whose HOME holds the MFA profile, running `args` (then the shell's exit status). */
async function start(args: string, options: {wrapped: boolean; stdoutTo?: string}): Promise<void> {
	terminal = new TmuxTerminal();
	const aws = join(terminal.dir, '.aws');
	mkdirSync(aws, {recursive: true});
	writeFileSync(
		join(aws, 'config'),
		`[profile viewer]\nregion = us-east-1\nrole_arn = ${roleArn}\nsource_profile = base\nmfa_serial = ${serial}\n`,
	);
	writeFileSync(
		join(aws, 'credentials'),
		'[base]\naws_access_key_id = AKIDALICE\naws_secret_access_key = not-shown\n',
	);
	const redirect =
		options.stdoutTo === undefined ? '' : ` > '${join(terminal.dir, options.stdoutTo)}'`;
	const command = `'${process.execPath}' '${cliPath}' --profile viewer --endpoint-url ${sim.server.url} ${args}${redirect}`;
	await terminal.start(options.wrapped ? `${command}; echo EXIT=$?; sleep 60` : command, {
		// Wide enough for the one-line errors to stay one line on screen.
		columns: 250,
		rows: 30,
		env: {
			AWS_CONFIG_FILE: join(aws, 'config'),
			AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
			AWS_EC2_METADATA_DISABLED: 'true',
		},
	});
}

const asked = (screen: Screen) => screen.lines.some((line) => line.startsWith(prompt.trimEnd()));
const exited = (screen: Screen) => /^EXIT=\d+$/m.test(screen.text);

describe('an mfa_serial profile', () => {
	it("--once: asks for the code, assumes the role with it, prints the role account's snapshot", async () => {
		// The snapshot goes to a file, as a script would take it: the prompt is on stderr.
		await start('--once --json', {wrapped: true, stdoutTo: 'snapshot.json'});
		await terminal.waitFor('the MFA prompt', asked);
		await terminal.type(simMfaCode);
		await terminal.press('Enter');
		const screen = await terminal.waitFor('the exit status', exited);
		expect(screen.text).toMatch(/^EXIT=0$/m);
		const snapshot = JSON.parse(readFileSync(join(terminal.dir, 'snapshot.json'), 'utf8')) as {
			account: string;
			region: string;
		};
		expect(snapshot).toMatchObject({account: '210987654321', region: 'us-east-1'});
	});

	it("the live view: asks on the normal screen first, then shows the role's account", async () => {
		await start('', {wrapped: false});
		await terminal.waitFor('the MFA prompt', asked);
		// The prompt is on the shell's screen: the live view has not started.
		expect(await terminal.display('#{alternate_on}')).toBe('0');
		await terminal.type(simMfaCode);
		await terminal.press('Enter');
		const screen = await terminal.waitFor('the live view with the role account', (s) =>
			/ecs-top\s+210987654321/.test(s.lines[0] ?? ''),
		);
		expect(screen.lines[0]).toContain('viewer');
		expect(await terminal.display('#{alternate_on}')).toBe('1');
		await terminal.press('q');
		expect(await terminal.ending()).toEqual({code: 0});
	});

	it("a wrong code: refused in STS's words, exit 1, nothing started", async () => {
		await start('--once', {wrapped: true});
		await terminal.waitFor('the MFA prompt', asked);
		await terminal.type('000000');
		await terminal.press('Enter');
		const screen = await terminal.waitFor('the exit status', exited);
		expect(screen.text).toContain(
			`ecs-top: AWS refused the MFA code for ${serial} (sts:AssumeRole on ${roleArn}): MultiFactorAuthentication failed with invalid MFA one time pass code.`,
		);
		expect(screen.text).toMatch(/^EXIT=1$/m);
	});

	it('Ctrl-C at the prompt: nothing started, exit 130', async () => {
		await start('', {wrapped: true});
		await terminal.waitFor('the MFA prompt', asked);
		await terminal.press('C-c');
		const screen = await terminal.waitFor('the exit status', exited);
		expect(screen.text).toContain('ecs-top: no MFA code given: nothing was started');
		expect(screen.text).toMatch(/^EXIT=130$/m);
	});
});
