// The `?` overlay, generated from the keymap table and the `:` command registry: a key or a
// command added there shows up here, and there is no second list to forget to update.
import {Box} from 'ink';
import {Text} from './text.js';
import {useLayoutEffect} from 'react';
import {commandUsage, promptCommands} from '../commands/registry.js';
import {keyLabel, keymap, keysOf, type Command, type KeyBinding, type KeyScope} from '../keymap.js';
import {displayWidth, padCell} from '../format.js';
import {useTheme, type TextStyle, type Theme} from '../theme.js';
import {Pane, paneContentSize} from './pane.js';
import type {TextViewport} from '../ui-state.js';
import {
	cadenceText,
	intervalMsOf,
	pollCadences,
	type PollTierId,
} from '../../store/poll-cadences.js';

export const helpScopeTitles: Readonly<Record<KeyScope, string>> = {
	global: 'Global',
	list: 'Moving around',
	action: 'Actions (each asks for confirmation)',
	dialog: 'Confirmation dialogs',
	filter: 'Filter and command line',
	logs: 'Log view (l; / shows only matching lines)',
};

const allScopes: readonly KeyScope[] = ['global', 'list', 'action', 'dialog', 'filter', 'logs'];

export type HelpLine = {
	readonly text: string;
	readonly kind: 'heading' | 'entry' | 'blank';
	/** A write action under --read-only: listed, so the user learns why the key does nothing. */
	readonly disabled?: boolean;
	readonly command?: string;
};

const keyColumn = 16;

/** The `:` commands are listed just before the keys that edit and run them. */
const commandsBefore: KeyScope = 'filter';
const commandsTitle = 'Commands (type after :)';

/**
 * The focused pane's columns, for the legend at the top of the help: made from the pane's own
 * column definitions, so what the help says a column is cannot drift from the column.
 */
export type ColumnLegend = {
	readonly pane: string;
	readonly columns: readonly {
		readonly title: string;
		readonly meaning: string;
		readonly source: string;
	}[];
};

function legendLines(legend: ColumnLegend): HelpLine[] {
	return legend.columns.map((column) => ({
		// A title is never cut: it is what the user looks up.
		text: `  ${padCell(column.title, Math.max(keyColumn - 2, displayWidth(column.title)))} ${column.meaning}. From: ${column.source}`,
		kind: 'entry',
	}));
}

export function helpLines(options: {
	readonly legend?: ColumnLegend | undefined;
	readonly readOnly: boolean;
	readonly unicode?: boolean;
	readonly scopes?: readonly KeyScope[];
	/** Columns to fit: a longer entry goes on under its description, not cut off. */
	readonly width?: number;
	/** The refresh in force: with it, the help ends with how often each part of the screen is read. */
	readonly refreshMs?: number;
}): HelpLine[] {
	const lines: HelpLine[] = [];
	const section = (title: string, entries: readonly HelpLine[]) => {
		if (lines.length > 0) lines.push({text: '', kind: 'blank'});
		lines.push({text: title, kind: 'heading'});
		for (const entry of entries)
			lines.push(...(options.width === undefined ? [entry] : wrapEntry(entry, options.width)));
	};
	if (options.legend !== undefined)
		section(
			`Columns of ${options.legend.pane} (narrow screens hide the last ones)`,
			legendLines(options.legend),
		);
	for (const scope of options.scopes ?? allScopes) {
		const bindings = keymap.filter((binding) => binding.scope === scope);
		if (bindings.length === 0) continue;
		if (scope === commandsBefore) section(commandsTitle, commandLines());
		section(
			helpScopeTitles[scope],
			bindings.map((binding) => entryLine(binding, options)),
		);
		// What moving around does not show by itself, under its keys.
		if (scope === rulesAfter)
			section(
				rulesTitle,
				rules.map((text) => ({text: `  ${text}`, kind: 'entry'})),
			);
	}
	if (options.refreshMs !== undefined)
		section(
			`Refresh (${cadenceText(options.refreshMs)}, --refresh)`,
			cadenceLines(options.refreshMs),
		);
	return lines;
}

const rulesTitle = 'What stays put';
const rulesAfter: KeyScope = 'list';

/** The rules a key does not show: what the tasks pane lists, and what the cursor and sort do. */
const rules = [
	"The tasks are the selected cluster's or one service's, and only a key changes it:",
	'moving in Services picks the service under the cursor; Esc in Tasks, :tasks,',
	"→ into a cluster or another cluster go back to all the cluster's tasks.",
	'The cursor stays on its row when a refresh reorders the list.',
	'< and > sort by the columns on screen, I reverses; the arrow marks the column.',
];

/** One line per poll tier, from the table the poll scheduler runs them by. */
function cadenceLines(refreshMs: number): HelpLine[] {
	return (Object.keys(pollCadences) as PollTierId[]).map((id) => {
		const {what, note} = pollCadences[id];
		const when = cadenceText(intervalMsOf(id, refreshMs));
		return {
			text: `  ${padCell(when, keyColumn - 2)} ${what}${note === undefined ? '' : `; ${note(refreshMs)}`}`,
			kind: 'entry',
		};
	});
}

