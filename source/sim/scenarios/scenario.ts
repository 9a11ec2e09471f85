/**
 * What a scenario is: a way to populate a fresh world through its public methods, starting some
 * history before "now" so that the world served is already settled (tasks RUNNING with realistic
 * timestamps, services steady, metric history present).
 */
import type {Random} from '../world/random.js';
import type {World} from '../world/world.js';

export interface Scenario {
	/** How long before the clock's now the world starts. */
	historyMs: number;
	/**
	 * Builds the account, moving the world forward with `runUntil` between steps where a real
	 * account's history would (instances registering before services are deployed, a rollout
	 * started a minute ago). Every random choice comes from `random`.
	 */
	build(world: World, random: Random): void;
}

/**
 * Runs the world forward to `time`, never past the clock's now: with the system clock, a slow
 * build must not leave the world ahead of the real time it will be served at.
 */
export function runUntil(world: World, time: number): void {
	const target = Math.min(time, world.clock.now());
	if (target > world.now()) world.advanceTo(target);
}

export const second = 1000;
export const minute = 60 * second;

/** A seeded Fisher-Yates shuffle (a copy). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = random.int(0, i);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}
