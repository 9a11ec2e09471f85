// A family's revisions as U's picker and :td show them: newest first, the running revision listed
// even when the family's listing lacks it, each row saying what differs from the base revision,
// and the title saying where the selection is.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {createFleetStore, type FleetState} from '../../source/store/fleet-store.js';
import {FleetStoreContext} from '../../source/ui/hooks/use-fleet.js';
import {RevisionTable, type RevisionTableProps} from '../../source/ui/revisions/revision-table.js';
import {containerDefinition, now, taskDefinition, taskDefinitionArn} from './details-fixtures.js';

afterEach(cleanup);

function revision(number: number, tag: string) {
	return taskDefinition({
		arn: taskDefinitionArn(`api:${number}`),
		family: 'api',
		revision: number,
		containers: [containerDefinition({name: 'api', image: `example/api:${tag}`})],
	});
}

const api1 = revision(1, '1.40.0');
const api2 = revision(2, '1.41.0');
const api3 = revision(3, '1.42.0');

function renderTable(state: Partial<FleetState>, props: Partial<RevisionTableProps>) {
	const store = createFleetStore({refreshMs: 5_000});
	store.setState({
		taskDefinitions: {[api1.arn]: api1, [api2.arn]: api2, [api3.arn]: api3},
		dataSets: {'task-definitions': {fetchedAt: now, inFlight: false, consecutiveFailures: 0}},
		...state,
	});
	const {lastFrame} = render(
		<FleetStoreContext.Provider value={store}>
			<RevisionTable
				family="api"
				selected={undefined}
				heading="api revisions"
				hints="(Esc back)"
				emptyText="loading…"
				width={100}
				height={10}
				{...props}
			/>
		</FleetStoreContext.Provider>,
	);
	return lastFrame() ?? '';
}

describe('RevisionTable', () => {
	it('lists the running revision, INACTIVE and so not listed, compared with the others', () => {
		const frame = renderTable(
			{familyRevisions: {api: [api3.arn, api2.arn]}},
			{running: api1.arn, selected: api2.arn, heading: 'Deploy a revision to web (runs api:1)'},
		);
		expect(frame).toContain('Deploy a revision to web (runs api:1) [2/3]  (Esc back)');
		expect(frame).toContain('WHAT DIFFERS FROM api:1');
		expect(frame).toMatch(/api:3\s+\S+\s+api: tag 1\.40\.0 -> 1\.42\.0/);
		expect(frame).toMatch(/api:1 \(running\)\s+\S+\s+runs now/);
		expect(frame.indexOf('api:3')).toBeLessThan(frame.indexOf('api:2'));
		expect(frame.indexOf('api:2')).toBeLessThan(frame.indexOf('api:1 (running)'));
	});

	it('compares with the revision marked with v, else the newest', () => {
		const listed = {familyRevisions: {api: [api1.arn, api2.arn, api3.arn]}};
		const marked = renderTable(listed, {marked: api2.arn});
		expect(marked).toContain('api revisions [1/3]');
		expect(marked).toContain('WHAT DIFFERS FROM api:2');
		expect(marked).toMatch(/\*api:2\s+\S+\s+the revision the others are compared with/);
		expect(marked).toMatch(/api:3\s+\S+\s+api: tag 1\.41\.0 -> 1\.42\.0/);

		const newest = renderTable(listed, {});
		expect(newest).toContain('WHAT DIFFERS FROM api:3');
		expect(newest).toMatch(/api:1\s+\S+\s+api: tag 1\.42\.0 -> 1\.40\.0/);
	});

	it('says [0/0] and why the list is empty before the family is listed', () => {
		const frame = renderTable({}, {emptyText: 'loading…'});
		expect(frame).toContain('api revisions [0/0]  (Esc back)');
		expect(frame).toContain('loading…');
	});
});
