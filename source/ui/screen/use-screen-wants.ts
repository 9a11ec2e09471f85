/**
 * What the screen wants fetched, told to the fleet store as it changes: the focus follows the
 * selection, sparklines only for the rows in view, stopped tasks and the `:td` list only while
 * shown. The store's pollers do the fetching. And the UI state's upkeep that follows the fleet:
 * marks belong to one cluster, R's note goes once its refresh is in.
 */
import {useEffect} from 'react';
import {useFleet, useFleetStore} from '../hooks/use-fleet.js';
import {refreshingMessage} from '../input/pane-handlers.js';
import {updateUi, useUi, useUiStore} from '../ui-store.js';
import {withoutMarks} from '../ui-state.js';
import type {PaneData} from './use-pane-data.js';
import type {Overlay} from '../ui-state.js';

/** The family a revision list shows and the revisions it needs, as one string (a primitive to select). */
function revisionWantsKey(overlay: Overlay): string {
	if (overlay.kind === 'revisions')
		return [overlay.family, overlay.running, overlay.selected ?? ''].join(' ').trim();
	if (overlay.kind === 'task-definitions' && overlay.revisions !== undefined) {
		const {family, selected, marked, compared} = overlay.revisions;
		return [family, selected ?? '', marked ?? '', ...(compared ?? [])].join(' ').trim();
	}
	return '';
}

// The focus follows the selection after the cursor rests this long: scrolling through clusters
// must not start (and abort) a fetch per row passed.
const focusDelayMs = 200;

export type OnScreen = {
	readonly data: PaneData;
	readonly selectedClusterArn: string | undefined;
	readonly selectedServiceArn: string | undefined;
	/** The rows on screen, and a screen's height around them, whose sparklines are drawn. */
	readonly visibleClusterArns: readonly string[];
	readonly visibleServiceArns: readonly string[];
};

export function useScreenWants({
	data,
	selectedClusterArn,
	selectedServiceArn,
	visibleClusterArns,
	visibleServiceArns,
}: OnScreen): void {
	const fleet = useFleetStore();
	const ui = useUiStore();
	const {services, focus, scope} = data;

	const showStopped = useUi((state) => state.stoppedTasks);
	useEffect(() => {
		fleet.getState().wants.requestStoppedTasks(showStopped);
	}, [fleet, showStopped, scope]);

	// R's note goes once the refresh it asked for has brought the clusters back, not at the next key.
	const clustersFetchedAt = useFleet((state) => state.dataSets.clusters?.fetchedAt);
	useEffect(() => {
		updateUi(ui, (state) =>
			state.message?.text === refreshingMessage ? {...state, message: undefined} : state,
		);
	}, [clustersFetchedAt, ui]);

	// Marks belong to one cluster's rows: another cluster starts unmarked.
	useEffect(() => updateUi(ui, withoutMarks), [ui, focus.clusterArn]);

	// The selection scopes what is fetched: a cluster scopes instances and services, a service tasks.
	useEffect(() => {
		if (selectedClusterArn === undefined) return;
		// Until the new cluster's services arrive, `services` are the previous cluster's: pairing
		// one of them with the new cluster would fetch tasks of a service that is not there.
		const serviceArn =
			ui.getState().serviceScoped &&
			selectedServiceArn !== undefined &&
			services.some((s) => s.arn === selectedServiceArn && s.clusterArn === selectedClusterArn)
				? selectedServiceArn
				: undefined;
		const timer = setTimeout(
			() => fleet.getState().wants.setFocus({clusterArn: selectedClusterArn, serviceArn}),
			focusDelayMs,
		);
		return () => clearTimeout(timer);
	}, [fleet, ui, selectedClusterArn, selectedServiceArn, services]);

	// Sparklines for the rows on screen only: CloudWatch bills per metric.
	const visibleClusterKey = visibleClusterArns.join(',');
	const visibleServiceKey = visibleServiceArns.join(',');
	useEffect(() => {
		fleet.getState().wants.setVisibleMetrics({
			clusterArns: visibleClusterKey === '' ? [] : visibleClusterKey.split(','),
			serviceArns: visibleServiceKey === '' ? [] : visibleServiceKey.split(','),
		});
	}, [fleet, visibleClusterKey, visibleServiceKey]);

	// The `:td` list is fetched only while it is on screen, an opened revision only while open.
	const showingTaskDefinitions = useUi((state) => state.overlay.kind === 'task-definitions');
	const openedTaskDefinition = useUi((state) =>
		state.overlay.kind === 'task-definitions' ? state.overlay.opened : undefined,
	);
	useEffect(() => {
		fleet.getState().wants.showTaskDefinitionList(showingTaskDefinitions);
	}, [fleet, showingTaskDefinitions]);
	useEffect(() => {
		fleet.getState().wants.openTaskDefinition(openedTaskDefinition);
	}, [fleet, openedTaskDefinition]);

	// A family's revisions (U's picker, a family in :td) are listed and described only while shown.
	const revisionWants = useUi((state) => revisionWantsKey(state.overlay));
	useEffect(() => {
		const [family, ...pinned] = revisionWants.split(' ').filter((word) => word !== '');
		fleet.getState().wants.showRevisions(family, pinned);
	}, [fleet, revisionWants]);
}
