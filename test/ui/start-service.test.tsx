// `--service NAME`: the live view starts on that service, in whichever cluster has it (or in the
// --cluster given), with the keyboard in the services pane; a service no cluster has is said on
// the status line. Over the real pollers, adapters and the simulator's demo account, whose
// clusters are batch, staging and web (web, last, has api, checkout-worker, frontend, redis).
import {describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {
	createServiceSearch,
	runServiceSearch,
	type ServiceSearch,
} from '../../source/store/service-search.js';
import {demoFleetPerTest, paneRows, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

function search(service: string, clusters: readonly string[] = []): ServiceSearch {
	const started = createServiceSearch(service);
	const {ecs} = createAwsAdapters(demo.fleet.clients);
	void runServiceSearch(started, ecs, demo.fleet.store, clusters);
	return started;
}

describe('--service NAME', () => {
	it('starts on the service in the cluster that has it, keyboard in the services pane', async () => {
		const app = await renderApp({store: demo.fleet.store, startService: search('frontend')});
		const frame = await app.waitFor(
			(f) => /Services \(web\) \[3\/4\]/.test(f) && /Tasks \(frontend\) \[1\/\d+\]/.test(f),
			10_000,
		);
		expect(paneRows(frame, 'Clusters')).toEqual(['batch', 'staging', '>web']);
		expect(paneRows(frame, 'Services')).toEqual(['api', 'checkout-worker', '>frontend', 'redis']);
		expect(frame).not.toContain('looking for service');
		// The keys move the services' selection: the keyboard is there.
		await app.press('j');
		const moved = await app.waitFor((f) => /Services \(web\) \[4\/4\]/.test(f), 10_000);
		expect(paneRows(moved, 'Services')).toEqual(['api', 'checkout-worker', 'frontend', '>redis']);
	});

	it('says what it is looking for until it is found', async () => {
		// A search that never answers: the screen waits on it, saying so.
		const app = await renderApp({
			store: demo.fleet.store,
			startService: createServiceSearch('frontend'),
		});
		expect(app.frame()).toContain('looking for service frontend…');
	});

	it('says so when no cluster has it, and stays where it is', async () => {
		const app = await renderApp({store: demo.fleet.store, startService: search('nope')});
		const frame = await app.waitFor((f) =>
			f.includes('no cluster has a service named nope (looked in 3 clusters)'),
		);
		expect(frame).not.toContain('looking for service');
	});

	it('with --cluster, looks only there', async () => {
		const app = await renderApp({
			store: demo.fleet.store,
			startService: search('frontend', ['batch']),
		});
		await app.waitFor((f) => f.includes('cluster batch has no service named frontend'));
		// One App at a time on a store: two would pull its focus two ways.
		app.unmount();
		const inWeb = await renderApp({
			store: demo.fleet.store,
			startService: search('api', ['web']),
		});
		await inWeb.waitFor((f) => /Tasks \(api\) \[1\/\d+\]/.test(f), 10_000);
	});
});
