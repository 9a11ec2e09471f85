import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../source/model/log-buffer.js';
import {logRows, matchingLines} from '../../source/ui/logs/log-rows.js';

const line = (text: string, container = 'web'): LogLine => ({
	at: Date.UTC(2026, 0, 1, 12, 0, 0, 42),
	container,
	taskId: '0123456789abcdef',
	text,
});
const options = {width: 40, wrap: false, timestamps: false, source: 'none', ellipsis: '…'} as const;

describe('log rows', () => {
	it('spells out escape sequences in a line: they are text, never terminal commands', () => {
		const rows = logRows([line('\u001B]0;pwned\u0007 done\u001B[2J')], options);
		const drawn = rows.map((row) => row.text).join('');
		expect([...drawn].filter((c) => c.charCodeAt(0) < 0x20 || c === '\u007F')).toEqual([]);
		expect(rows[0]!.text).toContain('\\e]0;pwned');
	});

	it('cuts long lines, or wraps them when asked, and splits multi-line events', () => {
		const long = 'a'.repeat(100);
		expect(logRows([line(long)], options)).toHaveLength(1);
		expect(logRows([line(long)], options)[0]!.text).toHaveLength(40);
		expect(logRows([line(long)], {...options, wrap: true}).map((row) => row.text.length)).toEqual([
			40, 40, 20,
		]);
		expect(
			logRows([line('Error: boom\n\tat main (a.js:1)')], options).map((row) => row.text),
		).toEqual(['Error: boom', '    at main (a.js:1)']);
	});

	it('puts the time and the source before the text, and blanks them under its continuations', () => {
		const rows = logRows([line('x'.repeat(60))], {
			...options,
			wrap: true,
			timestamps: true,
			source: 'task',
		});
		expect(rows[0]!.prefix).toMatch(/^\d\d:\d\d:\d\d\.042 01234567 web $/);
		expect(rows[1]!.prefix.trim()).toBe('');
		expect(rows.every((row) => row.prefix.length + row.text.length <= 40)).toBe(true);
	});

	it('search keeps the lines that contain it, in any case', () => {
		const lines = [line('GET /health 200'), line('POST /orders 500'), line('get /x')];
		expect(matchingLines(lines, 'get').map((l) => l.text)).toEqual(['GET /health 200', 'get /x']);
	});
});
