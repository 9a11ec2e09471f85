import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {previewPlanId} from '../../../source/store/writes/runner.js';
import type {ActionRequest} from '../../../source/store/writes/types.js';

type ScaleService = Extract<ActionRequest, {kind: 'scale-service'}>;
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

// An edit dialog shows the plan its fields would make on every frame it draws; that preview must
// be the plan the user will confirm, without minting a confirmation per frame nor being sendable.
describe('previewing a plan while a dialog is edited', () => {
	let fleet: ActionFleet;
	let request: ScaleService;

	beforeAll(async () => {
		fleet = await startActionFleet();
		const web = await focus(fleet, 'web');
		const api = fleet.store.getState().clusterViews[web]!.services.find((s) => s.name === 'api')!;
		request = {
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api.arn,
			desiredCount: api.desiredCount + 3,
		};
	});

	afterAll(async () => {
		await fleet.close();
	});

	it('shows what the plan to confirm will say', () => {
		const preview = fleet.runner.preview!(request);
		const planned = fleet.runner.plan(request);
		if (!preview.ok || !planned.ok) throw new Error('the request should plan');
		const {id: previewId, ...shown} = preview.plan;
		const {id: plannedId, ...confirmed} = planned.plan;
		expect(shown).toEqual(confirmed);
		expect(previewId).toBe(previewPlanId);
		expect(plannedId).not.toBe(previewPlanId);
	});

	it('answers every frame with the same plan until the fields or the fleet change', async () => {
		const first = fleet.runner.preview!(request);
		expect(fleet.runner.preview!({...request})).toBe(first);
		const other = fleet.runner.preview!({...request, desiredCount: 0});
		expect(other).not.toBe(first);
		expect(other.ok && other.plan.changes).toEqual([expect.stringMatching(/ -> 0$/)]);
		await fleet.advanceAndRefresh(60_000);
		expect(fleet.runner.preview!(request)).not.toBe(first);
	});

	it('cannot be sent', async () => {
		const preview = fleet.runner.preview!(request);
		if (!preview.ok) throw new Error(preview.refusal);
		const result = await fleet.runner.confirm(preview.plan);
		expect(result.status).toBe('refused');
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('is refused under --read-only, as the plan is', () => {
		const readOnly = fleet.makeRunner({readOnly: true});
		try {
			expect(readOnly.preview!(request)).toEqual(readOnly.plan(request));
			expect(readOnly.preview!(request).ok).toBe(false);
		} finally {
			readOnly.dispose();
		}
	});
});
