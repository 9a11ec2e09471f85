/**
 * `m`, `c` and `o`: the last message whole, copying what is selected, and its AWS console URL.
 * What is "selected" follows what is on screen: the message shown whole, an open detail, the
 * `:td` list's revision, else the focused pane's row. Row ids are ARNs, so that is what is copied.
 */
import {nameFromArn} from '../../model/arn.js';
import {consoleUrl} from '../../model/console-url.js';
import type {PaneId} from '../layout.js';
import {withMessage, type UiState} from '../ui-state.js';
import type {PaneKey} from './pane-handlers.js';
import type {Screen} from './screen.js';
import {selectedRowId} from './selection.js';
import {say, stay, withEffects, type Step} from './step.js';

const paneNouns: Readonly<Record<PaneId, string>> = {
	clusters: 'cluster',
	instances: 'container instance',
	services: 'service',
	tasks: 'task',
};

type Selected = {readonly arn: string; readonly noun: string};

/** The ARN the screen has selected, with what it is. */
export function selectedArn(state: UiState, screen: Screen): Selected | undefined {
	const overlay = state.overlay;
	if (overlay.kind === 'detail') return {arn: overlay.id, noun: paneNouns[overlay.pane]};
	if (overlay.kind === 'task-definitions') {
		const family = overlay.selected ?? screen.taskDefinitions.families[0];
		const arn =
			overlay.opened ??
			(family === undefined ? undefined : screen.taskDefinitions.newest.get(family));
		return arn === undefined ? undefined : {arn, noun: 'task definition'};
	}
	const pane = state.focused;
	const arn = selectedRowId(screen.lists[pane], state.selected[pane]);
	return arn === undefined ? undefined : {arn, noun: paneNouns[pane]};
}

/** `m`: the newest message in a view of its own, wrapped, whatever its length. */
export function showMessage({state}: PaneKey): Step {
	if (state.messageLog.length === 0) return say(state, 'no messages yet');
	return stay({...state, overlay: {kind: 'messages', only: 'last', scroll: 0}});
}

/** `c`: the message shown whole, else the selected object's ARN, to the clipboard. */
export function copySelected({state, screen}: PaneKey): Step {
	const overlay = state.overlay;
	if (overlay.kind === 'messages') {
		const last = state.messageLog[0];
		if (last === undefined) return say(state, 'no message to copy');
		return withEffects(state, {kind: 'copy', text: last.text, what: 'the message'});
	}
	const selected = selectedArn(state, screen);
	if (selected === undefined) return say(state, 'nothing selected to copy', 'warn');
	return withEffects(state, {kind: 'copy', text: selected.arn, what: `the ${selected.noun} ARN`});
}

/** `o`: the console URL, shown whole in the message view (a terminal makes it clickable). */
export function showConsoleUrl({state, screen}: PaneKey): Step {
	const selected = selectedArn(state, screen);
	if (selected === undefined) return say(state, 'nothing selected to open', 'warn');
	const cluster =
		screen.focus.clusterArn === undefined ? undefined : nameFromArn(screen.focus.clusterArn);
	const url = consoleUrl(selected.arn, cluster);
	if (url === undefined)
		return say(state, `no AWS console page is known for ${selected.arn}`, 'warn');
	const shown = withMessage(state, `${selected.noun} in the AWS console: ${url}`);
	return stay({...shown, overlay: {kind: 'messages', only: 'last', scroll: 0}});
}
