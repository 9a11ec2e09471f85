/**
 * The panes the layout has room for, each a titled table of its list: wide, two on top and two
 * below; narrower, a tab bar over the panes shown.
 */
import {Box} from 'ink';
import {nameFromArn} from '../../model/arn.js';
import type {ActionRunner} from '../../store/writes/types.js';
import {DrawBoundary} from '../components/draw-boundary.js';
import {Pane, paneContentSize, paneTitle} from '../components/pane.js';
import {TabBar} from '../components/tab-bar.js';
import {Table, type TableRows} from '../components/table.js';
import {useRowMarks} from '../dialogs/row-marks.js';
import {useFleet, useFleetStore} from '../hooks/use-fleet.js';
import {usePaneRows} from '../hooks/use-pane-list.js';
import {usePaneNotes} from '../hooks/use-pane-notes.js';
import {selectedIndex} from '../input/selection.js';
import type {Layout, PaneId, PaneRect} from '../layout.js';
import type {PaneList} from '../panes/pane-list.js';
import {useUi} from '../ui-store.js';
import {paneDefinitions, type PaneData} from './use-pane-data.js';

export type PanesViewProps = {
	readonly layout: Layout;
	readonly width: number;
	readonly data: PaneData;
	/** The action layer, whose marks (`desired 12, pending`, `stopping`) the rows show. */
	readonly runner: ActionRunner | undefined;
};

export function PanesView({layout, width, data, runner}: PanesViewProps) {
	const store = useFleetStore();
	const focused = useUi((state) => state.focused);
	const selected = useUi((state) => state.selected);
	const filters = useUi((state) => state.filters);
	const sorts = useUi((state) => state.sorts);
	const showStopped = useUi((state) => state.stoppedTasks);
	const paneNotes = usePaneNotes(showStopped);
	const marked = useUi((state) => state.marked);
	const problems = useFleet((state) => state.problems);
	const clustersFetchedAt = useFleet((state) => state.dataSets.clusters?.fetchedAt);
	const {clusters, services, focus, scope, clusterView, lists, context} = data;
	const selectedIndexOf = (pane: PaneId) => selectedIndex(lists[pane], selected[pane]);

	// Rows are built as the table asks for them (the rows in view), with their marks drawn in.
	const rowMarks = useRowMarks(runner);
	const marks = [rowMarks, marked] as const;
	const {clusters: c, instances: i, services: s, tasks: t} = paneDefinitions;
	const rows: Record<PaneId, TableRows> = {
		clusters: usePaneRows('clusters', c, lists.clusters, context, ...marks),
		instances: usePaneRows('instances', i, lists.instances, context, ...marks),
		services: usePaneRows('services', s, lists.services, context, ...marks),
		tasks: usePaneRows('tasks', t, lists.tasks, context, ...marks),
	};

	// The focused cluster names its panes while they load too: `Services (batch) loading…` says
	// what is coming, where a bare `Services` would look like the previous cluster's.
	const focusedClusterName = clusters.find((c) => c.arn === focus.clusterArn)?.name;
	const scopeFor: Record<PaneId, string | undefined> = {
		clusters: undefined,
		instances: focusedClusterName,
		services: focusedClusterName,
		tasks:
			focus.serviceArn !== undefined
				? (services.find((s) => s.arn === focus.serviceArn)?.name ?? nameFromArn(focus.serviceArn))
				: focusedClusterName,
	};

	const emptyText = (pane: PaneId): string => {
		if (pane !== 'clusters' && focus.clusterArn === undefined) return 'select a cluster';
		const tasksDataSet = showStopped ? 'stopped-tasks' : 'tasks';
		const dataSet =
			pane === 'clusters'
				? 'clusters'
				: pane === 'tasks'
					? tasksDataSet
					: pane === 'instances'
						? 'instances'
						: 'cluster';
		const problem = problems[dataSet];
		if (problem !== undefined) return problem.message;
		const tasksField = showStopped ? 'stoppedTasks' : 'tasks';
		const loaded =
			pane === 'clusters'
				? clusters.length > 0 || undefined
				: pane === 'tasks'
					? scope !== undefined && store.getState()[tasksField][scope] !== undefined
					: clusterView !== undefined;
		if (!loaded && !(pane === 'clusters' && clustersFetchedAt)) return 'loading…';
		if (filters[pane] !== '') return `nothing matches /${filters[pane]}`;
		if (pane === 'tasks' && showStopped) return 'no task stopped in the last hour';
		// A crash-looping service's tasks are mostly stopped ones: say they are one key away.
		const stopped =
			pane === 'tasks' && focus.serviceArn !== undefined
				? (store.getState().problemTasks[focus.serviceArn]?.length ?? 0)
				: 0;
		if (stopped > 0) return `no task running now: t shows the ${stopped} stopped recently`;
		return paneDefinitions[pane].emptyText;
	};

	const renderPane = (rect: PaneRect) => {
		const pane = rect.pane;
		const list = lists[pane] as PaneList<unknown>;
		const inner = paneContentSize(rect.width, rect.height);
		const filter = filters[pane];
		const name = pane === 'tasks' && showStopped ? 'Stopped tasks' : paneDefinitions[pane].name;
		// Marked rows can be out of sight (scrolled away, or marked in a service's tasks before
		// :tasks widened them): the title keeps count, since x and d act on them, not the cursor.
		let markedHere = 0;
		for (const id of marked) if (list.indexOf.has(id)) markedHere++;
		const title =
			paneTitle(`${name}${filter ? ` /${filter}` : ''}`, scopeFor[pane], {
				index: selectedIndexOf(pane),
				total: list.items.length,
			}) +
			(markedHere > 0 ? ` ${markedHere} marked (Esc unmarks)` : '') +
			(paneNotes[pane] === '' ? '' : ` ${paneNotes[pane]}`);
		return (
			<Pane
				key={pane}
				title={title}
				focused={pane === focused}
				width={rect.width}
				height={rect.height}
			>
				<DrawBoundary what="pane" resetKey={rows[pane]}>
					<Table
						columns={paneDefinitions[pane].columns}
						rows={rows[pane]}
						selectedIndex={selectedIndexOf(pane)}
						height={inner.height}
						width={inner.width}
						sort={sorts[pane]}
						focused={pane === focused}
						emptyText={emptyText(pane)}
					/>
				</DrawBoundary>
			</Pane>
		);
	};

	if (layout.mode === 'wide') {
		const [clustersRect, instancesRect, servicesRect, tasksRect] = layout.panes;
		return (
			<Box flexDirection="column">
				<Box flexDirection="row">
					{clustersRect && renderPane(clustersRect)}
					{instancesRect && renderPane(instancesRect)}
				</Box>
				{servicesRect && renderPane(servicesRect)}
				{tasksRect && renderPane(tasksRect)}
			</Box>
		);
	}
	return (
		<Box flexDirection="column">
			{layout.tabBar && <TabBar focused={focused} width={width} />}
			{layout.panes.map((rect) => renderPane(rect))}
		</Box>
	);
}