/** One line per `:` command: its usage, what it does, and its other names. */
function commandLines(): HelpLine[] {
	return promptCommands.map((command) => {
		const aliases = command.names.slice(1).map((name) => `:${name}`);
		const also = aliases.length === 0 ? '' : ` (also ${aliases.join(' ')})`;
		const usage = commandUsage(command, false);
		return {
			text: `  ${padCell(usage, keyColumn - 2)} ${command.description}${also}`,
			kind: 'entry',
		};
	});
}

/** An entry wider than `width`, broken between words, its later lines under the description. */
function wrapEntry(entry: HelpLine, width: number): HelpLine[] {
	const indent = ' '.repeat(keyColumn + 1);
	if (displayWidth(entry.text) <= width || width <= indent.length + 10) return [entry];
	const wrapped: HelpLine[] = [];
	let line = '';
	for (const word of entry.text.slice(indent.length).split(' ')) {
		const start =
			line === '' ? (wrapped.length === 0 ? entry.text.slice(0, indent.length) : indent) : '';
		const next = line === '' ? `${start}${word}` : `${line} ${word}`;
		if (line !== '' && displayWidth(next) > width) {
			wrapped.push({...entry, text: line});
			line = `${indent}${word}`;
		} else line = next;
	}
	if (line !== '') wrapped.push({...entry, text: line});
	return wrapped;
}

function entryLine(
	binding: KeyBinding,
	options: {readonly readOnly: boolean; readonly unicode?: boolean},
): HelpLine {
	const keys = binding.keys.map((name) => keyLabel(name, options.unicode ?? true)).join(' ');
	const disabled = options.readOnly && binding.requiresWrite === true;
	const text = `  ${padCell(keys, keyColumn - 2)} ${binding.description}${disabled ? '  (read-only)' : ''}`;
	return {text, kind: 'entry', disabled, command: binding.command};
}

/** Lines of help shown at once in a pane of `height`, and the furthest scroll position. */
export function helpViewport(total: number, height: number) {
	const inside = paneContentSize(0, height).height;
	// When everything fits there is no scroll line; otherwise the last line says there is more.
	const visible = total <= inside ? total : Math.max(0, inside - 1);
	return {visible, maxScroll: Math.max(0, total - visible)};
}

// The scroll line names the keys from the table too, so rebinding them cannot leave it stale.
function scrollHint(unicode: boolean): string {
	const labels = (command: Command) =>
		keysOf(command)
			.map((name) => keyLabel(name, unicode))
			.join('/');
	return `${labels('up')} ${labels('down')} scroll, ${labels('help')} or ${labels('back')} close`;
}

function lineStyle(line: HelpLine, theme: Theme): TextStyle {
	if (line.kind === 'heading') return theme.header;
	if (line.disabled) return theme.status.muted;
	return {};
}

type HelpProps = {
	readonly width: number;
	readonly height: number;
	readonly readOnly: boolean;
	/** First line shown; clamped, so the caller can just add and subtract. */
	readonly scroll: number;
	/** Scopes to list; all by default. */
	readonly scopes?: readonly KeyScope[];
	/** The refresh in force, for the cadences the help ends with; none without it. */
	readonly refreshMs?: number;
	/** Told, after each render, how far the help can scroll and how long a page is. */
	readonly onViewport?: (viewport: TextViewport) => void;
	/** The focused pane's columns, listed first. */
	readonly legend?: ColumnLegend | undefined;
};

export function Help({
	width,
	height,
	readOnly,
	scroll,
	scopes,
	refreshMs,
	onViewport,
	legend,
}: HelpProps) {
	const theme = useTheme();
	const inner = paneContentSize(width, height).width;
	const lines = helpLines({
		legend,
		readOnly,
		unicode: theme.unicode,
		scopes,
		width: inner,
		refreshMs,
	});
	const {visible, maxScroll} = helpViewport(lines.length, height);
	useLayoutEffect(() => onViewport?.({maxScroll, page: visible}), [maxScroll, visible, onViewport]);
	const first = Math.max(0, Math.min(scroll, maxScroll));
	const shown = lines.slice(first, first + visible);
	const title =
		visible < lines.length ? `Help [${first + 1}-${first + shown.length}/${lines.length}]` : 'Help';
	return (
		<Pane title={title} focused width={width} height={height}>
			<Box flexDirection="column">
				{shown.map((line, i) => (
					<Text key={first + i} wrap="truncate" {...lineStyle(line, theme)}>
						{padCell(line.text, inner, 'left', theme.glyphs.ellipsis)}
					</Text>
				))}
				{visible < lines.length ? (
					<Text wrap="truncate" {...theme.status.muted}>
						{padCell(
							`${first + visible < lines.length ? `${theme.glyphs.scrollMore} more` : 'end'}: ${scrollHint(theme.unicode)}`,
							inner,
							'left',
							theme.glyphs.ellipsis,
						)}
					</Text>
				) : null}
			</Box>
		</Pane>
	);
}
