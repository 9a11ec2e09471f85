/**
 * Reading the dashboard off a captured screen: pane titles, the focused pane, and whether every
 * row belongs to one clean frame (no leftovers of an earlier size, no wrapped lines).
 */
import stringWidth from 'string-width';
import type {Screen} from './tmux.js';

/** Pane titles in the order they appear, read from the top borders: `Clusters [1/3]`. */
export function paneTitles(screen: Screen): string[] {
	const titles: string[] = [];
	for (const line of screen.lines) {
		for (const match of line.matchAll(/┌─ (.+?) ─/gu)) titles.push(match[1]!);
	}
	return titles;
}

/** The pane names only (`Clusters`, `Services`): titles without scope, filter and counts. */
export function paneNames(screen: Screen): string[] {
	return paneTitles(screen).map((title) => title.split(' ')[0]!);
}

// The focused pane's title: in the monochrome theme the one drawn in inverse video (SGR 7), in
// the colour theme the one whose border is drawn in the focus colour (cyan, SGR 36).
const escape = '\u001B';
const inverseTitle = new RegExp(
	`┌─ ${escape}\\[7m([^${escape}]+)${escape}|${escape}\\[36m┌─ ${escape}\\[1m([^${escape}]+)${escape}`,
	'u',
);

/** The title of the focused pane, from a capture made with escapes. */
export function focusedTitle(screenWithEscapes: Screen): string | undefined {
	for (const line of screenWithEscapes.lines) {
		const match = inverseTitle.exec(line);
		if (match) return (match[1] ?? match[2])!.trim();
	}
	return undefined;
}

/** The rows of the pane whose title starts with `name`, borders stripped, until its bottom. */
export function paneRows(screen: Screen, name: string): string[] {
	const rows: string[] = [];
	let column = -1;
	for (const line of screen.lines) {
		if (column < 0) {
			const at = line.indexOf(`┌─ ${name}`);
			if (at >= 0) column = at;
			continue;
		}
		const rest = line.slice(column);
		if (rest.startsWith('└')) break;
		rows.push(rest.slice(1, rest.indexOf('│', 1)).trimEnd());
	}
	return rows;
}

export const header = /^ecs-top {2}123456789012 {2}us-east-1 {2}demo {2}\S/u;

/**
 * What is wrong with the frame for a terminal of `columns` x `rows`, as sentences (none when it
 * is clean): the header on the first row, the footer of key hints on the row above the last
 * (the root box is one row short), and every row between made of whole pane borders exactly as
 * wide as the terminal, so nothing from an earlier layout or a wrapped line survives.
 */
export function frameProblems(screen: Screen, columns: number, rows: number): string[] {
	const problems: string[] = [];
	const {lines} = screen;
	if (lines.length !== rows) problems.push(`${lines.length} rows captured, not ${rows}`);
	if (!header.test(lines[0] ?? '')) problems.push(`row 1 is not the header: ${lines[0]}`);
	const footerRow = rows - 2;
	if (!/\? help/u.test(lines[footerRow] ?? ''))
		problems.push(`row ${footerRow + 1} is not the footer: ${lines[footerRow]}`);
	if ((lines[rows - 1] ?? '').trim() !== '')
		problems.push(`the last row is not empty: ${lines[rows - 1]}`);
	for (let row = 1; row < footerRow; row++) {
		const line = lines[row] ?? '';
		// The narrow layout's tab bar is the one body row that is not a border.
		if (/^\s*\[?1 Clusters/u.test(line)) continue;
		const width = stringWidth(line);
		if (width !== columns)
			problems.push(`row ${row + 1} is ${width} wide, not ${columns}: ${line}`);
		if (!/^[┌│└]/u.test(line) || !/[┐│┘]$/u.test(line))
			problems.push(`row ${row + 1} is not whole pane borders: ${line}`);
	}
	for (const [row, line] of lines.entries()) {
		const width = stringWidth(line);
		if (width > columns) problems.push(`row ${row + 1} is ${width} wide: ${line}`);
	}
	return problems;
}

/** SGR codes that set a colour: 30-37, 38;5;n / 38;2;r;g;b, 40-47, 48;..., 90-97, 100-107. */
export function colourCodes(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(new RegExp(`${escape}\\[([0-9;]*)m`, 'gu'))) {
		const parts = match[1]!.split(';').map(Number);
		for (let index = 0; index < parts.length; index++) {
			const code = parts[index]!;
			if (code === 38 || code === 48) {
				found.push(match[0]);
				break;
			}
			if ((code >= 30 && code <= 37) || (code >= 40 && code <= 47)) found.push(match[0]);
			else if ((code >= 90 && code <= 97) || (code >= 100 && code <= 107)) found.push(match[0]);
		}
	}
	return found;
}

/** What a crash looks like on screen: Ink's error overview, or ecs-top's own crash line. */
export const crashText = /\bERROR\b|Error|crashed/u;

/**
 * What is wrong with a screen that may show any overlay (help, details, filter, messages), as
 * sentences: the header on the first row, exactly `rows` rows with the last one empty (the root
 * box is one row short), no row wider than the terminal, and nothing that looks like a crash.
 */
export function screenProblems(screen: Screen, columns: number, rows: number): string[] {
	const problems: string[] = [];
	const {lines} = screen;
	if (lines.length !== rows) problems.push(`${lines.length} rows captured, not ${rows}`);
	if (!header.test(lines[0] ?? '')) problems.push(`row 1 is not the header: ${lines[0]}`);
	if ((lines[rows - 1] ?? '').trim() !== '')
		problems.push(`the last row is not empty: ${lines[rows - 1]}`);
	for (const [row, line] of lines.entries()) {
		const width = stringWidth(line);
		if (width > columns) problems.push(`row ${row + 1} is ${width} wide: ${line}`);
	}
	const crash = crashText.exec(screen.text);
	if (crash) problems.push(`the screen shows "${crash[0]}"`);
	return problems;
}
