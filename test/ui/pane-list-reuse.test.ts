// A refresh that brings back the same tasks must not rebuild, re-render or re-sort 20,000 rows:
// the rows (and the list of rows) a refresh hands the table are the very objects it had, so its
// memoized row lines and the App's sorted list stay as they were. Only a task that changed gets a
// new row.
import {describe, expect, it} from 'vitest';
import type {Task} from '../../source/model/task.js';
import {buildRows, paneList} from '../../source/ui/panes/pane-list.js';
import {tasksPane, type RowContext} from '../../source/ui/panes/pane-rows.js';
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

/** A context as the App builds one per refresh: a new object with the refresh's time. */
function contextAt(fetchedAt: number): RowContext {
	return {
		now: fetchedAt,
		sparklineRamp: [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
		meterGlyphs: {filled: '#', empty: '-'},
		metric: () => undefined,
		instance: (arn) => (arn === instances.busy.arn ? instances.busy : undefined),
	};
}

describe('rows across refreshes', () => {
	it('an unchanged refresh hands back the same rows, in the same list', () => {
		const tasks = manyTasks(20_000);
		const first = buildRows(tasksPane, tasks, contextAt(now));
		// The next refresh: same task objects (the store keeps them), a new fetch time.
		const second = buildRows(tasksPane, tasks, contextAt(now + 5_000));
		// Not toBe: a failure would diff 20,000 rows.
		expect(second === first, 'the same list of rows').toBe(true);
		const sort = tasksPane.defaultSort;
		const list = paneList(tasksPane, second, '', sort);
		expect(list.rows).toHaveLength(20_000);
	});

	it('a changed task gets a new row and every other row stays the same object', () => {
		const tasks = manyTasks(500);
		const before = buildRows(tasksPane, tasks, contextAt(now));
		const changed = tasks.map((t, i) =>
			i === 7 ? {...t, lastStatus: 'STOPPING', desiredStatus: 'STOPPED', version: 2} : t,
		);
		const after = buildRows(tasksPane, changed, contextAt(now + 1_000));
		expect(after).not.toBe(before);
		expect(after[7]!.row).not.toBe(before[7]!.row);
		expect(after[7]!.row.cells['status']).toBe('STOPPING>STOPPED');
		const kept = after.filter((entry, i) => entry.row === before[i]!.row).length;
		expect(kept).toBe(499);
	});

	it('rows whose age moved to the next minute are rebuilt, and only then', () => {
		const tasks = manyTasks(3);
		const before = buildRows(tasksPane, tasks, contextAt(now));
		// 10m0s, 10m1s and 10m2s old: half a minute later they all still read 10m.
		const soon = buildRows(tasksPane, tasks, contextAt(now + 30_000));
		expect(soon === before, 'the same list of rows').toBe(true);
		const later = buildRows(tasksPane, tasks, contextAt(now + 61_000));
		expect(later.map((entry) => entry.row.cells['age'])).toEqual(['11m', '11m', '11m']);
		expect(later.every((entry, i) => entry.row !== before[i]!.row)).toBe(true);
	});

	it('the filter still matches any cell, case-insensitively', () => {
		const tasks = manyTasks(40);
		const built = buildRows(tasksPane, tasks, contextAt(now));
		const list = paneList(tasksPane, built, '0000001F', tasksPane.defaultSort);
		expect(list.rows.map((row) => row.cells['id'])).toEqual(['0000001f']);
		expect(list.total).toBe(40);
	});
});
