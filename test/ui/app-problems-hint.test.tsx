// A crash-looping service whose tasks pane is empty says its stopped tasks are one key away, and
// its row says CRASH LOOP, from the stopped tasks the problem-tasks tier fetched.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {minutes} from '../helpers/model-builders.js';
import {
	container,
	fleetState,
	fleetStore,
	lineWith,
	now,
	renderApp,
	services,
	task,
} from './app-fixture.js';

afterEach(() => cleanup());

function crashed(id: string, minutesAgo: number) {
	return task('api-prod', 'checkout', id, {
		lastStatus: 'STOPPED',
		desiredStatus: 'STOPPED',
		stopCode: 'EssentialContainerExited',
		stoppedReason: 'Essential container in task exited',
		startedAt: now - minutes(minutesAgo) - 20_000,
		stoppedAt: now - minutes(minutesAgo),
		containers: [container({lastStatus: 'STOPPED', exitCode: 1})],
	});
}

describe('a crash loop with no task running', () => {
	it('says CRASH LOOP on the row and that t shows the stopped tasks', async () => {
		const state = fleetState();
		const stopped = [
			crashed('d1000000000000000000000000000001', 1),
			crashed('d1000000000000000000000000000002', 3),
			crashed('d1000000000000000000000000000003', 6),
		];
		const app = await renderApp({
			store: fleetStore({
				...state,
				tasks: {[`service:${services.checkout.arn}`]: []},
				problemTasks: {[services.checkout.arn]: stopped},
			}),
			columns: 200,
			rows: 50,
		});
		const frame = await app.waitFor((f) => f.includes('t shows the 3 stopped recently'));
		expect(lineWith(frame, 'checkout ')).toMatch(/CRASH LOOP/);
		// The other services keep their rollout state.
		expect(lineWith(frame, 'payments')).not.toMatch(/CRASH LOOP/);
	});
});
