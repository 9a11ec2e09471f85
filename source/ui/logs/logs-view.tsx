/**
 * The log view (`l`), drawn over the panes like a detail: a status line (what is read, follow,
 * search, what was dropped or cannot be read), then the lines, newest at the bottom. It tells the
 * fleet store what it shows while mounted, and nothing is read once it closes.
 */
import {Box} from 'ink';
import {useEffect, useLayoutEffect, useMemo} from 'react';
import type {DataProblem, LogView} from '../../store/fleet-store.js';
import {Pane, paneContentSize} from '../components/pane.js';
import {Text} from '../components/text.js';
import {padCell} from '../format.js';
import {useFleet, useFleetStore} from '../hooks/use-fleet.js';
import {useTheme} from '../theme.js';
import type {TextViewport} from '../ui-state.js';
import {logRows, matchingLines, type RowOptions} from './log-rows.js';
import type {LogsOverlay} from './logs-overlay.js';
import {groupThousands} from '../../text/plain-order.js';

export type LogsViewProps = {
	readonly overlay: LogsOverlay;
	readonly width: number;
	readonly height: number;
	readonly onViewport: (viewport: TextViewport) => void;
};

const noLines: LogView['buffer']['lines'] = [];

/** What the view says above the lines: why there are none, or what is missing. */
export function statusNotes(
	view: LogView | undefined,
	problem: DataProblem | undefined,
): {text: string; tone: 'warn' | 'error' | 'muted'}[] {
	const notes: {text: string; tone: 'warn' | 'error' | 'muted'}[] = [];
	if (problem !== undefined) notes.push({text: problem.message, tone: 'error'});
	if (view === undefined) return notes;
	for (const note of view.notes) notes.push({text: note, tone: 'warn'});
	for (const container of view.unreadable)
		notes.push({
			text: `container ${container.container} (task ${container.taskId.slice(0, 8)}) ${container.reason}`,
			tone: 'warn',
		});
	if (view.waiting > 0)
		notes.push({text: `waiting for the task definition of ${view.waiting} task(s)`, tone: 'muted'});
	if (view.streamsLeftOut > 0)
		notes.push({
			text: `${view.streamsLeftOut} older stream(s) left out: CloudWatch merges at most 100`,
			tone: 'muted',
		});
	if (view.buffer.dropped > 0)
		notes.push({
			text: `${groupThousands(view.buffer.dropped)} older lines dropped (the view keeps the newest ${groupThousands(view.buffer.lines.length)})`,
			tone: 'muted',
		});
	if (
		view.loaded &&
		view.streams.length === 0 &&
		view.unreadable.length === 0 &&
		problem === undefined
	)
		notes.push({
			text:
				view.target.kind === 'service'
					? 'no running task of this service to read'
					: 'this task is no longer known: it stopped long ago, or left the selected scope',
			tone: 'muted',
		});
	return notes;
}

function headline(overlay: LogsOverlay, view: LogView | undefined, shown: number): string {
	const groups = [...new Set((view?.streams ?? []).map((stream) => stream.group))];
	const streams = view?.streams.length ?? 0;
	const parts = [`Logs: ${overlay.title}`];
	if (groups.length > 0)
		parts.push(`${streams} stream${streams === 1 ? '' : 's'} in ${groups.join(', ')}`);
	parts.push(overlay.follow ? 'following' : 'follow off (f)');
	if (overlay.search !== '' || overlay.searching)
		parts.push(
			`/${overlay.search}${overlay.searching ? '_' : ''}: ${shown} of ${view?.buffer.lines.length ?? 0} lines`,
		);
	return parts.join('  ·  ');
}

export function LogsView({overlay, width, height, onViewport}: LogsViewProps) {
	const theme = useTheme();
	const store = useFleetStore();
	const view = useFleet((state) => state.logView);
	const problem = useFleet((state) => state.problems.logs);

	// Logs are read only while the view is open, and follow only while it says so.
	const {target, follow} = overlay;
	const targetKey = target.kind === 'task' ? target.taskArn : target.serviceArn;
	useEffect(() => {
		store.getState().wants.showLogs(target, {follow});
		// The target is named by targetKey; the object itself changes with every key.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [store, targetKey, follow]);
	useEffect(() => () => store.getState().wants.showLogs(undefined), [store]);

	const inner = paneContentSize(width, height);
	const lines = view?.buffer.lines ?? noLines;
	const shown = useMemo(() => matchingLines(lines, overlay.search), [lines, overlay.search]);
	const notes = statusNotes(view, problem);
	const several = new Set(view?.streams.map((stream) => stream.taskId)).size > 1;
	const source: RowOptions['source'] = several
		? 'task'
		: (view?.streams.length ?? 0) > 1
			? 'container'
			: 'none';
	const rows = useMemo(
		() =>
			logRows(shown, {
				width: inner.width,
				wrap: overlay.wrap,
				timestamps: overlay.timestamps,
				source,
				ellipsis: theme.glyphs.ellipsis,
			}),
		[shown, inner.width, overlay.wrap, overlay.timestamps, source, theme.glyphs.ellipsis],
	);

	// The status line, at most three notes, then the lines.
	const noteRows = notes.slice(0, 3);
	const room = Math.max(1, inner.height - 1 - noteRows.length);
	const maxScroll = Math.max(0, rows.length - room);
	const first = overlay.atEnd ? maxScroll : Math.min(overlay.scroll, maxScroll);
	useLayoutEffect(() => onViewport({maxScroll, page: room}), [maxScroll, room, onViewport]);

	const empty =
		rows.length === 0
			? view?.loaded === true
				? overlay.search === ''
					? 'no lines yet'
					: `no line contains "${overlay.search}"`
				: 'reading…'
			: undefined;
	const position =
		rows.length > room
			? ` [${first + 1}-${Math.min(rows.length, first + room)}/${rows.length}]`
			: '';

	return (
		<Pane
			title={`Logs${position}  (Esc back, f follow, w wrap, T time, / search)`}
			focused
			width={width}
			height={height}
		>
			<Box flexDirection="column" width={inner.width} height={inner.height}>
				<Text wrap="truncate" {...theme.header}>
					{padCell(
						headline(overlay, view, shown.length),
						inner.width,
						'left',
						theme.glyphs.ellipsis,
					)}
				</Text>
				{noteRows.map((note, index) => (
					<Text key={`note-${index}`} wrap="truncate" {...theme.status[note.tone]}>
						{padCell(note.text, inner.width, 'left', theme.glyphs.ellipsis)}
					</Text>
				))}
				{empty === undefined ? null : (
					<Text wrap="truncate" {...theme.status.muted}>
						{empty}
					</Text>
				)}
				{rows.slice(first, first + room).map((row, index) => (
					<Text key={first + index} wrap="truncate">
						<Text {...theme.status.muted}>{row.prefix}</Text>
						{row.text}
					</Text>
				))}
			</Box>
		</Pane>
	);
}
