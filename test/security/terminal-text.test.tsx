// The sanitising boundary on its own, attacked with every hostile value: what the helpers,
// the Text component, the table, the detail lines, the dialogs' aws commands and the printers
// make of each. The same values go through the simulator into every field in hostile-fleet.
import {execFileSync} from 'node:child_process';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {awsCommand, shellQuote} from '../../source/store/writes/cli-command.js';
import {printableLine, printableLines, terminalSafeJson} from '../../source/text/printable.js';
import {needsEscaping, terminalSafe} from '../../source/text/terminal-text.js';
import {wrapCommand, wrapWords} from '../../source/ui/dialogs/action-dialog.js';
import {Table, type TableColumn, type TableRow} from '../../source/ui/components/table.js';
import {Text} from '../../source/ui/components/text.js';
import {DetailView} from '../../source/ui/details/detail-view.js';
import {field, heading, text, segment} from '../../source/ui/details/detail-lines.js';
import {displayWidth, padCell, truncate, truncateMiddle} from '../../source/ui/format.js';
import {createTheme, ThemeContext} from '../../source/ui/theme.js';
import {anyControl, hostileValues} from './hostile-values.js';

afterEach(cleanup);

const escapeCharacter = String.fromCharCode(27);
/** The colour codes Ink writes itself; whatever else is an escape came from the data. */
const inkColour = new RegExp(`${escapeCharacter}\\[[0-9;]*m`, 'g');

/** A frame as the terminal would get it, Ink's colours removed: must be plain text by lines. */
function frameLines(frame: string): string[] {
	const plain = frame.replace(inkColour, '');
	return plain.split('\n');
}

const theme = createTheme({color: true, unicode: true});

