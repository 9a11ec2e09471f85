// First: colour must be on before Ink (and chalk) load.
import '../helpers/force-color.js';
import {afterAll, describe, expect, it} from 'vitest';

import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {Table, type TableColumn, type TableRow} from '../../source/ui/components/table.js';
import {Pane} from '../../source/ui/components/pane.js';
import {Meter} from '../../source/ui/components/meter.js';
import {Sparkline} from '../../source/ui/components/sparkline.js';
import {Help} from '../../source/ui/components/help.js';
import {TooSmall} from '../../source/ui/components/too-small.js';
import {ThemeContext, createTheme, themeOptionsFrom, type Theme} from '../../source/ui/theme.js';

afterAll(cleanup);

const columns: TableColumn[] = [
	{key: 'name', title: 'NAME', flex: 1},
	{key: 'status', title: 'STATUS', width: 8},
];
const rows: TableRow[] = [
	{id: 'a', cells: {name: 'web', status: 'RUNNING'}, cellTones: {status: 'ok'}},
	{id: 'b', cells: {name: 'batch', status: 'STOPPED'}, tone: 'error'},
	{id: 'c', cells: {name: 'api', status: 'PENDING'}, tone: 'muted'},
];

// Everything that uses a colour token, on one screen.
function screen(theme: Theme) {
	return (
		<ThemeContext.Provider value={theme}>
			<Box flexDirection="column">
				<Pane title="Services (batch) [1/3]" focused width={50} height={6}>
					<Table
						columns={columns}
						rows={rows}
						selectedIndex={0}
						height={4}
						width={48}
						focused
						sort={{columnKey: 'name', direction: 'asc'}}
						emptyText="no services"
					/>
				</Pane>
				<Pane title="Tasks" focused={false} width={50} height={3} />
				<Meter fraction={0.95} width={10} />
				<Sparkline values={[10, 80, 95]} width={9} />
				<Help width={60} height={8} readOnly scroll={0} />
				<TooSmall columns={30} rows={8} />
			</Box>
		</ThemeContext.Provider>
	);
}

const escape = String.fromCharCode(27);
const sgr = new RegExp(`${escape}\\[([\\d;]*)m`, 'g');

// SGR parameters that set or reset a foreground or background colour.
function colourCodes(frame: string): string[] {
	const codes: string[] = [];
	for (const match of frame.matchAll(sgr)) {
		for (const param of (match[1] ?? '').split(';')) {
			const n = Number(param);
			if ((n >= 30 && n <= 49) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107)) codes.push(param);
		}
	}
	return codes;
}

describe('theme', () => {
	it('uses colours in the colour theme (so the NO_COLOR check below can fail)', () => {
		const {lastFrame} = render(screen(createTheme({color: true, unicode: true})));
		expect(colourCodes(lastFrame() ?? '').length).toBeGreaterThan(0);
	});

	it('writes no colour codes under NO_COLOR, yet still shows the selection', () => {
		const {lastFrame} = render(screen(createTheme(themeOptionsFrom({NO_COLOR: '1'}))));
		const frame = lastFrame() ?? '';
		expect(frame).toContain('Services (batch) [1/3]');
		expect(colourCodes(frame)).toEqual([]);
		// Inverse video is emphasis, not colour: the focused selection stays visible.
		expect(frame).toContain('\u001B[7m');
	});

	it('reads NO_COLOR (any non-empty value), TERM=linux and the flags', () => {
		expect(themeOptionsFrom({})).toEqual({color: true, unicode: true});
		expect(themeOptionsFrom({NO_COLOR: ''})).toEqual({color: true, unicode: true});
		expect(themeOptionsFrom({NO_COLOR: '0'}).color).toBe(false);
		expect(themeOptionsFrom({}, {noColor: true}).color).toBe(false);
		expect(themeOptionsFrom({TERM: 'linux'}).unicode).toBe(false);
		expect(themeOptionsFrom({TERM: 'xterm-256color'}, {ascii: true}).unicode).toBe(false);
	});

	it('draws only ASCII without unicode', () => {
		const {lastFrame} = render(screen(createTheme({color: false, unicode: false})));
		const visible = (lastFrame() ?? '').replaceAll(sgr, '');
		expect(visible).toMatch(/^[\x20-\x7e\n]*$/);
	});
});
