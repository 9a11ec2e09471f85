/**
 * Whether the write keys do anything, decided once for the screen: under --read-only they are not
 * bound (the keymap lookup says a write key was pressed, and the one message below says why), nor
 * before the action layer is wired. The action layer refuses writes under --read-only as well:
 * that refusal is the guard, this is what the user sees.
 */
import type {ActionRunner} from '../../store/writes/types.js';

export type WriteAccess =
	{readonly allowed: true} | {readonly allowed: false; readonly why: string};

export const readOnlyRefusal =
	'read-only: ecs-top was started with --read-only, so nothing can be changed';
export const unavailableRefusal = 'changes are not available in this view';

export function writeAccess(readOnly: boolean, runner: ActionRunner | undefined): WriteAccess {
	if (readOnly || runner?.readOnly === true) return {allowed: false, why: readOnlyRefusal};
	if (runner === undefined) return {allowed: false, why: unavailableRefusal};
	return {allowed: true};
}
