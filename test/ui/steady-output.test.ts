import {describe, expect, it} from 'vitest';
import {steadyRate} from '../../source/ui/header.js';
import {taskAge} from '../../source/ui/panes/pane-rows.js';

// An idle refresh must rewrite nothing on the terminal (the budget: 0 bytes; docs/architecture.md).
describe('output that holds still while nothing happens', () => {
	it('keeps the shown API rate through the sliding window wobbling', () => {
		expect(steadyRate(15, 18)).toBe(15);
		expect(steadyRate(15, 11)).toBe(15);
		expect(steadyRate(40, 48)).toBe(40);
	});

	it('follows the API rate when it really moves', () => {
		expect(steadyRate(15, 40)).toBe(40);
		expect(steadyRate(40, 120)).toBe(120);
		expect(steadyRate(40, 8)).toBe(8);
	});

	it('shows task ages in minutes, so a young task does not change every refresh', () => {
		expect(taskAge(5_000)).toBe('<1m');
		expect(taskAge(59_999)).toBe('<1m');
		expect(taskAge(61_000)).toBe('1m');
		expect(taskAge(3 * 3600_000)).toBe('3h');
		expect(taskAge(undefined)).not.toBe('<1m');
	});
});
