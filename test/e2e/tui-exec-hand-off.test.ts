// `e` in a real terminal at 80x24: the live view steps aside for the `aws` CLI (a stand-in that
// records its arguments and holds the terminal until Enter), the shell's screen is the CLI's
// meanwhile, and the live view comes back, whole, when it ends.
import {afterEach, describe, expect, it} from 'vitest';
import {createStandIns, type StandIns} from '../helpers/stand-in-aws.js';
import {demoCommand, TmuxTerminal, type Screen} from './tmux.js';

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');
const borders = /[┌┐└┘│]/u;

describe('e hands the terminal to aws and takes it back', () => {
	let terminal: TmuxTerminal;
	let standIns: StandIns;

	afterEach(async () => {
		await terminal.kill();
		standIns.remove();
	});

	it('suspends the live view, runs the stand-in aws once, and restores the view when it exits', async () => {
		standIns = createStandIns();
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {
			columns: 80,
			rows: 24,
			env: {PATH: `${standIns.dir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, STAND_IN_WAIT: '1'},
		});
		await terminal.waitFor('the demo to load', loaded);
		// At 80x24 one pane shows at a time: web's services (Right), then api's tasks: k picks
		// the service under the cursor, 4 shows its tasks.
		await terminal.press('G', 'Right');
		await terminal.waitFor('web services', (s) => /Services \(web\) \[1\/4\]/u.test(s.text));
		await terminal.waitForQuiet();
		await terminal.press('k', '4');
		await terminal.waitFor('api tasks', (s) => /Tasks \(api\) \[1\/\d+\]/u.test(s.text));
		await terminal.waitForQuiet();
		await terminal.press('e');
		await terminal.waitFor('the exec dialog', (s) => s.text.includes('command: /bin/sh'));
		await terminal.press('Enter');
		await terminal.waitFor('the confirmation', (s) => s.text.includes('y or Enter sends this'));
		await terminal.waitForQuiet();
		await terminal.press('y');

		// The stand-in has the terminal: the main screen, the cursor shown, no frame of ecs-top.
		const handedOver = await terminal.waitFor('the stand-in to have the terminal', (s) =>
			s.text.includes('stand-in aws has the terminal'),
		);
		expect(handedOver.text).not.toMatch(borders);
		expect(await terminal.display('#{alternate_on}')).toBe('0');
		expect(await terminal.display('#{cursor_flag}')).toBe('1');
		const calls = standIns.awsCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0]!.slice(0, 4)).toEqual(['ecs', 'execute-command', '--cluster', 'web']);
		expect(calls[0]).toEqual(
			expect.arrayContaining(['--container', '--interactive', '--command', '/bin/sh']),
		);

		// Enter ends the session (typed in cooked mode, as a shell would take it).
		await terminal.press('Enter');
		const back = await terminal.waitFor('the live view to come back', (s) =>
			s.text.includes('Back from /bin/sh in'),
		);
		expect(back.text).toMatch(borders);
		// Whole: the header, the pane with its rows, not only the lines that changed.
		expect(back.text).toContain('ecs-top  123456789012');
		expect(back.text).toMatch(/Tasks \(api\) \[1\/\d+\]/u);
		expect(back.text).toMatch(/^│> [0-9a-f]{8}\s+RUNNING/mu);
		expect(back.text).not.toContain('stand-in aws has the terminal');
		expect(await terminal.display('#{alternate_on}')).toBe('1');
		expect(await terminal.display('#{cursor_flag}')).toBe('0');
		// The live view takes keys again: help opens.
		await terminal.press('?');
		await terminal.waitFor('help', (s) => /Help \[1-\d+\/\d+\]/u.test(s.text));
		expect(standIns.awsCalls()).toHaveLength(1);
	}, 90_000);
});
