// `U` in `ecs-top --demo` as a user presses it, in a real 80x24 terminal: the picker lists api's
// revisions with what differs, the confirmation shows the difference and the aws command, y sends
// one UpdateService (the audit record has it) and the service row follows the rollout.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal} from './tmux.js';

describe('U: deploy a revision at 80x24', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it('picks api:2, confirms with the difference and the command, and follows the rollout', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(`${demoCommand} --service api`, {columns: 80, rows: 24});
		await terminal.waitFor('the api service selected', (s) => /^│> api /mu.test(s.text));

		await terminal.press('U');
		let screen = await terminal.waitFor('the picker with what differs', (s) =>
			/api:2\s+\S+\s+api: tag 1\.42\.0 -> 1\.41\.0/.test(s.text),
		);
		expect(screen.text).toMatch(/api:3 \(running\)/);
		expect(screen.lines.every((line) => [...line].length <= 80)).toBe(true);

		await terminal.press('j');
		await terminal.press('Enter');
		screen = await terminal.waitFor('the confirmation', (s) => s.text.includes('Deploy api:2'));
		expect(screen.text).toContain('api: api:3 -> api:2');
		expect(screen.text).toContain('tag 1.42.0 -> 1.41.0');
		expect(screen.text).toMatch(/--task-definition\s*(│\s*)?api:2/);

		await terminal.press('y');
		await terminal.waitFor('the answer on the status line', (s) =>
			s.text.includes('deploying api:2 (was api:3)'),
		);
		await terminal.waitFor('the row following the rollout', (s) =>
			/^│> api .*:2 (pending|\d\/4)/mu.test(s.text),
		);

		// One request, recorded before it was sent and answered.
		const audit = readFileSync(join(terminal.dir, 'state', 'ecs-top', 'audit-demo.jsonl'), 'utf8')
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => JSON.parse(line) as {phase: string; action: string; after: string});
		expect(audit.map((entry) => entry.phase)).toEqual(['intent', 'result']);
		expect(audit[0]).toMatchObject({action: 'ecs:UpdateService'});
		expect(audit[0]!.after).toMatch(/task-definition\/api:2$/);
	});
});
