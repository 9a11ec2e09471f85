// End to end, in a real terminal (tmux): ecs-top against a simulator whose every listed field
// holds hostile text. What ecs-top writes is recorded byte for byte; it may hold no escape
// sequence that ecs-top did not write itself, the terminal's title stays, nothing lands in
// tmux's paste buffers (OSC 52 is honoured: set-clipboard on), and each field is on screen,
// escaped. A canary run of the raw attack in the same terminal setup proves the checks bite.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {TmuxTerminal, cliPath} from '../e2e/tmux.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';
import type {FaultSettings} from '../../source/sim/faults.js';
import {
	hostileAssignment,
	hostileFamily,
	hostileStopTaskError,
	injectHostileFleet,
	type FieldName,
	type HostileField,
} from './hostile-fleet.js';

const escapeCharacter = '\u001b';

/**
 * The sequences ecs-top (through Ink) writes itself: CSI with numeric or private parameters
 * for colours, cursor moves and erasing, the alternate screen and the cursor's visibility. No
 * OSC, no DCS, no scroll region (`r`), no C1 controls.
 */
const ownSequence = new RegExp(`${escapeCharacter}\\[[0-9;?]*[ABCDEGHJKhlm]`, 'g');
// Anything a terminal acts on besides the newlines and carriage returns of Ink's frames.
const foreignControl =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function foreignEscapes(raw: string): string[] {
	const rest = raw.replace(ownSequence, '');
	const found: string[] = [];
	for (const line of rest.split('\n')) {
		const match = foreignControl.exec(line);
		if (match)
			found.push(JSON.stringify(line.slice(Math.max(0, match.index - 10), match.index + 30)));
	}
	return found;
}

async function startTerminal(command: string, record: string): Promise<TmuxTerminal> {
	const terminal = new TmuxTerminal();
	// The command waits for the recording to start, so its very first byte is recorded.
	const go = join(terminal.dir, 'go');
	const script = join(terminal.dir, 'run.sh');
	writeFileSync(script, `while [ ! -e '${go}' ]; do sleep 0.02; done\nexec ${command}\n`);
	await terminal.start(`sh '${script}'`, {
		columns: 200,
		rows: 50,
		env: {
			AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
			AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
			AWS_REGION: 'us-east-1',
		},
	});
	// Terminals that honour OSC 52 put it in the clipboard; tmux then fills a paste buffer.
	await terminal.command('set-option', '-s', 'set-clipboard', 'on');
	await terminal.command('select-pane', '-T', 'operator-title');
	await terminal.recordOutput(join(terminal.dir, record));
	await terminal.command('run-shell', `touch ${go}`);
	return terminal;
}

async function postFaults(sim: TestSim, patch: Partial<FaultSettings>): Promise<void> {
	const answer = await fetch(`${sim.server.url}/__sim/faults`, {
		method: 'POST',
		body: JSON.stringify(patch),
	});
	if (!answer.ok) throw new Error(`faults: ${answer.status} ${await answer.text()}`);
}

describe('a canary: the raw attack in the same terminal', () => {
	let terminal: TmuxTerminal;
	afterEach(async () => terminal?.kill());

	it('retitles the terminal and fills a paste buffer, so the checks below can fail', async () => {
		terminal = await startTerminal(
			`printf '\\033]2;pwned\\033\\\\\\033]52;c;Y3VybCBldmls\\007done\\n'`,
			'canary.raw',
		);
		expect(await terminal.ending()).toEqual({code: 0});
		expect(await terminal.display('#{pane_title}')).toBe('pwned');
		expect((await terminal.command('list-buffers')).trim()).not.toBe('');
		const raw = readFileSync(join(terminal.dir, 'canary.raw'), 'utf8');
		expect(foreignEscapes(raw)).not.toEqual([]);
	});
});

