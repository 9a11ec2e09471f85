import {describe, expect, it} from 'vitest';
import {clipboardSequence, osc52, osc52MaxBytes} from '../../source/text/osc52.js';

describe('OSC 52', () => {
	it('wraps the text, base64-encoded as UTF-8, in ESC ] 52 ; c ; ... BEL', () => {
		const arn = 'arn:aws:ecs:us-east-1:123456789012:service/web/api';
		const sequence = osc52(arn);
		expect(sequence.startsWith('\u001B]52;c;')).toBe(true);
		expect(sequence.endsWith('\u0007')).toBe(true);
		const payload = sequence.slice('\u001B]52;c;'.length, -1);
		expect(Buffer.from(payload, 'base64').toString('utf8')).toBe(arn);
		expect(osc52('café ✓')).toBe(`\u001B]52;c;${Buffer.from('café ✓').toString('base64')}\u0007`);
	});

	it('carries no control character of its own inside the payload (newlines are base64 too)', () => {
		const sequence = osc52('aws ecs update-service \\\n  --cluster web');
		const payload = sequence.slice(7, -1);
		expect(payload).toMatch(/^[A-Za-z0-9+/=]+$/);
	});

	it('refuses nothing to copy and text a terminal would cut', () => {
		expect(clipboardSequence('')).toEqual({ok: false, why: 'nothing to copy'});
		const big = clipboardSequence('x'.repeat(osc52MaxBytes + 1));
		expect(big.ok).toBe(false);
		expect(clipboardSequence('web').ok).toBe(true);
	});
});
