import {describe, expect, it} from 'vitest';
import {parseSimOptions} from '../../source/sim/options.js';

describe('ecs-top sim flags', () => {
	it('defaults to a demo world on a free loopback port', () => {
		expect(parseSimOptions({})).toEqual({
			ok: true,
			value: {host: '127.0.0.1', port: 0, scenario: 'demo', seed: 1, faults: {}},
		});
	});

	it('passes fault knobs through as fault settings', () => {
		const parsed = parseSimOptions({
			throttleRate: 0.5,
			errorRate: 0.1,
			latency: 200,
			scenario: 'large',
			seed: 7,
		});
		expect(parsed).toMatchObject({
			ok: true,
			value: {
				scenario: 'large',
				seed: 7,
				faults: {throttleRate: 0.5, errorRate: 0.1, latencyMs: 200},
			},
		});
	});

	it.each([
		[{port: 70_000}, /--port must be a whole number from 0 to 65535/],
		[{port: 1.5}, /--port/],
		[{scenario: 'huge'}, /--scenario must be one of demo, large, wide, empty, not huge/],
		[{seed: -1}, /--seed/],
		[{throttleRate: 2}, /--throttle-rate must be a fraction from 0 to 1/],
		[{errorRate: Number.NaN}, /--error-rate/],
		[{latency: -5}, /--latency/],
		[{host: ' '}, /--host/],
	])('refuses %o with one clear line', (flags, message) => {
		const parsed = parseSimOptions(flags);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.error).toMatch(message);
			expect(parsed.error).not.toContain('\n');
		}
	});
});
