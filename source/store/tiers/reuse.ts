/**
 * Keeping references stable across refreshes. The UI reads the store with zustand selectors that
 * compare by reference, so a refresh that brings back the same data must hand back the very same
 * objects and arrays: that is what makes an unchanged refresh redraw nothing
 * (docs/architecture.md, "Stable references").
 */

/** Structural equality for the plain readonly data the adapters return (no Dates, Maps, classes). */
export function sameData(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	const keys = Object.keys(left);
	if (keys.length !== Object.keys(right).length) return false;
	for (const key of keys) {
		if (!Object.hasOwn(right, key) || !sameData(left[key], right[key])) return false;
	}
	return true;
}

/**
 * The new list, but with each element that did not change replaced by its previous object, and
 * the previous array itself when nothing changed at all (same elements, same order).
 */
export function reuseList<T>(
	previous: readonly T[] | undefined,
	next: readonly T[],
	keyOf: (item: T) => string,
	same: (before: T, after: T) => boolean = sameData,
): readonly T[] {
	if (previous === undefined) return next;
	const byKey = new Map<string, T>();
	for (const item of previous) byKey.set(keyOf(item), item);
	let unchanged = previous.length === next.length;
	const merged = next.map((item, index) => {
		const before = byKey.get(keyOf(item));
		const kept = before !== undefined && same(before, item) ? before : item;
		if (kept !== previous[index]) unchanged = false;
		return kept;
	});
	return unchanged ? previous : merged;
}

/** The previous value when the new one has the same content. */
export function reuseValue<T>(previous: T | undefined, next: T): T {
	return previous !== undefined && sameData(previous, next) ? previous : next;
}

/**
 * A record with `entries` set: the same record object when every entry was already there with
 * the same content, so adding nothing new costs the UI nothing.
 */
export function withEntries<T>(
	record: Readonly<Record<string, T>>,
	entries: Iterable<readonly [string, T]>,
	same: (before: T, after: T) => boolean = sameData,
): Readonly<Record<string, T>> {
	let copy: Record<string, T> | undefined;
	for (const [key, value] of entries) {
		const before = (copy ?? record)[key];
		if (before !== undefined && same(before, value)) continue;
		copy ??= {...record};
		copy[key] = value;
	}
	return copy ?? record;
}

/** A record without the keys not in `keep`; the same record when there is nothing to drop. */
export function onlyKeys<T>(
	record: Readonly<Record<string, T>>,
	keep: ReadonlySet<string>,
): Readonly<Record<string, T>> {
	const keys = Object.keys(record);
	if (keys.every((key) => keep.has(key))) return record;
	const kept: Record<string, T> = {};
	for (const key of keys) if (keep.has(key)) kept[key] = record[key]!;
	return kept;
}

/** Sorted copy by a string key, so the order on screen never depends on the API's page order. */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
	return [...items].sort((a, b) => {
		const ka = keyOf(a);
		const kb = keyOf(b);
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	});
}
