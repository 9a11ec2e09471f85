import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {
	Table,
	columnWidths,
	scrollOffset,
	type TableColumn,
	type TableProps,
	type TableRow,
} from '../../source/ui/components/table.js';
import {ThemeContext, createTheme} from '../../source/ui/theme.js';

afterEach(cleanup);

const columns: readonly TableColumn[] = [
	{key: 'name', title: 'NAME', flex: 1, minWidth: 8},
	{key: 'status', title: 'STATUS', width: 8},
	{key: 'cpu', title: 'CPU', width: 5, align: 'right'},
];

function makeRows(count: number): TableRow[] {
	return Array.from({length: count}, (_, i) => ({
		id: `arn:task/${i}`,
		cells: {name: `task-${i}`, status: i % 7 === 0 ? 'PENDING' : 'RUNNING', cpu: `${i % 100}%`},
	}));
}

const rows20k = makeRows(20_000);

function table(overrides: Partial<TableProps> = {}) {
	return (
		<Table
			columns={columns}
			rows={rows20k}
			selectedIndex={0}
			height={12}
			width={60}
			focused
			emptyText="no tasks"
			{...overrides}
		/>
	);
}

function lines(frame: string | undefined): string[] {
	return (frame ?? '').split('\n');
}

function names(frame: string | undefined): string[] {
	return lines(frame)
		.slice(1)
		.map((line) => /task-(\d+)/.exec(line)?.[1] ?? '?');
}

