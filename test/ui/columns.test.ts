// The column budget, stable widths, the LAUNCH spelling and the legend: what an operator reads
// first keeps its room at 80 columns, and the help says what every column is.
import {describe, expect, it} from 'vitest';
import {columnWidths, type TableColumn} from '../../source/ui/components/table.js';
import {helpLines} from '../../source/ui/components/help.js';
import {padCell, truncateMiddle} from '../../source/ui/format.js';
import {
	clustersPane,
	instancesPane,
	launchCell,
	servicesPane,
	tasksPane,
} from '../../source/ui/panes/pane-rows.js';
import type {Service} from '../../source/model/service.js';

const need = (header: string, content: number) => ({header: header.length + 1, content});

describe('the column budget', () => {
	// The services pane's columns at 80 columns (78 inside the border), with the demo's text.
	const columns = servicesPane.columns;
	const content: Record<string, number> = {
		name: 'checkout-worker'.length,
		desired: 1,
		running: 1,
		pending: 1,
		cpu: 11,
		memory: 11,
		deploy: 'COMPLETED'.length,
		taskDefinition: 'checkout-worker:17'.length,
		launch: 'web-cp w1'.length,
	};
	const needs = columns.map((c) => need(c.title, content[c.key]!));
	const widthOf = (widths: number[], key: string) =>
		widths[columns.findIndex((c) => c.key === key)]!;

	it('gives names and revisions their whole text at 80 columns before any sparkline', () => {
		const widths = columnWidths(columns, 78, needs);
		expect(widthOf(widths, 'name')).toBeGreaterThanOrEqual(15);
		expect(widthOf(widths, 'taskDefinition')).toBeGreaterThanOrEqual(18);
		// The sparklines gave their room first: at most their latest % is left, or nothing.
		expect(widthOf(widths, 'cpu')).toBeLessThan(11);
		expect(widthOf(widths, 'launch')).toBe(0);
		// What is shown fits: the widths of the columns shown and their gaps.
		const shown = widths.filter((w) => w > 0);
		expect(shown.reduce((a, b) => a + b, 0) + shown.length - 1).toBeLessThanOrEqual(76);
	});

	it('keeps a status column at its vocabulary width whatever the rows show', () => {
		const wide = columnWidths(columns, 118, needs);
		const longer = columnWidths(
			columns,
			118,
			columns.map((c) =>
				need(c.title, c.key === 'deploy' ? 'IN_PROGRESS 1/2'.length : content[c.key]!),
			),
		);
		expect(widthOf(wide, 'deploy')).toBe(17);
		expect(longer).toEqual(wide);
	});

	it('hides only columns read later than the first, rightmost first, and gives back the spare room', () => {
		const cols: TableColumn[] = [
			{key: 'a', title: 'A', flex: 1, minWidth: 10},
			{key: 'b', title: 'B', width: 10, priority: 3},
			{key: 'c', title: 'C', width: 10, minWidth: 5, priority: 2},
		];
		const needs = [need('A', 20), need('B', 10), need('C', 10)];
		// 30 - 2 gutter - 2 gaps = 26 for 40 wanted: B goes (11 with its gap), then C gives 3,
		// and A, read first, keeps its text.
		expect(columnWidths(cols, 30, needs)).toEqual([20, 0, 7]);
		// Far too narrow: C goes too, and the room they leave, gaps included, goes to A (18 = 20 - 2 gutter); A never goes.
		expect(columnWidths(cols, 20, needs)).toEqual([18, 0, 0]);
	});

	it('never cuts a :revision away: the name is cut in its middle', () => {
		expect(truncateMiddle('frontend-service:1', 13)).toBe('frontend-s…:1');
		expect(truncateMiddle('frontend-service:12', 8)).toBe('fron…:12');
		expect(padCell('frontend-service:2', 6, 'left', '…', 'middle')).toBe('fro…:2');
	});
});

describe('LAUNCH', () => {
	const withStrategy = (strategy: Service['capacityProviderStrategy']) =>
		({capacityProviderStrategy: strategy, launchType: undefined}) as unknown as Service;

	it('spells a weight and a base with letters, so it cannot read as a revision', () => {
		expect(launchCell(withStrategy([{capacityProvider: 'batch-cp', weight: 1, base: 0}]))).toBe(
			'batch-cp w1',
		);
		expect(
			launchCell(
				withStrategy([
					{capacityProvider: 'spot', weight: 3, base: 2},
					{capacityProvider: 'od', weight: 1, base: 0},
				]),
			),
		).toBe('spot b2 w3, od w1');
		expect(
			launchCell({capacityProviderStrategy: [], launchType: 'FARGATE'} as unknown as Service),
		).toBe('FARGATE');
	});
});

describe('the column legend', () => {
	const panes = [clustersPane, instancesPane, servicesPane, tasksPane];

	it("lists every column of the focused pane with its meaning and source, from the pane's columns", () => {
		for (const pane of panes) {
			const lines = helpLines({
				readOnly: false,
				legend: {pane: pane.name, columns: pane.columns},
			}).map((line) => line.text);
			expect(lines[0]).toBe(`Columns of ${pane.name} (narrow screens hide the last ones)`);
			for (const column of pane.columns) {
				const line = lines.find((l) => l.startsWith(`  ${column.title} `));
				expect(line, column.title).toContain(column.meaning);
				expect(line, column.title).toContain(`From: ${column.source}`);
			}
		}
	});

	it('names utilisation and reservation differently, and says which is which', () => {
		const titles = (pane: typeof clustersPane | typeof instancesPane) =>
			pane.columns.map((c) => c.title);
		expect(titles(clustersPane)).toEqual(expect.arrayContaining(['CPU%', 'MEM%', 'RSV C/M']));
		expect(titles(instancesPane)).toEqual(expect.arrayContaining(['CPU RSV', 'MEM RSV']));
		expect(servicesPane.columns.find((c) => c.title === 'CPU%')!.source).toMatch(/CPUUtilization/);
		expect(clustersPane.columns.find((c) => c.title === 'RSV C/M')!.meaning).toMatch(
			/not what they use/,
		);
		expect(instancesPane.columns.find((c) => c.title === 'CPU RSV')!.meaning).toMatch(
			/not utilisation/,
		);
		// One title per measure across the panes: no title means two things.
		const meaningOf = new Map<string, string>();
		for (const pane of panes)
			for (const column of pane.columns) {
				if (['NAME', 'STATUS', 'AZ', 'INSTANCE', 'TASKDEF', 'RUN', 'PEND'].includes(column.title))
					continue;
				const before = meaningOf.get(column.title);
				if (before !== undefined) expect(column.meaning.split(':')[0]).toBe(before.split(':')[0]);
				meaningOf.set(column.title, column.meaning);
			}
	});
});
