/**
 * The confirmation box of a write key, drawn under the panes so the row being acted on stays in
 * sight. It shows the facts, the fields being typed, and the plan as it stands: the exact change,
 * the warnings and the equivalent `aws` command, or why the values would be refused.
 */
import {Box, Text} from 'ink';
import type {PlanOutcome} from '../../store/actions/types.js';
import {Pane, paneContentSize} from '../components/pane.js';
import {padCell} from '../format.js';
import {useTheme, type Tone} from '../theme.js';
import type {ActionDialog} from './dialog-model.js';

export type DialogLine = {
	readonly text: string;
	readonly tone?: Tone;
	readonly strong?: boolean;
	/** The field being typed into: drawn with a cursor. */
	readonly active?: boolean;
};

/** Every line of the box, in order; the box is as tall as these plus its border. */
export function dialogLines(dialog: ActionDialog, preview: PlanOutcome): DialogLine[] {
	const lines: DialogLine[] = dialog.context.map((text) => ({text, tone: 'muted' as const}));
	dialog.fields.forEach((field, index) => {
		const active = dialog.step === 'edit' && index === dialog.activeField;
		lines.push({text: `${field.label}: ${field.text}`, active, strong: true});
	});
	if (preview.ok) {
		const {plan} = preview;
		for (const change of plan.changes) lines.push({text: change, strong: true});
		for (const warning of plan.warnings) lines.push({text: `! ${warning}`, tone: 'warn'});
		for (const command of plan.cliCommands) lines.push({text: `$ ${command}`, tone: 'muted'});
	} else {
		lines.push({text: preview.refusal, tone: 'error'});
	}
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
			return 'sending… (Esc hides this box; the result shows below when AWS answers)';
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
