// What a newcomer trips over first: the tasks pane's scope must change only on a key and say
// what it is, the row under the cursor must stay the same task across refreshes, every sort
// must be reversible and only by a column on screen, and a message must not hide the keys.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {taskScopeKey, type FleetState} from '../../source/store/fleet-store.js';
import {minutes} from '../helpers/model-builders.js';
import {
	clusters,
	fleetState,
	fleetStore,
	instances,
	keys,
	lineWith,
	now,
	paneRows,
	renderApp,
	selectedRow,
	services,
	task,
	tasks,
} from './app-fixture.js';

afterEach(cleanup);

const clusterScope = taskScopeKey({clusterArn: clusters.apiProd.arn})!;
const serviceScope = (arn: string) =>
	taskScopeKey({clusterArn: clusters.apiProd.arn, serviceArn: arn})!;
const searchTask = task('api-prod', 'search-api', 'd4e5f60718293a4b5c6d7e8f90a1b2c3', {
	startedAt: now - minutes(20),
});

/** The fleet as it is when ecs-top starts: nothing focused yet, every list already in. */
function freshStart(): Partial<FleetState> {
	const state = fleetState();
	return {
		...state,
		focus: {},
		tasks: {
			[clusterScope]: [tasks.healthy, tasks.unhealthy, tasks.pending, searchTask],
			[serviceScope(services.checkout.arn)]: [tasks.healthy, tasks.unhealthy, tasks.pending],
		},
	};
}

const tasksTitle = (frame: string) => /─ ((?:Stopped t|T)asks .*?) ─/u.exec(frame)?.[1] ?? '';

describe('the tasks pane scope', () => {
	it('starts on the whole cluster and stays there once the selection has settled on it', async () => {
		const store = fleetStore(freshStart());
		const app = await renderApp({store, columns: 200, rows: 50});
		await app.press('4');
		// The focus follows the cluster once the cursor rests: that is when a first service used
		// to be taken as the scope too.
		await app.waitFor(() => store.getState().focus.clusterArn === clusters.apiProd.arn);
		const frame = await app.waitFor((f) => tasksTitle(f).includes('[1/4]'));
		expect(store.getState().focus.serviceArn).toBeUndefined();
		expect(tasksTitle(frame)).toBe(
			'Tasks (api-prod) [1/4] all services · pick one in Services (3)',
		);
		app.unmount();
	});

	it('narrows when the services cursor moves, and Esc in the tasks widens again; the title says which', async () => {
		const store = fleetStore(freshStart());
		const app = await renderApp({store, columns: 200, rows: 50});
		await app.waitFor(() => store.getState().focus.clusterArn === clusters.apiProd.arn);
		// Services sort by name: checkout, payments, search-api. j then k: back on checkout.
		await app.press('3', 'j', 'k');
		await app.waitFor(() => store.getState().focus.serviceArn === services.checkout.arn);
		// What the tasks poller would bring for the new scope.
		const checkoutTasks = freshStart().tasks![serviceScope(services.checkout.arn)]!;
		store.setState({
			tasks: {...store.getState().tasks, [serviceScope(services.checkout.arn)]: checkoutTasks},
		});
		let frame = await app.waitFor((f) => tasksTitle(f).includes('[1/3]'));
		expect(tasksTitle(frame)).toBe('Tasks (checkout) [1/3] one service · Esc: all of api-prod');
		await app.press('4', keys.escape);
		await app.waitFor(() => store.getState().focus.serviceArn === undefined);
		frame = await app.waitFor((f) => tasksTitle(f).includes('[1/4]'));
		expect(tasksTitle(frame)).toMatch(/^Tasks \(api-prod\) \[1\/4\] all services/u);
		app.unmount();
	});

	it('help says how the scope changes', async () => {
		const app = await renderApp({columns: 120, rows: 60});
		await app.press('?');
		const frame = await app.waitFor((f) => f.includes('What stays put'));
		expect(frame).toContain('only a key changes it');
		expect(frame).toMatch(/I +Reverse the sort/u);
		app.unmount();
	});
});

describe('the row under the cursor', () => {
	it('stays the same task when a refresh sorts another one first, and Enter opens that one', async () => {
		const store = fleetStore();
		const app = await renderApp({store, columns: 200, rows: 50});
		await app.press('4');
		// Oldest first: the unhealthy task (50 minutes) is on top and under the cursor.
		await app.waitFor((f) => selectedRow(f, 'Tasks') === tasks.unhealthy.id.slice(0, 8));
		const older = task('api-prod', 'checkout', 'e5f60718293a4b5c6d7e8f90a1b2c3d4', {
			startedAt: now - minutes(90),
		});
		const scope = serviceScope(services.checkout.arn);
		store.setState({tasks: {[scope]: [older, ...store.getState().tasks[scope]!]}});
		await app.waitFor((f) => tasksTitle(f).includes('[2/4]'));
		expect(selectedRow(app.frame(), 'Tasks')).toBe(tasks.unhealthy.id.slice(0, 8));
		await app.press(keys.enter);
		const frame = await app.waitFor((f) => f.includes('Task '));
		expect(frame).toContain(tasks.unhealthy.id);
		app.unmount();
	});
});

