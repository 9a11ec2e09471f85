/**
 * The problem feed (`!`, `:problems`): what is failing in the clusters the live view holds,
 * newest first, one line per cause with its count; under the list, AWS's own words for the
 * selected one. Enter goes to the problem's object (problem-keys.ts).
 */
import {Box} from 'ink';
import {useMemo} from 'react';
import {selectProblems} from '../../store/fleet-problems.js';
import {Pane, paneContentSize} from '../components/pane.js';
import {Table} from '../components/table.js';
import {Text} from '../components/text.js';
import {padCell} from '../format.js';
import {useFleet} from '../hooks/use-fleet.js';
import {useTheme} from '../theme.js';
import {problemColumns, problemDetail, problemRows} from './problem-rows.js';

export type ProblemsViewProps = {
	/** The selected problem's id; the first when undefined or gone. */
	readonly selected: string | undefined;
	readonly width: number;
	readonly height: number;
};

/** Lines under the list for the selected problem's words from AWS. */
const detailLines = 2;

export function ProblemsView({selected, width, height}: ProblemsViewProps) {
	const theme = useTheme();
	const {problems, now} = useFleet(selectProblems);
	const focused = useFleet((state) => state.focus.clusterArn !== undefined);
	const rows = useMemo(() => problemRows(problems, now), [problems, now]);
	const found = problems.findIndex((problem) => problem.id === selected);
	const index = found === -1 ? 0 : found;
	const inner = paneContentSize(width, height);
	const detail = problemDetail(problems[index]);
	const tableHeight = Math.max(1, inner.height - (detail === '' ? 0 : detailLines));
	const emptyText = focused
		? 'no problems in the clusters on screen'
		: 'no cluster chosen yet: the feed covers the clusters whose services are on screen';
	return (
		<Pane
			title={`Problems [${problems.length === 0 ? 0 : index + 1}/${problems.length}]  (Enter go to it, Esc close)`}
			focused
			width={width}
			height={height}
		>
			<Table
				columns={problemColumns}
				rows={rows}
				selectedIndex={index}
				height={tableHeight}
				width={inner.width}
				focused
				emptyText={emptyText}
			/>
			{detail === '' ? null : (
				<Box flexDirection="column" height={detailLines}>
					<Text wrap="truncate" {...theme.status.muted}>
						{padCell(detail, inner.width, 'left', theme.glyphs.ellipsis)}
					</Text>
				</Box>
			)}
		</Pane>
	);
}
