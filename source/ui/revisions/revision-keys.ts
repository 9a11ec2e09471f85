/**
 * The keys of the revision lists: `U`'s picker (movement, Enter deploys the selected revision,
 * Esc closes) and a family's revisions in `:td` (movement, Enter opens one, v marks one and v on
 * another compares the two, Esc goes back a level). Pure steps, like every key handler.
 */
import {taskDefinitionName} from '../../model/arn.js';
import type {Service} from '../../model/service.js';
import type {Command} from '../keymap.js';
import type {Screen} from '../input/screen.js';
import {say, stay, withEffects, type Step} from '../input/step.js';
import {
	movedIndex,
	scrolledTo,
	type Overlay,
	type RevisionBrowse,
	type UiState,
} from '../ui-state.js';
import {revisionIndex} from './revision-list.js';

type PickerOverlay = Extract<Overlay, {kind: 'revisions'}>;
type TaskDefinitionsOverlay = Extract<Overlay, {kind: 'task-definitions'}>;

export function familyOfRevision(taskDefinition: string): string {
	const name = taskDefinitionName(taskDefinition);
	const colon = name.lastIndexOf(':');
	return colon === -1 ? name : name.slice(0, colon);
}

/** The picker `U` opens on a service: its family's revisions, the running one selected. */
export function revisionsOverlay(clusterArn: string, service: Service): PickerOverlay {
	return {
		kind: 'revisions',
		clusterArn,
		serviceArn: service.arn,
		family: familyOfRevision(service.taskDefinition),
		running: service.taskDefinition,
		selected: service.taskDefinition,
	};
}

/** `U`'s picker; undefined for a key it leaves to the panes' rules. */
export function pickerKey(
	state: UiState,
	overlay: PickerOverlay,
	command: Command,
	screen: Screen,
): Step | undefined {
	const arns = screen.revisionArns?.(overlay.family, [overlay.running]) ?? [overlay.running];
	const index = revisionIndex(arns, overlay.selected);
	const moved = movedIndex(command, index, arns.length, screen.taskDefinitions.pageRows);
	if (moved !== undefined) return stay({...state, overlay: {...overlay, selected: arns[moved]}});
	if (command === 'back') return stay({...state, overlay: {kind: 'none'}});
	if (command !== 'open') return undefined;
	const chosen = arns[index];
	if (chosen === undefined) return stay(state);
	if (chosen === overlay.running)
		return say(
			state,
			`${taskDefinitionName(chosen)} runs now: pick another revision (D redeploys this one)`,
			'warn',
		);
	return withEffects(
		{...state, overlay: {kind: 'none'}},
		{
			kind: 'open-dialog',
			command: 'deploy-revision',
			revision: {serviceArn: overlay.serviceArn, taskDefinition: chosen},
		},
	);
}

/** A family's revisions shown in `:td`; undefined for a key it leaves to the view's other rules. */
export function browseKey(
	state: UiState,
	overlay: TaskDefinitionsOverlay,
	browse: RevisionBrowse,
	command: Command,
	screen: Screen,
): Step | undefined {
	const withBrowse = (next: RevisionBrowse | undefined, scroll = overlay.scroll) =>
		stay({...state, overlay: {...overlay, revisions: next, scroll}});
	if (browse.compared !== undefined) {
		const scroll = scrolledTo(command, overlay.scroll, state.textViewport);
		if (scroll !== undefined) return withBrowse(browse, scroll);
		if (command === 'back' || command === 'open')
			return withBrowse({...browse, compared: undefined}, 0);
		return undefined;
	}
	const arns =
		screen.revisionArns?.(browse.family, []) ??
		(browse.selected === undefined ? [] : [browse.selected]);
	const index = revisionIndex(arns, browse.selected);
	const moved = movedIndex(command, index, arns.length, screen.taskDefinitions.pageRows);
	if (moved !== undefined) return withBrowse({...browse, selected: arns[moved]});
	const selected = arns[index];
	if (command === 'back') return withBrowse(undefined, 0);
	if (command === 'open') {
		if (selected === undefined) return stay(state);
		return stay({
			...state,
			overlay: {...overlay, revisions: {...browse, selected}, opened: selected, scroll: 0},
		});
	}
	if (command === 'compare-revisions') {
		if (selected === undefined) return stay(state);
		if (browse.marked === undefined || browse.marked === selected) {
			const marked = browse.marked === selected ? undefined : selected;
			return say(
				{...state, overlay: {...overlay, revisions: {...browse, selected, marked}}},
				marked === undefined
					? 'mark cleared'
					: `${taskDefinitionName(marked)} marked: v on another revision shows the two side by side`,
			);
		}
		return withBrowse({...browse, selected, compared: [browse.marked, selected]}, 0);
	}
	return undefined;
}
