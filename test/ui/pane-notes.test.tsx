// Each pane says what it knows about its own rows: how much of a first load has arrived, or
// that they are stale, since when and why; the header names what failed and what still loads.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {DataStatus} from '../../source/store/data-status.js';
import {fleetState, fleetStore, lineWith, now, renderApp} from './app-fixture.js';

afterEach(() => cleanup());

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
const fresh: DataStatus = {fetchedAt: now, inFlight: false, consecutiveFailures: 0};

describe('pane notes', () => {
	it('marks the tasks stale, since when and why, when their refresh keeps failing', async () => {
		const failingSince = now - 40_000;
		const base = fleetState();
		const store = fleetStore({
			...base,
			dataSets: {
				...base.dataSets,
				tasks: {
					fetchedAt: failingSince - 5_000,
					error: {kind: 'other', message: 'ecs:ListTasks failed'},
					staleSince: failingSince,
					inFlight: false,
					consecutiveFailures: 8,
				},
			},
			problems: {
				tasks: {
					kind: 'other',
					message: 'ECS answered 500 InternalFailure',
					action: 'ecs:ListTasks',
				},
			},
		});
		const app = await renderApp({store, columns: 200, rows: 50});
		const frame = app.frame();
		expect(lineWith(frame, 'Tasks (')).toContain(
			`STALE since ${clock(failingSince)}: ECS answered 500 InternalFailure`,
		);
		expect(lineWith(frame, 'Services (')).not.toContain('STALE');
		// The header names the call that failed, not a bare ERROR.
		const header = frame.split('\n')[0]!;
		expect(header).toContain('FAILED ecs:ListTasks');
		expect(header).not.toMatch(/\bERROR\b/);
		app.unmount();
	});

	it('counts a first load in the pane title and names it in the header', async () => {
		const base = fleetState();
		const store = fleetStore({
			...base,
			dataSets: {...base.dataSets, cluster: fresh},
			progress: {services: {done: 120, total: 2000}, tasks: {done: 4000, total: 20_000}},
		});
		const app = await renderApp({store, columns: 200, rows: 50});
		const frame = app.frame();
		expect(lineWith(frame, 'Services (')).toMatch(
			/Services \(api-prod\) \[\d\/3\] loading 120\/2,000/,
		);
		expect(lineWith(frame, 'Tasks (')).toContain('loading 4,000/20,000');
		expect(frame.split('\n')[0]).toContain('loading services 120/2,000, tasks 4,000/20,000');
		store.setState({progress: {}});
		const done = await app.waitFor((text) => !text.includes('loading'));
		expect(lineWith(done, 'Services (')).not.toContain('loading');
		app.unmount();
	});
});
