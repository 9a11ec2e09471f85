// U and B end to end below the terminal: the App's revision picker and confirmations over the
// real action runner, SDK clients and simulator. The confirmation says what differs and the
// aws command; y sends exactly one UpdateService with the revision shown; n and --read-only
// send nothing (the simulator's request log says so); the row follows the rollout to its end.
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {
	DescribeTaskDefinitionCommand,
	RegisterTaskDefinitionCommand,
	type ContainerDefinition,
} from '@aws-sdk/client-ecs';
import {startActionFleet, type ActionFleet} from '../store/writes/action-fixture.js';
import {keys, overwideLines, paneRows, type AppHarness} from './app-fixture.js';
import {renderOnWebApi, webService as webServiceIn, type OnWebOptions} from './app-on-web.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	cleanup();
	await fleet.close();
});

const footer = (frame: string) => frame.split('\n').at(-1)!;

async function onWeb(options: OnWebOptions = {}) {
	const actions = options.readOnly ? fleet.makeRunner({readOnly: true}) : fleet.runner;
	return renderOnWebApi(fleet.store, actions, options);
}

const webService = (name: string) => webServiceIn(fleet.store, name);

async function waitForWrites(count: number) {
	await vi.waitFor(
		async () => {
			expect(await fleet.writeRequests()).toHaveLength(count);
		},
		{timeout: 10_000, interval: 50},
	);
	return fleet.writeRequests();
}

/** The picker on api with its revisions described (the rows say what differs, not loading). */
async function pickerOnApi(app: AppHarness) {
	await app.press('3', 'U');
	return app.waitFor(
		(f) => f.includes('Deploy a revision to api') && /api:2\s+\S+\s+api: tag/.test(f),
		10_000,
	);
}

