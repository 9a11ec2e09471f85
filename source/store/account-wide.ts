/**
 * Since when a failure that hits every call (AWS out of reach, credentials refused) has held,
 * if one does. Which failures those are is decided once, by the error classification
 * (`accountWideKinds`); the screen asks this selector rather than keep its own list.
 */
import {accountWideKinds} from '../aws/errors.js';
import type {DataSetId, FleetState} from './fleet-store.js';

/**
 * The tier that meets such a failure first is seldom the clusters tier, and `live` beside
 * `CANNOT REACH AWS` would be a contradiction. Returns a primitive, so a component reading it is
 * not re-rendered by every status change.
 */
export function accountWideStaleSince(state: FleetState): number | undefined {
	let since: number | undefined;
	for (const [id, problem] of Object.entries(state.problems)) {
		if (problem === undefined || !accountWideKinds.has(problem.kind)) continue;
		const at = state.dataSets[id as DataSetId]?.staleSince;
		if (at !== undefined && (since === undefined || at < since)) since = at;
	}
	return since;
}
