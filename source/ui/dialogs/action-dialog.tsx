/**
 * The confirmation box of a write key, drawn under the panes so the row being acted on stays in
 * sight. It shows the facts, the fields being typed, and the plan as it stands: the exact change,
 * the warnings and the equivalent `aws` command, or why the values would be refused.
 */
import {Box} from 'ink';
import {Text} from '../components/text.js';
import type {PlanOutcome} from '../../store/writes/types.js';
import {Pane, paneContentSize} from '../components/pane.js';
import {displayWidth, padCell} from '../format.js';
import {terminalSafe} from '../../text/terminal-text.js';
import {useTheme, type Tone} from '../theme.js';
import type {ActionDialog} from './dialog-model.js';

export type DialogLine = {
	readonly text: string;
	readonly tone?: Tone;
	readonly strong?: boolean;
	/** The field being typed into: drawn with a cursor. */
	readonly active?: boolean;
};

/**
 * An `aws` command cut at spaces into lines that fit, each but the last ending in ` \\`: what
 * is copied from the box pastes into a shell as one command, even at 80 columns.
 */
export function wrapCommand(command: string, width: number): string[] {
	const room = Math.max(20, width);
	const lines: string[] = [];
	let line = '$';
	for (const word of shellWords(command)) {
		const candidate = `${line} ${word}`;
		// Room for the ` \` that continues the line.
		if (displayWidth(candidate) + 2 > room && line.trim() !== '$' && line !== '') {
			lines.push(`${line} \\`);
			line = `    ${word}`;
		} else line = candidate;
	}
	lines.push(line);
	return lines;
}

/**
 * Plain text cut at spaces into lines that fit: a warning is read in full before confirming, not
 * cut off with an ellipsis at 80 columns. A word longer than the width keeps its line.
 */
export function wrapWords(raw: string, width: number, indent = ''): string[] {
	const room = Math.max(10, width);
	const lines: string[] = [];
	let line = '';
	// Made safe first: a newline in an AWS message is shown as `\n`, not a line of its own.
	for (const word of terminalSafe(raw).split(' ')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (displayWidth(candidate) > room && line !== '') {
			lines.push(line);
			line = `${indent}${word}`;
		} else line = candidate;
	}
	lines.push(line);
	return lines;
}

/**
 * Splits at spaces outside quotes, as a shell would: a quoted stop reason stays one word, so a
 * line is never continued inside it (which would change the argument). Knows the quoting
 * shellQuote writes: 'single', $'ANSI-C' with backslash escapes, and \' between them.
 */
function shellWords(command: string): string[] {
	const words: string[] = [];
	let word = '';
	let quote: 'none' | 'single' | 'ansi-c' = 'none';
	for (let i = 0; i < command.length; i++) {
		const character = command[i]!;
		if (quote === 'none' && character === ' ') {
			if (word !== '') words.push(word);
			word = '';
			continue;
		}
		word += character;
		if (quote === 'single') {
			if (character === "'") quote = 'none';
		} else if (character === '\\' && i + 1 < command.length) {
			// Outside quotes and inside $'...', a backslash takes the next character with it.
			word += command[++i]!;
		} else if (quote === 'ansi-c') {
			if (character === "'") quote = 'none';
		} else if (character === "'") {
			quote = word.endsWith("$'") ? 'ansi-c' : 'single';
		}
	}
	if (word !== '') words.push(word);
	return words;
}

/** A bulk stop is one command per task: a few show the pattern, a count says the rest. */
const commandsShown = 3;

/** Every line of the box, in order; the box is as tall as these plus its border. */
export function dialogLines(
	dialog: ActionDialog,
	preview: PlanOutcome,
	width: number,
): DialogLine[] {
	const lines: DialogLine[] = dialog.context.map((text) => ({text, tone: 'muted' as const}));
	dialog.fields.forEach((field, index) => {
		const active = dialog.step === 'edit' && index === dialog.activeField;
		lines.push({text: `${field.label}: ${field.text}`, active, strong: true});
	});
	if (preview.ok) {
		const {plan} = preview;
		for (const change of plan.changes)
			for (const text of wrapWords(change, width, '  ')) lines.push({text, strong: true});
		for (const warning of plan.warnings)
			for (const text of wrapWords(`! ${warning}`, width, '  ')) lines.push({text, tone: 'warn'});
		for (const command of plan.cliCommands.slice(0, commandsShown))
			for (const text of wrapCommand(command, width)) lines.push({text, tone: 'muted'});
		const more = plan.cliCommands.length - commandsShown;
		if (more > 0) lines.push({text: `  (and ${more} more like these)`, tone: 'muted'});
	} else {
		for (const text of wrapWords(preview.refusal, width, '  ')) lines.push({text, tone: 'error'});
	}
	if (dialog.step === 'confirm')
		lines.push({
			text: 'only y or Enter pressed on its own, once this box is shown, sends: not pasted, not typed ahead',
			tone: 'muted',
		});
	lines.push({text: promptOf(dialog, preview), tone: 'info'});
	return lines;
}

function promptOf(dialog: ActionDialog, preview: PlanOutcome): string {
	switch (dialog.step) {
		case 'edit': {
			const tab = dialog.fields.length > 1 ? ' · Tab next field' : '';
			return preview.ok
				? `Enter review${tab} · Esc cancel`
				: `fix the value to go on${tab} · Esc cancel`;
		}
		case 'confirm':
			return 'y or Enter sends this · n or Esc cancels, nothing is sent';
		case 'sending':
			return 'sending… (Esc hides this box, q quits; the result shows below when AWS answers)';
	}
}

/** Rows the box takes on screen, border included, at most `limit`. */
export function dialogHeight(lines: readonly DialogLine[], limit: number): number {
	return Math.max(3, Math.min(limit, lines.length + 2));
}

export type ActionDialogBoxProps = {
	readonly dialog: ActionDialog;
	readonly lines: readonly DialogLine[];
	readonly width: number;
	readonly height: number;
};

export function ActionDialogBox({dialog, lines, width, height}: ActionDialogBoxProps) {
	const theme = useTheme();
	const inner = paneContentSize(width, height);
	// When the box cannot show everything, the prompt (last line) stays: it says how to get out.
	const shown =
		lines.length > inner.height
			? [...lines.slice(0, Math.max(0, inner.height - 1)), ...lines.slice(-1)]
			: lines;
	return (
		<Pane title={dialog.title} focused width={width} height={height}>
			<Box flexDirection="column">
				{shown.map((line, index) => {
					const style = {
						...(line.tone === undefined ? {} : theme.status[line.tone]),
						...(line.strong ? {bold: true} : {}),
					};
					const text = line.active ? `${line.text}_` : line.text;
					return (
						<Text key={index} wrap="truncate" {...style}>
							{padCell(text, inner.width, 'left', theme.glyphs.ellipsis)}
						</Text>
					);
				})}
			</Box>
		</Pane>
	);
}
