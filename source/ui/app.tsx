/**
 * The live dashboard: header, the panes the terminal has room for, overlays (help, details,
 * filter and command line) and the footer. It reads the fleet store and changes only what is on
 * screen; the store's actions tell the pollers what to fetch. One key dispatcher (one stable
 * useInput: docs/architecture.md, "Ink pitfalls") maps keys to commands through the keymap table.
 */
import {Box, useInput, usePaste, type Key} from 'ink';
import {Text} from './components/text.js';
import {useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {nameFromArn} from '../model/arn.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import {metricSeriesKey, taskScopeKey, type ClusterView} from '../store/fleet-store.js';
import {Footer} from './components/footer.js';
import {Help} from './components/help.js';
import {Pane, paneContentSize, paneTitle} from './components/pane.js';
import {TabBar} from './components/tab-bar.js';
import {Table, type SortState} from './components/table.js';
import {TooSmall} from './components/too-small.js';
import {DetailPanel} from './detail-panel.js';
import {displayWidth, padCell} from './format.js';
import {Header} from './header.js';
import {useFleet, useFleetStore} from './hooks/use-fleet.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {
	bindingFor,
	dialogHints,
	commandFor,
	footerHints,
	keyLabel,
	keyName,
	keyOfCharacter,
	keymap,
	noKey,
	taskDefinitionListCommands,
	type KeyScope,
} from './keymap.js';
import {computeLayout, type PaneId, type PaneRect} from './layout.js';
import {sortableColumns, type PaneList} from './panes/pane-list.js';
import {useEc2InstanceIds, usePaneList, usePaneRows} from './hooks/use-pane-list.js';
import {
	clustersPane,
	instancesPane,
	servicesPane,
	tasksPane,
	type PaneDefinition,
	type RowContext,
} from './panes/pane-rows.js';
import {asciiMeter, unicodeMeter} from './components/meter.js';
import {TaskDefinitionsView, useTaskDefinitionList} from './task-definitions-view.js';
import type {ActionRunner} from '../store/actions/types.js';
import {ActionDialogBox, dialogHeight, dialogLines} from './actions/action-dialog.js';
import type {ActionTargets} from './actions/open-dialog.js';
import {useActionDialog} from './actions/use-action-dialog.js';
import {useBulkMarks, useRowMarks} from './actions/row-marks.js';
import type {ServiceSearch} from '../store/service-search.js';
import {searchingMessage, useStartService} from './hooks/use-start-service.js';
import {useTheme, type Tone} from './theme.js';
import {
	commandSummary,
	cyclePane,
	initialUiState,
	movedIndex,
	nextSort,
	parseCommand,
	scrolledTo,
	type TextViewport,
	type UiState,
} from './ui-state.js';

const refreshingMessage = 'refreshing…';

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

const definitions = {
	clusters: clustersPane,
	instances: instancesPane,
	services: servicesPane,
	tasks: tasksPane,
} as const;

const defaultSorts: Record<PaneId, SortState> = {
	clusters: clustersPane.defaultSort,
	instances: instancesPane.defaultSort,
	services: servicesPane.defaultSort,
	tasks: tasksPane.defaultSort,
};

const noClusters: readonly Cluster[] = [];
const noServices: readonly Service[] = [];
const noInstances: readonly ContainerInstance[] = [];
const noTasks: readonly Task[] = [];

// The focus follows the selection after the cursor rests this long: scrolling through clusters
// must not start (and abort) a fetch per row passed.
const focusDelayMs = 200;

