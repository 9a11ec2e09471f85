/**
 * A running container's output as a pure function of time: start-up lines just after it starts,
 * steady lines in each second of its life (how many and what they say drawn from a Random seeded
 * by the stream and the second, so any stretch of time reads the same whenever it is produced),
 * and its last lines when it ends. The log store asks for a stretch of time when someone reads.
 */
import {hashNoise, Random} from '../random.js';
import type {LogWriter} from './log-store.js';
import type {EndingKind, Voice, VoiceContext} from './voices.js';

/** Start-up lines fall within this long of the start; steady lines begin after it. */
const startupSpanMs = 2000;
/** Steady lines stop this long before the ending lines. */
const quietBeforeEndMs = 500;
/** The ending lines are 1 ms apart, at most this many. */
const endingSpanMs = 100;

export interface Ending {
	at: number;
	kind: EndingKind;
	exitCode: number;
}

export class ContainerWriter implements LogWriter {
	endsAt = Infinity;
	private ending: Ending | undefined;

	constructor(
		private readonly voice: Voice,
		private readonly context: VoiceContext,
		/** Unique to the stream and the world's seed. */
		private readonly key: string,
	) {}

	end(ending: Ending): void {
		if (this.ending) return;
		this.ending = ending;
		this.endsAt = ending.at + endingSpanMs;
	}

	write(
		from: number,
		to: number,
		emit: (timestamp: number, message: string, ingestionTime: number) => void,
	): void {
		const start = this.context.startedAt;
		const cutoff = this.ending?.at ?? Infinity;
		const out = (timestamp: number, message: string): void => {
			if (timestamp >= from && timestamp < to && message !== '')
				emit(timestamp, message, timestamp + this.ingestionDelay(timestamp));
		};

		if (from < start + startupSpanMs) {
			const lines = this.voice.startup(this.context);
			const gap = Math.floor(startupSpanMs / (lines.length + 1));
			lines.forEach((line, i) => {
				const at = start + 40 + i * gap;
				if (at < cutoff && at >= from && at < to) out(at, line(at));
			});
		}

		const steadyFrom = Math.max(from, start + startupSpanMs);
		const steadyTo = Math.min(to, cutoff - quietBeforeEndMs);
		for (let second = Math.floor(steadyFrom / 1000); second * 1000 < steadyTo; second++) {
			const random = new Random(seedOf(this.key, second));
			let count = Math.floor(this.voice.rate);
			if (random.chance(this.voice.rate - count)) count++;
			const offsets = Array.from({length: count}, () => random.int(0, 999)).sort((a, b) => a - b);
			for (const offset of offsets) {
				const at = second * 1000 + offset;
				if (at >= steadyFrom && at < steadyTo) out(at, this.voice.line(this.context, random, at));
			}
		}

		if (this.ending && to > this.ending.at) {
			const {at, kind, exitCode} = this.ending;
			const lines = this.voice.ending(this.context, kind, exitCode, at);
			lines.slice(0, endingSpanMs).forEach((line, i) => out(at + i, line));
		}
	}

	/** The awslogs driver sends within a second; how long exactly is part of the event. */
	private ingestionDelay(timestamp: number): number {
		return 150 + Math.floor(((hashNoise(this.key, timestamp) + 1) / 2) * 800);
	}
}

function seedOf(key: string, second: number): number {
	return Math.floor(((hashNoise(key, second) + 1) / 2) * 0xffff_ffff);
}
