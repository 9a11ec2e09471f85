/**
 * What the tasks pane's title says about its scope beside the name in brackets: whether the
 * tasks are one service's or every task of the cluster, and the key that changes that. The rule
 * itself (only a key changes the scope) is in docs/ui-architecture.md.
 */

export type TaskScopeFacts = {
	/** The tasks are one service's (else every task of the cluster). */
	readonly oneService: boolean;
	readonly clusterName: string | undefined;
	/** Esc would widen the tasks now: it clears a filter, then the marks, first. */
	readonly escWidens: boolean;
};

export function taskScopeNote({oneService, clusterName, escWidens}: TaskScopeFacts): string {
	if (clusterName === undefined) return '';
	if (!oneService) return 'all services · pick one in Services (3)';
	return escWidens
		? `one service · Esc: all of ${clusterName}`
		: `one service · :tasks: all of ${clusterName}`;
}