export function App({readOnly, onQuit, onSwitch, actions, startService}: AppProps) {
	const theme = useTheme();
	const store = useFleetStore();
	const {columns, rows} = useTerminalSize();
	const [ui, setUiState] = useState<UiState>(() =>
		initialUiState(
			defaultSorts,
			startService === undefined
				? {}
				: {
						focused: 'services',
						message: searchingMessage(startService.getState().service),
					},
		),
	);
	// Keys can arrive faster than React renders (tmux send-keys, a paste in pieces, typing during
	// a slow frame): each key must act on the state the previous key left, not on the last render,
	// or `:bogus` becomes `:bs` and two quick j move one row. Every change goes through here.
	const uiRef = useRef(ui);
	const setUi = useCallback((update: (state: UiState) => UiState) => {
		uiRef.current = update(uiRef.current);
		setUiState(uiRef.current);
	}, []);
	const onKeyRef = useRef<(input: string, key: Key) => void>(() => undefined);
	const onPasteRef = useRef<(text: string) => void>(() => undefined);
	useStartService(startService, setUi);

	const clusters = useFleet((state) => state.clusters) ?? noClusters;
	const focus = useFleet((state) => state.focus);
	const clusterView: ClusterView | undefined = useFleet((state) =>
		focus.clusterArn === undefined ? undefined : state.clusterViews[focus.clusterArn],
	);
	const scope = taskScopeKey(focus);
	// t: the scope's stopped tasks (ECS keeps them about an hour), fetched only while shown.
	const showStopped = ui.stoppedTasks;
	const tasksField = showStopped ? 'stoppedTasks' : 'tasks';
	const tasks =
		useFleet((state) => (scope === undefined ? undefined : state[tasksField][scope])) ?? noTasks;
	useEffect(() => {
		store.getState().actions.requestStoppedTasks(showStopped);
	}, [store, showStopped, scope]);
	const metrics = useFleet((state) => state.metrics);
	const tasksFetchedAt = useFleet((state) => state.dataSets.tasks?.fetchedAt);
	const problems = useFleet((state) => state.problems);

	const taskDefinitionList = useTaskDefinitionList();
	const services = clusterView?.services ?? noServices;
	const instances = clusterView?.containerInstances ?? noInstances;

	// Ages are measured from the last fetch, not a ticking clock: the screen changes only when data does.
	const ec2InstanceIds = useEc2InstanceIds(instances);
	const context: RowContext = useMemo(
		() => ({
			now: tasksFetchedAt ?? 0,
			sparklineRamp: theme.glyphs.sparkline,
			meterGlyphs: theme.unicode ? unicodeMeter : asciiMeter,
			metric: (arn, name) => metrics[metricSeriesKey(arn, name)],
			ec2InstanceId: (arn) => ec2InstanceIds.get(arn),
			textKey: ec2InstanceIds,
		}),
		[ec2InstanceIds, metrics, tasksFetchedAt, theme],
	);

	// Sorted and filtered entities: a refresh that keeps the entities keeps the lists.
	const lists = {
		clusters: usePaneList(clustersPane, clusters, ui.filters.clusters, ui.sorts.clusters, context),
		instances: usePaneList(
			instancesPane,
			instances,
			ui.filters.instances,
			ui.sorts.instances,
			context,
		),
		services: usePaneList(servicesPane, services, ui.filters.services, ui.sorts.services, context),
		tasks: usePaneList(tasksPane, tasks, ui.filters.tasks, ui.sorts.tasks, context),
	};

	/** Moves or sets the scroll of the text view on screen (help, details, a task definition). */
	const scrollOverlay = (next: (scroll: number) => number) =>
		setUi((state) => {
			const overlay = state.overlay;
			if (!('scroll' in overlay)) return state;
			const scroll = Math.max(0, next(overlay.scroll));
			return scroll === overlay.scroll ? state : {...state, overlay: {...overlay, scroll}};
		});

	// The text view on screen (help, details, a task definition) says after each render how far it
	// scrolls and how long its page is: G goes to its end, PgDn by the lines it shows, and a scroll
	// never runs past the end, where k would first have to climb back.
	const textViewport = useRef<TextViewport>({maxScroll: 0, page: 1});
	const onTextViewport = useCallback(
		(viewport: TextViewport) => {
			textViewport.current = viewport;
			const {overlay} = uiRef.current;
			if ('scroll' in overlay && overlay.scroll > viewport.maxScroll)
				setUi((state) =>
					'scroll' in state.overlay && state.overlay.scroll > viewport.maxScroll
						? {...state, overlay: {...state.overlay, scroll: viewport.maxScroll}}
						: state,
				);
		},
		[setUi],
	);
	const scrollText = (command: string): boolean => {
		const overlay = uiRef.current.overlay;
		if (!('scroll' in overlay)) return false;
		const scroll = scrolledTo(command, overlay.scroll, textViewport.current);
		if (scroll === undefined) return false;
		scrollOverlay(() => scroll);
		return true;
	};

	// R's note goes once the refresh it asked for has brought the clusters back, not at the next key.
	const clustersFetchedAt = useFleet((state) => state.dataSets.clusters?.fetchedAt);
	useEffect(() => {
		if (uiRef.current.message?.text === refreshingMessage)
			setUi((state) =>
				state.message?.text === refreshingMessage ? {...state, message: undefined} : state,
			);
	}, [clustersFetchedAt, setUi]);

	const say = (text: string, tone: Tone = 'info') =>
		setUi((state) => ({...state, message: {text, tone}}));

	// Whether a selected service scopes the tasks; Esc in the tasks pane, :tasks and run task widen
	// them to the cluster's.
	const wantServiceScope = useRef(true);

	// Write keys: Space marks rows for one bulk confirmation; the dialog shows the plan and sends it.
	const bulk = useBulkMarks();
	const rowMarks = useRowMarks(actions);
	const dialogControl = useActionDialog(
		readOnly ? undefined : actions,
		say,
		bulk.clear,
		(result) => {
			// Tasks run by hand belong to no service: show the cluster's tasks, where they arrive.
			if (result.kind !== 'run-task' || result.status !== 'succeeded') return;
			const clusterArn = store.getState().focus.clusterArn;
			wantServiceScope.current = false;
			if (clusterArn !== undefined) store.getState().actions.setFocus({clusterArn});
			setUi((state) => ({...state, focused: 'tasks', overlay: {kind: 'none'}}));
		},
	);
	// Marks belong to one cluster's rows: another cluster starts unmarked.
	const clearBulk = bulk.clear;
	useEffect(() => clearBulk(), [clearBulk, focus.clusterArn]);
	// Rows are built as the table asks for them (the rows in view), with their marks drawn in.
	const marks = [rowMarks, bulk.marked] as const;
	const paneRowsOf = {
		clusters: usePaneRows('clusters', clustersPane, lists.clusters, context, ...marks),
		instances: usePaneRows('instances', instancesPane, lists.instances, context, ...marks),
		services: usePaneRows('services', servicesPane, lists.services, context, ...marks),
		tasks: usePaneRows('tasks', tasksPane, lists.tasks, context, ...marks),
	};

	/** What a write key acts on: the selected rows, the marked ones, the focused cluster. */
	const actionTargets = (current: UiState): ActionTargets => {
		const pane = current.focused;
		const clusterArn = pane === 'clusters' ? selectedRowId('clusters', current) : focus.clusterArn;
		const serviceArn = selectedRowId('services', current);
		const taskArn = selectedRowId('tasks', current);
		const instanceArn = selectedRowId('instances', current);
		const service = services.find((s) => s.arn === serviceArn);
		const task = tasks.find((t) => t.arn === taskArn);
		const marked = bulk.current();
		const overlay = current.overlay;
		const chosenFamily =
			overlay.kind === 'task-definitions'
				? (overlay.selected ?? taskDefinitionList.rows[0]?.id)
				: undefined;
		return {
			cluster: clusters.find((c) => c.arn === clusterArn),
			service,
			task,
			instance: instances.find((i) => i.arn === instanceArn),
			markedTasks: marked.size === 0 ? [] : tasks.filter((t) => marked.has(t.arn)),
			markedInstances: marked.size === 0 ? [] : instances.filter((i) => marked.has(i.arn)),
			taskDefinition:
				chosenFamily !== undefined
					? taskDefinitionList.newest.get(chosenFamily)
					: pane === 'tasks'
						? (task?.taskDefinitionArn ?? service?.taskDefinition)
						: service?.taskDefinition,
		};
	};

	const onWriteKey = (command: string, current: UiState) => {
		if (readOnly || actions === undefined) {
			say(
				readOnly
					? 'read-only: ecs-top was started with --read-only, so nothing can be changed'
					: 'changes are not available in this view',
				'warn',
			);
			return;
		}
		const pane = current.focused;
		const binding = keymap.find((b) => b.command === command);
		const fromTaskDefinitions = current.overlay.kind === 'task-definitions';
		if (
			binding?.panes !== undefined &&
			!binding.panes.includes(pane) &&
			!(fromTaskDefinitions && command === 'run-task')
		) {
			say(
				`${binding.description.toLowerCase()}: go to the ${binding.panes.join(' or ')} pane first`,
				'warn',
			);
			return;
		}
		if (command === 'mark') {
			const index = selectedIndex(pane, current);
			const id = lists[pane].ids[index];
			if (id === undefined) return;
			bulk.toggle(id);
			// Like htop: Space marks and moves on, so a run of rows is marked by holding it.
			select(pane, Math.min(index + 1, lists[pane].items.length - 1));
			return;
		}
		dialogControl.open(command, actionTargets(current));
	};

	const selectedIndex = (pane: PaneId, state: UiState = ui): number => {
		const list = lists[pane] as PaneList<unknown>;
		const id = state.selected[pane];
		return id === undefined ? 0 : (list.indexOf.get(id) ?? 0);
	};
	const selectedRowId = (pane: PaneId, state: UiState = ui): string | undefined =>
		lists[pane].ids[selectedIndex(pane, state)];

	const selectedClusterArn = selectedRowId('clusters');
	const selectedServiceArn = selectedRowId('services');

	// The selection scopes what is fetched: a cluster scopes instances and services, a service tasks.
	useEffect(() => {
		if (selectedClusterArn === undefined) return;
		// Until the new cluster's services arrive, `services` are the previous cluster's: pairing
		// one of them with the new cluster would fetch tasks of a service that is not there.
		const serviceArn =
			wantServiceScope.current &&
			selectedServiceArn !== undefined &&
			services.some((s) => s.arn === selectedServiceArn && s.clusterArn === selectedClusterArn)
				? selectedServiceArn
				: undefined;
		const timer = setTimeout(
			() => store.getState().actions.setFocus({clusterArn: selectedClusterArn, serviceArn}),
			focusDelayMs,
		);
		return () => clearTimeout(timer);
	}, [store, selectedClusterArn, selectedServiceArn, services]);

	// An open dialog sits under the panes, which give up the rows it needs.
	const dialog = dialogControl.dialog;
	const dialogBox =
		dialog === undefined || dialogControl.preview === undefined
			? undefined
			: (() => {
					// The box's inner width: its border takes two columns.
					const lines = dialogLines(dialog, dialogControl.preview, columns - 2);
					return {lines, height: dialogHeight(lines, Math.max(3, rows - 3))};
				})();
	const fullLayout = computeLayout({columns, rows, focused: ui.focused});
	const layout =
		dialogBox === undefined
			? fullLayout
			: computeLayout({columns, rows: rows - dialogBox.height, focused: ui.focused});
	const paneHeight = (pane: PaneId) =>
		layout.panes.find((rect) => rect.pane === pane)?.height ?? rows;

	// Sparklines for the rows on screen only: CloudWatch bills per metric.
	const visibleIds = (pane: 'clusters' | 'services'): string[] => {
		const shown = layout.panes.some((rect) => rect.pane === pane);
		if (!shown) return [];
		const height = paneHeight(pane);
		const index = selectedIndex(pane);
		return lists[pane].ids.slice(Math.max(0, index - height), index + height);
	};
	const visibleClusterKey = visibleIds('clusters').join(',');
	const visibleServiceKey = visibleIds('services').join(',');
	useEffect(() => {
		store.getState().actions.setVisibleMetrics({
			clusterArns: visibleClusterKey === '' ? [] : visibleClusterKey.split(','),
			serviceArns: visibleServiceKey === '' ? [] : visibleServiceKey.split(','),
		});
	}, [store, visibleClusterKey, visibleServiceKey]);

	// The `:td` list is fetched only while it is on screen, an opened revision only while open.
	const showingTaskDefinitions = ui.overlay.kind === 'task-definitions';
	const openedTaskDefinition =
		ui.overlay.kind === 'task-definitions' ? ui.overlay.opened : undefined;
	useEffect(() => {
		store.getState().actions.showTaskDefinitionList(showingTaskDefinitions);
	}, [store, showingTaskDefinitions]);
	useEffect(() => {
		store.getState().actions.openTaskDefinition(openedTaskDefinition);
	}, [store, openedTaskDefinition]);

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

	const select = (pane: PaneId, index: number | undefined) => {
		const id = index === undefined ? undefined : lists[pane].ids[index];
		if (id === undefined) return;
		if (pane === 'services') wantServiceScope.current = true;
		setUi((state) => ({...state, selected: {...state.selected, [pane]: id}}));
	};

	const runCommand = (text: string) => {
		const parsed = parseCommand(text);
		switch (parsed.kind) {
			case 'pane':
				if (parsed.clearServiceScope) {
					wantServiceScope.current = false;
					if (selectedClusterArn)
						store.getState().actions.setFocus({clusterArn: selectedClusterArn});
				}
				setUi((state) => ({...state, focused: parsed.pane, overlay: {kind: 'none'}}));
				return;
			case 'quit':
				onQuit();
				return;
			case 'region':
			case 'profile': {
				if (onSwitch === undefined) {
					say(`switching ${parsed.kind} is not available here`, 'warn');
					return;
				}
				const name = parsed.kind === 'region' ? parsed.region : parsed.profile;
				say(
					name === undefined
						? `switching back to the ${parsed.kind} ecs-top was started with…`
						: `switching to ${parsed.kind} ${name}…`,
				);
				// A switch that works remounts the App; one refused leaves this session as it was.
				void onSwitch(
					parsed.kind === 'region' ? {region: parsed.region} : {profile: parsed.profile},
				).then((problem) => {
					if (problem !== undefined) say(problem, 'warn');
				});
				return;
			}
			case 'task-definitions':
				setUi((state) => ({
					...state,
					overlay: {kind: 'task-definitions', selected: undefined, opened: undefined, scroll: 0},
				}));
				return;
			case 'error':
				say(parsed.message, 'warn');
				return;
		}
	};

	const onTextKey = (input: string, key: Key, current: UiState) => {
		const overlay = current.overlay;
		if (overlay.kind !== 'filter' && overlay.kind !== 'command') return;
		const command = commandFor(input, key, 'filter');
		if (command === 'interrupt') {
			onQuit();
			return;
		}
		if (command === 'dismiss') {
			setUi((state) =>
				overlay.kind === 'filter'
					? {...state, overlay: {kind: 'none'}, filters: {...state.filters, [overlay.pane]: ''}}
					: {...state, overlay: {kind: 'none'}},
			);
			return;
		}
		if (command === 'submit') {
			if (overlay.kind === 'command') {
				setUi((state) => ({...state, overlay: {kind: 'none'}}));
				runCommand(overlay.text);
			} else {
				setUi((state) => ({...state, overlay: {kind: 'none'}}));
			}
			return;
		}
		const name = keyName(input, key);
		let text = overlay.text;
		if (name === 'backspace' || name === 'delete') text = text.slice(0, -1);
		else if (input.length > 0 && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab) {
			// Pasted text arrives as one string; keep only printable characters.
			text += [...input].filter((character) => character >= ' ' && character !== '\u007f').join('');
		} else return;
		setUi((state) =>
			overlay.kind === 'filter'
				? {...state, overlay: {...overlay, text}, filters: {...state.filters, [overlay.pane]: text}}
				: {...state, overlay: {...overlay, text}},
		);
	};

	// A paste is text, never keys: it goes into the field being typed in (the / filter, the :
	// prompt, a dialog's value), else nowhere. No key of it moves, writes or confirms.
	const onPaste = (text: string) => {
		if (dialogControl.onPaste(text)) return;
		const overlay = uiRef.current.overlay;
		if (overlay.kind !== 'filter' && overlay.kind !== 'command') {
			say('pasted text ignored: paste into / or :', 'warn');
			return;
		}
		const printable = [...text].filter((c) => c >= ' ' && c !== '\u007f').join('');
		setUi((state) => {
			const current = state.overlay;
			if (current.kind === 'filter') {
				const typed = current.text + printable;
				return {
					...state,
					overlay: {...current, text: typed},
					filters: {...state.filters, [current.pane]: typed},
				};
			}
			if (current.kind === 'command')
				return {...state, overlay: {...current, text: current.text + printable}};
			return state;
		});
	};

	// One stable subscription: Ink re-subscribes whenever the handler's
	// identity changes, and keys arriving in between are lost. The ref always holds this render's handler.
	const onKey = (input: string, key: Key) => {
		const current = uiRef.current;
		// An open dialog has the keyboard alone (Ctrl-C, which it passes on, still quits).
		if (dialogControl.onKey(input, key)) return;
		if (current.overlay.kind === 'filter' || current.overlay.kind === 'command') {
			onTextKey(input, key, current);
			return;
		}
		const command = commandFor(input, key, 'list');
		if (command === undefined) return;
		if (current.message !== undefined) setUi((state) => ({...state, message: undefined}));
		const pane = current.focused;
		const overlay = current.overlay;

		// Help and details take the movement keys for scrolling.
		if (overlay.kind === 'help' || overlay.kind === 'detail') {
			if (scrollText(command)) return;
			if (
				command === 'back' ||
				(command === 'help' && overlay.kind === 'help') ||
				command === 'open'
			) {
				setUi((state) => ({...state, overlay: {kind: 'none'}}));
				return;
			}
		}

		if (overlay.kind === 'task-definitions') {
			if (onTaskDefinitionKey(command, overlay)) return;
			if (command.startsWith('pane-') || command.startsWith('focus-')) {
				// Going to a pane leaves the list for it.
				setUi((state) => ({...state, overlay: {kind: 'none'}}));
			} else if (!taskDefinitionListCommands.has(command)) {
				say(
					`${keyLabel(keyName(input, key) ?? input)} acts on the panes: Esc closes the task definitions first`,
					'warn',
				);
				return;
			}
		}

		if (bindingFor(input, key, 'list')?.requiresWrite) {
			onWriteKey(command, current);
			return;
		}

		const moved = movedIndex(
			command,
			selectedIndex(pane, current),
			lists[pane].items.length,
			paneHeight(pane) - 3,
		);
		if (moved !== undefined) {
			select(pane, moved);
			return;
		}

		switch (command) {
			case 'quit':
			case 'interrupt':
				onQuit();
				return;
			case 'help':
				setUi((state) => ({...state, overlay: {kind: 'help', scroll: 0}}));
				return;
			case 'filter':
				setUi((state) => ({...state, overlay: {kind: 'filter', pane, text: state.filters[pane]}}));
				return;
			case 'command':
				setUi((state) => ({...state, overlay: {kind: 'command', text: ''}}));
				return;
			case 'focus-next':
			case 'focus-previous':
				setUi((state) => ({
					...state,
					focused: cyclePane(state.focused, command === 'focus-next' ? 1 : -1),
				}));
				return;
			case 'pane-clusters':
			case 'pane-instances':
			case 'pane-services':
			case 'pane-tasks':
				setUi((state) => ({...state, focused: command.slice('pane-'.length) as PaneId}));
				return;
			case 'refresh':
				store.getState().actions.refreshNow();
				say(refreshingMessage);
				return;
			case 'pause': {
				const paused = store.getState().paused;
				store.getState().actions.setPaused(!paused);
				say(paused ? 'polling resumed' : 'polling paused: p resumes, R refreshes once');
				return;
			}
			case 'toggle-stopped': {
				const stopped = !current.stoppedTasks;
				setUi((state) => ({...state, stoppedTasks: stopped}));
				say(stopped ? 'stopped tasks of the last hour: t shows the running ones' : 'running tasks');
				return;
			}
			case 'sort-previous':
			case 'sort-next': {
				const definition = definitions[pane] as PaneDefinition<unknown>;
				const sample = (lists[pane].items as readonly unknown[])[0];
				const sortable = sortableColumns(definition, sample);
				const step = command === 'sort-next' ? 1 : -1;
				setUi((state) => ({
					...state,
					sorts: {...state.sorts, [pane]: nextSort(sortable, state.sorts[pane], step)},
				}));
				return;
			}
			case 'open': {
				const id = selectedRowId(pane, current);
				if (id === undefined) return;
				if (pane === 'clusters') {
					// Drill down, k9s style: Enter on a cluster goes to its services.
					setUi((state) => ({...state, focused: 'services'}));
					store.getState().actions.setFocus({clusterArn: id});
					return;
				}
				setUi((state) => ({...state, overlay: {kind: 'detail', pane, id, scroll: 0}}));
				return;
			}
			case 'back':
				if (current.filters[pane] !== '')
					setUi((state) => ({...state, filters: {...state.filters, [pane]: ''}}));
				else if (bulk.current().size > 0) {
					bulk.clear();
					say('marks cleared');
				} else if (pane === 'tasks' && focus.serviceArn !== undefined) {
					// Esc widens the tasks from the service's to the whole cluster's.
					wantServiceScope.current = false;
					store.getState().actions.setFocus({clusterArn: focus.clusterArn});
				}
				return;
		}
	};
	// The `:td` view takes movement, Enter and Esc; other keys fall through to the usual ones.
	const onTaskDefinitionKey = (
		command: string,
		overlay: Extract<UiState['overlay'], {kind: 'task-definitions'}>,
	): boolean => {
		const rowsShown = taskDefinitionList.rows;
		if (overlay.opened !== undefined) {
			if (scrollText(command)) return true;
			if (command === 'back' || command === 'open') {
				setUi((state) =>
					state.overlay.kind === 'task-definitions'
						? {...state, overlay: {...state.overlay, opened: undefined, scroll: 0}}
						: state,
				);
				return true;
			}
			return false;
		}
		const index = Math.max(
			0,
			rowsShown.findIndex((row) => row.id === overlay.selected),
		);
		const moved = movedIndex(command, index, rowsShown.length, rows - 6);
		if (moved !== undefined) {
			const family = rowsShown[moved]?.id;
			setUi((state) =>
				state.overlay.kind === 'task-definitions'
					? {...state, overlay: {...state.overlay, selected: family}}
					: state,
			);
			return true;
		}
		if (command === 'open') {
			const family = rowsShown[index]?.id;
			const arn = family === undefined ? undefined : taskDefinitionList.newest.get(family);
			if (arn !== undefined)
				setUi((state) =>
					state.overlay.kind === 'task-definitions'
						? {...state, overlay: {...state.overlay, selected: family, opened: arn, scroll: 0}}
						: state,
				);
			return true;
		}
		if (command === 'back') {
			setUi((state) => ({...state, overlay: {kind: 'none'}}));
			return true;
		}
		return false;
	};

	useLayoutEffect(() => {
		onKeyRef.current = onKey;
		onPasteRef.current = onPaste;
	});
	const dispatchKey = useCallback((input: string, key: Key) => {
		const characters = [...input];
		// Keys pressed faster than a frame (a held j, tmux send-keys, a paste, typing during a busy
		// moment or over SSH) arrive as one read, and Ink recognises a key only when it is the whole
		// read: 'jjj' or 'web\r' came as one unknown key and were lost, Enter and Tab with them.
		// Each character is a key press, shaped as Ink shapes that key pressed alone.
		if (characters.length > 1 && !key.ctrl && !key.meta) {
			for (const character of characters) onKeyRef.current(...keyOfCharacter(character));
			return;
		}
		// Esc and the next key in one read (typed quickly, over SSH, during a frame, or turned into
		// M-key by tmux's escape-time) reach Ink as Alt+key. ecs-top binds no Alt keys, so it was
		// Esc, then the key; without this both are lost.
		if (key.meta && !key.escape && !key.ctrl && characters.length === 1 && input >= ' ') {
			onKeyRef.current('', {...noKey, escape: true, meta: true});
			onKeyRef.current(...keyOfCharacter(input));
			return;
		}
		onKeyRef.current(input, key);
	}, []);
	useInput(dispatchKey);
	const dispatchPaste = useCallback((text: string) => onPasteRef.current(text), []);
	usePaste(dispatchPaste);

	if (fullLayout.mode === 'too-small') {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)}>
				<TooSmall columns={columns} rows={rows} />
			</Box>
		);
	}

	const emptyText = (pane: PaneId): string => {
		if (pane !== 'clusters' && focus.clusterArn === undefined) return 'select a cluster';
		const tasksDataSet = showStopped ? 'stopped-tasks' : 'tasks';
		const dataSet = pane === 'clusters' ? 'clusters' : pane === 'tasks' ? tasksDataSet : 'cluster';
		const problem = problems[dataSet];
		if (problem !== undefined) return problem.message;
		const loaded =
			pane === 'clusters'
				? clusters.length > 0 || undefined
				: pane === 'tasks'
					? scope !== undefined && store.getState()[tasksField][scope] !== undefined
					: clusterView !== undefined;
		if (!loaded && !(pane === 'clusters' && store.getState().dataSets.clusters?.fetchedAt))
			return 'loading…';
		if (ui.filters[pane] !== '') return `nothing matches /${ui.filters[pane]}`;
		if (pane === 'tasks' && showStopped) return 'no task stopped in the last hour';
		return definitions[pane].emptyText;
	};

	const renderPane = (rect: PaneRect) => {
		const pane = rect.pane;
		const list = lists[pane] as PaneList<unknown>;
		const inner = paneContentSize(rect.width, rect.height);
		const filter = ui.filters[pane];
		const name = pane === 'tasks' && showStopped ? 'Stopped tasks' : definitions[pane].name;
		// Marked rows can be out of sight (scrolled away, or marked in a service's tasks before
		// :tasks widened them): the title keeps count, since x and d act on them, not the cursor.
		let marked = 0;
		for (const id of bulk.marked) if (list.indexOf.has(id)) marked++;
		const title =
			paneTitle(`${name}${filter ? ` /${filter}` : ''}`, scopeFor[pane], {
				index: selectedIndex(pane),
				total: list.items.length,
			}) + (marked > 0 ? ` ${marked} marked (Esc unmarks)` : '');
		return (
			<Pane
				key={pane}
				title={title}
				focused={pane === ui.focused}
				width={rect.width}
				height={rect.height}
			>
				<Table
					columns={definitions[pane].columns}
					rows={paneRowsOf[pane]}
					selectedIndex={selectedIndex(pane)}
					height={inner.height}
					width={inner.width}
					sort={ui.sorts[pane]}
					focused={pane === ui.focused}
					emptyText={emptyText(pane)}
				/>
			</Pane>
		);
	};

	let body;
	if (layout.mode === 'too-small') {
		// The dialog needs the room: the panes come back when it closes.
		body = null;
	} else if (ui.overlay.kind === 'help') {
		body = (
			<Help
				width={columns}
				height={layout.root.height - 2}
				readOnly={readOnly}
				scroll={ui.overlay.scroll}
				onViewport={onTextViewport}
			/>
		);
	} else if (ui.overlay.kind === 'detail') {
		const overlay = ui.overlay;
		body = (
			<DetailPanel
				pane={overlay.pane}
				id={overlay.id}
				scroll={overlay.scroll}
				width={columns}
				height={layout.root.height - 2}
				onViewport={onTextViewport}
			/>
		);
	} else if (ui.overlay.kind === 'task-definitions') {
		const overlay = ui.overlay;
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
				height={layout.root.height - 2}
				onViewport={onTextViewport}
			/>
		);
	} else if (layout.mode === 'wide') {
		const [clustersRect, instancesRect, servicesRect, tasksRect] = layout.panes;
		body = (
			<Box flexDirection="column">
				<Box flexDirection="row">
					{clustersRect && renderPane(clustersRect)}
					{instancesRect && renderPane(instancesRect)}
				</Box>
				{servicesRect && renderPane(servicesRect)}
				{tasksRect && renderPane(tasksRect)}
			</Box>
		);
	} else {
		body = (
			<Box flexDirection="column">
				{layout.tabBar && <TabBar focused={ui.focused} width={columns} />}
				{layout.panes.map((rect) => renderPane(rect))}
			</Box>
		);
	}

	const footerLine = () => {
		if (ui.overlay.kind === 'filter' || ui.overlay.kind === 'command') {
			const overlay = ui.overlay;
			const prompt = `${overlay.kind === 'filter' ? '/' : ':'}${overlay.text}_`;
			// What is being typed into, and how to leave it: a bare `/_` said neither.
			const about =
				overlay.kind === 'filter'
					? `  filtering ${definitions[overlay.pane].name.toLowerCase()}: Enter keeps it, Esc clears it`
					: `  ${commandSummary}: Enter runs, Esc cancels`;
			const room = Math.max(0, columns - displayWidth(prompt));
			return (
				<Text wrap="truncate">
					<Text {...theme.keyHint}>{prompt}</Text>
					<Text {...theme.status.muted}>{padCell(about, room, 'left', theme.glyphs.ellipsis)}</Text>
				</Text>
			);
		}
		if (ui.message !== undefined) {
			return (
				<Text wrap="truncate" {...theme.status[ui.message.tone]}>
					{padCell(ui.message.text, columns, 'left', theme.glyphs.ellipsis)}
				</Text>
			);
		}
		const canWrite = !readOnly && actions !== undefined;
		// An open dialog has the keyboard alone: its keys, not the panes'.
		if (dialog !== undefined) {
			return <Footer hints={dialogHints(dialog.step)} width={columns} />;
		}
		const scope: KeyScope = 'list';
		const hints =
			ui.overlay.kind === 'task-definitions'
				? footerHints(scope, {readOnly: !canWrite, only: taskDefinitionListCommands})
				: footerHints(scope, {readOnly: !canWrite, pane: ui.focused});
		return <Footer hints={hints} width={columns} />;
	};

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
			{footerLine()}
		</Box>
	);
}
