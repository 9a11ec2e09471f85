import {describe, expect, it} from 'vitest';
import {boundedTaskDefinitions} from '../../source/store/tiers/task-definitions.js';

const cache = (...arns: string[]) => Object.fromEntries(arns.map((arn) => [arn, {arn}]));

describe('the task definition cache', () => {
	it('is left as it is while within its bound', () => {
		const cached = cache('a:1', 'b:1', 'c:1');
		expect(boundedTaskDefinitions(cached, new Set(), 3)).toBe(cached);
	});

	it('drops the longest-held definitions first once past its bound', () => {
		const bounded = boundedTaskDefinitions(cache('a:1', 'b:1', 'c:1', 'd:1', 'e:1'), new Set(), 3);
		expect(Object.keys(bounded)).toEqual(['c:1', 'd:1', 'e:1']);
	});

	it('never drops a definition that is on screen, however long held', () => {
		const bounded = boundedTaskDefinitions(
			cache('a:1', 'b:1', 'c:1', 'd:1', 'e:1'),
			new Set(['a:1', 'c:1']),
			3,
		);
		expect(Object.keys(bounded)).toEqual(['a:1', 'c:1', 'e:1']);
	});

	it('keeps everything on screen even when that alone is past the bound', () => {
		const bounded = boundedTaskDefinitions(cache('a:1', 'b:1', 'c:1'), new Set(['a:1', 'b:1']), 1);
		expect(Object.keys(bounded)).toEqual(['a:1', 'b:1']);
	});
});
