// The confirmation box's text: the aws command must paste into a shell as one command whatever
// the terminal width, and a bulk stop must not push the prompt off the screen.
import {describe, expect, it} from 'vitest';
import {dialogLines, wrapCommand, wrapWords} from '../../source/ui/dialogs/action-dialog.js';
import {confirmDialog} from '../../source/ui/dialogs/dialog-model.js';
import type {ActionPlan} from '../../source/store/writes/types.js';

/** What a shell makes of the wrapped lines: backslash-newline joins them. */
const pasted = (lines: string[]) =>
	lines
		.join('\n')
		.replace(/ \\\n\s+/g, ' ')
		.replace(/^\$ /, '');

describe('wrapCommand', () => {
	const command =
		"aws ecs stop-task --cluster web --task 0123456789abcdef0123456789abcdef --reason 'Stopped by ecs-top (arn:aws:iam::123456789012:user/ops)' --region eu-west-1";

	it('fits every line in the width and pastes back as the same command', () => {
		const lines = wrapCommand(command, 60);
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines.slice(0, -1)) expect(line.endsWith(' \\')).toBe(true);
		// Only a quoted word longer than the width may overflow; it is never cut.
		for (const line of lines) if (!line.includes("'")) expect(line.length).toBeLessThanOrEqual(60);
		expect(pasted(lines)).toBe(command);
	});

	it('never breaks inside a quoted argument', () => {
		const lines = wrapCommand(command, 30);
		expect(
			lines.some((line) =>
				line.includes("'Stopped by ecs-top (arn:aws:iam::123456789012:user/ops)'"),
			),
		).toBe(true);
		expect(pasted(lines)).toBe(command);
	});

	it('keeps a short command on one line', () => {
		expect(wrapCommand('aws ecs update-service --desired-count 3', 200)).toEqual([
			'$ aws ecs update-service --desired-count 3',
		]);
	});
});

describe('dialogLines', () => {
	it('shows three commands of a bulk stop and counts the rest, and ends with the prompt', () => {
		const plan: ActionPlan = {
			id: 'p1',
			request: {kind: 'stop-tasks', clusterArn: 'c', taskArns: []},
			title: 'Stop 40 tasks',
			changes: ['stop 40 tasks in web'],
			cliCommands: Array.from(
				{length: 40},
				(_, i) => `aws ecs stop-task --cluster web --task t${i}`,
			),
			warnings: ['38 of them belong to service api: it will start replacements'],
			target: 'c',
		};
		const lines = dialogLines(confirmDialog(plan), {ok: true, plan}, 120).map((l) => l.text);
		expect(lines.filter((line) => line.startsWith('$ '))).toHaveLength(3);
		expect(lines).toContain('  (and 37 more like these)');
		expect(lines[0]).toBe('stop 40 tasks in web');
		expect(lines.at(-1)).toMatch(/^y or Enter sends this/);
	});
});

describe('wrapWords', () => {
	it('keeps every word and fits each line, so a warning is never cut off', () => {
		const warning =
			"! web-cp has managed scaling on: ECS sets this group's desired capacity itself and may move it back";
		const lines = wrapWords(warning, 40, '  ');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
		expect(lines.map((line) => line.trim()).join(' ')).toBe(warning);
	});
});
