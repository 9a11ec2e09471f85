/**
 * Carries out what a key asked for beyond the UI state: the fleet store's focus, refresh and
 * pause (the pollers react to them), the dialog's writes through the action layer, a session
 * switch, quitting. The UI never calls AWS itself.
 */
import type {ActionResult} from '../../store/writes/types.js';
import {clipboardSequence} from '../../text/osc52.js';
import type {FleetStore} from '../../store/fleet-store.js';
import type {KeyTurn} from '../dialogs/confirm-guard.js';
import type {ActionTargets} from '../dialogs/open-dialog.js';
import type {DialogWrites} from '../dialogs/use-dialog-writes.js';
import {updateUi, type UiStore} from '../ui-store.js';
import {withMessage} from '../ui-state.js';
import type {Effect, SwitchTarget} from './step.js';
import {revisionsOverlay} from '../revisions/revision-keys.js';

export type EffectTargets = {
	readonly fleet: FleetStore;
	readonly ui: UiStore;
	readonly onQuit: () => void;
	/** Reconnects elsewhere; answers why not when the switch is refused. */
	readonly onSwitch: ((target: SwitchTarget) => Promise<string | undefined>) | undefined;
	readonly writes: DialogWrites;
	/** What a write key acts on, as the screen shows it now. */
	readonly actionTargets: () => ActionTargets;
	/** Where a clipboard sequence goes: the terminal Ink draws on, by default. */
	readonly writeTerminal?: (data: string) => void;
};

export function runEffect(effect: Effect, turn: KeyTurn, to: EffectTargets): void {
	const wants = to.fleet.getState().wants;
	switch (effect.kind) {
		case 'quit':
			to.onQuit();
			return;
		case 'set-focus':
			wants.setFocus(effect.focus);
			return;
		case 'refresh':
			wants.refreshNow();
			return;
		case 'set-paused':
			wants.setPaused(effect.paused);
			return;
		case 'switch':
			void to.onSwitch?.(effect.target).then((problem) => {
				if (problem !== undefined) updateUi(to.ui, (state) => withMessage(state, problem, 'warn'));
			});
			return;
		case 'open-dialog':
			to.writes.open(
				effect.command,
				effect.revision === undefined
					? to.actionTargets()
					: {...to.actionTargets(), revision: effect.revision},
			);
			return;
		case 'open-revisions': {
			const {cluster, service} = to.actionTargets();
			updateUi(to.ui, (state) =>
				cluster === undefined || service === undefined
					? withMessage(state, 'select a service first', 'warn')
					: {...state, overlay: revisionsOverlay(cluster.arn, service)},
			);
			return;
		}
		case 'review-dialog':
			to.writes.review(effect.dialog);
			return;
		case 'confirm-dialog':
			to.writes.confirm(effect.dialog, turn);
			return;
		case 'replan-dialog':
			to.writes.replan(effect.request);
			return;
		case 'copy':
			copyToClipboard(effect, to);
			return;
	}
}

/** The terminal Ink draws on; an OSC 52 sequence sent down a pipe would copy nothing. */
function terminalWriter(): ((data: string) => void) | undefined {
	if (process.stdout.isTTY !== true) return undefined;
	return (data) => void process.stdout.write(data);
}

/** The text goes out as OSC 52 between frames; the status line says what was copied. */
function copyToClipboard(effect: Extract<Effect, {kind: 'copy'}>, to: EffectTargets): void {
	const say = (text: string, tone: 'ok' | 'warn') =>
		updateUi(to.ui, (state) => withMessage(state, text, tone));
	const outcome = clipboardSequence(effect.text);
	if (!outcome.ok) return say(`${effect.what} not copied: ${outcome.why}`, 'warn');
	const write = to.writeTerminal ?? terminalWriter();
	if (write === undefined)
		return say(`${effect.what} not copied: the output is not a terminal`, 'warn');
	write(outcome.sequence);
	say(`copied ${effect.what} to the clipboard (OSC 52): ${effect.text}`, 'ok');
}

/**
 * After a write's answer: tasks run by hand belong to no service, so the screen goes to the
 * cluster's tasks, where they arrive.
 */
export function afterWrite(result: ActionResult, fleet: FleetStore, ui: UiStore): void {
	if (result.kind !== 'run-task' || result.status !== 'succeeded') return;
	updateUi(ui, (state) => ({
		...state,
		taskService: undefined,
		focused: 'tasks',
		overlay: {kind: 'none'},
	}));
	const clusterArn = fleet.getState().focus.clusterArn;
	if (clusterArn !== undefined) fleet.getState().wants.setFocus({clusterArn});
}