describe.each([0, 1])('ecs-top over a hostile account (round %i)', (round) => {
	let sim: TestSim;
	let terminal: TmuxTerminal;
	let fields: Map<FieldName, HostileField>;
	const seen: string[] = [];

	beforeEach(async () => {
		sim = await startTestSim({scenario: 'demo', start: Date.now()});
		fields = hostileAssignment(round);
		await injectHostileFleet(sim, fields, (patch) => postFaults(sim, patch));
		seen.length = 0;
	});
	afterEach(async () => {
		await terminal?.kill();
		await sim?.close();
	});

	const shownIn = (field: FieldName) => fields.get(field)!.shown;
	/** Text with its spaces and borders taken out: what wrapping a value onto rows leaves alone. */
	const squash = (text: string) => text.replace(/[\s│]/gu, '');

	async function see(what: string, check: (text: string) => boolean): Promise<void> {
		const screen = await terminal.waitFor(what, (s) => check(s.text), {timeoutMs: 20_000});
		seen.push(screen.text);
	}

	/**
	 * Every field shown: a detail view wraps long values (a 10,000 character one takes dozens of
	 * rows), so the view is read a page at a time (PgDn) and put back together by the rows'
	 * numbers (its `lines 34-77 of 77`); a value is found across the rows it wraps onto.
	 */
	async function seeFields(what: string, names: readonly FieldName[]): Promise<void> {
		const wanted = names.map(shownIn);
		const rows: string[] = [];
		const found = () => {
			const whole = squash(rows.join(''));
			return wanted.filter((shown) => whole.includes(squash(shown)));
		};
		const read = (text: string) => {
			const lines = text.split('\n');
			const top = lines.findIndex((line) => line.startsWith('┌'));
			const range = /lines (\d+)-\d+ of \d+/u.exec(text);
			const content = lines
				.slice(top + 1)
				.filter((line) => line.startsWith('│') && !/lines \d+-\d+ of \d+/u.test(line));
			const first = range === null ? 0 : Number(range[1]) - 1;
			content.forEach((line, i) => (rows[first + i] = line.slice(1, -1)));
		};
		// The detail itself (its title says how to leave it), not the panes it opens over nor the
		// detail before it.
		const previous = seen.at(-1);
		await see(what, (t) => t !== previous && /┌─ .*\(Esc back/u.test(t));
		read(seen.at(-1)!);
		for (let page = 0; page < 80 && found().length < wanted.length; page++) {
			const before = seen.at(-1)!;
			await terminal.press('NPage');
			const screen = await terminal.waitForQuiet();
			seen.push(screen.text);
			read(screen.text);
			if (screen.text !== before) continue;
			// At the end of the view. A page read while a busy machine was still drawing it may
			// have been read short: read every page again on the way back up.
			for (let back = 0; back < 80 && found().length < wanted.length; back++) {
				const above = seen.at(-1)!;
				await terminal.press('PPage');
				const again = await terminal.waitForQuiet();
				seen.push(again.text);
				read(again.text);
				if (again.text === above) break;
			}
			// What is missing may still be on its way.
			await see(what, (t) => (read(t), found().length === wanted.length));
			break;
		}
		expect(found().sort()).toEqual([...wanted].sort());
	}

	it('writes no escape of its own choosing, keeps the title and the clipboard, shows every field escaped', async () => {
		terminal = await startTerminal(
			`'${process.execPath}' '${cliPath}' --endpoint-url ${sim.server.url}`,
			'ecs-top.raw',
		);
		await see('the clusters', (t) => /Clusters .*\[1\/3\]/.test(t));
		await terminal.press('G');
		await see('the web cluster', (t) => /Services \(web\) \[1\/\d+\]/.test(t));
		// The tasks are the cluster's until a key picks a service: k on the first picks api.
		await terminal.press('3', 'k', '1');
		await see('the api tasks', (t) => /Tasks \(api\) \[1\/\d+\]/.test(t));

		await terminal.press('3', 'Enter');
		await seeFields('the service detail', [
			'service capacity provider strategy',
			'service event message',
			'service placement expression',
			'deployment rolloutStateReason',
		]);
		await terminal.press('Escape', '4', 'Enter');
		await seeFields('the task detail', [
			'task capacityProviderName',
			'task startedBy',
			'container name',
			'container image',
			'container reason',
		]);
		await terminal.press('Escape', 't');
		await see('the stopped task', (t) => t.includes(shownIn('task stoppedReason')));
		await terminal.press('t', '2', 'Enter');
		await seeFields('the instance detail', [
			'instance agentVersion',
			'instance capacityProviderName',
			'instance statusReason',
		]);
		await terminal.press('Escape');
		await terminal.type(':td');
		await terminal.press('Enter');
		await see('the task definitions', (t) => t.includes(hostileFamily));
		// Enter on the family lists its revisions; Enter on one opens it.
		await terminal.press('g', 'Enter');
		await see('the revisions', (t) => t.includes(`${hostileFamily} revisions`));
		await terminal.press('Enter');
		await seeFields('the task definition detail', [
			'task definition container name',
			'task definition image',
			'task definition mount point',
			'task definition taskRoleArn',
			'task definition volume name',
			'task definition host path',
		]);
		await terminal.press('Escape', 'Escape', '4', 'x');
		await see("the stop dialog's aws command", (t) => /aws ecs stop-task/.test(t));
		await postFaults(sim, hostileStopTaskError(fields));
		await terminal.press('y');
		await see("AWS's error", (t) => t.includes(shownIn('AWS error message')));
		await terminal.waitForQuiet();

		// Wide, combining and escaped text kept every pane's right border in the last column.
		for (const screen of seen)
			for (const line of screen.split('\n').filter((l) => l.startsWith('│')))
				expect({line, width: stringWidth(line), end: line.at(-1)}).toEqual({
					line,
					width: 200,
					end: '│',
				});

		const raw = readFileSync(join(terminal.dir, 'ecs-top.raw'), 'utf8');
		expect(raw.length).toBeGreaterThan(1000);
		expect(foreignEscapes(raw)).toEqual([]);
		expect(await terminal.display('#{pane_title}')).toBe('operator-title');
		expect((await terminal.command('list-buffers')).trim()).toBe('');
	}, 120_000);
});
