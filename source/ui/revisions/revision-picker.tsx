/**
 * `U`'s picker: the revisions of the service's family, newest first, the running one marked, each
 * with what differs from it. Enter on one opens the deploy confirmation; Esc closes. The family
 * is listed and its revisions described only while this is open (the screen's wants).
 */
import {useMemo} from 'react';
import {taskDefinitionName} from '../../model/arn.js';
import {Pane, paneContentSize} from '../components/pane.js';
import {Table} from '../components/table.js';
import {useFleet} from '../hooks/use-fleet.js';
import {familyRevisionArns, revisionColumns, revisionIndex, revisionRows} from './revision-list.js';
import type {Overlay} from '../ui-state.js';

export type RevisionPickerProps = {
	readonly overlay: Extract<Overlay, {kind: 'revisions'}>;
	readonly serviceName: string | undefined;
	readonly width: number;
	readonly height: number;
};

export function RevisionPicker({overlay, serviceName, width, height}: RevisionPickerProps) {
	const inner = paneContentSize(width, height);
	const familyRevisions = useFleet((state) => state.familyRevisions);
	const listed = useFleet((state) => state.taskDefinitionArns);
	const definitions = useFleet((state) => state.taskDefinitions);
	const problem = useFleet(
		(state) => state.problems['family-revisions'] ?? state.problems['task-definitions'],
	);
	const now = useFleet((state) => state.dataSets['task-definitions']?.fetchedAt ?? 0);
	const {family, running} = overlay;
	const arns = useMemo(
		() => familyRevisionArns({familyRevisions, taskDefinitionArns: listed}, family, [running]),
		[familyRevisions, listed, family, running],
	);
	const rows = useMemo(
		() => revisionRows({arns, definitions, base: running, running, now}),
		[arns, definitions, running, now],
	);
	const loaded = familyRevisions[family] !== undefined;
	const selectedIndex = revisionIndex(arns, overlay.selected);
	const who = serviceName ?? 'the service';
	return (
		<Pane
			title={`Deploy a revision to ${who} (runs ${taskDefinitionName(running)}) [${selectedIndex + 1}/${arns.length}]  Enter deploy, Esc close`}
			focused
			width={width}
			height={height}
		>
			<Table
				columns={revisionColumns(running)}
				rows={rows}
				selectedIndex={selectedIndex}
				height={inner.height}
				width={inner.width}
				sort={{columnKey: 'revision', direction: 'desc'}}
				focused
				emptyText={problem?.message ?? (loaded ? `no ACTIVE revision of ${family}` : 'loading…')}
			/>
		</Pane>
	);
}
