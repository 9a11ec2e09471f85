/**
 * The last line: the prompt while typing into `/` or `:` (with what is typed into and how to
 * leave it), else the message of the last key followed by the keys that work here.
 */
import {commandSummary} from '../commands/registry.js';
import {Footer} from '../components/footer.js';
import {Text} from '../components/text.js';
import {displayWidth, padCell} from '../format.js';
import {dialogHints, footerHints, taskDefinitionListCommands, type FooterHint} from '../keymap.js';
import {logsFooterCommands} from '../logs/logs-overlay.js';
import {problemFeedCommands} from '../problems/problem-keys.js';
import {useTheme} from '../theme.js';
import {useUi} from '../ui-store.js';
import type {WriteAccess} from '../input/write-access.js';
import {paneDefinitions} from './use-pane-data.js';

const wholeHint = ' m: whole';

export function FooterLine({
	width,
	writes,
}: {
	readonly width: number;
	readonly writes: WriteAccess;
}) {
	const theme = useTheme();
	const overlay = useUi((state) => state.overlay);
	const message = useUi((state) => state.message);
	const dialogStep = useUi((state) => state.dialog?.step);
	const focused = useUi((state) => state.focused);

	if (overlay.kind === 'filter' || overlay.kind === 'command') {
		// What is being typed into, and how to leave it: a bare `/_` said neither.
		const about =
			overlay.kind === 'filter'
				? `  filtering ${paneDefinitions[overlay.pane].name.toLowerCase()}: Enter keeps it, Esc clears it`
				: `  ${commandSummary}: Enter runs, Esc cancels`;
		return (
			<PromptLine
				prompt={`${overlay.kind === 'filter' ? '/' : ':'}${overlay.text}_`}
				about={about}
				width={width}
			/>
		);
	}
	if (overlay.kind === 'logs' && overlay.searching) {
		return (
			<PromptLine
				prompt={`/${overlay.search}_`}
				about="  searching the logs (only matching lines): Enter keeps it, Esc clears it"
				width={width}
			/>
		);
	}
	// An open dialog has the keyboard alone: its keys, not the panes'.
	const readOnly = !writes.allowed;
	const hints =
		dialogStep !== undefined
			? dialogHints(dialogStep)
			: overlay.kind === 'task-definitions' || overlay.kind === 'revisions'
				? footerHints('list', {readOnly, only: taskDefinitionListCommands})
				: overlay.kind === 'logs'
					? footerHints('logs', {readOnly, only: logsFooterCommands})
					: overlay.kind === 'problems'
						? footerHints('list', {readOnly, only: problemFeedCommands})
						: footerHints('list', {readOnly, pane: focused});
	if (message === undefined) return <Footer hints={hints} width={width} />;
	// The message first, the keys after it: a message must not hide what can be pressed next.
	const {messageWidth, hintsWidth} = footerSplit(
		displayWidth(message.text),
		hintsLength(hints),
		width,
	);
	// A message cut short says how to read it whole.
	const cut =
		messageWidth < displayWidth(message.text) + gap && messageWidth > wholeHint.length + 10;
	const textWidth = cut ? messageWidth - wholeHint.length : messageWidth;
	return (
		<Text wrap="truncate">
			<Text {...theme.status[message.tone]}>
				{padCell(message.text, textWidth, 'left', theme.glyphs.ellipsis)}
			</Text>
			{cut ? <Text {...theme.keyHint}>{wholeHint}</Text> : null}
			{hintsWidth > 0 ? <Footer hints={hints} width={hintsWidth} /> : null}
		</Text>
	);
}

/** What the hints take on the line when all of them fit. */
function hintsLength(hints: readonly FooterHint[]): number {
	return hints.reduce(
		(sum, hint, i) =>
			sum + (i > 0 ? 2 : 1) + displayWidth(hint.keys) + 1 + displayWidth(hint.label),
		0,
	);
}

/** The hints always keep at least this much of the line (`? help  / filter  : cmd`). */
const hintsKept = 26;
/** After the message, before the hints' own leading space. */
const gap = 1;

/**
 * How a message and the hints share the line: the message whole when both fit; else the message
 * cut, down to what leaves the hints their first few (`hintsKept`); a line too narrow for that
 * goes to the message alone.
 */
export function footerSplit(
	messageLength: number,
	hintsTotal: number,
	width: number,
): {messageWidth: number; hintsWidth: number} {
	if (messageLength + gap + hintsTotal <= width)
		return {messageWidth: messageLength + gap, hintsWidth: width - messageLength - gap};
	const kept = Math.min(hintsTotal, hintsKept);
	const messageWidth = Math.min(messageLength + gap, width - kept);
	if (messageWidth < width / 2) return {messageWidth: width, hintsWidth: 0};
	return {messageWidth, hintsWidth: width - messageWidth};
}

/** What is being typed, then what it is typed into and how to leave it, in the room left. */
function PromptLine({
	prompt,
	about,
	width,
}: {
	readonly prompt: string;
	readonly about: string;
	readonly width: number;
}) {
	const theme = useTheme();
	const room = Math.max(0, width - displayWidth(prompt));
	return (
		<Text wrap="truncate">
			<Text {...theme.keyHint}>{prompt}</Text>
			<Text {...theme.status.muted}>{padCell(about, room, 'left', theme.glyphs.ellipsis)}</Text>
		</Text>
	);
}