describe('Table', () => {
	it('renders only the window around the selection out of 20,000 rows', () => {
		const {lastFrame} = render(
			table({selectedIndex: 10_000, sort: {columnKey: 'cpu', direction: 'desc'}}),
		);
		const out = lines(lastFrame());
		expect(out).toHaveLength(12);
		expect(out[0]).toMatch(/^ {2}NAME\s+STATUS\s+CPU▼$/);
		// Jumping far down scrolls just enough: the selection lands on the last visible row.
		expect(names(lastFrame())).toEqual(Array.from({length: 11}, (_, i) => String(9_990 + i)));
		expect(out[11]).toMatch(/^> task-10000 /);
		expect(lastFrame()).not.toContain('task-0 ');
		expect(lastFrame()).not.toContain('task-19999');
	});

	it('scrolls like htop: moving inside the window does not scroll, leaving it scrolls by one', () => {
		const {lastFrame, rerender} = render(table({selectedIndex: 10_000}));
		rerender(table({selectedIndex: 9_995}));
		expect(names(lastFrame())[0]).toBe('9990');
		expect(lines(lastFrame())[6]).toMatch(/^> task-9995 /);
		rerender(table({selectedIndex: 9_989}));
		expect(names(lastFrame())[0]).toBe('9989');
		rerender(table({selectedIndex: 19_999}));
		expect(names(lastFrame()).at(-1)).toBe('19999');
		rerender(table({selectedIndex: 0}));
		expect(names(lastFrame())[0]).toBe('0');
	});

	it('keeps a marker on the selected row of an unfocused pane and marks bulk-marked rows', () => {
		const {lastFrame} = render(
			table({selectedIndex: 2, focused: false, marked: new Set(['arn:task/1'])}),
		);
		const out = lines(lastFrame());
		expect(out[2]).toMatch(/^ ●task-1 /);
		expect(out[3]).toMatch(/^> task-2 /);
		expect(out[1]).toMatch(/^ {2}task-0 /);
	});

	it('shows the ASCII sort indicator when the theme has no unicode', () => {
		const {lastFrame} = render(
			<ThemeContext.Provider value={createTheme({color: false, unicode: false})}>
				{table({sort: {columnKey: 'name', direction: 'asc'}})}
			</ThemeContext.Provider>,
		);
		expect(lines(lastFrame())[0]).toMatch(/^ {2}NAME\^\s+STATUS\s+CPU$/);
	});

	it('cuts a long cell with an ellipsis and never wraps a row', () => {
		const rows: TableRow[] = [
			{
				id: 'a',
				cells: {name: 'a-service-name-far-too-long-for-this-column', status: 'RUNNING', cpu: '5%'},
			},
		];
		const {lastFrame} = render(table({rows, width: 40, height: 3}));
		const out = lines(lastFrame());
		expect(out).toHaveLength(3);
		// The name takes the blanks of narrower columns (STATUS fits RUNNING in 7) before the cut.
		expect(out[1]).toMatch(/a-service-name-far-too[-a-z]*… RUNNING/);
		expect(out[1]).toContain('RUNNING');
		for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(40);
	});

	it('aligns columns by display width with wide characters', () => {
		const rows: TableRow[] = [
			{id: '1', cells: {name: '日本語サービス', status: 'RUNNING', cpu: '71%'}},
			{id: '2', cells: {name: 'web', status: 'RUNNING', cpu: '5%'}},
			{id: '3', cells: {name: 'émoji-🚀-svc', status: 'RUNNING', cpu: '100%'}},
		];
		const {lastFrame} = render(table({rows, width: 40, height: 5}));
		const out = lines(lastFrame()).slice(1, 4);
		const statusColumn = out.map((line) => stringWidth(line.slice(0, line.indexOf('RUNNING'))));
		expect(new Set(statusColumn).size).toBe(1);
		// Right-aligned numbers end at the same column as well.
		const ends = out.map((line) => stringWidth(line.trimEnd()));
		expect(new Set(ends).size).toBe(1);
	});

	it('shows the empty state under the header', () => {
		const {lastFrame} = render(table({rows: [], emptyText: 'no services'}));
		const out = lines(lastFrame());
		expect(out[0]).toContain('NAME');
		expect(out[1]).toMatch(/^ {2}no services/);
	});

	it('shows a changed row after a refresh replaces it', () => {
		const rows = makeRows(50);
		const {lastFrame, rerender} = render(table({rows}));
		const changed = rows.slice();
		changed[3] = {...rows[3]!, cells: {...rows[3]!.cells, status: 'STOPPED'}};
		rerender(table({rows: changed}));
		expect(lines(lastFrame())[4]).toContain('STOPPED');
		expect(lines(lastFrame())[3]).toContain('RUNNING');
	});

	it('re-renders only the rows that changed: a replaced row, the two a selection move touches', () => {
		// Rows whose cells getter records who was formatted: a row renders iff it reads its cells.
		const rendered = new Set<string>();
		const spy = (row: TableRow): TableRow => ({
			id: row.id,
			get cells() {
				rendered.add(row.id);
				return row.cells;
			},
		});
		const rows = rows20k.map(spy);
		const {rerender, lastFrame} = render(table({rows, selectedIndex: 5}));
		expect(rendered.size).toBe(11);

		rendered.clear();
		const refreshed = rows.slice();
		refreshed[3] = spy({...rows20k[3]!, cells: {...rows20k[3]!.cells, status: 'STOPPED'}});
		rerender(table({rows: refreshed, selectedIndex: 5}));
		expect([...rendered]).toEqual(['arn:task/3']);
		expect(lastFrame()).toContain('STOPPED');

		rendered.clear();
		rerender(table({rows: refreshed, selectedIndex: 6}));
		expect([...rendered].sort()).toEqual(['arn:task/5', 'arn:task/6']);
	});

	it('renders and re-renders 20,000 rows at the cost of the visible ones', () => {
		// The cost is counted, not timed: which rows the table reads at all (an element read of the
		// array) and which it formats (its cells read). A table that measured, sorted or formatted
		// every row would read 20,000; the window is 29 rows of a 30-line table.
		const size = {height: 30, width: 100};
		const read = new Set<number>();
		const formatted = new Set<string>();
		const spied = rows20k.map((row): TableRow => ({
			id: row.id,
			get cells() {
				formatted.add(row.id);
				return row.cells;
			},
		}));
		const rows = new Proxy(spied, {
			get(target, property, receiver) {
				if (typeof property === 'string' && /^\d+$/.test(property)) read.add(Number(property));
				return Reflect.get(target, property, receiver) as unknown;
			},
		});
		const {rerender, lastFrame} = render(table({...size, rows, selectedIndex: 0}));
		expect(lastFrame()).toContain('> task-0 ');
		expect(formatted.size).toBeLessThanOrEqual(size.height);
		expect(read.size).toBeLessThanOrEqual(size.height * 2);
		for (let i = 1; i <= 10; i++) {
			// Far jumps: every rerender brings a whole new window of rows, the worst case.
			read.clear();
			formatted.clear();
			const selectedIndex = (i * 7_919) % rows.length;
			rerender(table({...size, rows, selectedIndex}));
			expect(lastFrame()).toContain(`> task-${selectedIndex} `);
			expect(formatted.size).toBeLessThanOrEqual(size.height);
			expect(read.size).toBeLessThanOrEqual(size.height * 2);
		}
	});
});

