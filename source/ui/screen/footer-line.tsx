/**
 * The last line: the prompt while typing into `/` or `:` (with what is typed into and how to
 * leave it), else the message of the last key, else the keys that work here.
 */
import {commandSummary} from '../commands/registry.js';
import {Footer} from '../components/footer.js';
import {Text} from '../components/text.js';
import {displayWidth, padCell} from '../format.js';
import {dialogHints, footerHints, taskDefinitionListCommands} from '../keymap.js';
import {problemFeedCommands} from '../problems/problem-keys.js';
import {useTheme} from '../theme.js';
import {useUi} from '../ui-store.js';
import type {WriteAccess} from '../input/write-access.js';
import {paneDefinitions} from './use-pane-data.js';

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
		const prompt = `${overlay.kind === 'filter' ? '/' : ':'}${overlay.text}_`;
		// What is being typed into, and how to leave it: a bare `/_` said neither.
		const about =
			overlay.kind === 'filter'
				? `  filtering ${paneDefinitions[overlay.pane].name.toLowerCase()}: Enter keeps it, Esc clears it`
				: `  ${commandSummary}: Enter runs, Esc cancels`;
		const room = Math.max(0, width - displayWidth(prompt));
		return (
			<Text wrap="truncate">
				<Text {...theme.keyHint}>{prompt}</Text>
				<Text {...theme.status.muted}>{padCell(about, room, 'left', theme.glyphs.ellipsis)}</Text>
			</Text>
		);
	}
	if (message !== undefined) {
		return (
			<Text wrap="truncate" {...theme.status[message.tone]}>
				{padCell(message.text, width, 'left', theme.glyphs.ellipsis)}
			</Text>
		);
	}
	// An open dialog has the keyboard alone: its keys, not the panes'.
	if (dialogStep !== undefined) return <Footer hints={dialogHints(dialogStep)} width={width} />;
	const readOnly = !writes.allowed;
	const hints =
		overlay.kind === 'task-definitions'
			? footerHints('list', {readOnly, only: taskDefinitionListCommands})
			: overlay.kind === 'problems'
				? footerHints('list', {readOnly, only: problemFeedCommands})
				: footerHints('list', {readOnly, pane: focused});
	return <Footer hints={hints} width={width} />;
}
