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

const esc = '\u001B';

/**
 * What a terminal sends besides the keys ecs-top binds: xterm's function, arrow, Home and End
 * keys with every modifier (Shift, Alt, Ctrl and their combinations: 2 to 8), the answers to
 * status, cursor position and device attribute requests, and focus in/out.
 */
export function terminalSequences(): string[] {
	const sequences: string[] = [];
	for (let modifier = 2; modifier <= 8; modifier++) {
		for (const final of 'PQRSABCDHF') sequences.push(`${esc}[1;${modifier}${final}`);
		for (const code of [2, 3, 5, 6, 15, 17, 18, 19, 20, 21, 23, 24])
			sequences.push(`${esc}[${code};${modifier}~`);
	}
	sequences.push(
		`${esc}[5n`,
		`${esc}[0n`,
		`${esc}[6n`,
		`${esc}[12;40R`,
		`${esc}[?1;2c`,
		`${esc}[I`,
		`${esc}[O`,
	);
	return sequences;
}

/** Alt with a printable key (ESC then the key, as xterm sends it), but never Alt+q or Alt+Q. */
export function altKeys(): string[] {
	const keys: string[] = [];
	for (let code = 0x21; code < 0x7f; code++) {
		const character = String.fromCharCode(code);
		if (character.toLowerCase() !== 'q') keys.push(`${esc}${character}`);
	}
	return keys;
}

/** Bytes that end ecs-top when read alone: Ctrl-C, q and Q. */
const quitBytes = new Set([0x03, 0x51, 0x71]);

/** `count` random bytes, none of them a quit key. */
export function randomBytes(count: number, random: () => number): number[] {
	const bytes: number[] = [];
	while (bytes.length < count) {
		const byte = Math.floor(random() * 256);
		if (!quitBytes.has(byte)) bytes.push(byte);
	}
	return bytes;
}

/**
 * One burst of terminal input: terminal sequences, Alt keys and random bytes in random order,
 * as bytes. Never a paste start (ESC[200~ with no end would hold all later input as a paste).
 */
export function randomTerminalInput(items: number, random: () => number): Buffer {
	const sequences = terminalSequences();
	const alts = altKeys();
	const parts: Buffer[] = [];
	for (let i = 0; i < items; i++) {
		const pick = random();
		if (pick < 0.4)
			parts.push(Buffer.from(sequences[Math.floor(random() * sequences.length)]!, 'latin1'));
		else if (pick < 0.7)
			parts.push(Buffer.from(alts[Math.floor(random() * alts.length)]!, 'latin1'));
		else parts.push(Buffer.from(randomBytes(1 + Math.floor(random() * 4), random)));
	}
	const input = Buffer.concat(parts);
	const pasteStart = Buffer.from(`${esc}[200~`, 'latin1');
	return input.includes(pasteStart) ? randomTerminalInput(items, random) : input;
}
