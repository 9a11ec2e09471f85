/**
 * A family's revisions as table rows, newest first, each with what differs from a base revision
 * (the one the service runs, in `U`'s picker; the one marked with v, else the newest, in `:td`).
 * Pure, for the picker and the `:td` view alike.
 */
import {taskDefinitionName} from '../../model/arn.js';
import {changeSummary, revisionChanges} from '../../model/revision-diff.js';
import type {TaskDefinition} from '../../model/task-definition.js';
import {revisionNumber, revisionsOfFamily} from '../../store/tiers/family-revisions.js';
import type {FleetState} from '../../store/fleet-store.js';
import type {TableColumn, TableRow} from '../components/table.js';
import {formatAge} from '../format.js';

export function revisionColumns(base: string | undefined): readonly TableColumn[] {
	const against = base === undefined ? '' : ` ${taskDefinitionName(base)}`;
	return [
		{key: 'revision', title: 'REVISION', width: 22, minWidth: 10, cut: 'middle'},
		{key: 'registered', title: 'AGE', width: 5, align: 'right'},
		{key: 'differs', title: `WHAT DIFFERS FROM${against}`, flex: 1, minWidth: 20},
	];
}

/**
 * The family's revisions as listed (the `:td` list's ARNs stand in until the family's own
 * listing is in), with `extra` (the running revision, perhaps INACTIVE) added, newest first.
 */
export function familyRevisionArns(
	state: Pick<FleetState, 'familyRevisions' | 'taskDefinitionArns'>,
	family: string,
	extra: readonly string[] = [],
): string[] {
	const listed =
		state.familyRevisions[family] ?? revisionsOfFamily(state.taskDefinitionArns ?? [], family);
	const all = new Set([...listed, ...extra]);
	return revisionsOfFamily([...all], family);
}

export type RevisionRowsInput = {
	readonly arns: readonly string[];
	readonly definitions: Readonly<Record<string, TaskDefinition>>;
	/** What each row is compared with. */
	readonly base: string | undefined;
	/** The revision a service runs, marked as such. */
	readonly running?: string | undefined;
	/** The revision marked with v. */
	readonly marked?: string | undefined;
	readonly now: number;
};

function label(arn: string, input: RevisionRowsInput): string {
	const name = taskDefinitionName(arn);
	if (arn === input.running) return `${name} (running)`;
	if (arn === input.marked) return `*${name}`;
	return name;
}

export function revisionRows(input: RevisionRowsInput): TableRow[] {
	const base = input.base === undefined ? undefined : input.definitions[input.base];
	return input.arns.map((arn) => {
		const definition = input.definitions[arn];
		const differs =
			arn === input.base
				? arn === input.running
					? 'runs now'
					: 'the revision the others are compared with'
				: definition === undefined || base === undefined
					? 'loading…'
					: changeSummary(revisionChanges(base, definition));
		return {
			id: arn,
			cells: {
				revision: label(arn, input),
				registered:
					definition?.registeredAt === undefined
						? ''
						: formatAge(Math.max(0, input.now - definition.registeredAt)),
				differs,
			},
			...(arn === input.running ? {tone: 'info' as const} : {}),
		};
	});
}

/** The newest revision after `arn`'s position, for a list that lost its selection. */
export function revisionIndex(arns: readonly string[], selected: string | undefined): number {
	if (selected === undefined) return 0;
	const index = arns.indexOf(selected);
	if (index !== -1) return index;
	const wanted = revisionNumber(selected);
	const next = arns.findIndex((arn) => revisionNumber(arn) < wanted);
	return next === -1 ? Math.max(0, arns.length - 1) : next;
}
