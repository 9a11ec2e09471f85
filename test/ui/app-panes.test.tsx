// What each pane of the live App shows from the fleet store: the columns and, per row, the cells
// an operator reads (counts, DRAINING, meters, deploy progress, short ids, exit codes).
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {fleetState, fleetStore, lineWith, renderApp, type AppHarness} from './app-fixture.js';

// One wide screen for the whole file: every pane is on it and nothing here presses a key.
let app: AppHarness;
let frame: string;
beforeAll(async () => {
	app = await renderApp({columns: 200, rows: 50});
	frame = app.frame();
	return () => app.unmount();
});

const cells = (line: string) =>
	line
		.replace(/^[│|]|[│|]$/g, '')
		.split(/[│|]{2}/)[0]!
		.trim()
		.split(/\s+/);

describe('App panes at 200x50', () => {
	it('clusters: every cluster with its instance, service, running and pending counts', () => {
		expect(lineWith(frame, 'NAME▲')).toMatch(
			/NAME▲\s+INST\s+SVC\s+RUN\s+PEND\s+CPU%\s+MEM%\s+RSV C\/M/,
		);
		expect(frame).toContain('Clusters [1/3]');
		// The clusters pane shares its lines with the instances pane on the right.
		expect(cells(lineWith(frame, 'api-prod  ')).slice(0, 6)).toEqual([
			'>',
			'api-prod',
			'3',
			'3',
			'9',
			'1',
		]);
		expect(cells(lineWith(frame, ' batch ')).slice(0, 5)).toEqual(['batch', '2', '1', '4', '0']);
		expect(cells(lineWith(frame, ' web ')).slice(0, 5)).toEqual(['web', '0', '0', '0', '0']);
		// The CPU sparkline ends with the latest value.
		expect(lineWith(frame, 'api-prod  ')).toContain('95%');
	});

	it('instances: type, AZ, status and reservation meters, DRAINING and a lost agent visible', () => {
		const instances = (text: string) => lineWith(frame, text).split('││')[1]!;
		expect(frame).toContain('Instances (api-prod) [1/3]');
		expect(instances('INSTANCE')).toMatch(
			/INSTANCE\s+TYPE\s+AZ▲\s+STATUS\s+TASKS\s+CPU RSV\s+MEM RSV\s+AGENT/,
		);
		expect(instances('i-0aaa1111bbbb22223')).toMatch(
			/t3\.large\s+us-east-1a\s+ACTIVE\s+4 \[█+░*\]\s+75% \[█*░+\]\s+25% ok/,
		);
		expect(instances('i-0ccc3333dddd44445')).toMatch(/m5\.xlarge\s+us-east-1b\s+DRAINING\s+1 /);
		expect(instances('i-0eee5555ffff66667')).toMatch(
			/c6g\.large\s+us-east-1c\s+ACTIVE.*DISCONNECTED/,
		);
	});

	it('services: desired/running/pending, deploy state with progress, task definition, launch', () => {
		expect(frame).toContain('Services (api-prod) [1/3]');
		expect(lineWith(frame, 'DEPLOY')).toMatch(
			/NAME▲\s+DES\s+RUN\s+PEND\s+CPU%\s+MEM%\s+DEPLOY\s+TASKDEF\s+LAUNCH/,
		);
		expect(lineWith(frame, 'checkout  ')).toMatch(
			/checkout\s+4\s+3\s+1\s.*IN_PROGRESS 2\/4\s+checkout:42\s+EC2/,
		);
		expect(lineWith(frame, 'payments')).toMatch(/payments\s+2\s+2\s+0\s.*COMPLETED\s+payments:7/);
		expect(lineWith(frame, 'search-api  ')).toMatch(
			/search-api\s+3\s+3\s+0\s.*COMPLETED\s+search-api:19\s+api-prod-spot w1/,
		);
	});

	it("tasks: the selected service's tasks with short id, status, health, instance, age, exit code", () => {
		expect(frame).toContain('Tasks (checkout) [1/3]');
		expect(lineWith(frame, 'STOPPED BECAUSE')).toMatch(
			/ID\s+STATUS\s+HEALTH\s+INSTANCE\s+AZ\s+AGE▼\s+TASKDEF\s+STOPPED BECAUSE/,
		);
		// Oldest first by default (AGE descending); the instance is the EC2 id, not the ARN.
		expect(lineWith(frame, 'b2c3d4e5 ')).toMatch(
			/b2c3d4e5\s+RUNNING\s+UNHEALTHY\s+i-0ccc3333dddd44445\s+us-east-1b\s+50m\s+checkout:41\s+exit 137/,
		);
		expect(lineWith(frame, 'a1b2c3d4 ')).toMatch(
			/a1b2c3d4\s+RUNNING\s+HEALTHY\s+i-0aaa1111bbbb22223\s+us-east-1a\s+5m\s+checkout:42/,
		);
		expect(lineWith(frame, 'c3d4e5f6 ')).toMatch(/c3d4e5f6\s+PENDING\s+UNKNOWN/);
		const order = ['b2c3d4e5 ', 'a1b2c3d4 ', 'c3d4e5f6 '].map((id) => frame.indexOf(id));
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		// The full 32-character task id does not fit the column and is not shown.
		expect(frame).not.toContain('a1b2c3d4e5f60718293a4b5c6d7e8f90');
	});
});

describe('App panes without data', () => {
	afterEach(cleanup);

	it('says loading until the focused cluster arrives, and what is missing after', async () => {
		const state = fleetState();
		const empty = await renderApp({
			store: fleetStore({
				...state,
				clusterViews: {},
				tasks: {},
				dataSets: {clusters: state.dataSets!.clusters!},
			}),
		});
		// The panes name the cluster and service they are loading.
		expect(lineWith(empty.frame(), 'Services (api-prod) [0/0]')).toBeTruthy();
		expect(lineWith(empty.frame(), 'Tasks (checkout) [0/0]')).toBeTruthy();
		expect(empty.frame().match(/loading…/g)).toHaveLength(3);
		empty.store.setState({
			clusterViews: {
				[state.focus!.clusterArn!]: {
					services: [],
					containerInstances: [],
					capacityProviders: [],
					autoScalingGroups: [],
				},
			},
		});
		await empty.waitFor((f) => f.includes('no services in this cluster'));
		expect(empty.frame()).toContain('no container instances');
	});

	it('shows a data set problem in its pane instead of rows', async () => {
		const state = fleetState();
		const failing = await renderApp({
			store: fleetStore({
				...state,
				tasks: {},
				problems: {
					tasks: {
						kind: 'access-denied',
						message: 'not allowed: ecs:ListTasks',
						action: 'ecs:ListTasks',
					},
				},
			}),
		});
		expect(lineWith(failing.frame(), 'not allowed: ecs:ListTasks')).toBeTruthy();
	});
});
