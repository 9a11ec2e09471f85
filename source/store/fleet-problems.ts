/**
 * The problem feed over what the live view holds: the clusters whose services, instances and
 * groups are in the store (the focused one and the one before it), with every stopped task known
 * for them (the failing services' own, and the scope's the user asked for with `t`). Measured
 * from the data's own time, not a ticking clock, so the feed changes only when data does.
 */
import {fleetProblems, type ClusterProblemData, type Problem} from '../model/problems.js';
import type {Task} from '../model/task.js';
import type {FleetState} from './fleet-store.js';

export type FleetProblems = {readonly problems: readonly Problem[]; readonly now: number};

/** The time the feed is measured from: the newest fetch of what it reads, on AWS's clock. */
export function problemsNow(state: FleetState): number {
	const {cluster, instances, tasks} = state.dataSets;
	const problemTasks = state.dataSets['problem-tasks'];
	const fetchedAt = Math.max(
		cluster?.fetchedAt ?? 0,
		instances?.fetchedAt ?? 0,
		tasks?.fetchedAt ?? 0,
		problemTasks?.fetchedAt ?? 0,
	);
	return fetchedAt + state.awsClockOffsetMs;
}

export function problemData(state: FleetState): ClusterProblemData[] {
	return Object.entries(state.clusterViews).map(([clusterArn, view]) => {
		const serviceArns = new Set(view.services.map((service) => service.arn));
		const stopped: Task[] = [];
		for (const [arn, tasks] of Object.entries(state.problemTasks))
			if (serviceArns.has(arn)) stopped.push(...tasks);
		for (const tasks of Object.values(state.stoppedTasks))
			for (const task of tasks) if (task.clusterArn === clusterArn) stopped.push(task);
		return {
			clusterArn,
			clusterName:
				state.clusters.find((cluster) => cluster.arn === clusterArn)?.name ??
				clusterArn.slice(clusterArn.lastIndexOf('/') + 1),
			services: view.services,
			containerInstances: view.containerInstances,
			autoScalingGroups: view.autoScalingGroups,
			stoppedTasks: stopped,
		};
	});
}

type Inputs = readonly [unknown, unknown, unknown, unknown, number];
let last: {inputs: Inputs; result: FleetProblems} | undefined;

/**
 * The feed for this state: the same object while what it reads is the same objects, so a
 * component may select it and a key may read it without deriving it again.
 */
export function selectProblems(state: FleetState): FleetProblems {
	const now = problemsNow(state);
	const inputs: Inputs = [
		state.clusterViews,
		state.problemTasks,
		state.stoppedTasks,
		state.clusters,
		now,
	];
	if (last !== undefined && last.inputs.every((input, i) => Object.is(input, inputs[i])))
		return last.result;
	const result = {problems: fleetProblems(problemData(state), now), now};
	last = {inputs, result};
	return result;
}
