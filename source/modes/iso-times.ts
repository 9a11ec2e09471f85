/**
 * ISO 8601 text for the document's timestamps, each distinct time formatted once.
 *
 * A 24,000-task document has ~53,000 timestamps, and `new Date(ms).toISOString()` for each (a
 * Date made and dropped every time) cost ~30-40 ms of `--once`'s CPU. Times repeat where work was
 * done together (tasks placed or stopped in one go; the simulator's `large` world has ~300
 * distinct times among 53,000), and a time seen before costs a lookup. Where every time differs,
 * each costs what it did plus a lookup and an entry. The text is toISOString's, always.
 */

/** Enough for every distinct time of a large account; past it, start over rather than grow. */
const maxCached = 65_536;

/** A formatter with its own cache: one per document, dropped with it. */
export function isoTimes(): (ms: number | undefined) => string | null {
	const cache = new Map<number, string>();
	return (ms) => {
		if (ms === undefined) return null;
		let text = cache.get(ms);
		if (text === undefined) {
			text = new Date(ms).toISOString();
			if (cache.size >= maxCached) cache.clear();
			cache.set(ms, text);
		}
		return text;
	};
}
