/**
 * The document's `tasks` written as text while the snapshot is still being fetched.
 *
 * A large account's last clusters are described long after its largest one (in `large`, the
 * last ~600 ms of a ~2.7 s fetch are other clusters' small calls), and the client mostly waits
 * on them. A cluster's tasks are final once its own parts are in, and every task's item also
 * needs all clusters' container instances (its EC2 id), which come in well before the tasks; so
 * from then on each complete cluster's tasks are written, a few hundred at a time, in the gaps
 * between answers. The text waits until the snapshot is whole: the document opens with the
 * time it was taken, and its members keep their order. The rest is written at the end, as before.
 */
import type {Snapshot, SnapshotProgress} from '../store/snapshot.js';
import type {Task} from '../model/task.js';
import {taskItem, taskItemContext, type TaskItemContext} from './once-document.js';
import {itemsText, WrittenItems} from './once-json.js';

/**
 * Tasks written in one turn of the event loop: ~1-2 ms, so an answer that comes in meanwhile
 * waits no longer than that to be read.
 */
const tasksPerTurn = 200;

type ClusterTasks = {readonly clusterName: string; readonly tasks: readonly Task[]};

export type EarlyTasks = {
	/** What takeSnapshot tells as the parts come in. */
	readonly progress: SnapshotProgress;
	/** The snapshot's tasks, all of them: what was written early, the rest now, in order. */
	finish(snapshot: Snapshot): WrittenItems;
	/** No more writing ahead (the snapshot failed, or is whole). */
	stop(): void;
	/** How many tasks are written so far. */
	writtenAhead(): number;
};

export function earlyTasks(): EarlyTasks {
	let context: TaskItemContext | undefined;
	// By cluster index: the texts written so far, of which tasks, and how many of them they hold.
	const written = new Map<number, {tasks: readonly Task[]; texts: string[]; count: number}>();
	const waiting: Array<{index: number} & ClusterTasks> = [];
	let turn: NodeJS.Immediate | undefined;
	let stopped = false;

	const writeAhead = () => {
		turn = undefined;
		const next = waiting[0];
		if (stopped || context === undefined || next === undefined) return;
		const done = written.get(next.index)!;
		const items = next.tasks
			.slice(done.count, done.count + tasksPerTurn)
			.map((task) => taskItem(next.clusterName, task, context!));
		done.texts.push(itemsText(items));
		done.count += items.length;
		if (done.count === next.tasks.length) waiting.shift();
		schedule();
	};
	// setImmediate runs after the answers that came in are read: the fetch goes first.
	const schedule = () => {
		if (turn === undefined && !stopped && context !== undefined && waiting.length > 0)
			turn = setImmediate(writeAhead);
	};
	const stop = () => {
		stopped = true;
		if (turn !== undefined) clearImmediate(turn);
		turn = undefined;
	};

	return {
		progress: {
			containerInstancesIn(byCluster) {
				context = taskItemContext(byCluster);
				schedule();
			},
			clusterIn(index, part) {
				written.set(index, {tasks: part.tasks, texts: [], count: 0});
				if (part.tasks.length > 0)
					waiting.push({index, clusterName: part.cluster.name, tasks: part.tasks});
				schedule();
			},
		},
		finish(snapshot) {
			stop();
			const finalContext =
				context ?? taskItemContext(snapshot.clusters.map((cluster) => cluster.containerInstances));
			return new WrittenItems(
				(function* () {
					for (const [index, {cluster, tasks}] of snapshot.clusters.entries()) {
						const done = written.get(index);
						// Only text written from this very array stands for its first `count` tasks.
						const early = done?.tasks === tasks && done.count > 0 ? done : undefined;
						if (early !== undefined) yield* early.texts;
						for (let from = early?.count ?? 0; from < tasks.length; from += tasksPerTurn) {
							yield itemsText(
								tasks
									.slice(from, from + tasksPerTurn)
									.map((task) => taskItem(cluster.name, task, finalContext)),
							);
						}
					}
				})(),
			);
		},
		stop,
		writtenAhead: () => [...written.values()].reduce((sum, done) => sum + done.count, 0),
	};
}
