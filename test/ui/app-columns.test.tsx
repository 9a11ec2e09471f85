// What the live App's tables show at the common terminal widths: the room goes to the text an
// operator reads (a task definition's `:revision` during a rollout, why a task stopped) rather
// than to blanks, and `<` `>` reach the CPU and MEM columns, biggest first.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {metricSeriesKey} from '../../source/store/fleet-store.js';
import {
	fleetState,
	fleetStore,
	lineWith,
	overwideLines,
	paneRows,
	renderApp,
	series,
	service,
	services,
} from './app-fixture.js';

afterEach(cleanup);

/** The demo's `web` cluster: one service in a rollout whose task definition has a long name. */
function rolloutStore() {
	const state = fleetState();
	const view = state.clusterViews![state.focus!.clusterArn!]!;
	const rollout = [
		service('api-prod', 'api', 'api:3', {desiredCount: 4, runningCount: 4}),
		service('api-prod', 'checkout-worker', 'checkout-worker:17', {desiredCount: 2}),
		service('api-prod', 'frontend', 'frontend:3', {desiredCount: 6, runningCount: 6}),
		service('api-prod', 'redis', 'redis:1'),
	];
	return fleetStore({
		...state,
		clusterViews: {[state.focus!.clusterArn!]: {...view, services: rollout}},
	});
}

describe('App table columns', () => {
	it('120x35: the services pane shows the whole task definition, revision included', async () => {
		const app = await renderApp({store: rolloutStore(), columns: 120, rows: 35});
		await app.press('3');
		expect(lineWith(app.frame(), 'checkout-worker ')).toContain(' checkout-worker:17 ');
		expect(overwideLines(app.frame(), 120)).toEqual([]);
	});

	it('100x30: a task definition cut to fit keeps its revision', async () => {
		const app = await renderApp({store: rolloutStore(), columns: 100, rows: 30});
		await app.press('3');
		expect(lineWith(app.frame(), 'checkout-worker ')).toMatch(/ checkout-w\S*:17(?: |│)/);
		expect(lineWith(app.frame(), 'frontend ')).toContain(' frontend:3 ');
		expect(overwideLines(app.frame(), 100)).toEqual([]);
	});

	it('80x24: the tasks pane keeps the task definition and why a task stopped on screen', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('4');
		const frame = app.frame();
		expect(lineWith(frame, 'TASKDEF')).toMatch(/TASKDEF\s+STOPPED/);
		// The sidecar that died, on the row of the task it ran in.
		expect(lineWith(frame, 'b2c3d4e5 ')).toMatch(/ checkout:41 +exit 137/);
		expect(lineWith(frame, 'a1b2c3d4 ')).toContain(' checkout:42 ');
		expect(overwideLines(frame, 80)).toEqual([]);
	});

	it('> reaches CPU and MEM in the services pane and sorts the busiest first', async () => {
		const state = fleetState();
		const cpu = (arn: string, value: number) => ({
			[metricSeriesKey(arn, 'CPUUtilization')]: series('c', [10, value]),
		});
		const memory = (arn: string, value: number) => ({
			[metricSeriesKey(arn, 'MemoryUtilization')]: series('m', [10, value]),
		});
		const app = await renderApp({
			store: fleetStore({
				...state,
				// search-api has no metrics yet: it goes last whichever way the column sorts.
				metrics: {
					...state.metrics,
					...cpu(services.checkout.arn, 35),
					...cpu(services.payments.arn, 80),
					...memory(services.checkout.arn, 90),
					...memory(services.payments.arn, 20),
				},
			}),
			columns: 200,
			rows: 50,
		});
		await app.press('3');
		const names = () => paneRows(app.frame(), 'Services').map((row) => row.replace('>', ''));
		expect(names()).toEqual(['checkout', 'payments', 'search-api']);
		// NAME > DES > RUN > PEND > CPU.
		await app.press('>', '>', '>', '>');
		expect(lineWith(app.frame(), 'DEPLOY')).toMatch(/PEND\s+CPU%▼\s+MEM% /);
		expect(names()).toEqual(['payments', 'checkout', 'search-api']);
		await app.press('>');
		expect(lineWith(app.frame(), 'DEPLOY')).toMatch(/CPU%\s+MEM%▼\s+DEPLOY/);
		expect(names()).toEqual(['checkout', 'payments', 'search-api']);
		await app.press('<', '<');
		expect(lineWith(app.frame(), 'DEPLOY')).toMatch(/RUN\s+PEND▼\s+CPU% /);
	});

	it('> reaches CPU in the clusters pane', async () => {
		const app = await renderApp({columns: 200, rows: 50});
		// NAME > INST > SVC > RUN > PEND > CPU.
		await app.press('>', '>', '>', '>', '>');
		expect(lineWith(app.frame(), 'RSV C/M')).toMatch(/PEND\s+CPU%▼\s+MEM% /);
		// api-prod is the only cluster with a CPU metric: first, the others after it.
		expect(paneRows(app.frame(), 'Clusters')[0]).toMatch(/api-prod$/);
	});
});
