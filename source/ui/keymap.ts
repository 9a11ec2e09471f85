// THE keymap: every shortcut of ecs-top is a row in this table and nowhere else. The help
// overlay, the footer hints and the key dispatcher are all generated from it, so they cannot
// disagree. The `Command` type is derived from it too: a handler for a command the table does not
// have, or a command without a handler, does not compile.
import type {Key} from 'ink';
import {commandSummary} from './commands/registry.js';
import type {PaneId} from './layout.js';

/**
 * Where a binding applies. 'global' and 'list' and 'action' bindings are live together while a
 * pane has the keyboard; 'dialog' and 'filter' take the keyboard alone, because their keys are
 * text: `q` typed into a filter is a letter, not quit.
 */
export type KeyScope = 'global' | 'list' | 'action' | 'dialog' | 'filter' | 'logs';

export type KeyBinding<C extends string = string> = {
	readonly command: C;
	/** Key names as `keyName()` produces them: `j`, `G`, `up`, `pagedown`, `shift+tab`, `ctrl+c`. */
	readonly keys: readonly string[];
	readonly description: string;
	readonly scope: KeyScope;
	/** Changes AWS: hidden from hints and refused under --read-only. */
	readonly requiresWrite?: boolean;
	/** Short footer label; bindings sharing a hint are shown together (`+/- scale`). */
	readonly hint?: string;
	/** Panes where the command means something; the footer shows it only there. */
	readonly panes?: readonly PaneId[];
	/** Live in every scope, text input included (Ctrl-C must always get the user out). */
	readonly everywhere?: boolean;
};

