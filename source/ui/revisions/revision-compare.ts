/** Two revisions side by side (`v` in `:td`), as detail lines: what differs stands out. */
import {taskDefinitionName} from '../../model/arn.js';
import {compareRevisions} from '../../model/revision-diff.js';
import type {TaskDefinition} from '../../model/task-definition.js';
import {tableLines, text, type DetailLine} from '../details/detail-lines.js';

export function compareLines(
	left: TaskDefinition,
	right: TaskDefinition,
	width: number,
	ellipsis?: string,
): DetailLine[] {
	const rows = compareRevisions(left, right);
	const differing = rows.filter((row) => row.differs).length;
	return [
		text({
			text:
				differing === 0
					? 'no difference in images, CPU/memory, variable names or ports'
					: `${differing} of ${rows.length} fields differ (in colour)`,
			tone: differing === 0 ? 'ok' : 'info',
		}),
		...tableLines(
			[
				{key: 'label', title: 'FIELD', width: 24, minWidth: 12},
				{key: 'left', title: taskDefinitionName(left.arn), flex: 1},
				{key: 'right', title: taskDefinitionName(right.arn), flex: 1},
			],
			rows.map((row) => ({
				cells: {label: row.label, left: row.left, right: row.right},
				...(row.differs ? {cellTones: {left: 'warn' as const, right: 'warn' as const}} : {}),
			})),
			width,
			'nothing to compare',
			ellipsis,
		),
	];
}
