/**
 * Two guards on what a tier believes:
 * - An empty list where there were items is asked for once more before it is believed: an
 *   endpoint answering `[]` by mistake (or a proxy's empty 200) emptied every pane under a `live`
 *   header. A fleet that really emptied says so twice.
 * - A list described for the first time in its scope is described a part at a time, and the
 *   count of what arrived goes to the store (pane titles say `Services 120/2,000`): a large
 *   account otherwise showed a still `loading…` for 15 s. A refresh of a list already on screen
 *   is described in one go and writes no progress, so an unchanged refresh changes nothing.
 */
import type {Described} from '../../model/failure.js';
import type {FleetUpdate, LoadProgress, ProgressId} from '../fleet-store.js';
import type {TierContext} from './context.js';

export async function confirmedList(
	list: () => Promise<string[]>,
	hadItems: boolean,
	signal: AbortSignal,
): Promise<string[]> {
	const first = await list();
	if (first.length > 0 || !hadItems) return first;
	signal.throwIfAborted();
	return list();
}

/** Sets (or, with undefined, clears) one list's progress; the same state when nothing moves. */
export function withProgress(id: ProgressId, progress: LoadProgress | undefined): FleetUpdate {
	return (state) => {
		const before = state.progress[id];
		if (before?.done === progress?.done && before?.total === progress?.total) return {};
		const next = {...state.progress};
		if (progress === undefined) delete next[id];
		else next[id] = progress;
		return {progress: next};
	};
}

/**
 * Describes `arns` in parts of `part` when `firstLoad`, writing the count as each part comes in;
 * otherwise in one call. The parts are all asked for at once, so the adapter's cap on calls in
 * flight stays full: one part after another left slots idle at each part's last calls, and let
 * a long list's pages (the cluster's tasks, on screen beside its services) take them, which made
 * 2,000 services 40% slower to come in. The items keep the listed order; the progress is cleared
 * however the describing ends.
 */
export async function describeCounted<T>(
	ctx: TierContext,
	id: ProgressId,
	arns: readonly string[],
	options: {firstLoad: boolean; part: number; signal: AbortSignal},
	describe: (arns: readonly string[]) => Promise<Described<T>>,
): Promise<Described<T>> {
	if (!options.firstLoad || arns.length <= options.part) return describe(arns);
	let done = 0;
	// Once one part fails the rest may still answer: they must not count in after the clearing.
	let ended = false;
	try {
		ctx.write(withProgress(id, {done: 0, total: arns.length}));
		const parts: Promise<Described<T>>[] = [];
		for (let start = 0; start < arns.length; start += options.part) {
			const part = arns.slice(start, start + options.part);
			parts.push(
				describe(part).then((described) => {
					options.signal.throwIfAborted();
					done += part.length;
					if (!ended) ctx.write(withProgress(id, {done, total: arns.length}));
					return described;
				}),
			);
		}
		const described = await Promise.all(parts);
		return {
			items: described.flatMap((part) => part.items),
			failures: described.flatMap((part) => part.failures),
		};
	} finally {
		ended = true;
		ctx.write(withProgress(id, undefined));
	}
}
