// A pane of 20,000 tasks costs what its rows on screen cost: the list is sorted entities, rows
// are built only when the table asks for one, and a refresh that brings back the same tasks
// hands the table the very row objects it had, so its memoized row lines redraw nothing.
import {describe, expect, it} from 'vitest';
import type {Task} from '../../source/model/task.js';
import {paneList, paneRows} from '../../source/ui/panes/pane-list.js';
import {tasksPane, type PaneDefinition, type RowContext} from '../../source/ui/panes/pane-rows.js';
import {instances, now, task} from './app-fixture.js';

function manyTasks(count: number): Task[] {
	return Array.from({length: count}, (_, i) =>
		task('api-prod', 'checkout', i.toString(16).padStart(8, '0') + 'f'.repeat(24), {
			containerInstanceArn: instances.busy.arn,
			// 10m00s to 10m19s old: a refresh a few seconds later moves no age to the next minute.
			startedAt: now - 10 * 60_000 - (i % 20) * 1_000,
			version: 1,
		}),
	);
}

/** What a filter's text depends on beyond the tasks: the same while the EC2 ids are. */
const textKey = {};

/** A context as the App builds one per refresh: a new object with the refresh's time. */
function contextAt(fetchedAt: number): RowContext {
	return {
		now: fetchedAt,
		sparklineRamp: [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
		meterGlyphs: {filled: '#', empty: '-'},
		metric: () => undefined,
		ec2InstanceId: (arn) => (arn === instances.busy.arn ? instances.busy.ec2InstanceId : undefined),
		textKey,
	};
}

/** The tasks pane, counting the rows it formats. */
function countingPane(): {pane: PaneDefinition<Task>; built: () => number} {
	let count = 0;
	const pane: PaneDefinition<Task> = {
		...tasksPane,
		row: (item, context) => {
			count++;
			return tasksPane.row(item, context);
		},
	};
	return {pane, built: () => count};
}

const window = (rows: ReturnType<typeof paneRows>, from: number, to: number) =>
	Array.from({length: to - from}, (_, i) => rows.at(from + i)!);

describe('a pane of many tasks', () => {
	it('formats only the rows the table asks for', () => {
		const {pane, built} = countingPane();
		const tasks = manyTasks(20_000);
		const list = paneList(pane, tasks, '', pane.defaultSort, contextAt(now));
		const rows = paneRows(pane, list, contextAt(now));
		expect(rows.length).toBe(20_000);
		expect(built()).toBe(0);
		const shown = window(rows, 19_960, 20_000);
		expect(shown.map((row) => row.id)).toEqual(list.ids.slice(19_960));
		expect(built()).toBe(40);
	});

	it('an unchanged refresh hands back the same row objects', () => {
		const {pane, built} = countingPane();
		const tasks = manyTasks(20_000);
		const list = paneList(pane, tasks, '', pane.defaultSort, contextAt(now));
		const first = window(paneRows(pane, list, contextAt(now)), 100, 140);
		// The next refresh: same task objects (the store keeps them), a new fetch time.
		const second = window(paneRows(pane, list, contextAt(now + 5_000)), 100, 140);
		expect(second.every((row, i) => row === first[i])).toBe(true);
		expect(built()).toBe(80);
	});

	it('a changed task gets a new row and every other row stays the same object', () => {
		const tasks = manyTasks(500);
		const before = window(
			paneRows(
				tasksPane,
				paneList(tasksPane, tasks, '', {columnKey: 'id', direction: 'asc'}, contextAt(now)),
				contextAt(now),
			),
			0,
			20,
		);
		const changed = tasks.map((t, i) =>
			i === 7 ? {...t, lastStatus: 'STOPPING', desiredStatus: 'STOPPED', version: 2} : t,
		);
		const context = contextAt(now + 1_000);
		const after = window(
			paneRows(
				tasksPane,
				paneList(tasksPane, changed, '', {columnKey: 'id', direction: 'asc'}, context),
				context,
			),
			0,
			20,
		);
		expect(after[7]).not.toBe(before[7]);
		expect(after[7]!.cells['status']).toBe('STOPPING>STOPPED');
		expect(after.filter((row, i) => row === before[i]).length).toBe(19);
	});

	it('rows whose age moved to the next minute are rebuilt, and only then', () => {
		const tasks = manyTasks(3);
		const list = paneList(tasksPane, tasks, '', tasksPane.defaultSort, contextAt(now));
		const before = window(paneRows(tasksPane, list, contextAt(now)), 0, 3);
		// 10m0s, 10m1s and 10m2s old: half a minute later they all still read 10m.
		const soon = window(paneRows(tasksPane, list, contextAt(now + 30_000)), 0, 3);
		expect(soon.every((row, i) => row === before[i])).toBe(true);
		const later = window(paneRows(tasksPane, list, contextAt(now + 61_000)), 0, 3);
		expect(later.map((row) => row.cells['age'])).toEqual(['11m', '11m', '11m']);
		expect(later.every((row, i) => row !== before[i])).toBe(true);
	});

	it('the filter matches any cell, case-insensitively, and counts what it hid', () => {
		const tasks = manyTasks(40);
		const list = paneList(tasksPane, tasks, '0000001F', tasksPane.defaultSort, contextAt(now));
		expect(list.ids).toHaveLength(1);
		expect(paneRows(tasksPane, list, contextAt(now)).at(0)!.cells['id']).toBe('0000001f');
		expect(list.total).toBe(40);
	});

	it('a filter formats each task once; a refresh that only moved time formats none again', () => {
		const {pane, built} = countingPane();
		const tasks = manyTasks(20_000);
		const first = paneList(pane, tasks, '0000001f', pane.defaultSort, contextAt(now));
		expect(first.ids).toHaveLength(1);
		expect(built()).toBe(20_000);
		const later = paneList(pane, tasks, '0000001f', pane.defaultSort, contextAt(now + 5_000));
		expect(later.ids).toEqual(first.ids);
		expect(built()).toBe(20_000);
	});

	it('matches an EC2 id once it is known, and not ages, which move with the clock', () => {
		const tasks = manyTasks(30);
		const ec2Id = instances.busy.ec2InstanceId!;
		const unknown: RowContext = {...contextAt(now), ec2InstanceId: () => undefined, textKey: {}};
		expect(paneList(tasksPane, tasks, ec2Id, tasksPane.defaultSort, unknown).ids).toHaveLength(0);
		const known: RowContext = {...contextAt(now), textKey: {}};
		expect(paneList(tasksPane, tasks, ec2Id, tasksPane.defaultSort, known).ids).toHaveLength(30);
		// Every row says 10m in its AGE column.
		expect(
			paneRows(tasksPane, paneList(tasksPane, tasks, '', tasksPane.defaultSort, known), known).at(
				0,
			)!.cells['age'],
		).toBe('10m');
		expect(paneList(tasksPane, tasks, '10m', tasksPane.defaultSort, known).ids).toHaveLength(0);
	});

	it('sorts by the chosen column with ties in id order, and finds a row by id', () => {
		const tasks = manyTasks(40);
		const list = paneList(
			tasksPane,
			tasks,
			'',
			{columnKey: 'age', direction: 'desc'},
			contextAt(now),
		);
		const rows = paneRows(tasksPane, list, contextAt(now));
		const ages = list.items.map((t) => t.startedAt!);
		expect(ages).toEqual([...ages].sort((a, b) => a - b));
		// Tasks 0 and 20 started at the same second: the lower id first.
		const first = list.indexOf.get(tasks[0]!.arn)!;
		expect(list.indexOf.get(tasks[20]!.arn)).toBe(first + 1);
		expect(rows.at(first)!.id).toBe(tasks[0]!.arn);
	});
});
