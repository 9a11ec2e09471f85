import {describe, expect, it} from 'vitest';
import {apportion} from '../../source/sim/scenarios/apportion.js';

describe('apportion (fleet-wide counts split by weight)', () => {
	it('sums exactly to the total and follows the weights', () => {
		const shares = apportion(20_000, [1, 3, 0.5, 10, 0.01], 20);
		expect(shares.reduce((a, b) => a + b, 0)).toBe(20_000);
		expect(Math.min(...shares)).toBeGreaterThanOrEqual(20);
		expect(shares[3]).toBeGreaterThan(shares[1]!);
		expect(shares[1]).toBeGreaterThan(shares[0]!);
	});

	it('gives leftover units by largest remainder, earlier index first on ties', () => {
		expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
		expect(apportion(5, [1, 2])).toEqual([2, 3]);
	});

	it('refuses a minimum the total cannot cover', () => {
		expect(() => apportion(5, [1, 1, 1], 2)).toThrow();
	});
});