describe('U: deploy a revision', () => {
	it('lists the revisions newest first, the running one marked, each with what differs', async () => {
		const app = await onWeb();
		const frame = await pickerOnApi(app);
		// Newest first, the running one selected.
		expect(paneRows(frame, 'Deploy a revision')).toEqual(['>api:3', 'api:2']);
		expect(frame).toMatch(/api:3 \(running\)\s+\S+\s+runs now/);
		expect(frame).toMatch(/api:2\s+\S+\s+api: tag 1\.42\.0 -> 1\.41\.0/);
		// api:1 was deregistered: not offered.
		expect(frame).not.toMatch(/api:1\b/);
		expect(overwideLines(frame, 200)).toEqual([]);
		await app.press(keys.escape);
		expect(app.frame()).toContain('Services (web)');
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('the confirmation shows the difference and the aws command; n sends nothing', async () => {
		const app = await onWeb();
		await pickerOnApi(app);
		await app.press('j', keys.enter);
		const frame = app.frame();
		expect(frame).toContain('Deploy api:2');
		expect(frame).toContain('api: api:3 -> api:2');
		expect(frame).toContain('api: tag 1.42.0 -> 1.41.0');
		expect(frame).toContain(
			'$ aws ecs update-service --cluster web --service api --task-definition api:2',
		);
		await app.press('n');
		expect(footer(app.frame())).toContain('cancelled: nothing was sent');
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('y sends one UpdateService with the revision; the row follows the rollout to COMPLETED', async () => {
		const app = await onWeb();
		const before = webService('api').taskDefinition;
		await pickerOnApi(app);
		await app.press('j', keys.enter);
		await app.press('y', 'y');
		const writes = await waitForWrites(1);
		expect(writes[0]!.operation).toBe('UpdateService');
		expect(writes[0]!.input).toMatchObject({
			cluster: expect.stringContaining('web'),
			service: expect.stringContaining('api'),
			taskDefinition: before.replace(/:3$/, ':2'),
		});
		expect(writes[0]!.input).not.toHaveProperty('forceNewDeployment');
		await app.waitFor((f) => /deploying api:2 \(was api:3\)/.test(footer(f)), 10_000);
		// The world moved to api:2 as the confirmation said, and the row follows it.
		await fleet.refresh();
		expect(webService('api').taskDefinition).toBe(before.replace(/:3$/, ':2'));
		await app.waitFor((f) => /> api\s.*:2 (pending|\d\/4)/.test(f), 10_000);
		for (let i = 0; i < 20 && !/COMPLETED :2/.test(app.frame()); i++) {
			await fleet.advanceAndRefresh(30_000);
			await app.press('R');
		}
		await app.waitFor((f) => /> api\s.*COMPLETED :2/.test(f), 10_000);
		// The end is said on the status line (a later key may have replaced it there since).
		expect(fleet.runner.state.getState().results[0]).toMatchObject({
			kind: 'deploy-revision',
			status: 'succeeded',
			message: 'api: api:2 rolled out, deployment COMPLETED',
		});
		expect(await fleet.writeRequests()).toHaveLength(1);
	});

	it('a revision whose tasks crash is rolled back by the circuit breaker, and the row says so', async () => {
		const app = await onWeb();
		const running = webService('api').taskDefinition;
		const {taskDefinition} = await fleet.sim.ecs.send(
			new DescribeTaskDefinitionCommand({taskDefinition: running}),
		);
		const crashing = (taskDefinition!.containerDefinitions ?? []).map(
			(container): ContainerDefinition =>
				container.name === 'api'
					? {
							...container,
							environment: [
								...(container.environment ?? []),
								{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '2'},
								{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
							],
						}
					: container,
		);
		await fleet.sim.ecs.send(
			new RegisterTaskDefinitionCommand({
				family: 'api',
				networkMode: taskDefinition!.networkMode,
				taskRoleArn: taskDefinition!.taskRoleArn,
				executionRoleArn: taskDefinition!.executionRoleArn,
				containerDefinitions: crashing,
			}),
		);
		await app.press('3', 'U');
		await app.waitFor(
			(f) => /api:4\s+\S+\s+api: variables \+ECS_TOP_SIM_EXIT_AFTER/.test(f),
			10_000,
		);
		// The running revision is selected: the newer one is above it.
		await app.press('k', keys.enter);
		expect(app.frame()).toContain('api: api:3 -> api:4');
		await app.press('y');
		await waitForWrites(1);
		for (let i = 0; i < 40 && !/ROLLED BACK :3/.test(app.frame()); i++) {
			await fleet.advanceAndRefresh(30_000);
			await app.press('R');
		}
		await app.waitFor((f) => /> api\s.*ROLLED BACK :3/.test(f), 10_000);
		await fleet.refresh();
		expect(webService('api').taskDefinition).toBe(running);
		// ecs-top sent only its one change: the rollback was the circuit breaker's.
		expect(await fleet.writeRequests()).toHaveLength(1);
		await app.press(keys.enter);
		expect(app.frame()).toMatch(
			/Rollout\s+api: the deployment of api:4 failed and was ROLLED BACK to api:3/,
		);
	});
});

describe('B: roll back', () => {
	it('after U, B goes back to the last completed revision with one confirmation', async () => {
		const app = await onWeb();
		const before = webService('api').taskDefinition;
		await pickerOnApi(app);
		await app.press('j', keys.enter, 'y');
		await waitForWrites(1);
		await fleet.refresh();
		await app.waitFor((f) => /> api\s.*:2 (pending|\d\/4)/.test(f), 10_000);
		await app.press('B');
		const frame = app.frame();
		expect(frame).toContain('Roll back api');
		expect(frame).toContain('api: api:2 -> api:3');
		expect(frame).toContain('api: tag 1.41.0 -> 1.42.0');
		expect(frame).toContain(
			'$ aws ecs update-service --cluster web --service api --task-definition api:3',
		);
		await app.press('n');
		expect(await fleet.writeRequests()).toHaveLength(1);
		await app.press('B');
		await app.press('y');
		const writes = await waitForWrites(2);
		expect(writes[1]!.input).toMatchObject({taskDefinition: before});
		await fleet.refresh();
		expect(webService('api').taskDefinition).toBe(before);
	});

	it('with no completed deployment listed, B offers the previous revision and says so', async () => {
		const app = await onWeb();
		await app.press('3', 'B');
		const frame = app.frame();
		expect(frame).toContain('Roll back api');
		expect(frame).toContain('api: api:3 -> api:2');
		expect(frame).toMatch(/no longer lists the last completed deployment/);
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});

describe('read-only', () => {
	it('U and B are refused and nothing is sent', async () => {
		const app = await onWeb({readOnly: true});
		for (const key of ['U', 'B']) {
			await app.press('3', key);
			expect(footer(app.frame())).toContain('read-only');
			expect(app.frame()).not.toContain('Deploy a revision to');
			expect(app.frame()).not.toContain('y or Enter sends this');
		}
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('the write layer itself refuses a revision change under --read-only', async () => {
		await onWeb({readOnly: true});
		const runner = fleet.makeRunner({readOnly: true});
		const service = webService('api');
		const outcome = runner.plan({
			kind: 'deploy-revision',
			clusterArn: service.clusterArn,
			serviceArn: service.arn,
			taskDefinition: service.taskDefinition.replace(/:3$/, ':2'),
		});
		expect(outcome.ok).toBe(false);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});
