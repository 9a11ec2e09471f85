/**
 * Time for the simulated world. The server calls `world.advanceTo(clock.now())` before each
 * request, so the world is always current when observed; tests drive a ManualClock step by step.
 */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = {now: () => Date.now()};

export class ManualClock implements Clock {
	private current: number;

	constructor(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
		this.current = start;
	}

	now(): number {
		return this.current;
	}

	advance(ms: number): void {
		this.current += ms;
	}

	set(time: number): void {
		this.current = time;
	}
}
