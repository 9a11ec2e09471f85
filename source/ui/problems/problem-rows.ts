/**
 * The problem feed as table rows: when, where, how many, what. The words of AWS in a problem
 * (a stopped reason, an event's message) are outside text: made terminal-safe here, before the
 * table measures them.
 */
import type {Problem, ProblemKind} from '../../model/problems.js';
import {terminalSafe} from '../../text/terminal-text.js';
import type {TableColumn, TableRow} from '../components/table.js';
import {taskAge} from '../panes/pane-rows.js';
import type {Tone} from '../theme.js';

export const problemColumns: readonly TableColumn[] = [
	{key: 'when', title: 'WHEN', width: 5, align: 'right'},
	{key: 'cluster', title: 'CLUSTER', flex: 1, minWidth: 6},
	{key: 'subject', title: 'WHAT', flex: 2, minWidth: 8},
	{key: 'count', title: 'COUNT', width: 5, align: 'right'},
	{key: 'summary', title: 'PROBLEM', flex: 5, minWidth: 16},
];

/** States of the fleet are warnings; what stopped or failed is an error. */
const warnings: ReadonlySet<ProblemKind> = new Set<ProblemKind>([
	'instance-draining',
	'asg-at-max',
]);

export function problemTone(problem: Problem): Tone {
	return warnings.has(problem.kind) ? 'warn' : 'error';
}

export function problemRows(problems: readonly Problem[], now: number): TableRow[] {
	return problems.map((problem) => ({
		id: problem.id,
		cells: {
			when: problem.at === undefined ? 'now' : taskAge(now - problem.at),
			cluster: terminalSafe(problem.clusterName),
			subject: terminalSafe(problem.subject),
			count: `×${problem.count}`,
			summary: terminalSafe(problem.summary),
		},
		cellTones: {summary: problemTone(problem)},
	}));
}

/** The selected problem's own words from AWS, for the line under the list. */
export function problemDetail(problem: Problem | undefined): string {
	if (problem === undefined || problem.detail === '') return '';
	return terminalSafe(problem.detail);
}
