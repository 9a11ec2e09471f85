// The live App over the real pollers, SDK clients and the simulator's demo account: the store is
// filled exactly as in `ecs-top --demo`, and moving the selection makes the pollers fetch the
// newly selected cluster, whose services and tasks then appear.
import {describe, expect, it} from 'vitest';
import {
	paneRows,
	demoFleetPerTest,
	keys,
	lineWith,
	overwideLines,
	renderApp,
} from './app-fixture.js';

const demo = demoFleetPerTest();

describe('App over the simulator (demo)', () => {
	it('shows what the pollers fetched and follows the selection to another cluster', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 200, rows: 50});
		const account = demo.fleet.store.getState().identity!.account;
		expect(app.lines()[0]).toContain(account);
		expect(paneRows(app.frame(), 'Clusters')).toEqual(['>batch', 'staging', 'web']);

		// The first cluster is focused once the selection rests; the pollers fetch it.
		await app.waitFor((frame) => /Services \(batch\) \[1\/\d+\]/.test(frame), 10_000);
		await app.waitFor((frame) => /Tasks \(\S+\) \[1\/\d+\]/.test(frame), 10_000);

		await app.press('G');
		// Another cluster: all of its tasks, until a key picks a service (k on the first: api).
		await app.waitFor(
			(f) => /Services \(web\) \[1\/4\]/.test(f) && /Tasks \(web\) \[1\/\d+\]/.test(f),
			10_000,
		);
		await app.press('3', 'k', '1');
		const frame = await app.waitFor(
			(f) =>
				/Tasks \(api\) \[1\/\d+\]/.test(f) &&
				paneRows(f, 'Tasks').length ===
					demo.fleet.store
						.getState()
						.clusterViews[demo.fleet.store.getState().focus.clusterArn!]?.services.find(
							(s) => s.name === 'api',
						)?.runningCount,
			10_000,
		);
		expect(paneRows(frame, 'Services')).toEqual(['>api', 'checkout-worker', 'frontend', 'redis']);
		expect(paneRows(frame, 'Instances')).toHaveLength(4);
		// Every task row of `api` is a task the simulator runs for it.
		const view =
			demo.fleet.store.getState().clusterViews[demo.fleet.store.getState().focus.clusterArn!]!;
		const api = view.services.find((s) => s.name === 'api')!;
		expect(paneRows(frame, 'Tasks')).toHaveLength(api.runningCount);
		expect(lineWith(frame, 'api  ')).toMatch(new RegExp(`api\\s+${api.desiredCount}\\s+`));
		expect(overwideLines(frame, 200)).toEqual([]);
	});

	it("an instance's detail fetches its EC2 facts while open, and only then", async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 200, rows: 50});
		await app.press('G');
		await app.waitFor((f) => /Instances \(web\) \[1\/4\]/.test(f), 10_000);
		const described = () =>
			demo.fleet.store.getState().requests.byOperation['EC2.DescribeInstances'] ?? 0;
		expect(described()).toBe(0);
		await app.press('2', keys.enter);
		const frame = await app.waitFor((f) => /Private IP\s+\d+\.\d+\.\d+\.\d+/.test(f), 10_000);
		expect(frame).toMatch(/Private IP/);
		expect(described()).toBe(1);
		await app.press(keys.escape);
		expect(demo.fleet.store.getState().ec2DetailsWanted).toBe(false);
	});
});
