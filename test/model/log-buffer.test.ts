import {describe, expect, it} from 'vitest';
import {appendLines, cutLine, emptyLogBuffer, type LogLine} from '../../source/model/log-buffer.js';

const line = (at: number, text = `line ${at}`): LogLine => ({
	at,
	container: 'app',
	taskId: 't',
	text,
});

describe('the log buffer', () => {
	it('keeps the newest lines past its bound and counts the dropped', () => {
		let buffer = emptyLogBuffer;
		for (let batch = 0; batch < 10; batch++)
			buffer = appendLines(
				buffer,
				Array.from({length: 100}, (_, i) => line(batch * 100 + i)),
				{lines: 250, chars: 1_000_000},
			);
		expect(buffer.lines).toHaveLength(250);
		expect(buffer.dropped).toBe(750);
		expect(buffer.lines[0]!.at).toBe(750);
		expect(buffer.lines.at(-1)!.at).toBe(999);
		expect(buffer.chars).toBe(buffer.lines.reduce((sum, l) => sum + l.text.length, 0));
	});

	it('bounds the text held, however few the lines', () => {
		const big = 'x'.repeat(1_000);
		let buffer = emptyLogBuffer;
		for (let at = 0; at < 50; at++)
			buffer = appendLines(buffer, [line(at, big)], {lines: 1_000, chars: 10_000});
		expect(buffer.chars).toBeLessThanOrEqual(10_000);
		expect(buffer.lines.at(-1)!.at).toBe(49);
		expect(buffer.dropped).toBe(50 - buffer.lines.length);
	});

	it('puts lines of several groups read in one refresh in time order', () => {
		const held = appendLines(emptyLogBuffer, [line(10), line(20)]);
		const merged = appendLines(held, [line(30), line(15), line(25)]);
		expect(merged.lines.map((l) => l.at)).toEqual([10, 15, 20, 25, 30]);
	});

	it('cuts an event too long to show, saying how much', () => {
		expect(cutLine('abcdef', 3)).toBe('abc … (3 more characters)');
		expect(cutLine('abc', 3)).toBe('abc');
	});
});
