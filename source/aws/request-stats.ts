/**
 * Counts every HTTP attempt to AWS (retries included: that is what the account's shared rate
 * limit sees), by `Service.Operation`, plus how many were throttled and how many happened in
 * the last minute. The header shows calls/min; the bench compares counts with the minimum.
 */
export type RequestStatsSnapshot = {
	readonly total: number;
	readonly throttled: number;
	readonly lastMinute: number;
	readonly byOperation: Readonly<Record<string, number>>;
};

const windowMs = 60_000;

export class RequestStats {
	private readonly counts = new Map<string, number>();
	// Timestamps of recent attempts, oldest first; `head` skips the expired ones so pruning is
	// O(1) amortised instead of shifting the array on every call.
	private recent: number[] = [];
	private head = 0;
	private totalCount = 0;
	private throttledCount = 0;
	private readonly listeners = new Set<() => void>();

	constructor(private readonly now: () => number = Date.now) {}

	record(operation: string, outcome: {throttled: boolean} = {throttled: false}): void {
		this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
		this.totalCount += 1;
		if (outcome.throttled) this.throttledCount += 1;
		this.recent.push(this.now());
		this.prune();
		for (const listener of this.listeners) listener();
	}

	get total(): number {
		return this.totalCount;
	}

	get throttled(): number {
		return this.throttledCount;
	}

	count(operation: string): number {
		return this.counts.get(operation) ?? 0;
	}

	callsInLastMinute(): number {
		this.prune();
		return this.recent.length - this.head;
	}

	snapshot(): RequestStatsSnapshot {
		return {
			total: this.totalCount,
			throttled: this.throttledCount,
			lastMinute: this.callsInLastMinute(),
			byOperation: Object.fromEntries(this.counts),
		};
	}

	/** Called after every recorded attempt; returns the unsubscribe function. */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private prune(): void {
		const cutoff = this.now() - windowMs;
		while (this.head < this.recent.length && (this.recent[this.head] ?? 0) <= cutoff) {
			this.head += 1;
		}
		if (this.head > 1024 && this.head * 2 > this.recent.length) {
			this.recent = this.recent.slice(this.head);
			this.head = 0;
		}
	}
}
