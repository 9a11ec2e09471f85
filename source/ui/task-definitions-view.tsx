/**
 * The `:td` view: the account's task definition families with their newest ACTIVE revision,
 * and, on Enter, that revision in full. The list is fetched only while this view is open (the
 * store's task-definition-list tier); an opened revision is fetched once and cached.
 */
import {useLayoutEffect, useMemo} from 'react';
import {taskDefinitionName} from '../model/arn.js';
import {Pane, paneContentSize} from './components/pane.js';
import {ListPane} from './components/list-pane.js';
import type {SortState, TableRow} from './components/table.js';
import {
	clampDetailScroll,
	detailRowCount,
	detailViewport,
	text,
	type DetailLine,
} from './details/detail-lines.js';
import {DetailView} from './details/detail-view.js';
import {taskDefinitionDetailLines} from './details/task-definition-detail.js';
import {
	taskDefinitionColumns,
	taskDefinitionRows,
	type TaskDefinitionFamily,
} from './details/task-definitions-list.js';
import {useFleet} from './hooks/use-fleet.js';
import {useTheme} from './theme.js';
import type {RevisionBrowse, TextViewport} from './ui-state.js';
import {compareLines} from './revisions/revision-compare.js';
import {RevisionTable} from './revisions/revision-table.js';

/** Groups `family:revision` ARNs by family, keeping every revision for the count. */
export function familiesOf(arns: readonly string[]): TaskDefinitionFamily[] {
	const byFamily = new Map<string, string[]>();
	for (const arn of arns) {
		const name = taskDefinitionName(arn);
		const family = name.slice(0, name.lastIndexOf(':'));
		const revisions = byFamily.get(family);
		if (revisions === undefined) byFamily.set(family, [arn]);
		else revisions.push(arn);
	}
	return [...byFamily].map(([family, revisions]) => ({family, revisions}));
}

/** The ARN of a family's newest revision, by revision number. */
export function newestRevisionArn(family: TaskDefinitionFamily): string | undefined {
	let best: string | undefined;
	let bestRevision = -1;
	for (const arn of family.revisions) {
		const name = taskDefinitionName(arn);
		const revision = Number(name.slice(name.lastIndexOf(':') + 1));
		if (revision > bestRevision) {
			best = arn;
			bestRevision = revision;
		}
	}
	return best;
}

const byFamily: SortState = {columnKey: 'family', direction: 'asc'};

export type TaskDefinitionList = {
	readonly loaded: boolean;
	readonly rows: readonly TableRow[];
	/** Family name -> its newest revision's ARN. */
	readonly newest: ReadonlyMap<string, string>;
};

/** The rows of the `:td` list, rebuilt only when the fetched list changes. */
export function useTaskDefinitionList(): TaskDefinitionList {
	const arns = useFleet((state) => state.taskDefinitionArns);
	return useMemo(() => {
		const families = familiesOf(arns ?? []);
		const newest = new Map<string, string>();
		for (const family of families) {
			const arn = newestRevisionArn(family);
			if (arn !== undefined) newest.set(family.family, arn);
		}
		return {loaded: arns !== undefined, rows: taskDefinitionRows(families), newest};
	}, [arns]);
}

export type TaskDefinitionsViewProps = {
	readonly list: TaskDefinitionList;
	readonly selectedIndex: number;
	/** The revision shown in full, or undefined while the list is shown. */
	readonly openedArn: string | undefined;
	/** A family's revisions, when shown instead of the families. */
	readonly revisions?: RevisionBrowse | undefined;
	readonly scroll: number;
	readonly width: number;
	readonly height: number;
	/** Told, after each render of an opened revision, how far it can scroll and a page. */
	readonly onViewport: (viewport: TextViewport) => void;
};

export function TaskDefinitionsView({
	list,
	selectedIndex,
	openedArn,
	revisions,
	scroll,
	width,
	height,
	onViewport,
}: TaskDefinitionsViewProps) {
	const theme = useTheme();
	const inner = paneContentSize(width, height);
	const definition = useFleet((state) =>
		openedArn === undefined ? undefined : state.taskDefinitions[openedArn],
	);
	const problem = useFleet(
		(state) => state.problems['task-definition-list'] ?? state.problems['task-definitions'],
	);
	// "Registered 3d ago" is measured from the fetch, not a ticking clock.
	const now = useFleet((state) => state.dataSets['task-definitions']?.fetchedAt ?? 0);
	const compared = revisions?.compared;
	const comparedLeft = useFleet((state) =>
		compared === undefined ? undefined : state.taskDefinitions[compared[0]],
	);
	const comparedRight = useFleet((state) =>
		compared === undefined ? undefined : state.taskDefinitions[compared[1]],
	);
	const lines: DetailLine[] = useMemo(() => {
		if (openedArn === undefined && compared !== undefined) {
			if (comparedLeft === undefined || comparedRight === undefined)
				return [text({text: problem?.message ?? 'loading the two revisions…'})];
			return compareLines(comparedLeft, comparedRight, inner.width, theme.glyphs.ellipsis);
		}
		if (openedArn === undefined) return [];
		if (definition === undefined)
			return [text({text: problem?.message ?? `loading ${taskDefinitionName(openedArn)}…`})];
		return taskDefinitionDetailLines(
			{taskDefinition: definition},
			{width: inner.width, now, glyphs: theme.glyphs},
		);
	}, [
		openedArn,
		definition,
		problem,
		now,
		inner.width,
		theme.glyphs,
		compared,
		comparedLeft,
		comparedRight,
	]);

	const showsText = openedArn !== undefined || compared !== undefined;

	// Scrolling moves through rows: a long line wraps into several.
	const rowCount = useMemo(() => detailRowCount(lines, inner.width), [lines, inner.width]);
	const clamped = clampDetailScroll(rowCount, inner.height, scroll);
	const {maxScroll, page} = detailViewport(rowCount, inner.height);
	useLayoutEffect(() => {
		if (showsText) onViewport({maxScroll, page});
	}, [showsText, maxScroll, page, onViewport]);

	// An opened revision, else two compared side by side: text to scroll through.
	const textTitle =
		openedArn !== undefined
			? `${taskDefinitionName(openedArn)}  (Esc back to the list, j/k scroll, r run)`
			: compared !== undefined
				? `${taskDefinitionName(compared[0])} beside ${taskDefinitionName(compared[1])}  (Esc back, j/k scroll)`
				: undefined;
	if (textTitle !== undefined) {
		return (
			<Pane title={textTitle} focused width={width} height={height}>
				<DetailView
					lines={lines}
					width={inner.width}
					height={inner.height}
					scrollOffset={clamped}
				/>
			</Pane>
		);
	}
	if (revisions !== undefined) {
		return (
			<RevisionTable
				family={revisions.family}
				marked={revisions.marked}
				selected={revisions.selected}
				heading={`${revisions.family} revisions`}
				hints="(Enter open, v compare, r run, Esc back)"
				emptyText={problem?.message ?? 'loading…'}
				width={width}
				height={height}
			/>
		);
	}
	return (
		<ListPane
			heading="Task definitions"
			hints="(Enter open, r run, Esc close)"
			columns={taskDefinitionColumns}
			rows={list.rows}
			selectedIndex={selectedIndex}
			sort={byFamily}
			emptyText={problem?.message ?? (list.loaded ? 'no ACTIVE task definitions' : 'loading…')}
			width={width}
			height={height}
		/>
	);
}
