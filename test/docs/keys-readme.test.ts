// The README's key table says what the keys do: every binding of the keymap is a row there, with
// its keys and its description, and the table has no row the keymap does not. A key added,
// rebound or described anew in keymap.ts without the README fails here.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keyLabel, keymap} from '../../source/ui/keymap.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under `## Keys`, as `keys | description`. */
function readmeKeyRows(): string[] {
	const section = readme.split(/^## Keys$/mu)[1]?.split(/^#{2,3} /mu)[0] ?? '';
	return section
		.split('\n')
		.filter((line) => /^\| `/u.test(line))
		.map((line) => {
			const [keys = '', description = ''] = line
				.split('|')
				.slice(1, 3)
				.map((cell) => cell.trim());
			return `${[...keys.matchAll(/`([^`]+)`/gu)].map((match) => match[1]).join(' ')} | ${description}`;
		});
}

/** The keymap's bindings as the README writes them; the `/` and `:` prompts' own keys are not keys of the table. */
function keymapRows(): string[] {
	return keymap
		.filter((binding) => binding.scope !== 'filter')
		.map(
			(binding) =>
				`${binding.keys.map((name) => keyLabel(name)).join(' ')} | ${binding.description}${
					binding.scope === 'dialog' ? ' (in a confirmation)' : ''
				}`,
		);
}

describe("README's key table", () => {
	it('has a row for every key of the keymap, with its description', () => {
		const rows = readmeKeyRows();
		expect(rows.length).toBeGreaterThan(20);
		expect(keymapRows().filter((row) => !rows.includes(row))).toEqual([]);
	});

	it('has no row for a key the keymap does not bind', () => {
		const bound = keymapRows();
		expect(readmeKeyRows().filter((row) => !bound.includes(row))).toEqual([]);
	});
});
