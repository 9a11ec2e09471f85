/**
 * The OSC 52 escape sequence, which asks the terminal to put text on the system clipboard. It
 * travels in the terminal's own output stream, so it works over SSH and needs no clipboard tool
 * on the machine ecs-top runs on. The terminal decides whether to honour it (most modern ones
 * do; some ask first or need it switched on).
 *
 * Inside tmux the plain sequence is sent and tmux is relied on: with `set -g set-clipboard on`
 * tmux takes it into a paste buffer and passes it on to the outer terminal. It is not wrapped in
 * tmux's DCS passthrough, which needs `allow-passthrough on` and would bypass tmux's buffers.
 */

/** ESC ] 52 ; c ; base64 BEL. BEL ends it: every terminal that knows OSC 52 accepts BEL. */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/**
 * Terminals cap what they take: xterm and tmux near 100 KB of base64. Well under, so what is
 * copied is never cut; an ARN or a command is a few hundred bytes.
 */
export const osc52MaxBytes = 64 * 1024;

/** The sequence for `text`, or why it cannot be copied. */
export function clipboardSequence(
	text: string,
): {readonly ok: true; readonly sequence: string} | {readonly ok: false; readonly why: string} {
	if (text === '') return {ok: false, why: 'nothing to copy'};
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > osc52MaxBytes)
		return {ok: false, why: `too long to copy through the terminal (${bytes} bytes)`};
	return {ok: true, sequence: osc52(text)};
}
