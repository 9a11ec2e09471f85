// A paginated list always ends: at its last page, at a next token handed out twice, or at the
// page cap, instead of calling the service forever.
import {describe, expect, it} from 'vitest';
import {collectPages, PaginationError} from '../../source/aws/call.js';

describe('collectPages', () => {
	it('follows the tokens to the last page, in order', async () => {
		const pages: Record<string, {items: number[]; next: string | undefined}> = {
			start: {items: [1, 2], next: 'b'},
			b: {items: [3], next: 'c'},
			c: {items: [4], next: undefined},
		};
		const asked: (string | undefined)[] = [];
		const items = await collectPages(async (token) => {
			asked.push(token);
			return pages[token ?? 'start']!;
		});
		expect(items).toEqual([1, 2, 3, 4]);
		expect(asked).toEqual([undefined, 'b', 'c']);
	});

	it('stops at a next token it has already followed', async () => {
		let calls = 0;
		const loop = collectPages(async (token) => {
			calls++;
			return {items: [calls], next: token === 'a' ? 'b' : 'a'};
		});
		await expect(loop).rejects.toThrow(PaginationError);
		await expect(loop).rejects.toThrow(/page 3 handed back a next token already seen/);
		expect(calls).toBe(3);
	});

	it('stops at the page cap when every token is new', async () => {
		let calls = 0;
		const endless = collectPages(async () => ({items: [calls], next: `t${++calls}`}), 50);
		await expect(endless).rejects.toThrow(/gave up after 50 pages/);
		expect(calls).toBe(50);
	});
});
