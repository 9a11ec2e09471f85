/**
 * `--once --json`'s document written a part at a time: the same text as
 * `terminalSafeJson(document, 2)`, byte for byte, without the whole document as objects or as one
 * string. At 24,000 tasks that document is ~31 MB of text and ~100,000 objects; made and written
 * in parts of a few hundred items, each part is garbage as soon as it is written, and the reader
 * (a pipe to jq, a file) takes the first parts while the next are made.
 */
import {terminalSafeJson} from '../text/printable.js';

/**
 * The items of one of the document's arrays, made only when read. JSON.stringify reads them
 * whole (toJSON), so a document holding these stringifies as if it held the arrays.
 */
export class LazyItems<T> implements Iterable<T> {
	constructor(private readonly make: () => Iterable<T>) {}

	[Symbol.iterator](): Iterator<T> {
		return this.make()[Symbol.iterator]();
	}

	toJSON(): T[] {
		return [...this];
	}
}

/** How a top-level array's part ends in `JSON.stringify({key: part}, null, 2)`. */
const partEnd = '\n  ]\n}';

/**
 * The items of one of the document's arrays, already written as text (itemsText), in order: a
 * member made before the document is written (once-early-tasks.ts). Only `jsonParts` reads it.
 */
export class WrittenItems {
	constructor(readonly texts: Iterable<string>) {}
}

/**
 * `items` as they stand in any top-level array of the document: each indented as
 * `JSON.stringify(document, null, 2)` indents it, made terminal-safe, joined by `,\n`; '' for
 * none. The text of an item does not depend on its neighbours, so texts of consecutive runs of
 * items joined by `,\n` are the text of all of them.
 */
export function itemsText(items: readonly unknown[]): string {
	if (items.length === 0) return '';
	const text = terminalSafeJson({items}, 2);
	return text.slice(text.indexOf('[\n') + 2, -partEnd.length);
}

/** A document with its LazyItems read into arrays. */
export type Materialized<T> = {[K in keyof T]: T[K] extends LazyItems<infer Item> ? Item[] : T[K]};

export function materialize<T extends object>(document: T): Materialized<T> {
	return Object.fromEntries(
		Object.entries(document).map(([key, value]) => [
			key,
			value instanceof LazyItems ? value.toJSON() : value,
		]),
	) as Materialized<T>;
}

/**
 * The text of `JSON.stringify(document, null, 2)`, made terminal-safe, in parts: each top-level
 * member on its own, and each top-level LazyItems `itemsPerPart` items at a time. A part is
 * stringified as `{key: items}`, which indents its items exactly as the whole document does, and
 * cut out of that wrapping.
 */
export function* jsonParts(document: object, itemsPerPart = 500): Generator<string> {
	let first = true;
	for (const [key, value] of Object.entries(document)) {
		const opening = first ? '{\n' : ',\n';
		if (value instanceof WrittenItems) {
			let opened = false;
			for (const text of value.texts) {
				if (text === '') continue;
				yield opened ? `,\n${text}` : `${opening}${memberOpening(key)}${text}`;
				opened = true;
			}
			if (opened) {
				yield '\n  ]';
				first = false;
				continue;
			}
		}
		if (value instanceof LazyItems) {
			let start: number | undefined;
			for (const part of chunksOf(value as LazyItems<unknown>, itemsPerPart)) {
				const text = terminalSafeJson({[key]: part}, 2);
				if (start === undefined) {
					// The member's opening `  "key": [` and the line break after it: a key's JSON holds none.
					start = text.indexOf('[\n') + 2;
					yield `${opening}${text.slice(2, start)}${text.slice(start, -partEnd.length)}`;
				} else yield `,\n${text.slice(start, -partEnd.length)}`;
			}
			if (start !== undefined) {
				yield '\n  ]';
				first = false;
				continue;
			}
		}
		const empty = value instanceof LazyItems || value instanceof WrittenItems;
		const text = terminalSafeJson({[key]: empty ? [] : value}, 2);
		// JSON.stringify leaves out a member it cannot write (undefined, a function).
		if (text === '{}') continue;
		yield `${opening}${text.slice(2, -2)}`;
		first = false;
	}
	yield first ? '{}' : '\n}';
}

/** A top-level array's opening, `  "key": [` and its line break, as the whole document has it. */
function memberOpening(key: string): string {
	const text = terminalSafeJson({[key]: [0]}, 2);
	return text.slice(2, text.indexOf('[\n') + 2);
}

function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
	let chunk: T[] = [];
	for (const item of items) {
		chunk.push(item);
		if (chunk.length === size) {
			yield chunk;
			chunk = [];
		}
	}
	if (chunk.length > 0) yield chunk;
}
