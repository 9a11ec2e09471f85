/** The rollout ecs-top follows for a service (a revision it deployed), for the service detail. */
import {useStore} from 'zustand';
import {createStore} from 'zustand/vanilla';
import type {RolloutFollow} from '../../model/rollout.js';
import type {ActionRunner, ActionState} from '../../store/writes/types.js';

// Without an action layer (read-only) nothing is deployed, so nothing is followed.
const noActions = createStore<ActionState>(() => ({
	inFlight: {},
	marks: {},
	results: [],
	undo: [],
}));

export function useRollout(
	runner: ActionRunner | undefined,
	serviceArn: string | undefined,
): RolloutFollow | undefined {
	return useStore(runner?.state ?? noActions, (state) =>
		serviceArn === undefined ? undefined : state.rollouts?.[serviceArn],
	);
}
