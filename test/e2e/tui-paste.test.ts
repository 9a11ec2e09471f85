// Pasting into ecs-top in a real terminal: tmux's paste-buffer -p brackets the text only if the
// program turned bracketed paste mode on, exactly as a terminal emulator does. Shell lines pasted
// into any pane send nothing (the simulator's request log has no write), a paste into the filter
// types text, and the mode is off again however ecs-top ends, so the shell's pastes come plain.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';
import {writeOperations} from '../store/writes/action-fixture.js';
import {cliPath, demoCommand, signal, TmuxTerminal, type Screen} from './tmux.js';

const ignored = 'pasted text ignored: paste into / or :';
/** The status line: the frame's last (ecs-top leaves the terminal's last row empty). */
const footer = (s: Screen) => s.lines.findLast((line) => line.trim() !== '') ?? '';

describe('pasting into the live view', () => {
	let sim: TestSim;
	let terminal: TmuxTerminal;

	beforeAll(async () => {
		sim = await startTestSim({scenario: 'demo', start: Date.now()});
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(async () => {
		await terminal.kill();
	});

	it('shell lines pasted into each pane send nothing and say so; a paste into / is its text', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(`'${process.execPath}' '${cliPath}' --endpoint-url ${sim.server.url}`, {
			columns: 160,
			rows: 45,
			env: {
				AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
				AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
				AWS_REGION: 'us-east-1',
			},
		});
		await terminal.waitFor(
			'the dashboard with services and tasks',
			(s) =>
				/Services \(\w+\) \[1\/\d+\]/u.test(s.text) && /Tasks \(\w+\) \[1\/\d+\]/u.test(s.text),
			{timeoutMs: 30_000},
		);
		for (const pane of ['1', '2', '3', '4']) {
			for (const text of ['3+y', 'kubectl drain node-1\n', 'export X=1\n', 'x\ny\n']) {
				await terminal.press(pane);
				await terminal.waitFor(
					`pane ${pane} without a message`,
					(s) => !footer(s).includes(ignored),
				);
				await terminal.paste(text);
				const screen = await terminal.waitFor(`the paste ${JSON.stringify(text)} ignored`, (s) =>
					footer(s).includes(ignored),
				);
				expect(screen.text).not.toContain('y or Enter sends this');
				expect(screen.text).not.toContain('Enter review');
			}
		}
		await terminal.press('1', '/');
		await terminal.paste('sta\n');
		await terminal.waitFor('the pasted filter text', (s) => footer(s).startsWith('/sta_'));
		await terminal.press('Escape');
		const requests = (await (await fetch(`${sim.server.url}/__sim/requests`)).json()) as {
			entries: {operation: string}[];
		};
		expect(requests.entries.length).toBeGreaterThan(0);
		expect(requests.entries.filter((entry) => writeOperations.has(entry.operation))).toEqual([]);
		await terminal.press('q');
	}, 120_000);
});

describe('bracketed paste mode after ecs-top ends', () => {
	let terminal: TmuxTerminal;
	afterEach(async () => {
		await terminal.kill();
	});

	// After ecs-top, `cat -v` shows what the next paste delivers: with the mode left on, the
	// markers (^[[200~) would arrive around it, and a shell would get them too.
	it.each(['q', 'C-c', 'SIGTERM'])(
		'is off after %s',
		async (ending) => {
			terminal = new TmuxTerminal();
			await terminal.start(`${demoCommand}; echo EXIT=$?; cat -v`, {columns: 100, rows: 30});
			await terminal.waitFor('the demo to load', (s) => s.text.includes('Clusters [1/3]'), {
				timeoutMs: 30_000,
			});
			if (ending === 'SIGTERM') signal(await terminal.commandPid(), 'SIGTERM');
			else await terminal.press(ending);
			await terminal.waitFor('the shell after ecs-top', (s) => /^EXIT=0$/mu.test(s.text));
			await terminal.paste('AFTER-PASTE\n');
			const screen = await terminal.waitFor('the paste echoed by cat -v', (s) =>
				/^AFTER-PASTE$/mu.test(s.text.split('EXIT=0')[1] ?? ''),
			);
			expect(screen.text).not.toContain('[200~');
		},
		60_000,
	);
});
