/**
 * What the screen wants fetched, told to the fleet store as it changes: the focus follows the
 * selection, sparklines only for the rows in view, stopped tasks and the `:td` list only while
 * shown. The store's pollers do the fetching. And the UI state's upkeep that follows the fleet:
 * marks belong to one cluster, R's note goes once its refresh is in.
 */
import {useEffect, useRef} from 'react';
import {useFleet, useFleetStore} from '../hooks/use-fleet.js';
import {refreshingMessage} from '../input/pane-handlers.js';
import {updateUi, useUi, useUiStore} from '../ui-store.js';
import {withoutMarks, type UiState} from '../ui-state.js';
import type {PaneId} from '../layout.js';
import {paneOrder} from '../layout.js';
import type {PaneRows} from '../input/screen.js';
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
	/** The rows on screen, and a screen's height around them, whose sparklines are drawn. */
	readonly visibleClusterArns: readonly string[];
	readonly visibleServiceArns: readonly string[];
};

export function useScreenWants({
	data,
	selectedClusterArn,
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

	useStableSelection(data.lists, focus.clusterArn);

	// Marks belong to one cluster's rows: another cluster starts unmarked.
	useEffect(() => updateUi(ui, withoutMarks), [ui, focus.clusterArn]);

	// The selection scopes what is fetched: a cluster scopes instances and services; the tasks are
	// the cluster's or, once a key picked one, a service's (taskService). Never the service the
	// services cursor happens to rest on when the list arrives: the scope changes only on a key.
	const taskService = useUi((state) => state.taskService);
	useEffect(() => {
		if (selectedClusterArn === undefined) return;
		// A service the loaded list puts in another cluster (picked among the previous cluster's
		// services while the new one's were coming) would fetch tasks of a service not there. One
		// not listed yet (`--service`, before its cluster's services are in) is taken as given.
		const listed = services.find((s) => s.arn === taskService);
		const serviceArn =
			taskService !== undefined &&
			(listed === undefined || listed.clusterArn === selectedClusterArn)
				? taskService
				: undefined;
		const timer = setTimeout(
			() => fleet.getState().wants.setFocus({clusterArn: selectedClusterArn, serviceArn}),
			focusDelayMs,
		);
		return () => clearTimeout(timer);
	}, [fleet, selectedClusterArn, taskService, services]);

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

/**
 * The row under the cursor stays the same row until a key moves it. A pane nobody has moved in
 * shows its first row: that row is then recorded as selected, or a refresh that sorts another
 * row first would move the cursor to it. A selected row that left the list (a task stopped)
 * gives its place to the row now at the same position, as in htop, rather than to the first
 * row; while a filter hides it, it stays selected, to come back when the filter is cleared.
 */
function useStableSelection(
	lists: Readonly<Record<PaneId, PaneRows>>,
	listedClusterArn: string | undefined,
): void {
	const ui = useUiStore();
	const previous = useRef(lists);
	useEffect(() => {
		const before = previous.current;
		previous.current = lists;
		updateUi(ui, (state) => pinnedSelection(state, lists, before, listedClusterArn));
	}, [ui, lists, listedClusterArn]);
}

/** The state with each pane's cursor recorded on the row it shows (see useStableSelection). */
export function pinnedSelection(
	state: UiState,
	lists: Readonly<Record<PaneId, PaneRows>>,
	before: Readonly<Record<PaneId, PaneRows>>,
	listedClusterArn?: string,
): UiState {
	let selected = state.selected;
	for (const pane of paneOrder) {
		const rows = lists[pane];
		const id = selected[pane];
		if (rows.ids.length === 0 || (id !== undefined && rows.indexOf.has(id))) continue;
		// The instances and services listed are the focused cluster's, which follows the selected
		// one a moment later: until then they are not the rows a selection in them is about
		// (`--service` picks its service before its cluster's services are listed).
		const ofCluster = pane === 'instances' || pane === 'services';
		if (ofCluster && listedClusterArn !== undefined && listedClusterArn !== selected.clusters)
			continue;
		if (id !== undefined && state.filters[pane] !== '') continue;
		const was = id === undefined ? undefined : before[pane].indexOf.get(id);
		const next = rows.ids[Math.min(was ?? 0, rows.ids.length - 1)];
		if (next !== undefined) selected = {...selected, [pane]: next};
	}
	return selected === state.selected ? state : {...state, selected};
}
