/**
 * The panes the layout has room for, each a titled table of its list: wide, two on top and two
 * below; narrower, a tab bar over the panes shown.
 */
import {Box} from 'ink';
import {useMemo} from 'react';
import {nameFromArn} from '../../model/arn.js';
import type {ActionRunner} from '../../store/writes/types.js';
import {DrawBoundary} from '../components/draw-boundary.js';
import {Pane, paneContentSize, paneTitle} from '../components/pane.js';
import {TabBar} from '../components/tab-bar.js';
import {Table, type TableRows} from '../components/table.js';
import {useRowMarks} from '../dialogs/row-marks.js';
import {useFleet} from '../hooks/use-fleet.js';
import {usePaneRows} from '../hooks/use-pane-list.js';
import {usePaneNotes} from '../hooks/use-pane-notes.js';
import {selectedIndex} from '../input/selection.js';
import type {Layout, PaneId, PaneRect} from '../layout.js';
import type {PaneList} from '../panes/pane-list.js';
import {updateUi, useUi, useUiStore} from '../ui-store.js';
import {withShownColumns} from '../ui-state.js';
import type {PaneDefinition} from '../panes/pane-rows.js';
import {taskScopeNote} from './task-scope.js';
import type {PaneData} from './use-pane-data.js';

export type PanesViewProps = {
	readonly layout: Layout;
	readonly width: number;
	readonly data: PaneData;
	/** The action layer, whose marks (`desired 12, pending`, `stopping`) the rows show. */
	readonly runner: ActionRunner | undefined;
};

export function PanesView({layout, width, data, runner}: PanesViewProps) {
	const focused = useUi((state) => state.focused);
	const selected = useUi((state) => state.selected);
	const filters = useUi((state) => state.filters);
	const sorts = useUi((state) => state.sorts);
	const stoppedSort = useUi((state) => state.stoppedSort);
	const showStopped = useUi((state) => state.stoppedTasks);
	const paneNotes = usePaneNotes(showStopped);
	const marked = useUi((state) => state.marked);
	const problems = useFleet((state) => state.problems);
	const clustersFetchedAt = useFleet((state) => state.dataSets.clusters?.fetchedAt);
	const {clusters, services, focus, scope, clusterView, lists, context, definitions} = data;
	const tasksField = showStopped ? 'stoppedTasks' : 'tasks';
	const tasksLoaded = useFleet(
		(state) => scope !== undefined && state[tasksField][scope] !== undefined,
	);
	// A crash-looping service's tasks are mostly stopped ones: the empty pane says they are one key away.
	const stoppedRecently = useFleet((state) =>
		focus.serviceArn === undefined ? 0 : (state.problemTasks[focus.serviceArn]?.length ?? 0),
	);
	const ui = useUiStore();
	// Each table says which sortable columns it shows in full: < and > stay among them.
	const onShownColumns = useMemo(() => {
		const tell = (pane: PaneId) => (keys: readonly string[]) =>
			updateUi(ui, (state) => withShownColumns(state, pane, keys));
		return {
			clusters: tell('clusters'),
			instances: tell('instances'),
			services: tell('services'),
			tasks: tell('tasks'),
		};
	}, [ui]);
	const selectedIndexOf = (pane: PaneId) => selectedIndex(lists[pane], selected[pane]);

	// Rows are built as the table asks for them (the rows in view), with their marks drawn in.
	const rowMarks = useRowMarks(runner);
	const marks = [rowMarks, marked] as const;
	const {clusters: c, instances: i, services: s, tasks: t} = definitions;
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
		const loaded =
			pane === 'clusters'
				? clusters.length > 0 || undefined
				: pane === 'tasks'
					? tasksLoaded
					: clusterView !== undefined;
		if (!loaded && !(pane === 'clusters' && clustersFetchedAt)) return 'loading…';
		if (filters[pane] !== '') return `nothing matches /${filters[pane]}`;
		if (pane === 'tasks' && showStopped) return 'no task stopped in the last hour';
		if (pane === 'tasks' && stoppedRecently > 0)
			return `no task running now: t shows the ${stoppedRecently} stopped recently`;
		return definitions[pane].emptyText;
	};

	const renderPane = (rect: PaneRect) => {
		const pane = rect.pane;
		const list = lists[pane] as PaneList<unknown>;
		const inner = paneContentSize(rect.width, rect.height);
		const filter = filters[pane];
		const name = definitions[pane].name;
		// Marked rows can be out of sight (scrolled away, or marked in a service's tasks before
		// :tasks widened them): the title keeps count, since x and d act on them, not the cursor.
		let markedHere = 0;
		for (const id of marked) if (list.indexOf.has(id)) markedHere++;
		// The tasks say whose they are and which key changes that: the scope never changes by itself.
		const scopeNote =
			pane === 'tasks'
				? taskScopeNote({
						oneService: focus.serviceArn !== undefined,
						clusterName: focusedClusterName,
						escWidens: filter === '' && marked.size === 0,
					})
				: '';
		const title =
			paneTitle(`${name}${filter ? ` /${filter}` : ''}`, scopeFor[pane], {
				index: selectedIndexOf(pane),
				total: list.items.length,
			}) +
			(markedHere > 0 ? ` ${markedHere} marked (Esc unmarks)` : '') +
			(scopeNote === '' ? '' : ` ${scopeNote}`) +
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
						columns={definitions[pane].columns}
						rows={rows[pane]}
						selectedIndex={selectedIndexOf(pane)}
						height={inner.height}
						width={inner.width}
						sort={pane === 'tasks' && showStopped ? stoppedSort : sorts[pane]}
						sortable={sortableKeys(definitions[pane] as PaneDefinition<unknown>)}
						onShownColumns={onShownColumns[pane]}
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

/** The columns a pane sorts by, as one array per definition (the table compares it by identity). */
const sortableKeysOf = new WeakMap<object, readonly string[]>();
function sortableKeys(definition: PaneDefinition<unknown>): readonly string[] {
	let keys = sortableKeysOf.get(definition);
	if (keys === undefined) {
		keys = definition.columns
			.filter((column) => definition.sortBy[column.key] !== undefined)
			.map((column) => column.key);
		sortableKeysOf.set(definition, keys);
	}
	return keys;
}
