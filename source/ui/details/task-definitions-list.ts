// Rows for the `:td` view: one per task definition family, with its newest revision, for the
// shared Table component.
import {taskDefinitionName} from '../../model/arn.js';
import type {TableColumn, TableRow} from '../components/table.js';
import {compareText} from '../../text/plain-order.js';

export type TaskDefinitionFamily = {
	readonly family: string;
	/** ARNs or `family:revision` names, in any order (ListTaskDefinitions pages by name). */
	readonly revisions: readonly string[];
	/** ListTaskDefinitionFamilies' status; without it, a family with revisions is ACTIVE. */
	readonly status?: string;
};

export const taskDefinitionColumns: readonly TableColumn[] = [
	{key: 'family', title: 'FAMILY', flex: 1, minWidth: 10},
	{key: 'latest', title: 'LATEST', flex: 1, minWidth: 10},
	{key: 'revisions', title: 'REVS', width: 5, align: 'right'},
	{key: 'status', title: 'STATUS', width: 8},
];

function revisionNumber(arnOrName: string): number {
	const name = taskDefinitionName(arnOrName);
	const revision = Number(name.slice(name.lastIndexOf(':') + 1));
	return Number.isInteger(revision) ? revision : -1;
}

/**
 * The newest revision by number, not by text: `web:10` is newer than `web:9`, though it sorts
 * before it as a string.
 */
export function latestRevision(revisions: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestNumber = -Infinity;
	for (const revision of revisions) {
		const n = revisionNumber(revision);
		if (n > bestNumber) {
			best = revision;
			bestNumber = n;
		}
	}
	return best === undefined ? undefined : taskDefinitionName(best);
}

export function taskDefinitionRows(families: readonly TaskDefinitionFamily[]): TableRow[] {
	return [...families]
		.sort((a, b) => compareText(a.family, b.family))
		.map((family) => {
			const latest = latestRevision(family.revisions);
			const status = family.status ?? (latest === undefined ? 'INACTIVE' : 'ACTIVE');
			return {
				id: family.family,
				cells: {
					family: family.family,
					latest: latest ?? '-',
					revisions: String(family.revisions.length),
					status,
				},
				...(status === 'ACTIVE' ? {} : {tone: 'muted' as const}),
			};
		});
}
