/**
 * Reading what the TUI wrote: plain text for matching, bursts of output (one frame, however the
 * pty split it), key-to-frame latencies and percentiles. Pure functions over recorded chunks.
 */
import type {OutputChunk} from './ui-pty.js';

// CSI (colours, cursor moves, private modes), OSC, charset selection and the few lone escapes.
const escapes =
	// eslint-disable-next-line no-control-regex
	/\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[()][0-9A-Za-z]|\u001B[=>78DEHM]/gu;

/** The text without escape sequences: enough to find a title or a row in an incremental frame. */
export function plainText(raw: string): string {
	return raw.replace(escapes, '');
}

export interface Burst {
	/** Driver-clock time of the first and last chunk. */
	start: number;
	end: number;
	bytes: number;
	/** Indexes into the chunk list, end exclusive. */
	from: number;
	to: number;
}

/** Groups chunks into bursts: output separated by at least `quietMs` of silence. */
export function bursts(chunks: readonly OutputChunk[], quietMs: number, from = 0): Burst[] {
	const result: Burst[] = [];
	let current: Burst | undefined;
	for (let i = from; i < chunks.length; i++) {
		const chunk = chunks[i]!;
		if (current && chunk.t - current.end < quietMs) {
			current.end = chunk.t;
			current.bytes += chunk.bytes.length;
			current.to = i + 1;
		} else {
			current = {start: chunk.t, end: chunk.t, bytes: chunk.bytes.length, from: i, to: i + 1};
			result.push(current);
		}
	}
	return result;
}

/**
 * For each key press, the time until the frame it caused was fully written: the end of the first
 * burst that starts after the press. A press whose frame was merged into a later one (Ink throttles
 * renders to --max-fps) is charged the wait for that later frame, as a user would feel it.
 */
export function keyLatencies(
	presses: readonly number[],
	chunks: readonly OutputChunk[],
	quietMs: number,
): {latencies: number[]; frameBytes: number[]; unanswered: number} {
	const all = bursts(chunks, quietMs);
	const latencies: number[] = [];
	const frameBytes: number[] = [];
	let unanswered = 0;
	let b = 0;
	for (const press of presses) {
		while (b < all.length && all[b]!.start < press) b++;
		const burst = all[b];
		if (burst === undefined) unanswered++;
		else {
			latencies.push(burst.end - press);
			frameBytes.push(burst.bytes);
		}
	}
	return {latencies, frameBytes, unanswered};
}

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
