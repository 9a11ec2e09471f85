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

/** How a top-level array's part ends in `JSON.stringify({key: part}, null, 2)`. */
const partEnd = '\n  ]\n}';

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
		const text = terminalSafeJson({[key]: value instanceof LazyItems ? [] : value}, 2);
		// JSON.stringify leaves out a member it cannot write (undefined, a function).
		if (text === '{}') continue;
		yield `${opening}${text.slice(2, -2)}`;
		first = false;
	}
	yield first ? '{}' : '\n}';
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
