/**
 * Waiting for the first clusters poll to answer, with the account's clusters or with a problem:
 * what `--service` looks a service up among, and what a `--demo` session's wiring waits for
 * before it is handed over.
 */
import type {FleetState, FleetStore} from './fleet-store.js';

function clustersAnswered(state: FleetState): boolean {
	return state.dataSets.clusters?.fetchedAt !== undefined || state.problems.clusters !== undefined;
}

/**
 * The state once the first clusters poll has an answer; with `withinMs`, undefined if none came
 * by then (and nothing is left listening).
 */
export function firstClusters(fleet: FleetStore): Promise<FleetState>;
export function firstClusters(fleet: FleetStore, withinMs: number): Promise<FleetState | undefined>;
export function firstClusters(
	fleet: FleetStore,
	withinMs?: number,
): Promise<FleetState | undefined> {
	if (clustersAnswered(fleet.getState())) return Promise.resolve(fleet.getState());
	return new Promise((resolve) => {
		const done = (state: FleetState | undefined) => {
			clearTimeout(timer);
			unsubscribe();
			resolve(state);
		};
		const timer = withinMs === undefined ? undefined : setTimeout(() => done(undefined), withinMs);
		const unsubscribe = fleet.subscribe((state) => {
			if (clustersAnswered(state)) done(state);
		});
	});
}