const table = [
	// global
	{
		command: 'help',
		keys: ['?'],
		description: 'Show or hide this help',
		scope: 'global',
		hint: 'help',
	},
	{
		command: 'filter',
		keys: ['/'],
		description: 'Filter the focused pane (any column but ages and metrics)',
		scope: 'global',
		hint: 'filter',
	},
	{
		command: 'command',
		keys: [':'],
		description: `Command line (${commandSummary})`,
		scope: 'global',
		hint: 'cmd',
	},
	{command: 'focus-next', keys: ['tab'], description: 'Focus the next pane', scope: 'global'},
	{
		command: 'focus-previous',
		keys: ['shift+tab'],
		description: 'Focus the previous pane',
		scope: 'global',
	},
	{command: 'pane-clusters', keys: ['1'], description: 'Go to clusters', scope: 'global'},
	{
		command: 'pane-instances',
		keys: ['2'],
		description: 'Go to container instances',
		scope: 'global',
	},
	{command: 'pane-services', keys: ['3'], description: 'Go to services', scope: 'global'},
	{command: 'pane-tasks', keys: ['4'], description: 'Go to tasks', scope: 'global'},
	{
		command: 'problems',
		keys: ['!'],
		description: 'Problems: what is failing, newest first (Enter goes to it)',
		scope: 'global',
	},
	{command: 'refresh', keys: ['R'], description: 'Refresh now', scope: 'global'},
	{command: 'pause', keys: ['p'], description: 'Pause or resume polling', scope: 'global'},
	{command: 'quit', keys: ['q'], description: 'Quit', scope: 'global', hint: 'quit'},
	{
		command: 'interrupt',
		keys: ['ctrl+c'],
		description: 'Quit from anywhere, even while typing',
		scope: 'global',
		everywhere: true,
	},

	// list navigation
	{command: 'up', keys: ['up', 'k'], description: 'Move up', scope: 'list'},
	{command: 'down', keys: ['down', 'j'], description: 'Move down', scope: 'list'},
	{command: 'page-up', keys: ['pageup'], description: 'Page up', scope: 'list'},
	{command: 'page-down', keys: ['pagedown'], description: 'Page down', scope: 'list'},
	{command: 'top', keys: ['g', 'home'], description: 'Go to the first row', scope: 'list'},
	{command: 'bottom', keys: ['G', 'end'], description: 'Go to the last row', scope: 'list'},
	{
		command: 'open',
		keys: ['enter'],
		description: 'Details of the selected row (a cluster: its capacity and totals)',
		scope: 'list',
	},
	{
		command: 'drill',
		keys: ['right'],
		description: "Drill down: the selected cluster's services (also from its details)",
		scope: 'list',
		panes: ['clusters'],
	},
	{
		command: 'back',
		keys: ['escape'],
		description: "Back: close details, clear the filter, the marks, then all the cluster's tasks",
		scope: 'list',
	},
	{
		command: 'toggle-stopped',
		keys: ['t'],
		description: 'Tasks: show the recently stopped ones and why they stopped (t again: running)',
		scope: 'list',
		hint: 'stopped',
		panes: ['tasks'],
	},
	{
		command: 'logs',
		keys: ['l'],
		description: "Logs of the task, or of the service's running tasks merged",
		scope: 'list',
		panes: ['tasks', 'services'],
	},
	{
		command: 'compare-revisions',
		keys: ['v'],
		description: 'Revisions in :td: mark one, then v on another compares the two',
		scope: 'list',
	},
	{
		command: 'sort-previous',
		keys: ['<'],
		description: 'Sort by the column to the left (of those on screen)',
		scope: 'list',
	},
	{
		command: 'sort-next',
		keys: ['>'],
		description: 'Sort by the column to the right (of those on screen)',
		scope: 'list',
	},
	{
		command: 'sort-reverse',
		keys: ['I'],
		description: 'Reverse the sort (the arrow by the column title turns)',
		scope: 'list',
	},
	{
		command: 'show-message',
		keys: ['m'],
		description: 'Show the last message whole (:messages: all of them)',
		scope: 'list',
	},
	{
		command: 'copy',
		keys: ['c'],
		description: "Copy the selected object's ARN (OSC 52)",
		scope: 'list',
	},
	{
		command: 'console-url',
		keys: ['o'],
		description: 'Show the AWS console URL of the selected object',
		scope: 'list',
	},

	// actions: each opens a confirmation dialog showing the exact change
	{
		command: 'scale-up',
		keys: ['+'],
		description: 'Desired count +1',
		scope: 'action',
		requiresWrite: true,
		hint: 'scale',
		panes: ['services'],
	},
	{
		command: 'scale-down',
		keys: ['-'],
		description: 'Desired count -1',
		scope: 'action',
		requiresWrite: true,
		hint: 'scale',
		panes: ['services'],
	},
	{
		command: 'set-desired',
		keys: ['s'],
		description: 'Set the desired count',
		scope: 'action',
		requiresWrite: true,
		hint: 'set',
		panes: ['services'],
	},
	{
		command: 'scale-cluster',
		keys: ['S'],
		description: "Set the cluster's instance count (its Auto Scaling group)",
		scope: 'action',
		requiresWrite: true,
		hint: 'scale cluster',
		// Wherever the cluster is known: the services and tasks panes show the focused one's.
		panes: ['clusters', 'instances', 'services', 'tasks'],
	},
	{
		command: 'stop-task',
		keys: ['x'],
		description: 'Stop the task (or the marked tasks)',
		scope: 'action',
		requiresWrite: true,
		hint: 'stop',
		panes: ['tasks'],
	},
	{
		// Marking changes nothing by itself, but it only feeds bulk writes, so read-only hides it.
		command: 'mark',
		keys: ['space'],
		description: 'Mark or unmark the row for a bulk action',
		scope: 'action',
		requiresWrite: true,
		hint: 'mark',
		panes: ['tasks', 'instances'],
	},
	{
		command: 'run-task',
		keys: ['r'],
		description: 'Run task(s) from a task definition',
		scope: 'action',
		requiresWrite: true,
		hint: 'run',
		panes: ['services', 'tasks'],
	},
	{
		command: 'drain',
		keys: ['d'],
		description: 'Drain or re-activate the container instance',
		scope: 'action',
		requiresWrite: true,
		hint: 'drain',
		panes: ['instances'],
	},
	{
		command: 'deploy',
		keys: ['D'],
		description: 'Force a new deployment',
		scope: 'action',
		requiresWrite: true,
		hint: 'deploy',
		panes: ['services'],
	},
	{
		command: 'deploy-revision',
		keys: ['U'],
		description: 'Deploy another revision of the task definition (pick it, see what differs)',
		scope: 'action',
		requiresWrite: true,
		hint: 'revision',
		panes: ['services'],
	},
	{
		command: 'roll-back',
		keys: ['B'],
		description: 'Roll back to the revision of the last completed deployment',
		scope: 'action',
		requiresWrite: true,
		hint: 'rollback',
		panes: ['services'],
	},
	{
		command: 'undo',
		keys: ['u'],
		description: 'Undo the last change of this session (:undo lists them all)',
		scope: 'action',
		requiresWrite: true,
		hint: 'undo',
	},
	{
		// It changes nothing itself, but it runs commands in the container: refused read-only.
		command: 'exec',
		keys: ['e'],
		description: 'Open a shell in a container of the task (aws ecs execute-command)',
		scope: 'action',
		requiresWrite: true,
		hint: 'exec',
		panes: ['tasks'],
	},
	{
		command: 'port-forward',
		keys: ['F'],
		description: "Forward a local port to a container's port (aws ssm start-session)",
		scope: 'action',
		requiresWrite: true,
		hint: 'forward',
		panes: ['tasks'],
	},

	// confirmation dialogs
	{
		command: 'confirm',
		keys: ['y', 'enter'],
		description: 'Confirm',
		scope: 'dialog',
		hint: 'confirm',
	},
	{
		command: 'cancel',
		keys: ['n', 'escape'],
		description: 'Cancel',
		scope: 'dialog',
		hint: 'cancel',
	},
	{
		command: 'adjust-up',
		keys: ['+'],
		description: 'One more, in a + or - box (they add up into one change)',
		scope: 'dialog',
	},
	{
		command: 'adjust-down',
		keys: ['-'],
		description: 'One fewer, in a + or - box',
		scope: 'dialog',
	},
	{
		command: 'copy-command',
		keys: ['c'],
		description: 'Copy the aws command (OSC 52)',
		scope: 'dialog',
	},

	// the log view (l): movement, g/G, / (shows only matching lines) and Esc work there too
	{
		command: 'logs-follow',
		keys: ['f'],
		description: 'Logs: follow on or off (new lines every refresh)',
		scope: 'logs',
		hint: 'follow',
	},
	{
		command: 'logs-wrap',
		keys: ['w'],
		description: 'Logs: wrap long lines on or off',
		scope: 'logs',
		hint: 'wrap',
	},
	{
		command: 'logs-timestamps',
		keys: ['T'],
		description: 'Logs: timestamps on or off',
		scope: 'logs',
		hint: 'time',
	},

	// filter and command line input
	{command: 'submit', keys: ['enter'], description: 'Apply', scope: 'filter', hint: 'apply'},
	{
		command: 'dismiss',
		keys: ['escape'],
		description: 'Cancel and clear',
		scope: 'filter',
		hint: 'cancel',
	},
] as const satisfies readonly KeyBinding[];

