// `--once --json` writes its document in parts: scripts parse the text, so the parts joined must
// be the very text of the whole document stringified, escaping included.
import {describe, expect, it} from 'vitest';
import {jsonParts, LazyItems, materialize} from '../../source/modes/once-json.js';
import {terminalSafeJson} from '../../source/text/printable.js';

const items = (count: number) =>
	new LazyItems(function* () {
		for (let i = 0; i < count; i++)
			yield {id: i, name: `task-${i}`, nested: {list: [i, null], empty: []}, gone: undefined};
	});

function document() {
	return {
		schemaVersion: 2,
		account: undefined,
		region: 'us-east-1',
		clusters: items(0),
		tasks: items(7),
		// DEL, a C1 control (CSI to some terminals) and a bidi override, as AWS text might hold.
		services: new LazyItems(() => [{name: 'web\u007f\u009b31m\u202e'}]),
		failures: [{arn: null, reason: 'MISSING'}],
		problems: [],
	};
}

describe('the --once document written in parts', () => {
	it('is, joined, the whole document stringified, for any part size', () => {
		const whole = terminalSafeJson(materialize(document()), 2);
		for (const size of [1, 2, 3, 7, 500])
			expect([...jsonParts(document(), size)].join('')).toBe(whole);
		// The lazy arrays stringify as arrays too.
		expect(JSON.stringify(document(), null, 2)).toBe(
			JSON.stringify(materialize(document()), null, 2),
		);
	});

	it('writes an array in several parts, each made only when it is written', () => {
		let made = 0;
		const counted = new LazyItems(function* () {
			for (let i = 0; i < 6; i++) {
				made++;
				yield {i};
			}
		});
		const parts = jsonParts({tasks: counted}, 2);
		parts.next();
		expect(made).toBe(2);
		expect([...parts].length).toBe(4);
		expect(made).toBe(6);
	});

	it('escapes what a terminal would act on, and parses back to the same values', () => {
		const text = [...jsonParts(document(), 2)].join('');
		expect(text).not.toMatch(/[\u007f\u009b\u202e]/);
		expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(materialize(document()))));
	});

	it('escapes DEL in otherwise plain ASCII, and keeps harmless letters past ASCII as they are', () => {
		const parts = (value: unknown) =>
			[...jsonParts({tasks: new LazyItems(() => [value])})].join('');
		expect(parts({reason: 'plain ascii, "quoted"'})).toBe(
			JSON.stringify({tasks: [{reason: 'plain ascii, "quoted"'}]}, null, 2),
		);
		expect(parts({reason: 'rm\u007f'})).toContain('"rm\\u007f"');
		const accented = parts({reason: 'caf\u00e9 \u65e5\u672c \u2028 end'});
		expect(accented).toContain('caf\u00e9 \u65e5\u672c \\u2028 end');
		expect(JSON.parse(accented)).toEqual({tasks: [{reason: 'caf\u00e9 \u65e5\u672c \u2028 end'}]});
	});

	it('writes an empty document as JSON.stringify does', () => {
		expect([...jsonParts({gone: undefined})].join('')).toBe('{}');
		expect([...jsonParts({none: items(0)})].join('')).toBe(JSON.stringify({none: []}, null, 2));
	});
});
