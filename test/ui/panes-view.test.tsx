// The panes redraw from the fleet store by themselves: what only they read (the stopped tasks of a
// crash-looping service, whether the tasks have loaded) reaches the screen without the App above
// them happening to redraw.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {ReactNode} from 'react';
import {FleetStoreContext} from '../../source/ui/hooks/use-fleet.js';
import {computeLayout} from '../../source/ui/layout.js';
import {PanesView} from '../../source/ui/screen/panes-view.js';
import {defaultSorts, usePaneData, type PaneData} from '../../source/ui/screen/use-pane-data.js';
import {initialUiState} from '../../source/ui/ui-state.js';
import {createUiStore, UiStoreContext} from '../../source/ui/ui-store.js';
import {taskScopeKey, type FleetStore} from '../../source/store/fleet-store.js';
import {minutes} from '../helpers/model-builders.js';
import {container, fleetState, fleetStore, now, services, task} from './app-fixture.js';

afterEach(() => cleanup());

const columns = 200;
const rows = 50;

function crashed(id: string) {
	return task('api-prod', 'checkout', id, {
		lastStatus: 'STOPPED',
		desiredStatus: 'STOPPED',
		stopCode: 'EssentialContainerExited',
		startedAt: now - minutes(2),
		stoppedAt: now - minutes(1),
		containers: [container({lastStatus: 'STOPPED', exitCode: 1})],
	});
}

/**
 * The panes alone, over one PaneData read once: nothing above them redraws when the store
 * changes, so whatever changes on screen, the panes redrew by themselves.
 */
function renderPanesAlone(store: FleetStore) {
	const ui = createUiStore(
		initialUiState(defaultSorts, {taskService: store.getState().focus.serviceArn}),
	);
	let data: PaneData | undefined;
	function ReadData() {
		data = usePaneData();
		return null;
	}
	const wrap = (node: ReactNode) => (
		<FleetStoreContext.Provider value={store}>
			<UiStoreContext.Provider value={ui}>{node}</UiStoreContext.Provider>
		</FleetStoreContext.Provider>
	);
	const app = render(wrap(<ReadData />));
	if (data === undefined) throw new Error('the pane data was not read');
	const layout = computeLayout({columns, rows, focused: 'clusters'});
	app.rerender(wrap(<PanesView layout={layout} width={columns} data={data} runner={undefined} />));
	return app;
}

describe('the panes', () => {
	it("say a service's stopped tasks are one key away as soon as the store has them", async () => {
		const scope = taskScopeKey(fleetState().focus!)!;
		const store = fleetStore({...fleetState(), tasks: {[scope]: []}});
		const app = renderPanesAlone(store);
		await vi.waitFor(() => expect(app.lastFrame()).toContain('Tasks (checkout)'));
		expect(app.lastFrame()).not.toContain('stopped recently');

		// Only the problem-tasks tier's answer changes: no task list, no cluster, no UI state.
		store.setState({
			problemTasks: {[services.checkout.arn]: [crashed('d1'), crashed('d2')]},
		});
		await vi.waitFor(() =>
			expect(app.lastFrame()).toContain('no task running now: t shows the 2 stopped recently'),
		);
	});
});