/** Every command a key can mean, from the table: a misspelled one is a type error. */
export type Command = (typeof table)[number]['command'];
type BindingOf<S extends KeyScope> = Extract<(typeof table)[number], {readonly scope: S}>;
/** Commands of the panes' keyboard (the list, its actions and the global keys). */
export type PaneCommand = BindingOf<'global' | 'list' | 'action'>['command'];
/** The log view's own keys. */
export type LogsCommand = BindingOf<'logs'>['command'];
/** The keys of an open confirmation dialog. */
export type DialogCommand = BindingOf<'dialog'>['command'];
/** The keys of the `/` filter and the `:` prompt that are not text. */
export type TextCommand = BindingOf<'filter'>['command'];
/** Commands that change AWS: bound only when writes are allowed. */
export type WriteCommand = Extract<
	(typeof table)[number],
	{readonly requiresWrite: true}
>['command'];

export const keymap: readonly KeyBinding<Command>[] = table;

/** Which scopes' bindings are live when the keyboard belongs to `scope`, first match wins. */
export const liveScopes: Readonly<Record<KeyScope, readonly KeyScope[]>> = {
	global: ['global'],
	list: ['list', 'action', 'global'],
	action: ['action', 'global'],
	dialog: ['dialog'],
	filter: ['filter'],
	logs: ['logs', 'list', 'action', 'global'],
};

