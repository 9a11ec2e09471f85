/**
 * Batched describe calls go out in parallel, but never more than a few at once: AWS's rate
 * limit is a token bucket shared with the user's other tools, and a burst of 30 parallel calls
 * would drain it for everyone.
 */
export type Limiter = {
	<T>(task: () => Promise<T>): Promise<T>;
	/**
	 * For the next page of a list that has begun. With `listPagesFirst`, under the same cap but
	 * served before every call already waiting: paging is a chain, one call after another, and
	 * behind a queue of hundreds of describes each page waited for the whole queue, so in a
	 * snapshot of everything (`--once`) the one cluster with 20,000 tasks (200 pages) was still
	 * listing when everything else was done, one call in flight at a time. Without it, in turn
	 * with the rest: the live view asks first for what is on screen (a cluster's services before
	 * the tasks behind them), and a long list served first took a slot and the simulator's or
	 * AWS's time from them (2,000 services in a pane 40% later).
	 */
	readonly next: <T>(task: () => Promise<T>) => Promise<T>;
};

export const defaultConcurrency = 4;

export function createLimiter(
	concurrency: number,
	options: {readonly listPagesFirst?: boolean} = {},
): Limiter {
	if (!Number.isInteger(concurrency) || concurrency < 1) {
		throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
	}
	let active = 0;
	const ahead: (() => void)[] = [];
	const waiting: (() => void)[] = [];

	const release = (): void => {
		const next = ahead.shift() ?? waiting.shift();
		if (next === undefined) active -= 1;
		else next();
	};

	const run =
		(queue: (() => void)[]) =>
		async <T>(task: () => Promise<T>): Promise<T> => {
			if (active >= concurrency) {
				// release() hands its slot straight to the next waiter, so `active` stays the same.
				await new Promise<void>((resolve) => queue.push(resolve));
			} else {
				active += 1;
			}
			try {
				return await task();
			} finally {
				release();
			}
		};

	return Object.assign(run(waiting), {next: options.listPagesFirst ? run(ahead) : run(waiting)});
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (size < 1) throw new RangeError(`chunk size must be at least 1, got ${size}`);
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size) {
		chunks.push(items.slice(start, start + size));
	}
	return chunks;
}

/** Runs `call` on each batch of at most `size` items through `limit`; results in batch order. */
export async function mapBatches<T, R>(
	items: readonly T[],
	size: number,
	limit: Limiter,
	call: (batch: T[]) => Promise<R>,
): Promise<R[]> {
	return Promise.all(chunk(items, size).map((batch) => limit(() => call(batch))));
}
