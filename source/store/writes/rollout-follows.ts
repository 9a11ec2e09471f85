/**
 * After a revision change is sent, the service's rollout is followed poll by poll to its end
 * (completed, failed, rolled back by the circuit breaker, replaced): the follow is kept in the
 * action state for the service detail, drawn on the service row in place of the DEPLOY cell, and
 * its end said on the status line. An ended follow stays on the row a while, then goes. Only what
 * the pollers fetched is read: the focused cluster's services refresh every interval.
 */
import type {StoreApi} from 'zustand/vanilla';
import {
	advanceFollow,
	followCell,
	followSentence,
	followTone,
	rolloutEnded,
	startFollow,
	type RolloutFollow,
} from '../../model/rollout.js';
import {primaryDeployment, type Service} from '../../model/service.js';
import type {FleetState} from '../fleet-store.js';
import type {TimerHandle, Timers} from '../timers.js';
import {dropMarks, putMarks} from './action-state.js';
import {findServiceAnywhere} from './fleet-lookup.js';
import type {ActionResult, ActionState} from './types.js';

/** How long an ended rollout stays on its row: long enough to be seen after looking away. */
export const endedFollowShownMs = 5 * 60_000;

export type RolloutFollows = {
	/** A revision change AWS accepted: follow it from the service as it was before. */
	start(service: Service, taskDefinition: string): void;
	/** A poll brought new data; `pending` says which rows still show the sent change's own mark. */
	update(state: FleetState, pending: (arn: string) => boolean): void;
	/** The revision a service completed before this session's last change to it (for `B`). */
	completedBefore(serviceArn: string): string | undefined;
	dispose(): void;
};

export function createRolloutFollows(options: {
	readonly state: StoreApi<ActionState>;
	readonly timers: Timers;
	readonly now: () => number;
	readonly finish: (result: ActionResult) => void;
	readonly shownMs?: number;
}): RolloutFollows {
	const {state, timers, now, finish} = options;
	const shownMs = options.shownMs ?? endedFollowShownMs;
	const completed = new Map<string, string>();
	const endTimers = new Map<string, TimerHandle>();

	const rollouts = () => state.getState().rollouts ?? {};

	function set(follow: RolloutFollow): void {
		state.setState({rollouts: {...rollouts(), [follow.serviceArn]: follow}});
	}

	function drop(serviceArn: string, follow: RolloutFollow): void {
		if (rollouts()[serviceArn] !== follow) return;
		const next = {...rollouts()};
		delete next[serviceArn];
		state.setState({rollouts: next});
		dropMarks(state, [serviceArn]);
	}

	function show(follow: RolloutFollow, pending: (arn: string) => boolean): void {
		if (pending(follow.serviceArn)) return;
		const text = followCell(follow);
		const tone = followTone(follow.phase);
		const current = state.getState().marks[follow.serviceArn];
		if (current?.text === text && current.tone === tone) return;
		putMarks(state, {[follow.serviceArn]: {text, tone, since: now()}});
	}

	function ended(follow: RolloutFollow): void {
		finish({
			planId: undefined,
			kind: 'deploy-revision',
			status: follow.phase === 'completed' ? 'succeeded' : 'failed',
			message: followSentence(follow),
			at: now(),
			checked: true,
		});
		const previous = endTimers.get(follow.serviceArn);
		if (previous !== undefined) timers.clearTimeout(previous);
		const handle = timers.setTimeout(() => {
			endTimers.delete(follow.serviceArn);
			const held = rollouts()[follow.serviceArn];
			if (held !== undefined && rolloutEnded(held.phase)) drop(follow.serviceArn, held);
		}, shownMs);
		endTimers.set(follow.serviceArn, handle);
	}

	return {
		start(service, taskDefinition) {
			const primary = primaryDeployment(service);
			if (primary?.rolloutState === 'COMPLETED' || service.deployments.length === 1)
				completed.set(service.arn, service.taskDefinition);
			const timer = endTimers.get(service.arn);
			if (timer !== undefined) timers.clearTimeout(timer);
			endTimers.delete(service.arn);
			set(startFollow({service, taskDefinition}));
		},
		update(fleetState, pending) {
			for (const follow of Object.values(rollouts())) {
				const service = findServiceAnywhere(fleetState, follow.serviceArn);
				const next = service === undefined ? follow : advanceFollow(follow, service);
				if (next !== follow) {
					set(next);
					if (next.phase !== follow.phase && rolloutEnded(next.phase)) ended(next);
				}
				show(next, pending);
			}
		},
		completedBefore: (serviceArn) => completed.get(serviceArn),
		dispose() {
			for (const handle of endTimers.values()) timers.clearTimeout(handle);
			endTimers.clear();
		},
	};
}
