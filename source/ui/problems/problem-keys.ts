/**
 * The problem feed's own keys: movement moves its selection, Enter goes to the problem's object
 * (its cluster focused, its pane on top, its row selected), Esc or `!` closes it. Keys that act
 * on the panes behind it are refused, as the `:td` list does: they would act on what is hidden.
 */
import type {ProblemTarget} from '../../model/problems.js';
import {paneFreeCommands, type Command} from '../keymap.js';
import {movedIndex, type Overlay, type UiState} from '../ui-state.js';
import type {Screen} from '../input/screen.js';
import {stay, withEffects, type Step} from '../input/step.js';

type ProblemsOverlay = Extract<Overlay, {kind: 'problems'}>;

const closed: Overlay = {kind: 'none'};

/** Keys that act on no pane, let through from the feed (help, `:`, quit, refresh, pause). */
export const problemFeedCommands: ReadonlySet<Command> = new Set<Command>([
	...paneFreeCommands,
	'problems',
]);

/** The feed's step for a command, or undefined when the command is not the feed's to take. */
export function problemsKey(
	state: UiState,
	overlay: ProblemsOverlay,
	command: Command,
	screen: Screen,
): Step | undefined {
	const {ids, targets, pageRows} = screen.problems;
	const index = overlay.selected === undefined ? 0 : Math.max(0, ids.indexOf(overlay.selected));
	const moved = movedIndex(command, index, ids.length, pageRows);
	if (moved !== undefined) return stay({...state, overlay: {...overlay, selected: ids[moved]}});
	if (command === 'open') {
		const id = ids[index];
		const target = id === undefined ? undefined : targets.get(id);
		return target === undefined ? stay(state) : goToProblem(state, target);
	}
	if (command === 'back') return stay({...state, overlay: closed});
	return undefined;
}

/**
 * The screen on the problem's object: its cluster (and service) selected and focused at once
 * (not after the cursor's rest: the user chose it), its pane on top, its row selected. A stopped
 * task is found among the stopped tasks, which the tasks pane then shows.
 */
export function goToProblem(state: UiState, target: ProblemTarget): Step {
	const base: UiState = {
		...state,
		overlay: closed,
		selected: {...state.selected, clusters: target.clusterArn},
	};
	switch (target.kind) {
		case 'service':
			return withEffects(
				{
					...base,
					focused: 'services',
					taskService: target.serviceArn,
					selected: {...base.selected, services: target.serviceArn},
				},
				{kind: 'set-focus', focus: {clusterArn: target.clusterArn, serviceArn: target.serviceArn}},
			);
		case 'task': {
			const serviceArn = target.serviceArn;
			return withEffects(
				{
					...base,
					focused: 'tasks',
					stoppedTasks: true,
					taskService: serviceArn,
					selected: {
						...base.selected,
						...(serviceArn === undefined ? {} : {services: serviceArn}),
						tasks: target.taskArn,
					},
				},
				{kind: 'set-focus', focus: {clusterArn: target.clusterArn, serviceArn}},
			);
		}
		case 'instance':
			return withEffects(
				{
					...base,
					focused: 'instances',
					selected: {...base.selected, instances: target.instanceArn},
				},
				{kind: 'set-focus', focus: {clusterArn: target.clusterArn}},
			);
		case 'cluster':
			return withEffects(
				{...base, focused: 'instances'},
				{kind: 'set-focus', focus: {clusterArn: target.clusterArn}},
			);
	}
}
