// `ecs-top --cluster web --cluster nope` on screen: the clusters pane lists web alone, and the
// header names the cluster AWS does not know, as `--once` does.
import {afterEach, describe, expect, it} from 'vitest';
import {startFleet, type Fleet} from '../store/fleet-fixture.js';
import {cleanup} from 'ink-testing-library';
import {paneRows, renderApp} from './app-fixture.js';

let fleet: Fleet | undefined;
afterEach(async () => {
	cleanup();
	await fleet?.close();
	fleet = undefined;
});

describe('App with --cluster', () => {
	it('lists only the named clusters and names an unknown one in the header', async () => {
		fleet = await startFleet({clusters: ['web', 'nope'], region: 'us-east-1'});
		const app = await renderApp({store: fleet.store, columns: 200, rows: 50});
		const frame = await app.waitFor(
			(f) => /Services \(web\) \[1\/4\]/.test(f) && f.includes('cluster nope not found'),
			10_000,
		);
		expect(paneRows(frame, 'Clusters')).toEqual(['>web']);
		expect(app.lines()[0]).toContain('cluster nope not found in us-east-1');
	});
});
