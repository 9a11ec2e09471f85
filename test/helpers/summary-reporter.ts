/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", after vitest's own
 * report, so CI logs (and tools that read closing lines) see the count whatever the runner.
 */
import type {Reporter} from 'vitest/reporters';

interface TaskLike {
	type: string;
	mode?: string;
	result?: {state?: string};
	tasks?: TaskLike[];
}

function count(
	tasks: readonly TaskLike[],
	totals: {passed: number; failed: number; skipped: number},
): void {
	for (const task of tasks) {
		if (task.tasks) count(task.tasks, totals);
		if (task.type !== 'test') continue;
		const state = task.result?.state;
		if (state === 'pass') totals.passed++;
		else if (state === 'fail') totals.failed++;
		else totals.skipped++;
	}
}

export default class SummaryReporter implements Reporter {
	onFinished(files: readonly TaskLike[] = [], errors: readonly unknown[] = []): void {
		const totals = {passed: 0, failed: 0, skipped: 0};
		count(files, totals);
		// Errors outside tests (a file that fails to import) fail the run too: count them.
		totals.failed += errors.length;
		process.stdout.write(
			`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
		);
	}
}
