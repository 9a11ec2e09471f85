import {describe, expect, it} from 'vitest';
import {compareText, groupThousands} from '../../source/text/plain-order.js';

describe('groupThousands', () => {
	it.each([
		[0, '0'],
		[999, '999'],
		[1000, '1,000'],
		[20000, '20,000'],
		[1234567, '1,234,567'],
		[-4321, '-4,321'],
		[1234.5, '1,234.5'],
	])('%d reads %s, as en-US groups it', (value, text) => {
		expect(groupThousands(value)).toBe(text);
		expect(groupThousands(value)).toBe(value.toLocaleString('en-US', {maximumFractionDigits: 20}));
	});
});

describe('compareText', () => {
	it('orders AWS names as a collator does', () => {
		const names = [
			'web',
			'Batch',
			'api',
			'API',
			'api-2',
			'api2',
			'b',
			'svc10',
			'svc2',
			'Zeta',
			'alpha',
		];
		const collator = new Intl.Collator();
		expect([...names].sort(compareText)).toEqual([...names].sort(collator.compare));
	});
});
