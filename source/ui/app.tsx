/**
 * The live dashboard: header, the panes the terminal has room for, the view over them (help,
 * details, the `:td` list), a confirmation dialog and the footer. A shell: the UI state lives in
 * the UI store, keys go through the pure dispatcher (input/), what the screen wants fetched is
 * told to the fleet store (screen/use-screen-wants.ts), and the parts are drawn by their own
 * components. See docs/ui-architecture.md.
 */
import {Box} from 'ink';
import {useCallback, useMemo, useState} from 'react';
import type {ActionResult, ActionRunner} from '../store/actions/types.js';
import type {ServiceSearch} from '../store/service-search.js';
import {Help} from './components/help.js';
import {TooSmall} from './components/too-small.js';
import {DetailPanel} from './detail-panel.js';
import {ActionDialogBox, dialogHeight, dialogLines} from './dialogs/action-dialog.js';
import {useRowMarks} from './dialogs/row-marks.js';
import {useDialogWrites} from './dialogs/use-dialog-writes.js';
import {Header} from './header.js';
import {useFleetStore} from './hooks/use-fleet.js';
import {usePaneRows} from './hooks/use-pane-list.js';
import {searchingMessage, useStartService} from './hooks/use-start-service.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {runEffect} from './input/run-effect.js';
import type {Screen} from './input/screen.js';
import {selectedIndex, selectedRowId} from './input/selection.js';
import {useKeyboard} from './input/use-keyboard.js';
import {writeAccess} from './input/write-access.js';
import {computeLayout, type PaneId} from './layout.js';
import {sortableColumns} from './panes/pane-list.js';
import type {PaneDefinition} from './panes/pane-rows.js';
import {actionTargets} from './screen/action-targets.js';
import {FooterLine} from './screen/footer-line.js';
import {PanesView} from './screen/panes-view.js';
import {useScreenWants} from './screen/use-screen-wants.js';
import {defaultSorts, paneDefinitions, usePaneData} from './screen/use-pane-data.js';
import {TaskDefinitionsView, useTaskDefinitionList} from './task-definitions-view.js';
import {createUiStore, updateUi, useUi, UiStoreContext, useUiStore} from './ui-store.js';
import {initialUiState, withTextViewport, type TextViewport} from './ui-state.js';

export type AppProps = {
	readonly readOnly: boolean;
	readonly onQuit: () => void;
	/**
	 * `:region [NAME]` / `:profile [NAME]`: reconnect elsewhere (no name: back to the start); the
	 * caller keeps the session when the switch is refused, and answers why.
	 */
	readonly onSwitch?: (target: {
		region?: string | undefined;
		profile?: string | undefined;
	}) => Promise<string | undefined>;
	/** The write keys' action layer; without it (or under --read-only) they are refused. */
	readonly actions?: ActionRunner;
	/** `--service NAME`: the search whose answer the screen starts on. */
	readonly startService?: ServiceSearch | undefined;
};

/** The App's own UI store, made once, for its parts to select from. */
export function App(props: AppProps) {
	const {startService} = props;
	const [ui] = useState(() =>
		createUiStore(
			initialUiState(
				defaultSorts,
				startService === undefined
					? {}
					: {focused: 'services', message: searchingMessage(startService.getState().service)},
			),
		),
	);
	return (
		<UiStoreContext.Provider value={ui}>
			<Dashboard {...props} />
		</UiStoreContext.Provider>
	);
}

