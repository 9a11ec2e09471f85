/** What every planner reads: the fleet store's state and the runner's few facts of its own. */
import type {FleetState} from '../fleet-store.js';
import type {CliTarget} from './cli-command.js';
import type {LocalTools} from './hand-off.js';
import type {UndoEntry} from './types.js';

export type PlanContext = {
	readonly state: FleetState;
	/** Where the equivalent `aws` commands should point. */
	readonly cli: CliTarget;
	/** The per-service task quota: the highest desired count accepted. */
	readonly maxDesiredCount: number;
	/** A desired count sent and not yet shown by a poll: what `+` and `-` count from. */
	pendingDesiredCount(serviceArn: string): number | undefined;
	/**
	 * The revision a service ran, with its deployment completed, before a revision change ecs-top
	 * sent in this session: where `B` goes once ECS no longer lists that deployment. Optional so
	 * existing contexts still compile.
	 */
	completedBefore?(serviceArn: string): string | undefined;
	newPlanId(): string;
	/** RunTask's idempotency token, made once per plan so a resend starts nothing new. */
	newClientToken(): string;
	/** The local programs `e` and `F` hand the terminal to (run once, then remembered). */
	localTools(): LocalTools;
	/** The changes that can be put back, newest first. */
	readonly undoEntries: readonly UndoEntry[];
};

export function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}
