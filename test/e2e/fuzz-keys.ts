/**
 * Random key presses for the fuzz test: a seeded generator (a failing run is replayed with its
 * seed) and an alphabet of tmux key names made from the keymap itself, so a key added to the
 * keymap is fuzzed without anyone remembering to add it here.
 */
import {keymap} from '../../source/ui/keymap.js';

/** mulberry32: small, fast and good enough to pick keys; the same seed gives the same keys. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

// The keymap's names for keys that are not one character, as tmux's send-keys spells them.
const tmuxNames: Readonly<Record<string, string>> = {
	up: 'Up',
	down: 'Down',
	left: 'Left',
	right: 'Right',
	pageup: 'PPage',
	pagedown: 'NPage',
	home: 'Home',
	end: 'End',
	enter: 'Enter',
	escape: 'Escape',
	tab: 'Tab',
	'shift+tab': 'BTab',
	space: 'Space',
	backspace: 'BSpace',
	delete: 'DC',
};

/** A keymap key name (`j`, `shift+tab`, `ctrl+c`) as a tmux send-keys argument. */
export function tmuxKey(name: string): string {
	const named = tmuxNames[name];
	if (named) return named;
	if (name.startsWith('ctrl+')) return `C-${name.slice('ctrl+'.length)}`;
	if (name.length !== 1) throw new Error(`no tmux name for the key ${name}`);
	// A lone ";" ends a tmux command; escaped, it is the key.
	return name === ';' ? '\\;' : name;
}

/** The keys that end ecs-top: the fuzz sends them only at the end. */
export const quitKeys: ReadonlySet<string> = new Set(
	keymap
		.filter((binding) => binding.command === 'quit' || binding.command === 'interrupt')
		.flatMap((binding) => binding.keys),
);

/**
 * Every key of the keymap but the quit keys, plus the editing keys and some letters a filter or
 * a `:` command is typed with. No q or Q anywhere, so `:q` can never be typed either.
 */
export function fuzzAlphabet(): string[] {
	const names = new Set(keymap.flatMap((binding) => binding.keys));
	for (const name of ['left', 'right', 'backspace', 'delete']) names.add(name);
	for (const character of 'abcetw-.59') names.add(character);
	return [...names]
		.filter((name) => !quitKeys.has(name) && name.toLowerCase() !== 'q')
		.map((name) => tmuxKey(name));
}

/** `count` keys drawn from `alphabet` with `random`. */
export function randomKeys(alphabet: readonly string[], count: number, random: () => number) {
	return Array.from({length: count}, () => alphabet[Math.floor(random() * alphabet.length)]!);
}
