// The problem feed and the service rows' states in the live App, over the real pollers and the
// simulator's demo account: web's checkout-worker crash-loops as served; api is scaled past what
// the cluster can hold.
import {UpdateServiceCommand} from '@aws-sdk/client-ecs';
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, keys, lineWith, renderApp, selectedRow} from './app-fixture.js';

const demo = demoFleetPerTest();

/** The App on the web cluster (the last one), its services in. */
async function onWeb() {
	const app = await renderApp({store: demo.fleet.store, columns: 160, rows: 40});
	await app.press('G');
	await app.waitFor((frame) => /Services \(web\) \[1\/4\]/.test(frame), 10_000);
	return app;
}

describe('problems on the service rows and in the feed (demo)', () => {
	it('a crash-looping service says CRASH LOOP in its row, where it said IN_PROGRESS', async () => {
		const app = await onWeb();
		const frame = await app.waitFor((f) => /checkout-worker.*CRASH LOOP/.test(f), 10_000);
		expect(lineWith(frame, 'checkout-worker')).not.toMatch(/IN_PROGRESS/);
		// The healthy services keep their rollout state.
		expect(lineWith(frame, 'frontend ')).toMatch(/COMPLETED/);
	});

	it('a service scaled past its capacity says how many tasks cannot be placed', async () => {
		const app = await onWeb();
		await demo.fleet.sim.ecs.send(
			new UpdateServiceCommand({cluster: 'web', service: 'api', desiredCount: 40}),
		);
		demo.fleet.sim.advance(60_000);
		await app.press('R');
		const frame = await app.waitFor((f) => /\bapi\b.*\d+ cannot place/.test(f), 10_000);
		const api = demo.fleet.store
			.getState()
			.clusterViews[demo.fleet.store.getState().focus.clusterArn!]!.services.find(
				(service) => service.name === 'api',
			)!;
		const missing = api.desiredCount - api.runningCount - api.pendingCount;
		expect(missing).toBeGreaterThan(0);
		expect(lineWith(frame, 'api ')).toContain(`${missing} cannot place`);
	});

	it('a release the circuit breaker rolled back says ROLLED BACK, where it said IN_PROGRESS', async () => {
		const app = await onWeb();
		const world = demo.fleet.sim.server.world;
		const web = world.resolveCluster('web')!;
		const current = world.resolveTaskDefinition('api')!;
		const [first, ...rest] = current.containerDefinitions;
		// The next release crashes 5 s after it starts.
		const broken = world.registerTaskDefinition({
			family: 'api',
			networkMode: current.networkMode,
			containerDefinitions: [
				{
					...first!,
					environment: [
						...first!.environment,
						{name: 'ECS_TOP_SIM_EXIT_AFTER', value: '5'},
						{name: 'ECS_TOP_SIM_EXIT_CODE', value: '1'},
					],
				},
				...rest,
			],
		});
		world.updateService(web, web.services.get('api')!, {taskDefinition: broken.arn});
		demo.fleet.sim.advance(5 * 60_000);
		await app.press('R');
		const frame = await app.waitFor((f) => /\bapi\b.*ROLLED BACK/.test(f), 10_000);
		expect(lineWith(frame, 'api ')).not.toMatch(/IN_PROGRESS/);
		await app.press('!');
		const feed = await app.waitFor((f) => /deployment failed and was rolled back/.test(f), 10_000);
		expect(lineWith(feed, 'rolled back')).toMatch(/\bapi\b/);
	});

	it('! lists the crash loop and its stopped tasks as one line with a count; Enter goes to a task', async () => {
		const app = await onWeb();
		await app.waitFor((f) => /checkout-worker.*CRASH LOOP/.test(f), 10_000);
		await app.press('!');
		const feed = await app.waitFor(
			(f) => /Problems \[1\/\d+\]/.test(f) && /tasks? stopped: exit 1 \(checkout\)/.test(f),
			10_000,
		);
		const exits = lineWith(feed, 'stopped: exit 1 (checkout)');
		expect(exits).toMatch(/checkout-worker/);
		expect(exits).toMatch(/×\d+/);
		expect(feed).toMatch(/crash loop/);

		// Move onto the stopped-tasks line and go to it.
		const target = feed
			.split('\n')
			.filter((line) => line.includes('│'))
			.slice(1)
			.findIndex((line) => line.includes('stopped: exit 1'));
		expect(target).toBeGreaterThanOrEqual(0);
		for (let i = 0; i < target; i++) await app.press('j');
		await app.press(keys.enter);
		const tasks = await app.waitFor(
			(f) =>
				!/Problems \[/.test(f) &&
				/Stopped tasks \(checkout-worker\)/.test(f) &&
				/> [0-9a-f]{8}\s+\S+\s+1 /.test(f),
			10_000,
		);
		// The tasks pane has the keyboard, showing the stopped tasks, the problem's newest selected.
		const problem = demo.fleet.store.getState().problemTasks;
		const selected = selectedRow(tasks, 'Stopped tasks');
		expect(selected).toMatch(/^[0-9a-f]{8}$/);
		// Its EXIT column: the checkout container's 1.
		expect(lineWith(tasks, `> ${selected}`)).toMatch(/> [0-9a-f]{8}\s+\S+\s+1 /);
		const newest = Object.values(problem)
			.flat()
			.reduce((a, b) => ((a.stoppedAt ?? 0) >= (b.stoppedAt ?? 0) ? a : b));
		expect(newest.id.startsWith(selected!)).toBe(true);
		expect(tasks).toMatch(/t stopped/);
	});

	it(':problems opens the same feed, and Esc closes it', async () => {
		const app = await onWeb();
		await app.press(':', ...'problems', keys.enter);
		await app.waitFor((f) => /Problems \[/.test(f), 10_000);
		await app.press(keys.escape);
		await app.waitFor((f) => !/Problems \[/.test(f) && /Services \(web\)/.test(f), 10_000);
	});
});
