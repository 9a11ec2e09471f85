// A poll's signal is listened to by each thing the poll waits for: a screen that needs a dozen
// task definitions waits for a dozen at once, and Node's leak warning would land on stderr, the
// terminal the TUI draws on.
import {afterEach, expect, it} from 'vitest';
import {runAsPoll} from '../../source/aws/request-counter.js';
import {createTaskDefinitionCache} from '../../source/aws/task-definition-cache.js';
import type {TaskDefinition} from '../../source/model/task-definition.js';

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => {
	process.off('warning', onWarning);
});

it('waits for twenty task definitions in one poll without a leak warning', async () => {
	process.on('warning', onWarning);
	const answers: Array<() => void> = [];
	const cache = createTaskDefinitionCache(
		(name) =>
			new Promise<TaskDefinition>((resolve) =>
				answers.push(() => resolve({taskDefinitionArn: name} as unknown as TaskDefinition)),
			),
	);
	const controller = new AbortController();
	const asked = runAsPoll(
		() => Array.from({length: 20}, (_, index) => cache.get(`web:${index + 1}`)),
		controller.signal,
	);
	for (const answer of answers) answer();
	expect(await Promise.all(asked)).toHaveLength(20);
	// A warning is emitted on a later tick: one of our own, emitted after, marks when to look.
	process.emitWarning('marker', {code: 'ECS_TOP_TEST_MARKER'});
	while (!warnings.some((warning) => (warning as {code?: string}).code === 'ECS_TOP_TEST_MARKER'))
		await new Promise((resolve) => setImmediate(resolve));
	expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
});
