// The header's region once the session is wired: set to what the clients resolved, and left as it
// is (no new state, so no frame drawn for nothing just before the first data) when that is what
// it already shows.
import {describe, expect, it, vi} from 'vitest';
import {wireSession} from '../../source/modes/session.js';
import {parseAppOptions} from '../../source/options.js';
import {createFleetStore} from '../../source/store/fleet-store.js';
import {wiredSessions} from '../helpers/wired-sessions.js';

const wired = wiredSessions('ecs-top-session-');

/**
 * A demo session (its simulator in this process) on a store whose header shows `region`: the
 * store once the first clusters are in and the region is resolved, and its connection before.
 */
async function demoSession(region: string | undefined) {
	const options = parseAppOptions({demo: true}, {});
	if (!options.ok) throw new Error(options.error);
	const store = createFleetStore({refreshMs: 600_000, connection: {region, profile: 'demo'}});
	const shown = store.getState().connection;
	const wiring = await wireSession(options.value, store);
	wired.push(wiring);
	await vi.waitFor(() => expect(store.getState().dataSets.clusters?.fetchedAt).toBeDefined(), {
		timeout: 15_000,
		interval: 20,
	});
	// Asked after the session's own question, so answered after it.
	await wiring.connection.region();
	return {store, shown};
}

describe("the session's connection in the store", () => {
	it('is left as it is when the region resolved is the one shown', async () => {
		const {store, shown} = await demoSession('us-east-1');
		expect(store.getState().connection).toBe(shown);
	}, 30_000);

	it('shows the region resolved when it was not known before', async () => {
		const {store, shown} = await demoSession(undefined);
		expect(store.getState().connection).not.toBe(shown);
		expect(store.getState().connection).toMatchObject({region: 'us-east-1', profile: 'demo'});
	}, 30_000);
});