/**
 * The canonical name of a key press in Ink's `useInput` shape, or undefined for input that is
 * no single key (a paste). Printable characters are themselves, so `G` is shift+g without saying.
 */
export function keyName(input: string, key: Key): string | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (input.length !== 1) return undefined;
	if (key.ctrl) return `ctrl+${input.toLowerCase()}`;
	// Alt/Option combinations are not bound; do not let Alt+q quit by accident.
	if (key.meta) return undefined;
	if (input === ' ') return 'space';
	return input;
}

// Built once: matching runs on every key press.
const bindingsByScope = new Map<KeyScope, Map<string, KeyBinding<Command>>>();
const everywhereBindings = new Map<string, KeyBinding<Command>>();
for (const binding of keymap) {
	const byKey = bindingsByScope.get(binding.scope) ?? new Map<string, KeyBinding<Command>>();
	bindingsByScope.set(binding.scope, byKey);
	for (const name of binding.keys) {
		byKey.set(name, binding);
		if (binding.everywhere) everywhereBindings.set(name, binding);
	}
}

/**
 * What a key means where the keyboard is: a command, or a write key while writes are off (not
 * bound then, but named, so the screen can say why it does nothing), or nothing.
 */
export type KeyMatch =
	| {readonly kind: 'command'; readonly binding: KeyBinding<Command>}
	| {readonly kind: 'write-refused'; readonly binding: KeyBinding<Command>}
	| {readonly kind: 'none'};

const noMatch: KeyMatch = {kind: 'none'};

/**
 * The one lookup of a key: the first binding of `name` among the `live` scopes (Ctrl-C's before
 * all), write bindings only when `writes` are allowed.
 */
export function matchKey(
	name: string | undefined,
	live: readonly KeyScope[],
	writes = true,
): KeyMatch {
	if (name === undefined) return noMatch;
	const binding =
		everywhereBindings.get(name) ??
		live.map((scope) => bindingsByScope.get(scope)?.get(name)).find((found) => found);
	if (binding === undefined) return noMatch;
	if (binding.requiresWrite && !writes) return {kind: 'write-refused', binding};
	return {kind: 'command', binding};
}

/** The binding a key press triggers where the keyboard belongs to `scope`. */
export function bindingFor(
	input: string,
	key: Key,
	scope: KeyScope,
): KeyBinding<Command> | undefined {
	const match = matchKey(keyName(input, key), liveScopes[scope]);
	return match.kind === 'command' ? match.binding : undefined;
}

/** The command id a key press means in `scope`, or undefined (let a text input have it). */
export function commandFor(input: string, key: Key, scope: KeyScope): Command | undefined {
	return bindingFor(input, key, scope)?.command;
}

/** The keys bound to a command, in the table's order. */
export function keysOf(command: Command): readonly string[] {
	return keymap.find((binding) => binding.command === command)?.keys ?? [];
}

const keyLabels: Readonly<Record<string, string>> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift-Tab',
	space: 'Space',
	backspace: 'Backspace',
	delete: 'Del',
};

