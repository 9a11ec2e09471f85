// The log view's keys through the pure dispatcher: opening, scrolling with the end sticky, the
// switches, the search typed into it, and what it refuses.
import {describe, expect, it} from 'vitest';
import {dispatchKey} from '../../source/ui/input/dispatch.js';
import {keyPress, type KeyPress} from '../../source/ui/input/key-press.js';
import type {PaneRows, Screen} from '../../source/ui/input/screen.js';
import {keyOfCharacter, noKey} from '../../source/ui/keymap.js';
import type {LogsOverlay} from '../../source/ui/logs/logs-overlay.js';
import {initialUiState, type UiState} from '../../source/ui/ui-state.js';

const sort = {columnKey: 'name', direction: 'asc'} as const;
const start = initialUiState({clusters: sort, instances: sort, services: sort, tasks: sort});
const rows = (...ids: string[]): PaneRows => ({ids, indexOf: new Map(ids.map((id, i) => [id, i]))});
const screen: Screen = {
	lists: {
		clusters: rows('c1'),
		instances: rows('i1'),
		services: rows('arn:aws:ecs:us-east-1:1:service/web/api'),
		tasks: rows('arn:aws:ecs:us-east-1:1:task/web/0123456789abcdef'),
	},
	pageRows: {clusters: 2, instances: 2, services: 2, tasks: 2},
	sortable: () => [],
	taskDefinitions: {families: [], newest: new Map(), pageRows: 10},
	focus: {clusterArn: 'c1'},
	paused: false,
	writes: {allowed: true},
	canSwitch: true,
	problems: {ids: [], targets: new Map(), pageRows: 10},
};
const escape = keyPress('', {...noKey, escape: true, meta: true});
const enter = keyPress('', {...noKey, return: true});
const typed = (text: string): KeyPress[] => [...text].map((c) => keyPress(...keyOfCharacter(c)));

function run(state: UiState, presses: readonly KeyPress[]): UiState {
	let current = state;
	for (const press of presses) current = dispatchKey(current, press, screen).state;
	return current;
}
const logs = (state: UiState): LogsOverlay => {
	if (state.overlay.kind !== 'logs') throw new Error(`no log view: ${state.overlay.kind}`);
	return state.overlay;
};

describe('the log view keys', () => {
	it('l opens the selected task or service, following at the newest line', () => {
		const task = logs(run({...start, focused: 'tasks'}, typed('l')));
		expect(task).toMatchObject({
			target: {kind: 'task', taskArn: 'arn:aws:ecs:us-east-1:1:task/web/0123456789abcdef'},
			title: 'task 01234567',
			follow: true,
			atEnd: true,
		});
		expect(logs(run({...start, focused: 'services'}, typed('l'))).title).toBe('service api');
		const refused = run(start, typed('l'));
		expect(refused.overlay.kind).toBe('none');
		expect(refused.message?.text).toMatch(/go to the tasks or services pane first/);
	});

	it('scrolling up leaves the end, G goes back to it, and the switches toggle', () => {
		const open = {
			...run({...start, focused: 'tasks'}, typed('l')),
			textViewport: {maxScroll: 100, page: 20},
		};
		const up = logs(run(open, typed('k')));
		expect(up).toMatchObject({scroll: 99, atEnd: false});
		expect(logs(run(open, typed('kG')))).toMatchObject({atEnd: true});
		expect(logs(run(open, typed('g')))).toMatchObject({scroll: 0, atEnd: false});
		const toggled = logs(run(open, typed('fwT')));
		expect(toggled).toMatchObject({follow: false, wrap: true, timestamps: false});
	});

	it('/ takes typed text (q is a letter there), Enter keeps it, Esc clears it, Esc again closes', () => {
		const open = run({...start, focused: 'tasks'}, typed('l'));
		const searched = run(open, [...typed('/quit'), enter]);
		expect(logs(searched)).toMatchObject({search: 'quit', searching: false});
		const cleared = run(searched, [escape]);
		expect(logs(cleared).search).toBe('');
		expect(run(cleared, [escape]).overlay.kind).toBe('none');
	});

	it('refuses keys that act on the hidden panes, and lets pane keys leave it', () => {
		const open = run({...start, focused: 'tasks'}, typed('l'));
		const refused = run(open, typed('x'));
		expect(refused.overlay.kind).toBe('logs');
		expect(refused.message?.text).toBe('x acts on the panes: Esc closes the logs first');
		const left = run(open, typed('3'));
		expect(left.overlay.kind).toBe('none');
		expect(left.focused).toBe('services');
	});
});
