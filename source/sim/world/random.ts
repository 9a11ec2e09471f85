/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same world, ids included.
 * Math.random is never used by the simulator.
 */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	/** `length` lowercase hex digits, as in ECS task and container instance ids. */
	hex(length: number): string {
		let out = '';
		while (out.length < length)
			out += Math.floor(this.next() * 0x1_0000_0000)
				.toString(16)
				.padStart(8, '0');
		return out.slice(0, length);
	}

	/** A UUID v4 shape, as in request ids and container ARNs. */
	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

/** Deterministic noise in [-1, 1] for a key and a time bucket, independent of call order. */
export function hashNoise(key: string, bucket: number): number {
	let h = 2_166_136_261 ^ bucket;
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 16_777_619);
	}
	h ^= h >>> 13;
	h = Math.imul(h, 0x5bd1e995);
	h ^= h >>> 15;
	return ((h >>> 0) / 4_294_967_295) * 2 - 1;
}
