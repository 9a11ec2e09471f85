// At 80x24 in a real terminal: a long message is read whole with m, and c puts the selected
// cluster's ARN on the clipboard through OSC 52, which tmux (set-clipboard on) takes into its
// paste buffer, as it would pass it on to the terminal around it.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal, waitUntil, type Screen} from './tmux.js';

const loaded = (s: Screen) => s.text.includes('Clusters [1/3]');

/** The screen's rows with the box borders gone, joined: wrapped text reads as one. */
function joined(screen: Screen): string {
	return screen.lines
		.map((line) => line.replace(/^[│|]|[│|]\s*$/g, '').trim())
		.join(' ')
		.replace(/\s+/g, ' ');
}

describe('readable at 80x24', () => {
	let terminal: TmuxTerminal;
	let outputPath: string;

	beforeAll(async () => {
		terminal = new TmuxTerminal();
		outputPath = join(terminal.dir, 'output');
		await terminal.start(demoCommand, {columns: 80, rows: 24});
		// Applications inside tmux may set the clipboard only with set-clipboard on.
		await terminal.command('set-option', '-g', 'set-clipboard', 'on');
		await terminal.recordOutput(outputPath);
		await terminal.waitFor('the demo to load', loaded);
	});

	afterAll(async () => {
		await terminal.kill();
	});

	it('reads a long status-line message whole with m', async () => {
		const typo = 'no-such-command-anywhere-at-all';
		await terminal.type(`:${typo}`);
		await terminal.press('Enter');
		// The key hints keep their place after it, so the message is cut short of the typo's end.
		const cut = await terminal.waitFor('the message, cut', (s) =>
			s.lines.some((line) => line.includes('unknown command :no-such-command')),
		);
		const status = cut.lines.find((line) => line.includes('unknown command :no-such-command'));
		expect(status).toMatch(/… m: whole/);
		await terminal.press('m');
		const whole = await terminal.waitFor('the message whole', (s) =>
			s.text.includes('last message'),
		);
		// Its end, cut off on the status line, is on screen now.
		expect(joined(whole)).toMatch(
			new RegExp(
				`unknown command :${typo} \\(try :clusters :svc :tasks :td .*:profile \\[NAME\\] :q\\)`,
			),
		);
		await terminal.press('Escape');
		await terminal.waitFor('the panes back', (s) => !s.text.includes('last message'));
	});

	it("c copies the selected cluster's ARN through OSC 52", async () => {
		await terminal.press('c');
		const said = await terminal.waitFor('the copy message', (s) =>
			s.text.includes('copied the cluster ARN'),
		);
		expect(said.text).toContain('copied the cluster ARN');
		// tmux took the sequence into a paste buffer.
		const buffer = await (async () => {
			// A deadline, not a count of tries: on a loaded machine each tmux call takes longer.
			const deadline = Date.now() + 15_000;
			while (Date.now() < deadline) {
				const text = await terminal.command('show-buffer').catch(() => '');
				if (text !== '') return text;
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return '';
		})();
		expect(buffer).toMatch(/^arn:aws:ecs:[a-z0-9-]+:\d{12}:cluster\/batch$/);
		// The terminal's output is copied to the file by tmux's pipe-pane, which can lag the
		// paste buffer: wait for the sequence to arrive there rather than read the file once.
		const sequence = `\u001B]52;c;${Buffer.from(buffer).toString('base64')}\u0007`;
		await waitUntil(() => readFileSync(outputPath, 'latin1').includes(sequence), 15_000);
		expect(readFileSync(outputPath, 'latin1')).toContain(sequence);
	});
});
