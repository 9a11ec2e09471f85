// The `:` command line is one table: every name and alias parses to its command, and the prompt's
// summary and the help's list are made from the same table.
import {describe, expect, it} from 'vitest';
import {commandSummary, parseCommand, promptCommands} from '../../source/ui/commands/registry.js';
import {helpLines} from '../../source/ui/components/help.js';

describe(':commands', () => {
	it('parse every alias to the same command, whatever its case', () => {
		expect(parseCommand('svc')).toEqual({kind: 'pane', pane: 'services'});
		expect(parseCommand('SERVICES')).toEqual({kind: 'pane', pane: 'services'});
		expect(parseCommand('nodes')).toEqual({kind: 'pane', pane: 'instances'});
		expect(parseCommand(' po ')).toEqual({kind: 'pane', pane: 'tasks', clearServiceScope: true});
		expect(parseCommand('taskdefs')).toEqual({kind: 'task-definitions'});
		expect(parseCommand('q!')).toEqual({kind: 'quit'});
		const names = promptCommands.flatMap((command) => command.names);
		expect(new Set(names).size).toBe(names.length);
	});

	it('take an argument where they have one', () => {
		expect(parseCommand('region eu-west-1')).toEqual({kind: 'region', region: 'eu-west-1'});
		expect(parseCommand('region')).toEqual({kind: 'region', region: undefined});
		expect(parseCommand('region mars')).toEqual({
			kind: 'error',
			message: ':region needs a region name like eu-west-1, not mars',
		});
		expect(parseCommand('profile ops')).toEqual({kind: 'profile', profile: 'ops'});
	});

	it('say what exists when nothing or something unknown is typed', () => {
		expect(commandSummary).toBe(':clusters :svc :tasks :td :region [NAME] :profile [NAME] :q');
		expect(parseCommand('  ')).toEqual({
			kind: 'error',
			message: `type a command: ${commandSummary}`,
		});
		expect(parseCommand('bogus x')).toEqual({
			kind: 'error',
			message: `unknown command :bogus (try ${commandSummary})`,
		});
	});

	it('are all listed in help, with their aliases', () => {
		const text = helpLines({readOnly: false}).map((line) => line.text);
		expect(text).toContain('Commands (type after :)');
		for (const command of promptCommands) {
			const line = text.find((entry) => entry.startsWith(`  :${command.names[0]} `));
			expect(line, command.names[0]).toContain(command.description);
			for (const alias of command.names.slice(1)) expect(line).toContain(`:${alias}`);
		}
	});
});
