// The session is handed over (and the screen drawn again for it) together with the first
// clusters when they come quickly, so that the redraw does not hold them back by a frame; when AWS
// is slow to answer, it is handed over anyway, without them.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {wireSession} from '../../source/modes/session.js';
import {parseAppOptions} from '../../source/options.js';
import {createFleetStore} from '../../source/store/fleet-store.js';
import {wiredSessions} from '../helpers/wired-sessions.js';

const wired = wiredSessions('ecs-top-first-data-');
const servers: Server[] = [];

afterEach(() => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		server.close();
	}
});

function demoOptions() {
	const options = parseAppOptions({demo: true}, {});
	if (!options.ok) throw new Error(options.error);
	return options.value;
}

/** An endpoint that takes every request and never answers it. */
async function silentEndpoint(): Promise<string> {
	const server = createServer(() => {});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a session wired', () => {
	it('is handed over with the first clusters in the store', async () => {
		const store = createFleetStore({refreshMs: 600_000});
		// Waiting as long as a loaded machine may need: what is asserted is that it waited.
		const wiring = await wireSession(demoOptions(), store, {}, undefined, 20_000);
		wired.push(wiring);
		expect(store.getState().dataSets.clusters?.fetchedAt).toBeDefined();
		expect(store.getState().clusters.map((cluster) => cluster.name)).toEqual([
			'batch',
			'staging',
			'web',
		]);
	}, 30_000);

	it('is handed over without them when AWS does not answer in time', async () => {
		const url = await silentEndpoint();
		const store = createFleetStore({refreshMs: 600_000});
		const wiring = await wireSession(
			demoOptions(),
			store,
			{startDemoSim: async () => ({url, close: async () => {}})},
			undefined,
			50,
		);
		wired.push(wiring);
		expect(store.getState().dataSets.clusters?.fetchedAt).toBeUndefined();
		expect(store.getState().problems.clusters).toBeUndefined();
		expect(wiring.actions).toBeDefined();
	}, 30_000);
});
