/**
 * From what Ink reads to key presses. Keys pressed faster than a frame (a held j, tmux
 * send-keys, a paste without bracketed paste, typing during a busy moment or over SSH) arrive as
 * one read, and Ink recognises a key only when it is the whole read: 'jjj' or 'web\r' came as one
 * unknown key and were lost, Enter and Tab with them. Each character is a key press, shaped as Ink
 * shapes that key pressed alone.
 */
import type {Key} from 'ink';
import {keyName, keyOfCharacter, noKey} from '../keymap.js';

/** One key press: Ink's shape of it, and its name in the keymap (undefined: no single key). */
export type KeyPress = {
	readonly input: string;
	readonly key: Key;
	readonly name: string | undefined;
};

export function keyPress(input: string, key: Key): KeyPress {
	return {input, key, name: keyName(input, key)};
}

/** The key presses in one read of the terminal, in order. */
export function keyPresses(input: string, key: Key): KeyPress[] {
	const characters = [...input];
	if (characters.length > 1 && !key.ctrl && !key.meta)
		return characters.map((character) => keyPress(...keyOfCharacter(character)));
	// Esc and the next key in one read (typed quickly, over SSH, during a frame, or turned into
	// M-key by tmux's escape-time) reach Ink as Alt+key. ecs-top binds no Alt keys, so it was
	// Esc, then the key; without this both are lost.
	if (key.meta && !key.escape && !key.ctrl && characters.length === 1 && input >= ' ')
		return [keyPress('', {...noKey, escape: true, meta: true}), keyPress(...keyOfCharacter(input))];
	return [keyPress(input, key)];
}
