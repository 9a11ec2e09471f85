// Semantic colour tokens and glyphs. Components ask for `theme.status.warn` or
// `theme.glyphs.ellipsis`, never for 'yellow' or '…', so the no-colour and ASCII variants
// live here and nowhere else.
import {createContext, useContext} from 'react';

/** What a value means, not how it looks; the theme maps it to a style. */
export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'info';

/** The subset of Ink's <Text> props a token sets; spread it: `<Text {...theme.status.ok}>`. */
export type TextStyle = {
	readonly color?: string;
	readonly backgroundColor?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
	readonly inverse?: boolean;
	readonly underline?: boolean;
};

export type Glyphs = {
	readonly ellipsis: string;
	readonly sortAscending: string;
	readonly sortDescending: string;
	/** Gutter mark of the selected row, shown whether or not the pane has focus. */
	readonly selected: string;
	/** Gutter mark of a row marked with Space for a bulk action. */
	readonly marked: string;
	/** Sparkline levels, lowest first. */
	readonly sparkline: readonly string[];
	readonly meterFilled: string;
	readonly meterEmpty: string;
	readonly scrollMore: string;
	/** Ink box style name (cli-boxes) for pane borders. */
	readonly border: 'single' | 'classic';
	/** Horizontal line and corners used to draw a pane's title into its top border. */
	readonly borderTop: {readonly left: string; readonly line: string; readonly right: string};
};

export type Theme = {
	readonly color: boolean;
	readonly unicode: boolean;
	readonly status: Readonly<Record<Tone, TextStyle>>;
	/** The selected row of the focused pane. */
	readonly selection: TextStyle;
	/** The selected row of a pane without focus: a hint, not a highlight. */
	readonly selectionUnfocused: TextStyle;
	readonly header: TextStyle;
	/** A pane's title, drawn into its top border; in monochrome, inverse marks the focused pane. */
	readonly paneTitle: {readonly focused: TextStyle; readonly unfocused: TextStyle};
	readonly border: {readonly focused: TextStyle; readonly unfocused: TextStyle};
	readonly badge: TextStyle;
	readonly keyHint: TextStyle;
	readonly glyphs: Glyphs;
};

export type ThemeOptions = {readonly color: boolean; readonly unicode: boolean};

// The 16 ANSI colours only: they follow the user's terminal palette, so they stay readable on
// light and dark backgrounds alike, and every terminal (including the Linux console) has them.
const colourTokens = {
	status: {
		ok: {color: 'green'},
		warn: {color: 'yellow'},
		error: {color: 'red', bold: true},
		muted: {color: 'gray'},
		info: {color: 'cyan'},
	},
	selection: {color: 'black', backgroundColor: 'cyan'},
	selectionUnfocused: {bold: true},
	header: {bold: true, color: 'blue'},
	paneTitle: {focused: {bold: true, color: 'cyan'}, unfocused: {bold: true}},
	border: {focused: {color: 'cyan'}, unfocused: {color: 'gray'}},
	badge: {color: 'black', backgroundColor: 'yellow', bold: true},
	keyHint: {color: 'cyan', bold: true},
} satisfies Omit<Theme, 'color' | 'unicode' | 'glyphs'>;

// NO_COLOR forbids colour, not emphasis: inverse, bold and underline still tell the selection,
// errors and headers apart. dimColor is avoided since it is an SGR colour-intensity code that
// some terminals render as a colour.
const monochromeTokens = {
	status: {
		ok: {},
		warn: {bold: true},
		error: {bold: true, underline: true},
		muted: {},
		info: {},
	},
	selection: {inverse: true},
	selectionUnfocused: {bold: true},
	header: {bold: true},
	paneTitle: {focused: {inverse: true, bold: true}, unfocused: {bold: true}},
	border: {focused: {bold: true}, unfocused: {}},
	badge: {inverse: true},
	keyHint: {bold: true},
} satisfies Omit<Theme, 'color' | 'unicode' | 'glyphs'>;

export const unicodeGlyphs: Glyphs = {
	ellipsis: '…',
	sortAscending: '▲',
	sortDescending: '▼',
	selected: '>',
	marked: '●',
	sparkline: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	meterFilled: '█',
	meterEmpty: '░',
	scrollMore: '↓',
	border: 'single',
	borderTop: {left: '┌', line: '─', right: '┐'},
};

// For the Linux console and serial lines, whose fonts lack block and box-drawing characters.
export const asciiGlyphs: Glyphs = {
	ellipsis: '~',
	sortAscending: '^',
	sortDescending: 'v',
	selected: '>',
	marked: '*',
	sparkline: ['_', '.', '-', '=', '^'],
	meterFilled: '#',
	meterEmpty: '-',
	scrollMore: 'v',
	border: 'classic',
	borderTop: {left: '+', line: '-', right: '+'},
};

export function createTheme({color, unicode}: ThemeOptions): Theme {
	return {
		color,
		unicode,
		...(color ? colourTokens : monochromeTokens),
		glyphs: unicode ? unicodeGlyphs : asciiGlyphs,
	};
}

/**
 * Theme options from the environment and flags. NO_COLOR counts when set to any non-empty
 * value (no-color.org); the Linux console (TERM=linux) has no glyphs beyond ASCII worth trusting.
 */
export function themeOptionsFrom(
	env: Readonly<Record<string, string | undefined>>,
	flags: {readonly noColor?: boolean; readonly ascii?: boolean} = {},
): ThemeOptions {
	const noColor = flags.noColor === true || (env['NO_COLOR'] ?? '') !== '';
	const ascii = flags.ascii === true || env['TERM'] === 'linux';
	return {color: !noColor, unicode: !ascii};
}

export const defaultTheme = createTheme({color: true, unicode: true});

export const ThemeContext = createContext<Theme>(defaultTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** Level tones shared by meters and sparklines: ok below 70 %, warn below 90 %, then error. */
export function levelTone(fraction: number | undefined): Tone {
	if (fraction === undefined || !Number.isFinite(fraction)) return 'muted';
	if (fraction < 0.7) return 'ok';
	if (fraction < 0.9) return 'warn';
	return 'error';
}
