import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {
	commandFor,
	footerHints,
	keyName,
	keymap,
	liveScopes,
	noKey,
	type KeyScope,
} from '../../source/ui/keymap.js';

// Ink's useInput key object; tests switch on what a terminal would send.
function key(pressed: Partial<Key> = {}): Key {
	return {...noKey, ...pressed};
}

const scopes: KeyScope[] = ['global', 'list', 'action', 'dialog', 'filter'];

describe('keymap table', () => {
	it('gives every command a key, a description and a unique id', () => {
		for (const binding of keymap) {
			expect(binding.keys.length, binding.command).toBeGreaterThan(0);
			expect(binding.description.trim(), binding.command).not.toBe('');
		}
		const ids = keymap.map((binding) => binding.command);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('never binds one key twice among the scopes live at the same time', () => {
		for (const scope of scopes) {
			const seen = new Map<string, string>();
			for (const binding of keymap.filter((b) => liveScopes[scope].includes(b.scope))) {
				for (const name of binding.keys) {
					expect(seen.get(name), `${name} in ${scope}`).toBeUndefined();
					seen.set(name, binding.command);
				}
			}
		}
	});

	it("binds every key the README's Keys table lists", () => {
		const bound = new Set(keymap.flatMap((binding) => binding.keys));
		const listed = [
			'tab',
			'shift+tab',
			'1',
			'2',
			'3',
			'4',
			'up',
			'down',
			'j',
			'k',
			'pageup',
			'pagedown',
			'g',
			'G',
			'enter',
			'escape',
			'/',
			':',
			'<',
			'>',
			'?',
			'R',
			'p',
			'q',
			'ctrl+c',
			'+',
			'-',
			's',
			'S',
			'x',
			'space',
			'r',
			'd',
			'D',
			'U',
			'B',
			'v',
			'u',
			'e',
			'F',
			'y',
			'n',
		];
		for (const name of listed) expect(bound.has(name), name).toBe(true);
		const writes = keymap.filter((binding) => binding.requiresWrite).flatMap((b) => b.keys);
		expect(writes.sort()).toEqual(
			['+', '-', 'B', 'D', 'F', 'S', 'U', 'd', 'e', 'r', 's', 'space', 'u', 'x'].sort(),
		);
	});
});

describe('commandFor', () => {
	it('maps Ink key presses in a pane', () => {
		expect(commandFor('j', key(), 'list')).toBe('down');
		expect(commandFor('', key({downArrow: true}), 'list')).toBe('down');
		expect(commandFor('G', key({shift: true}), 'list')).toBe('bottom');
		expect(commandFor('g', key(), 'list')).toBe('top');
		expect(commandFor('', key({tab: true}), 'list')).toBe('focus-next');
		expect(commandFor('', key({tab: true, shift: true}), 'list')).toBe('focus-previous');
		expect(commandFor('', key({pageDown: true}), 'list')).toBe('page-down');
		expect(commandFor('+', key(), 'list')).toBe('scale-up');
		expect(commandFor(' ', key(), 'list')).toBe('mark');
		expect(commandFor('3', key(), 'list')).toBe('pane-services');
		expect(commandFor('', key({return: true}), 'list')).toBe('open');
		// Ink reports Escape with meta set.
		expect(commandFor('', key({escape: true, meta: true}), 'list')).toBe('back');
	});

	it('lets text scopes keep their letters but always honours Ctrl-C', () => {
		expect(commandFor('q', key(), 'list')).toBe('quit');
		expect(commandFor('q', key(), 'filter')).toBeUndefined();
		expect(commandFor('x', key(), 'dialog')).toBeUndefined();
		expect(commandFor('c', key({ctrl: true}), 'filter')).toBe('interrupt');
		expect(commandFor('c', key({ctrl: true}), 'dialog')).toBe('interrupt');
		expect(commandFor('', key({escape: true, meta: true}), 'filter')).toBe('dismiss');
		expect(commandFor('y', key(), 'dialog')).toBe('confirm');
		expect(commandFor('', key({escape: true, meta: true}), 'dialog')).toBe('cancel');
	});

	it('ignores Alt combinations and pastes', () => {
		expect(commandFor('q', key({meta: true}), 'list')).toBeUndefined();
		expect(commandFor('jjj', key(), 'list')).toBeUndefined();
		expect(keyName('c', key({ctrl: true}))).toBe('ctrl+c');
	});
});

describe('footerHints', () => {
	it('shows write actions, grouped by hint, only when writes are allowed', () => {
		const hints = footerHints('list', {readOnly: false});
		expect(hints).toContainEqual({keys: '+/-', label: 'scale'});
		expect(hints).toContainEqual({keys: 'x', label: 'stop'});
		expect(hints[0]).toEqual({keys: '?', label: 'help'});

		const readOnly = footerHints('list', {readOnly: true});
		const writeHints = new Set(keymap.filter((b) => b.requiresWrite).map((b) => b.hint));
		expect(readOnly.some((hint) => writeHints.has(hint.label))).toBe(false);
		expect(readOnly).toContainEqual({keys: '/', label: 'filter'});
	});

	it('shows only actions that mean something in the focused pane', () => {
		const tasks = footerHints('list', {readOnly: false, pane: 'tasks'}).map((h) => h.label);
		expect(tasks).toContain('stop');
		expect(tasks).not.toContain('drain');
		const instances = footerHints('list', {readOnly: false, pane: 'instances'}).map((h) => h.label);
		expect(instances).toContain('drain');
		expect(instances).not.toContain('stop');
	});

	it('shows the dialog keys in a dialog', () => {
		expect(footerHints('dialog', {readOnly: false})).toEqual([
			{keys: 'y/Enter', label: 'confirm'},
			{keys: 'n/Esc', label: 'cancel'},
		]);
	});
});
