/**
 * A family's revisions drawn as one table in a pane, newest first, each with what differs from a
 * base revision: `U`'s picker (compared with the revision the service runs) and a family's
 * revisions in `:td` (compared with the one marked with v, else the newest) are this one view.
 */
import {useMemo} from 'react';
import {ListPane} from '../components/list-pane.js';
import type {SortState} from '../components/table.js';
import {useFleet} from '../hooks/use-fleet.js';
import {familyRevisionArns, revisionColumns, revisionIndex, revisionRows} from './revision-list.js';

const byRevision: SortState = {columnKey: 'revision', direction: 'desc'};

export type RevisionTableProps = {
	readonly family: string;
	/**
	 * The revision a service runs: listed even when the family's listing lacks it (it may be
	 * INACTIVE), marked as running, and what the others are compared with.
	 */
	readonly running?: string | undefined;
	/** The revision marked with v: what the others are compared with when nothing runs. */
	readonly marked?: string | undefined;
	readonly selected: string | undefined;
	/** The title before the position (`[2/9]`), and the keys after it. */
	readonly heading: string;
	readonly hints: string;
	readonly emptyText: string;
	readonly width: number;
	readonly height: number;
};

export function RevisionTable({
	family,
	running,
	marked,
	selected,
	heading,
	hints,
	emptyText,
	width,
	height,
}: RevisionTableProps) {
	const familyRevisions = useFleet((state) => state.familyRevisions);
	const listed = useFleet((state) => state.taskDefinitionArns);
	const definitions = useFleet((state) => state.taskDefinitions);
	// "Registered 3d ago" is measured from the fetch, not a ticking clock.
	const now = useFleet((state) => state.dataSets['task-definitions']?.fetchedAt ?? 0);
	const arns = useMemo(
		() =>
			familyRevisionArns(
				{familyRevisions, taskDefinitionArns: listed},
				family,
				running === undefined ? [] : [running],
			),
		[familyRevisions, listed, family, running],
	);
	const base = running ?? marked ?? arns[0];
	const rows = useMemo(
		() => revisionRows({arns, definitions, base, running, marked, now}),
		[arns, definitions, base, running, marked, now],
	);
	return (
		<ListPane
			heading={heading}
			hints={hints}
			columns={revisionColumns(base)}
			rows={rows}
			selectedIndex={revisionIndex(arns, selected)}
			sort={byRevision}
			emptyText={emptyText}
			width={width}
			height={height}
		/>
	);
}