function Dashboard({readOnly, onQuit, onSwitch, actions, startService}: AppProps) {
	const fleet = useFleetStore();
	const ui = useUiStore();
	const {columns, rows} = useTerminalSize();
	const writes = useMemo(() => writeAccess(readOnly, actions), [readOnly, actions]);
	useStartService(startService, ui);

	const data = usePaneData();
	const {lists, context} = data;
	const taskDefinitionList = useTaskDefinitionList();
	const focused = useUi((state) => state.focused);
	const selected = useUi((state) => state.selected);
	const overlay = useUi((state) => state.overlay);
	const dialog = useUi((state) => state.dialog);
	const marked = useUi((state) => state.marked);
	const selectedIndexOf = (pane: PaneId) => selectedIndex(lists[pane], selected[pane]);

	// Rows are built as the table asks for them (the rows in view), with their marks drawn in.
	const rowMarks = useRowMarks(actions);
	const paneRows = {
		clusters: usePaneRows(
			'clusters',
			paneDefinitions.clusters,
			lists.clusters,
			context,
			rowMarks,
			marked,
		),
		instances: usePaneRows(
			'instances',
			paneDefinitions.instances,
			lists.instances,
			context,
			rowMarks,
			marked,
		),
		services: usePaneRows(
			'services',
			paneDefinitions.services,
			lists.services,
			context,
			rowMarks,
			marked,
		),
		tasks: usePaneRows('tasks', paneDefinitions.tasks, lists.tasks, context, rowMarks, marked),
	};

	// The text view on screen says after each render how far it scrolls and how long its page is:
	// G goes to its end, PgDn by the lines it shows, and a scroll never runs past the end.
	const onViewport = useCallback(
		(viewport: TextViewport) => updateUi(ui, (state) => withTextViewport(state, viewport)),
		[ui],
	);

	const dialogWrites = useDialogWrites(actions, ui, (result: ActionResult) => {
		// Tasks run by hand belong to no service: show the cluster's tasks, where they arrive.
		if (result.kind !== 'run-task' || result.status !== 'succeeded') return;
		const clusterArn = fleet.getState().focus.clusterArn;
		if (clusterArn !== undefined) fleet.getState().wants.setFocus({clusterArn});
		updateUi(ui, (state) => ({
			...state,
			serviceScoped: false,
			focused: 'tasks',
			overlay: {kind: 'none'},
		}));
	});

	// An open dialog sits under the panes, which give up the rows it needs.
	const dialogBox =
		dialog === undefined || dialogWrites.preview === undefined
			? undefined
			: (() => {
					// The box's inner width: its border takes two columns.
					const lines = dialogLines(dialog, dialogWrites.preview, columns - 2);
					return {lines, height: dialogHeight(lines, Math.max(3, rows - 3))};
				})();
	const fullLayout = computeLayout({columns, rows, focused});
	const layout =
		dialogBox === undefined
			? fullLayout
			: computeLayout({columns, rows: rows - dialogBox.height, focused});
	const paneHeight = (pane: PaneId) =>
		layout.panes.find((rect) => rect.pane === pane)?.height ?? rows;

	// Sparklines for the rows on screen, and a screen's height either side of the selection.
	const visibleIds = (pane: 'clusters' | 'services'): readonly string[] => {
		if (!layout.panes.some((rect) => rect.pane === pane)) return [];
		const height = paneHeight(pane);
		const index = selectedIndexOf(pane);
		return lists[pane].ids.slice(Math.max(0, index - height), index + height);
	};
	useScreenWants({
		data,
		selectedClusterArn: selectedRowId(lists.clusters, selected.clusters),
		selectedServiceArn: selectedRowId(lists.services, selected.services),
		visibleClusterArns: visibleIds('clusters'),
		visibleServiceArns: visibleIds('services'),
	});

	const screen = (): Screen => {
		const {focus, paused} = fleet.getState();
		return {
			lists,
			// A page is the rows a pane shows: its height less the borders and the header line.
			pageRows: {
				clusters: paneHeight('clusters') - 3,
				instances: paneHeight('instances') - 3,
				services: paneHeight('services') - 3,
				tasks: paneHeight('tasks') - 3,
			},
			sortable: (pane) =>
				sortableColumns(
					paneDefinitions[pane] as PaneDefinition<unknown>,
					(lists[pane].items as readonly unknown[])[0],
				),
			taskDefinitions: {
				families: taskDefinitionList.rows.map((row) => row.id),
				newest: taskDefinitionList.newest,
				pageRows: rows - 6,
			},
			focus,
			paused,
			writes,
			canSwitch: onSwitch !== undefined,
		};
	};
	useKeyboard({
		ui,
		screen,
		run: (effect, turn) =>
			runEffect(effect, turn, {
				fleet,
				ui,
				onQuit,
				onSwitch,
				writes: dialogWrites,
				actionTargets: () => actionTargets(ui.getState(), data, taskDefinitionList),
			}),
	});

	if (fullLayout.mode === 'too-small') {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)}>
				<TooSmall columns={columns} rows={rows} />
			</Box>
		);
	}

	const bodyHeight = layout.root.height - 2;
	let body;
	if (layout.mode === 'too-small') {
		// The dialog needs the room: the panes come back when it closes.
		body = null;
	} else if (overlay.kind === 'help') {
		body = (
			<Help
				width={columns}
				height={bodyHeight}
				readOnly={readOnly}
				scroll={overlay.scroll}
				onViewport={onViewport}
			/>
		);
	} else if (overlay.kind === 'detail') {
		body = (
			<DetailPanel
				pane={overlay.pane}
				id={overlay.id}
				scroll={overlay.scroll}
				width={columns}
				height={bodyHeight}
				onViewport={onViewport}
			/>
		);
	} else if (overlay.kind === 'task-definitions') {
		body = (
			<TaskDefinitionsView
				list={taskDefinitionList}
				selectedIndex={Math.max(
					0,
					taskDefinitionList.rows.findIndex((row) => row.id === overlay.selected),
				)}
				openedArn={overlay.opened}
				scroll={overlay.scroll}
				width={columns}
				height={bodyHeight}
				onViewport={onViewport}
			/>
		);
	} else {
		body = (
			<PanesView
				layout={layout}
				width={columns}
				data={data}
				rows={paneRows}
				selectedIndex={selectedIndexOf}
			/>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={fullLayout.root.height}>
			<Header width={columns} readOnly={readOnly} />
			{body}
			<Box flexGrow={1} />
			{dialog !== undefined && dialogBox !== undefined && (
				<ActionDialogBox
					dialog={dialog}
					lines={dialogBox.lines}
					width={columns}
					height={dialogBox.height}
				/>
			)}
			<FooterLine width={columns} writes={writes} />
		</Box>
	);
}
