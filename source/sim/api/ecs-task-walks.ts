/**
 * ListTasks pages carried on from the previous page's walk. A client pages a cluster's 20,000
 * tasks 100 at a time; walking from the first task for every page would walk two million.
 * A walk is kept per cluster, filter and offset, and used only while the cluster's task list
 * revision has not moved, i.e. no task was added, removed or asked to stop in between: then
 * the page is the one a walk from the start would give.
 */
import type {ClusterState, TaskState} from '../world/types.js';
import type {World} from '../world/world.js';
import type {ResumableWalks, WalkCursor} from './pagination.js';

/** Enough for a few clients paging a few filters each; the oldest walk goes first. */
const maxWalksPerCluster = 32;

interface KeptWalk {
	revision: number;
	cursor: WalkCursor<TaskState>;
}

const walksByCluster = new WeakMap<ClusterState, Map<string, KeptWalk>>();

/** `filter` names everything the page's `keep` depends on. */
export function taskListWalks(
	world: World,
	cluster: ClusterState,
	filter: string,
): ResumableWalks<TaskState> {
	const keyAt = (offset: number): string => `${offset} ${filter}`;
	return {
		take(offset) {
			const kept = walksByCluster.get(cluster);
			const key = keyAt(offset);
			const walk = kept?.get(key);
			if (walk === undefined) return undefined;
			// Once: a second request with the same token walks afresh.
			kept!.delete(key);
			return walk.revision === world.taskListRevision(cluster) ? walk.cursor : undefined;
		},
		leave(cursor) {
			let kept = walksByCluster.get(cluster);
			if (kept === undefined) walksByCluster.set(cluster, (kept = new Map()));
			kept.set(keyAt(cursor.offset), {revision: world.taskListRevision(cluster), cursor});
			if (kept.size > maxWalksPerCluster) kept.delete(kept.keys().next().value!);
		},
	};
}
