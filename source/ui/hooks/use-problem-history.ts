/**
 * AWS problems in the message history. The header names a problem in a word or two (`DENIED
 * cloudwatch:GetMetricData`, cut at 80 columns); its whole message is added to the history when
 * it first appears, so `m` and `:messages` read it in full.
 */
import {useEffect} from 'react';
import type {DataProblem, FleetState} from '../../store/fleet-store.js';
import {updateUi, useUiStore} from '../ui-store.js';
import {withLoggedNote} from '../ui-state.js';
import {useFleetStore} from './use-fleet.js';

/** `cloudwatch:GetMetricData denied: User ... is not authorized ...`. */
export function problemText(problem: DataProblem): string {
	const what = problem.kind.replace(/-/g, ' ');
	return problem.action === undefined
		? `AWS ${what}: ${problem.message}`
		: `${problem.action} ${what}: ${problem.message}`;
}

const keyOf = (problem: DataProblem) =>
	`${problem.kind}|${problem.action ?? ''}|${problem.message}`;

export function useProblemHistory(now: () => number = Date.now): void {
	const fleet = useFleetStore();
	const ui = useUiStore();
	useEffect(() => {
		let seen = new Set<string>();
		const check = (problems: FleetState['problems']) => {
			const current = new Set<string>();
			for (const problem of Object.values(problems)) {
				if (problem === undefined) continue;
				const key = keyOf(problem);
				current.add(key);
				// Five tiers denied the same way is one entry; a problem that went and came back is new.
				if (seen.has(key)) continue;
				seen.add(key);
				const tone = problem.kind === 'throttled' ? 'warn' : 'error';
				updateUi(ui, (state) => withLoggedNote(state, problemText(problem), tone, now()));
			}
			seen = current;
		};
		check(fleet.getState().problems);
		return fleet.subscribe((state, previous) => {
			if (state.problems !== previous.problems) check(state.problems);
		});
	}, [fleet, ui, now]);
}
