/**
 * What fills the screen between the header and the footer: the view over the panes when one is
 * open (help, a detail, the `:td` list), else the panes; nothing while a dialog needs the room.
 */
import {useCallback} from 'react';
import type {ActionRunner} from '../../store/writes/types.js';
import {Help} from '../components/help.js';
import {useFleet} from '../hooks/use-fleet.js';
import {DetailPanel} from '../detail-panel.js';
import {ProblemsView} from '../problems/problems-view.js';
import type {Layout} from '../layout.js';
import {LogsView} from '../logs/logs-view.js';
import {MessagesView} from '../messages-view.js';
import {TaskDefinitionsView, type TaskDefinitionList} from '../task-definitions-view.js';
import {updateUi, useUi, useUiStore} from '../ui-store.js';
import {withTextViewport, type TextViewport} from '../ui-state.js';
import {PanesView} from './panes-view.js';
import {paneDefinitions, type PaneData} from './use-pane-data.js';
import {RevisionPicker} from '../revisions/revision-picker.js';

export type ScreenBodyProps = {
	readonly layout: Layout;
	readonly width: number;
	readonly readOnly: boolean;
	readonly data: PaneData;
	readonly taskDefinitionList: TaskDefinitionList;
	/** The action layer, whose marks the rows show. */
	readonly runner: ActionRunner | undefined;
};

export function ScreenBody({
	layout,
	width,
	readOnly,
	data,
	taskDefinitionList,
	runner,
}: ScreenBodyProps) {
	const ui = useUiStore();
	const overlay = useUi((state) => state.overlay);
	const focused = useUi((state) => state.focused);
	const refreshMs = useFleet((state) => state.refreshMs);
	// The text view on screen says after each render how far it scrolls and how long its page is:
	// G goes to its end, PgDn by the lines it shows, and a scroll never runs past the end.
	const onViewport = useCallback(
		(viewport: TextViewport) => updateUi(ui, (state) => withTextViewport(state, viewport)),
		[ui],
	);
	const height = layout.root.height - 2;

	// The dialog needs the room: the panes come back when it closes.
	if (layout.mode === 'too-small') return null;
	if (overlay.kind === 'help')
		return (
			<Help
				width={width}
				height={height}
				readOnly={readOnly}
				scroll={overlay.scroll}
				refreshMs={refreshMs}
				onViewport={onViewport}
				legend={{
					pane: paneDefinitions[focused].name,
					columns: paneDefinitions[focused].columns,
				}}
			/>
		);
	if (overlay.kind === 'detail')
		return (
			<DetailPanel
				pane={overlay.pane}
				id={overlay.id}
				scroll={overlay.scroll}
				width={width}
				height={height}
				onViewport={onViewport}
				runner={runner}
			/>
		);
	if (overlay.kind === 'messages')
		return (
			<MessagesView
				only={overlay.only}
				scroll={overlay.scroll}
				width={width}
				height={height}
				onViewport={onViewport}
			/>
		);
	if (overlay.kind === 'task-definitions')
		return (
			<TaskDefinitionsView
				list={taskDefinitionList}
				selectedIndex={Math.max(
					0,
					taskDefinitionList.rows.findIndex((row) => row.id === overlay.selected),
				)}
				openedArn={overlay.opened}
				revisions={overlay.revisions}
				scroll={overlay.scroll}
				width={width}
				height={height}
				onViewport={onViewport}
			/>
		);
	if (overlay.kind === 'logs')
		return <LogsView overlay={overlay} width={width} height={height} onViewport={onViewport} />;
	if (overlay.kind === 'revisions')
		return (
			<RevisionPicker
				overlay={overlay}
				serviceName={data.services.find((service) => service.arn === overlay.serviceArn)?.name}
				width={width}
				height={height}
			/>
		);
	if (overlay.kind === 'problems')
		return <ProblemsView selected={overlay.selected} width={width} height={height} />;
	return <PanesView layout={layout} width={width} data={data} runner={runner} />;
}
