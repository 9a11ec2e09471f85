/**
 * What a write key acts on, as the screen shows it when the key is pressed: the selected rows,
 * the marked ones, the focused cluster, and the task definition `r` starts from.
 */
import type {ActionTargets} from '../dialogs/open-dialog.js';
import type {TaskDefinitionList} from '../task-definitions-view.js';
import {selectedRowId} from '../input/selection.js';
import type {PaneId} from '../layout.js';
import type {UiState} from '../ui-state.js';
import type {PaneData} from './use-pane-data.js';

export function actionTargets(
	state: UiState,
	data: PaneData,
	taskDefinitionList: TaskDefinitionList,
): ActionTargets {
	const {lists, focus} = data;
	const pane = state.focused;
	const selected = (of: PaneId) => selectedRowId(lists[of], state.selected[of]);
	const clusterArn = pane === 'clusters' ? selected('clusters') : focus.clusterArn;
	const serviceArn = selected('services');
	const taskArn = selected('tasks');
	const instanceArn = selected('instances');
	const service = data.services.find((s) => s.arn === serviceArn);
	const task = data.tasks.find((t) => t.arn === taskArn);
	const marked = state.marked;
	const overlay = state.overlay;
	const chosenFamily =
		overlay.kind === 'task-definitions'
			? (overlay.selected ?? taskDefinitionList.rows[0]?.id)
			: undefined;
	return {
		cluster: data.clusters.find((c) => c.arn === clusterArn),
		service,
		task,
		instance: data.instances.find((i) => i.arn === instanceArn),
		markedTasks: marked.size === 0 ? [] : data.tasks.filter((t) => marked.has(t.arn)),
		markedInstances: marked.size === 0 ? [] : data.instances.filter((i) => marked.has(i.arn)),
		taskDefinition:
			overlay.kind === 'task-definitions' && overlay.revisions?.selected !== undefined
				? overlay.revisions.selected
				: chosenFamily !== undefined
					? taskDefinitionList.newest.get(chosenFamily)
					: pane === 'tasks'
						? (task?.taskDefinitionArn ?? service?.taskDefinition)
						: service?.taskDefinition,
	};
}
