/**
 * The world's due-time index: a binary min-heap of callbacks keyed by (time, insertion order), so a
 * step with nothing due costs one comparison and equal times run in a deterministic order.
 * Callbacks check themselves whether they are still relevant (a task may have moved on).
 */
interface Timer {
	at: number;
	seq: number;
	run: () => void;
}

export class TimerQueue {
	private readonly heap: Timer[] = [];
	private seq = 0;

	get size(): number {
		return this.heap.length;
	}

	schedule(at: number, run: () => void): void {
		const timer = {at, seq: this.seq++, run};
		const heap = this.heap;
		heap.push(timer);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(timer, heap[parent]!)) break;
			heap[i] = heap[parent]!;
			i = parent;
		}
		heap[i] = timer;
	}

	/** The earliest due time, or Infinity. */
	peek(): number {
		return this.heap[0]?.at ?? Infinity;
	}

	/** Removes and returns the earliest timer if it is due at or before `now`. */
	popDue(now: number): (() => void) | undefined {
		const heap = this.heap;
		const top = heap[0];
		if (!top || top.at > now) return undefined;
		const last = heap.pop()!;
		if (heap.length > 0) {
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				if (left >= heap.length) break;
				const right = left + 1;
				const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
				if (!before(heap[child]!, last)) break;
				heap[i] = heap[child]!;
				i = child;
			}
			heap[i] = last;
		}
		return top.run;
	}
}

function before(a: Timer, b: Timer): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