describe('Table column widths from the text in view', () => {
	const serviceColumns: readonly TableColumn[] = [
		{key: 'name', title: 'NAME', flex: 2, minWidth: 10},
		{key: 'pending', title: 'PEND', width: 4, align: 'right'},
		{key: 'deploy', title: 'DEPLOY', width: 17},
		{key: 'taskDefinition', title: 'TASKDEF', flex: 1, minWidth: 8, cut: 'middle'},
	];
	const serviceRows: TableRow[] = [
		{id: '1', cells: {name: 'api', pending: '0', deploy: 'COMPLETED', taskDefinition: 'api:3'}},
		{
			id: '2',
			cells: {
				name: 'checkout-worker',
				pending: '1',
				deploy: 'COMPLETED',
				taskDefinition: 'checkout-worker:17',
			},
		},
	];
	const render52 = (overrides: Partial<TableProps> = {}) =>
		render(
			<Table
				columns={serviceColumns}
				rows={serviceRows}
				selectedIndex={0}
				height={4}
				width={52}
				focused
				emptyText="none"
				{...overrides}
			/>,
		);

	it("gives a cut column the blanks of the others, and keeps a task definition's revision", () => {
		// By ratio NAME would get 17 columns for 15 characters and TASKDEF 9 for 18; DEPLOY
		// shows 9 in 17.
		const out = lines(render52().lastFrame());
		expect(out[2]).toMatch(/^ {2}checkout-worker +1 COMPLETED checkout-worker:17$/);
		for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(52);
		const narrow = lines(render52({width: 42}).lastFrame());
		// Too narrow for both: they share the room, and the task definition keeps its revision.
		expect(narrow[2]).toMatch(/^ {2}checkout-w… +1 COMPLETED checkout…:17$/);
	});

	it('keeps room for the sort indicator: a sorted PEND is PEND▼, not PE…▼', () => {
		const out = lines(render52({sort: {columnKey: 'pending', direction: 'desc'}}).lastFrame());
		expect(out[0]).toMatch(/NAME\s+PEND▼ DEPLOY/);
	});
});

describe('scrollOffset', () => {
	it('moves the window only as far as needed and never past the ends', () => {
		expect(scrollOffset(0, 5, 10, 100)).toBe(0);
		expect(scrollOffset(0, 10, 10, 100)).toBe(1);
		expect(scrollOffset(50, 45, 10, 100)).toBe(45);
		expect(scrollOffset(50, 55, 10, 100)).toBe(50);
		expect(scrollOffset(95, 99, 10, 100)).toBe(90);
		expect(scrollOffset(40, 3, 10, 5)).toBe(0);
		expect(scrollOffset(7, 0, 0, 100)).toBe(0);
	});
});

describe('columnWidths', () => {
	it('gives fixed columns their width and shares the rest among flex columns by ratio', () => {
		const widths = columnWidths(
			[
				{key: 'a', title: 'A', flex: 2},
				{key: 'b', title: 'B', width: 10},
				{key: 'c', title: 'C', flex: 1},
			],
			50,
		);
		// 50 - 2 gutter - 2 gaps - 10 fixed = 36 for flex 2:1.
		expect(widths).toEqual([24, 10, 12]);
	});

	it('with what the text needs, keeps the ratio layout while every text fits it', () => {
		const cols: TableColumn[] = [
			{key: 'a', title: 'A', flex: 2},
			{key: 'b', title: 'B', width: 10},
			{key: 'c', title: 'C', flex: 1},
		];
		const needs = [
			{header: 2, content: 20},
			{header: 2, content: 4},
			{header: 2, content: 12},
		];
		expect(columnWidths(cols, 50, needs)).toEqual([24, 10, 12]);
		// C needs 16: it takes A's blanks. A needs 30: it takes B's (4 columns of text in 10).
		expect(columnWidths(cols, 50, [needs[0]!, needs[1]!, {header: 2, content: 16}])).toEqual([
			20, 10, 16,
		]);
		expect(columnWidths(cols, 50, [{header: 2, content: 30}, needs[1]!, needs[2]!])).toEqual([
			30, 4, 12,
		]);
		// Nothing fits: the widest flex column gives first, down to what the other keeps.
		expect(columnWidths(cols, 40, [{header: 2, content: 30}, needs[1]!, needs[2]!])).toEqual([
			20, 4, 12,
		]);
		expect(columnWidths(cols, 30, [{header: 2, content: 30}, needs[1]!, needs[2]!])).toEqual([
			11, 4, 11,
		]);
	});

	it('fills the width exactly despite rounding, and respects minWidth when squeezed', () => {
		const cols: TableColumn[] = [
			{key: 'a', title: 'A'},
			{key: 'b', title: 'B'},
			{key: 'c', title: 'C'},
		];
		const widths = columnWidths(cols, 40);
		expect(widths.reduce((a, b) => a + b, 0)).toBe(40 - 2 - 2);
		expect(
			columnWidths(
				[
					{key: 'a', title: 'A', minWidth: 12},
					{key: 'b', title: 'B', width: 20},
				],
				25,
			),
		).toEqual([12, 20]);
	});
});