describe('sorting', () => {
	it('I reverses the sort and the arrow turns; I again turns it back', async () => {
		const app = await renderApp({columns: 200, rows: 50});
		await app.press('4');
		expect(lineWith(app.frame(), 'HEALTH')).toContain('AGE▼');
		await app.press('I');
		let frame = await app.waitFor((f) => lineWith(f, 'HEALTH').includes('AGE▲'));
		// Youngest first now: the pending task (1 minute) is on top, and the cursor stayed on the
		// task it was on (the oldest), now at the bottom.
		expect(paneRows(frame, 'Tasks')[0]).toBe(tasks.pending.id.slice(0, 8));
		expect(selectedRow(frame, 'Tasks')).toBe(tasks.unhealthy.id.slice(0, 8));
		await app.press('I');
		frame = await app.waitFor((f) => lineWith(f, 'HEALTH').includes('AGE▼'));
		app.unmount();
	});

	it('at 80 columns > and < go round only the columns on screen, the arrow always shown', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('4');
		const arrows = new Set<string>();
		for (let i = 0; i < 12; i++) {
			await app.press('>');
			const header = lineWith(app.frame(), 'ID');
			const sorted = /(\S+)[▲▼]/u.exec(header)?.[1];
			expect(sorted, `after ${i + 1} presses of >:\n${app.frame()}`).toBeDefined();
			arrows.add(sorted!);
		}
		// Every column it went through is one the header shows, and it came round to AGE again.
		expect(arrows.has('AGE')).toBe(true);
		app.unmount();
	});

	it('the stopped tasks open on the most recent stop, aged from the stop, with exit code and reason', async () => {
		const state = fleetState();
		const scope = serviceScope(services.checkout.arn);
		const stopped = (id: string, stoppedMinutesAgo: number, exitCode: number, reason: string) =>
			task('api-prod', 'checkout', id, {
				lastStatus: 'STOPPED',
				desiredStatus: 'STOPPED',
				healthStatus: 'UNKNOWN',
				createdAt: now - minutes(300),
				startedAt: now - minutes(299),
				stoppedAt: now - minutes(stoppedMinutesAgo),
				stoppedReason: 'Essential container in task exited',
				stopCode: 'EssentialContainerExited',
				containers: [
					{
						name: 'app',
						image: 'app:1',
						lastStatus: 'STOPPED',
						exitCode,
						reason,
						healthStatus: undefined,
						networkBindings: [],
					},
				],
			});
		const store = fleetStore({
			...state,
			stoppedTasks: {
				[scope]: [
					stopped('0a000000000000000000000000000001', 40, 1, 'crashed on start'),
					stopped('0b000000000000000000000000000002', 3, 137, 'OutOfMemoryError: Container killed'),
				],
			},
			dataSets: {
				...state.dataSets,
				'stopped-tasks': {fetchedAt: now, inFlight: false, consecutiveFailures: 0},
			},
		});
		const app = await renderApp({store, columns: 120, rows: 35});
		await app.press('4', 't');
		const frame = await app.waitFor((f) => f.includes('Stopped tasks'));
		expect(lineWith(frame, 'REASON')).toMatch(/ID +STOPPED▲ +EXIT +REASON/u);
		expect(lineWith(frame, 'REASON')).not.toMatch(/HEALTH/u);
		// Newest stop first, under the cursor; its age is the stop's (3m), not its creation's (5h).
		expect(selectedRow(frame, 'Stopped tasks')).toBe('0b000000');
		expect(lineWith(frame, '0b000000')).toMatch(
			/0b000000 +3m +137 +OutOfMemoryError: Container killed/u,
		);
		expect(lineWith(frame, '0a000000')).toMatch(/0a000000 +40m +1 +crashed on start/u);
		app.unmount();
	});
});

describe('the bottom line', () => {
	it('keeps the key hints beside a message', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press('p');
		const frame = await app.waitFor((f) => f.includes('polling paused'));
		const last = frame.split('\n').at(-1)!;
		expect(last).toMatch(/^polling paused: p resumes, R refreshes once +\? help {2}\/ filter/u);
		app.unmount();
	});

	it('cuts a long message before it drops the first hints', async () => {
		const app = await renderApp({columns: 80, rows: 24});
		await app.press(':', ...'region not-a-region-at-all-but-a-very-long-word', keys.enter);
		const frame = await app.waitFor((f) => f.includes(':region needs'));
		const last = frame.split('\n').at(-1)!;
		expect(last).toMatch(/^:region needs a region name.*… m: whole \? help {2}\/ filter {2}: cmd/u);
		app.unmount();
	});
});

describe('the INSTANCE column', () => {
	it('waits for the cluster instances instead of showing a container instance id first', async () => {
		const state = fleetState();
		const view = state.clusterViews![clusters.apiProd.arn]!;
		const store = fleetStore({
			...state,
			clusterViews: {[clusters.apiProd.arn]: {...view, containerInstances: []}},
		});
		const app = await renderApp({store, columns: 200, rows: 50});
		let frame = await app.waitFor((f) => tasksTitle(f).includes('[1/3]'));
		expect(lineWith(frame, tasks.healthy.id.slice(0, 8))).toMatch(/RUNNING +\S* +… /u);
		expect(frame).not.toContain(instances.busy.id.slice(0, 8));
		store.setState({clusterViews: {[clusters.apiProd.arn]: view}});
		frame = await app.waitFor((f) => f.includes(instances.busy.ec2InstanceId!));
		expect(lineWith(frame, tasks.healthy.id.slice(0, 8))).toContain(instances.busy.ec2InstanceId);
		app.unmount();
	});
});
