/**
 * The `:` command line, k9s style (`:svc`, `:tasks`, `:region eu-west-1`, `:q`): one table of
 * commands with their aliases. The parser, the one-line summary the prompt and its errors show,
 * and the help's list of commands are all made from it, so none of them can miss a command.
 */
import type {PaneId} from '../layout.js';
import {regionPattern} from '../../config/values.js';

export type ParsedCommand =
	| {readonly kind: 'pane'; readonly pane: PaneId; readonly clearServiceScope?: boolean}
	/** Without a name: back to the region or profile ecs-top was started with. */
	| {readonly kind: 'region'; readonly region: string | undefined}
	| {readonly kind: 'profile'; readonly profile: string | undefined}
	| {readonly kind: 'quit'}
	| {readonly kind: 'task-definitions'}
	| {readonly kind: 'undo-list'}
	| {readonly kind: 'messages'}
	| {readonly kind: 'problems'}
	| {readonly kind: 'error'; readonly message: string};

export type PromptCommand = {
	/** The name shown first, then its aliases; matched without regard to case. */
	readonly names: readonly [string, ...string[]];
	/** What follows the name, as help writes it (`NAME`); optional wherever it is given. */
	readonly argument?: string;
	readonly description: string;
	/**
	 * In the one-line summary: the prompt's line has room for the common ones only; help lists
	 * every command.
	 */
	readonly inSummary: boolean;
	readonly parse: (argument: string) => ParsedCommand;
};

export const promptCommands: readonly PromptCommand[] = [
	{
		names: ['clusters', 'cluster', 'cl'],
		description: 'Go to the clusters pane',
		inSummary: true,
		parse: () => ({kind: 'pane', pane: 'clusters'}),
	},
	{
		names: ['instances', 'inst', 'ci', 'nodes'],
		description: 'Go to the container instances pane',
		inSummary: false,
		parse: () => ({kind: 'pane', pane: 'instances'}),
	},
	{
		names: ['svc', 'services', 'service'],
		description: 'Go to the services pane',
		inSummary: true,
		parse: () => ({kind: 'pane', pane: 'services'}),
	},
	{
		names: ['tasks', 'task', 'po'],
		description: "Go to the tasks pane, with every task of the cluster, not only a service's",
		inSummary: true,
		parse: () => ({kind: 'pane', pane: 'tasks', clearServiceScope: true}),
	},
	{
		names: ['td', 'taskdefs'],
		description: 'List the task definitions',
		inSummary: true,
		parse: () => ({kind: 'task-definitions'}),
	},
	{
		names: ['undo'],
		description:
			'List the changes of this session that can be put back, newest first; pick one to undo',
		inSummary: false,
		parse: () => ({kind: 'undo-list'}),
	},
	{
		names: ['messages', 'msgs'],
		description: "The status line's messages, newest first, with their times",
		inSummary: false,
		parse: () => ({kind: 'messages'}),
	},
	{
		names: ['problems', 'problem'],
		description: 'List what is failing in the fleet, newest first (same as !)',
		inSummary: false,
		parse: () => ({kind: 'problems'}),
	},
	{
		names: ['region'],
		argument: 'NAME',
		description: 'Switch to another region; alone, back to the one ecs-top started with',
		inSummary: true,
		parse: (argument) => {
			if (argument === '') return {kind: 'region', region: undefined};
			if (!regionPattern.test(argument)) {
				return {
					kind: 'error',
					message: `:region needs a region name like eu-west-1${argument ? `, not ${argument}` : ''}`,
				};
			}
			return {kind: 'region', region: argument};
		},
	},
	{
		names: ['profile'],
		argument: 'NAME',
		description: 'Switch to another AWS profile; alone, back to the one ecs-top started with',
		inSummary: true,
		parse: (argument) => ({kind: 'profile', profile: argument === '' ? undefined : argument}),
	},
	{
		names: ['q', 'quit', 'q!'],
		description: 'Quit',
		inSummary: true,
		parse: () => ({kind: 'quit'}),
	},
];

/** How help and the summary write a command: `:region [NAME]`. */
export function commandUsage(command: PromptCommand, optionalArgument = true): string {
	const argument =
		command.argument === undefined
			? ''
			: optionalArgument
				? ` [${command.argument}]`
				: ` ${command.argument}`;
	return `:${command.names[0]}${argument}`;
}

/** The `:` commands on one line, as help, the prompt and its errors list them. */
export const commandSummary = promptCommands
	.filter((command) => command.inSummary)
	.map((command) => commandUsage(command))
	.join(' ');

const byName = new Map<string, PromptCommand>();
for (const command of promptCommands) for (const name of command.names) byName.set(name, command);

/** What a line typed after `:` asks for, or why it asks for nothing. */
export function parseCommand(text: string): ParsedCommand {
	const [word = '', ...rest] = text.trim().split(/\s+/);
	if (word === '') return {kind: 'error', message: `type a command: ${commandSummary}`};
	const command = byName.get(word.toLowerCase());
	if (command === undefined)
		return {kind: 'error', message: `unknown command :${word} (try ${commandSummary})`};
	return command.parse(rest.join(' '));
}
