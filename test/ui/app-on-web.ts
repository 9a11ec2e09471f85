// The App over the action fixture's demo world, on the `web` cluster with `api` picked: where the
// write-key tests start. One copy, so a change of how a user gets there is made once.
import type {Service} from '../../source/model/service.js';
import type {FleetStore} from '../../source/store/fleet-store.js';
import type {ActionRunner} from '../../source/store/writes/types.js';
import {renderApp, type AppHarness} from './app-fixture.js';

export type OnWebOptions = {
	readonly columns?: number;
	readonly rows?: number;
	readonly readOnly?: boolean;
};

/** `web` selected and its services loaded, then `api` picked: its tasks in the tasks pane. */
export async function renderOnWebApi(
	store: FleetStore,
	actions: ActionRunner,
	options: OnWebOptions = {},
): Promise<AppHarness> {
	const app = await renderApp({
		store,
		actions,
		columns: options.columns ?? 200,
		rows: options.rows ?? 50,
		readOnly: options.readOnly ?? false,
	});
	await app.press('G');
	await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 15_000);
	// The tasks are the cluster's until a key picks a service: k on the first one picks api.
	await app.press('3', 'k', '1');
	// The task rows themselves, not only the title: the title names api while its tasks load.
	await app.waitFor((f) => /Tasks \(api\) \[1\/\d+\]/.test(f), 15_000);
	return app;
}

/** One of `web`'s services as the store holds it now. */
export function webService(store: FleetStore, name: string): Service {
	const state = store.getState();
	const web = state.clusters.find((c) => c.name === 'web')!;
	return state.clusterViews[web.arn]!.services.find((s) => s.name === name)!;
}
