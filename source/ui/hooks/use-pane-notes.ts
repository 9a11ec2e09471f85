/**
 * What each pane's title says about its own data, beside its rows: how much of a first load has
 * arrived (`loading 120/2,000`), or that the rows are stale, since when and why (`STALE since
 * 12:31:05: AWS throttled ecs:ListTasks`). Each is selected as a string, so the App redraws only
 * when the words change: never on an unchanged refresh, never on a clock tick.
 */
import {staleSinceAt} from '../../store/data-status.js';
import type {DataSetId, FleetState, LoadProgress, ProgressId} from '../../store/fleet-store.js';
import type {PaneId} from '../layout.js';
import {useFleet} from './use-fleet.js';
import {groupThousands} from '../../text/plain-order.js';

const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 8);

export function progressText(progress: LoadProgress): string {
	return `${groupThousands(progress.done)}/${groupThousands(progress.total)}`;
}

export function paneNote(
	state: FleetState,
	dataSet: DataSetId,
	progressId: ProgressId,
	now: number,
): string {
	const progress = state.progress[progressId];
	if (progress !== undefined) return `loading ${progressText(progress)}`;
	const status = state.dataSets[dataSet];
	if (status === undefined) return '';
	const since = staleSinceAt(status, now, state.refreshMs);
	if (since === undefined) return '';
	const problem = state.problems[dataSet];
	const reason = problem?.message ?? 'no fresh answer for three refreshes';
	return `STALE since ${clock(since)}: ${reason}`;
}

/** Where each pane's rows come from: its data set, and the list its first load counts. */
function sourceOf(pane: PaneId, showStopped: boolean): [DataSetId, ProgressId] {
	switch (pane) {
		case 'clusters':
			return ['clusters', 'clusters'];
		case 'instances':
			return ['instances', 'instances'];
		case 'services':
			return ['cluster', 'services'];
		case 'tasks':
			return showStopped ? ['stopped-tasks', 'stopped-tasks'] : ['tasks', 'tasks'];
	}
}

function usePaneNote(pane: PaneId, showStopped: boolean): string {
	const [dataSet, progressId] = sourceOf(pane, showStopped);
	return useFleet((state) => paneNote(state, dataSet, progressId, Date.now()));
}

export function usePaneNotes(showStopped: boolean): Readonly<Record<PaneId, string>> {
	return {
		clusters: usePaneNote('clusters', showStopped),
		instances: usePaneNote('instances', showStopped),
		services: usePaneNote('services', showStopped),
		tasks: usePaneNote('tasks', showStopped),
	};
}
