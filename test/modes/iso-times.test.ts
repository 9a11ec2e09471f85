// The document's timestamps come from a formatter that remembers the times it has written: its
// text must be toISOString's for every time, seen before or not, however many it has seen.
import {describe, expect, it} from 'vitest';
import {isoTimes} from '../../source/modes/iso-times.js';

describe('isoTimes', () => {
	it('writes each time as toISOString does, the first time and every time after', () => {
		const iso = isoTimes();
		const times = [
			0,
			1_767_268_800_123,
			1_767_268_800_123,
			1_767_268_800_000,
			-1,
			Date.UTC(1969, 11, 31, 23, 59, 59, 999),
			// Past year 9999 toISOString writes a signed six-digit year.
			Date.UTC(10_000, 0, 1),
			8.64e15,
		];
		for (const ms of [...times, ...times]) expect(iso(ms)).toBe(new Date(ms).toISOString());
		expect(iso(undefined)).toBeNull();
	});

	it('stays right past the number of times it keeps', () => {
		const iso = isoTimes();
		const start = 1_767_268_800_000;
		for (let i = 0; i < 70_000; i++) iso(start + i);
		for (const ms of [start, start + 65_535, start + 65_536, start + 69_999, start + 70_000])
			expect(iso(ms)).toBe(new Date(ms).toISOString());
	});

	it('refuses a time that is not one, as toISOString does', () => {
		expect(() => isoTimes()(Number.NaN)).toThrow(RangeError);
	});
});