describe.each(hostileValues)('$name', ({value}) => {
	it('is shown visibly, never as a control, and the same when made safe twice', () => {
		const safe = terminalSafe(value);
		expect(safe).not.toMatch(anyControl);
		expect(terminalSafe(safe)).toBe(safe);
		expect(needsEscaping(safe)).toBe(false);
		if (value.includes(escapeCharacter)) expect(safe).toContain('\\e');
	});

	it('is cut and padded to exact columns, with no escape left to cut inside', () => {
		for (const width of [1, 5, 12, 33, 80]) {
			for (const align of ['left', 'right', 'center'] as const) {
				const cell = padCell(value, width, align);
				expect(stringWidth(cell)).toBe(width);
				expect(displayWidth(cell)).toBe(width);
				expect(cell).not.toMatch(anyControl);
			}
			expect(stringWidth(truncate(value, width))).toBeLessThanOrEqual(width);
			expect(stringWidth(truncateMiddle(value, width))).toBeLessThanOrEqual(width);
			expect(truncateMiddle(value, width)).not.toMatch(anyControl);
		}
	});

	it('reaches Ink only through Text, escaped in plain, nested, array and fragment children', () => {
		const {lastFrame} = render(
			<Box flexDirection="column" width={400}>
				<Text>{value}</Text>
				<Text>
					a<Text bold>{value}</Text>
				</Text>
				<Text>{[value, 'b']}</Text>
				<Text>
					<>{value}</>
				</Text>
			</Box>,
		);
		for (const line of frameLines(lastFrame()!)) expect(line).not.toMatch(anyControl);
		expect(lastFrame()!.replace(inkColour, '')).toContain(terminalSafe(value).slice(0, 40));
	});

	it('keeps a table aligned beside CJK and emoji rows, its cells escaped', () => {
		const columns: readonly TableColumn[] = [
			{key: 'name', title: 'NAME', flex: 2, minWidth: 8},
			{key: 'status', title: 'STATUS', width: 10},
			{key: 'reason', title: 'STOPPED BECAUSE', flex: 3},
		];
		const rows: TableRow[] = [
			{id: 'a', cells: {name: value, status: 'STOPPED', reason: value}},
			{id: 'b', cells: {name: '日本語のサービス', status: 'RUNNING', reason: 'デプロイ 🚀'}},
			{id: 'c', cells: {name: 'web', status: value, reason: 'exit 137'}},
		];
		const width = 90;
		const {lastFrame} = render(
			<ThemeContext.Provider value={theme}>
				<Table
					columns={columns}
					rows={rows}
					selectedIndex={1}
					height={4}
					width={width}
					focused
					emptyText="none"
				/>
			</ThemeContext.Provider>,
		);
		const lines = frameLines(lastFrame()!);
		expect(lines).toHaveLength(4);
		for (const line of lines) {
			expect(line).not.toMatch(anyControl);
			// Ink drops the padding at a line's end; nothing may go past the table's width.
			expect(stringWidth(line)).toBeLessThanOrEqual(width);
		}
		// The STATUS column starts at the same column on every row, whatever the NAME held.
		const statusAt = (line: string, status: string) =>
			stringWidth(line.slice(0, line.indexOf(status)));
		expect(statusAt(lines[2]!, 'RUNNING')).toBe(statusAt(lines[1]!, 'STOPPED'));
	});

	it('keeps a detail view inside its width and height, long text wrapped, escaped', () => {
		const width = 70;
		const lines = [
			heading(value),
			field('Stopped because', value),
			field('Image', [segment(value, 'warn'), segment(' and more')]),
			text(segment('  '), segment(value)),
		];
		const {lastFrame} = render(
			<ThemeContext.Provider value={theme}>
				<DetailView lines={lines} width={width} height={10} scrollOffset={0} />
			</ThemeContext.Provider>,
		);
		// Long values wrap onto rows of their own (details are where text is read whole); the
		// view still never grows past the height it was given.
		const shown = frameLines(lastFrame()!);
		expect(shown.length).toBeGreaterThanOrEqual(lines.length);
		expect(shown.length).toBeLessThanOrEqual(10);
		for (const line of shown) {
			expect(line).not.toMatch(anyControl);
			expect(stringWidth(line)).toBeLessThanOrEqual(width);
		}
	});

	it("in a dialog's aws command: all visible, and a shell given it passes exactly the value", () => {
		const command = awsCommand(
			{region: 'us-east-1', profile: undefined, endpoint: undefined},
			'ecs',
			'stop-task',
			['--cluster', 'web', '--task', 'abc', '--reason', value],
		);
		const lines = wrapCommand(command, 80);
		for (const line of lines) expect(line).not.toMatch(anyControl);
		// As pasted: the lines after the prompt, each continued with ` \`. bash cannot hold NUL.
		const pasted = lines.map((line) => line.replace(/^\$ /, '')).join('\n');
		const args = execFileSync('bash', ['-c', `aws() { printf '%s\\0' "$@"; }\n${pasted}`], {
			env: {LC_ALL: 'C.UTF-8', PATH: process.env['PATH'] ?? ''},
		})
			.toString('utf8')
			.split('\0')
			.slice(0, -1);
		const reason = args[args.indexOf('--reason') + 1];
		expect(reason).toBe(value.includes('\u0000') ? value.slice(0, value.indexOf('\u0000')) : value);
		expect(args).toHaveLength(10);
		for (const line of wrapWords(`! ${value}`, 60, '  ')) expect(line).not.toMatch(anyControl);
	});

	it('is printed on one safe line by the printers, and kept exact in JSON', () => {
		expect(printableLine(value)).not.toMatch(anyControl);
		// A stack trace keeps its line breaks, and nothing else.
		for (const line of printableLines(`${value}\n    at x`).split('\n'))
			expect(line).not.toMatch(anyControl);
		const json = terminalSafeJson({value}, 2);
		expect(json.replaceAll('\n', '')).not.toMatch(anyControl);
		expect(JSON.parse(json)).toEqual({value});
	});
});

describe('the spelling', () => {
	it('shows escape sequences whole, controls as \\e \\xNN, invisible characters by code point', () => {
		expect(terminalSafe('deploy\u001b]0;pwned\u0007')).toBe('deploy\\e]0;pwned\\x07');
		expect(terminalSafe('\u009b2J')).toBe('\\x9b2J');
		expect(terminalSafe('a\u202eb')).toBe('a⟨U+202E⟩b');
		expect(terminalSafe('a\r\nb\tc\u0000\u0008')).toBe('a\\r\\nb\\tc\\x00\\x08');
		// Emoji sequences keep their joiners and tags; CJK and combining marks are untouched.
		for (const kept of ['👨‍👩‍👧', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '日本語', 'é', 'ü']) expect(terminalSafe(kept)).toBe(kept);
	});

	it('quotes plain words as before and ANSI-C quotes only words with controls', () => {
		expect(shellQuote('web')).toBe('web');
		expect(shellQuote("it's here")).toBe("'it'\\''s here'");
		expect(shellQuote('deploy\u001b]0;x\u0007')).toBe("$'deploy\\e]0;x\\a'");
		expect(shellQuote('a\u202eb')).toBe("$'a\\u202eb'");
	});
});
