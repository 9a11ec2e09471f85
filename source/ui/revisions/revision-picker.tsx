/**
 * `U`'s picker: the revisions of the service's family, newest first, the running one marked, each
 * with what differs from it. Enter on one opens the deploy confirmation; Esc closes. The family
 * is listed and its revisions described only while this is open (the screen's wants).
 */
import {taskDefinitionName} from '../../model/arn.js';
import {useFleet} from '../hooks/use-fleet.js';
import type {Overlay} from '../ui-state.js';
import {RevisionTable} from './revision-table.js';

export type RevisionPickerProps = {
	readonly overlay: Extract<Overlay, {kind: 'revisions'}>;
	readonly serviceName: string | undefined;
	readonly width: number;
	readonly height: number;
};

export function RevisionPicker({overlay, serviceName, width, height}: RevisionPickerProps) {
	const {family, running} = overlay;
	const problem = useFleet(
		(state) => state.problems['family-revisions'] ?? state.problems['task-definitions'],
	);
	const loaded = useFleet((state) => state.familyRevisions[family] !== undefined);
	const who = serviceName ?? 'the service';
	return (
		<RevisionTable
			family={family}
			running={running}
			selected={overlay.selected}
			heading={`Deploy a revision to ${who} (runs ${taskDefinitionName(running)})`}
			hints="Enter deploy, Esc close"
			emptyText={problem?.message ?? (loaded ? `no ACTIVE revision of ${family}` : 'loading…')}
			width={width}
			height={height}
		/>
	);
}
