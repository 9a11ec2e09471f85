/**
 * The live dashboard: header, the panes the terminal has room for, the view over them (help,
 * details, the `:td` list), a confirmation dialog and the footer. A shell: the UI state lives in
 * the UI store, keys go through the pure dispatcher (input/), what the screen wants fetched is
 * told to the fleet store (screen/use-screen-wants.ts), and the parts draw themselves
 * (screen/). See docs/ui-architecture.md.
 */
import {Box} from 'ink';
import {useMemo, useState} from 'react';
import type {ActionRunner} from '../store/writes/types.js';
import type {ServiceSearch} from '../store/service-search.js';
import {TooSmall} from './components/too-small.js';
import {ActionDialogBox, dialogHeight, dialogLines} from './dialogs/action-dialog.js';
import {useDialogWrites} from './dialogs/use-dialog-writes.js';
import {DrawBoundary} from './components/draw-boundary.js';
import {Header} from './header.js';
import {useFleetStore} from './hooks/use-fleet.js';
import {searchingMessage, useStartService} from './hooks/use-start-service.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {afterWrite, runEffect} from './input/run-effect.js';
import {selectedIndex, selectedRowId} from './input/selection.js';
import {useKeyboard} from './input/use-keyboard.js';
import {writeAccess} from './input/write-access.js';
import {computeLayout} from './layout.js';
import {actionTargets} from './screen/action-targets.js';
import {FooterLine} from './screen/footer-line.js';
import {keyScreen} from './screen/key-screen.js';
import {ScreenBody} from './screen/screen-body.js';
import {defaultSorts, usePaneData} from './screen/use-pane-data.js';
import {useScreenWants} from './screen/use-screen-wants.js';
import {useProblemHistory} from './hooks/use-problem-history.js';
import {useTaskDefinitionList} from './task-definitions-view.js';
import {createUiStore, useUi, UiStoreContext, useUiStore} from './ui-store.js';
import {initialUiState} from './ui-state.js';

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
	const fleet = useFleetStore();
	const [ui] = useState(() => {
		// The tasks start as the fleet is focused: a whole cluster's, unless a service is.
		const taskService = fleet.getState().focus.serviceArn;
		return createUiStore(
			initialUiState(
				defaultSorts,
				startService === undefined
					? {taskService}
					: {
							focused: 'services',
							message: searchingMessage(startService.getState().service),
							taskService,
						},
			),
		);
	});
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
	// Whether the write keys are bound, decided here once for the keys, the footer and the help.
	const writes = useMemo(() => writeAccess(readOnly, actions), [readOnly, actions]);
	useStartService(startService, ui);

	const data = usePaneData();
	const {lists} = data;
	const taskDefinitionList = useTaskDefinitionList();
	const focused = useUi((state) => state.focused);
	const selected = useUi((state) => state.selected);
	const dialog = useUi((state) => state.dialog);
	const overlay = useUi((state) => state.overlay);
	const dialogWrites = useDialogWrites(actions, ui, (result) => afterWrite(result, fleet, ui));

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

	// Sparklines for the rows on screen, and a screen's height either side of the selection.
	const visibleIds = (pane: 'clusters' | 'services'): readonly string[] => {
		const rect = layout.panes.find((shown) => shown.pane === pane);
		if (rect === undefined) return [];
		const index = selectedIndex(lists[pane], selected[pane]);
		return lists[pane].ids.slice(Math.max(0, index - rect.height), index + rect.height);
	};
	// The header's short problem names, whole in the message history (m, :messages).
	useProblemHistory();
	useScreenWants({
		data,
		selectedClusterArn: selectedRowId(lists.clusters, selected.clusters),
		visibleClusterArns: visibleIds('clusters'),
		visibleServiceArns: visibleIds('services'),
	});

	const canSwitch = onSwitch !== undefined;
	useKeyboard({
		ui,
		screen: () =>
			keyScreen(
				{lists, definitions: data.definitions, layout, rows, taskDefinitionList, writes, canSwitch},
				fleet,
			),
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
	return (
		<Box flexDirection="column" width={columns} height={fullLayout.root.height}>
			<Header width={columns} readOnly={readOnly} />
			<DrawBoundary what="view" resetKey={overlay}>
				<ScreenBody
					layout={layout}
					width={columns}
					readOnly={readOnly}
					data={data}
					taskDefinitionList={taskDefinitionList}
					runner={actions}
				/>
			</DrawBoundary>
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