const asciiArrows: Readonly<Record<string, string>> = {
	up: 'Up',
	down: 'Down',
	left: 'Left',
	right: 'Right',
};

/** How a key is written for people: `Esc`, `Ctrl-C`, `↑` (or `Up` without unicode). */
export function keyLabel(name: string, unicode = true): string {
	if (!unicode && asciiArrows[name]) return asciiArrows[name];
	const label = keyLabels[name];
	if (label) return label;
	if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
	return name;
}

export type FooterHint = {readonly keys: string; readonly label: string};

/**
 * The commands that act on no pane (help, `:`, quit, refresh, pause): every view over the panes
 * lets them through to the shell.
 */
export const paneFreeCommands: readonly Command[] = [
	'help',
	'command',
	'quit',
	'interrupt',
	'refresh',
	'pause',
];

/**
 * What the `:td` list does with keys of its own (movement, Enter, Esc) aside: the rest act on the
 * panes behind it, so they are refused there rather than sent to a pane the user cannot see.
 */
export const taskDefinitionListCommands: ReadonlySet<Command> = new Set<Command>([
	...paneFreeCommands,
	'run-task',
	'show-message',
	'copy',
	'console-url',
]);

/**
 * The short hint list for the footer: only bindings with a hint, live in `scope`, meaningful in
 * `pane` (when given), and no write keys under --read-only, which would only be refused.
 */
export function footerHints(
	scope: KeyScope,
	options: {
		readonly readOnly: boolean;
		readonly pane?: PaneId;
		/** Only these commands (a view that takes only some keys, like `:td`). */
		readonly only?: ReadonlySet<Command>;
	},
): FooterHint[] {
	const live = new Set(liveScopes[scope]);
	const hints: Array<{keys: string[]; label: string}> = [];
	for (const binding of keymap) {
		if (!binding.hint || !live.has(binding.scope)) continue;
		if (options.readOnly && binding.requiresWrite) continue;
		if (options.only && !options.only.has(binding.command)) continue;
		if (options.pane && binding.panes && !binding.panes.includes(options.pane)) continue;
		const labels = binding.keys.map((name) => keyLabel(name));
		const same = hints.find((hint) => hint.label === binding.hint);
		if (same) same.keys.push(...labels);
		else hints.push({keys: labels, label: binding.hint});
	}
	return hints.map((hint) => ({keys: hint.keys.join('/'), label: hint.label}));
}

/**
 * The footer while a confirmation dialog is open, from its two bindings: typing values, Enter
 * reviews the plan (y and n are text then); confirming, y or Enter sends and n or Esc cancels.
 */
export function dialogHints(step: 'edit' | 'confirm' | 'sending'): FooterHint[] {
	const labelsOf = (command: DialogCommand, typing: boolean) =>
		keysOf(command)
			.filter((name) => !typing || name.length > 1)
			.map((name) => keyLabel(name))
			.join('/');
	if (step === 'sending') return [{keys: labelsOf('cancel', true), label: 'hide'}];
	const typing = step === 'edit';
	return [
		{keys: labelsOf('confirm', typing), label: typing ? 'review' : 'send'},
		{keys: labelsOf('cancel', typing), label: 'cancel'},
	];
}

/** Ink's key object with nothing pressed. */
export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** One character of a burst as Ink reports that key pressed alone: `\r` is Enter, `\x03` Ctrl-C. */
export function keyOfCharacter(character: string): [string, Key] {
	if (character === '\r') return ['', {...noKey, return: true}];
	if (character === '\t') return ['', {...noKey, tab: true}];
	if (character === '\u007F') return ['', {...noKey, delete: true}];
	if (character === '\b') return ['', {...noKey, backspace: true}];
	const code = character.codePointAt(0) ?? 0;
	if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...noKey, ctrl: true}];
	return [character, {...noKey, shift: /^[A-Z]$/u.test(character)}];
}
