// Undo over the simulator: every reversible change of the session is remembered, newest first,
// as the request that puts it back; each undo is planned against the fleet as it is now and sent
// once, like any change, and what it sent is what the simulator's request log shows.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ActionRequest, PlanOutcome} from '../../../source/store/writes/types.js';
import {nothingToUndo} from '../../../source/store/writes/undo.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	await fleet.close();
});

function planned(outcome: PlanOutcome) {
	if (!outcome.ok) throw new Error(outcome.refusal);
	return outcome.plan;
}

async function apply(request: ActionRequest) {
	const result = await fleet.runner.confirm(planned(fleet.runner.plan(request)));
	expect(result.status).toBe('succeeded');
	await fleet.poller.whenIdle();
	return result;
}

const undoList = () => fleet.runner.state.getState().undo;

describe('undo of every reversible change', () => {
	it('remembers capacity, drain and desired-count changes newest first, and puts back the one chosen', async () => {
		const batch = await focus(fleet, 'batch');
		await apply({
			kind: 'scale-cluster',
			clusterArn: batch,
			autoScalingGroupName: 'batch-asg',
			desiredCapacity: 4,
		});
		const web = await focus(fleet, 'web');
		const instance = fleet.store.getState().clusterViews[web]!.containerInstances[0]!;
		await apply({
			kind: 'set-instance-state',
			clusterArn: web,
			containerInstanceArns: [instance.arn],
			status: 'DRAINING',
		});
		const api = fleet.store.getState().clusterViews[web]!.services.find((s) => s.name === 'api')!;
		await apply({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api.arn,
			desiredCount: api.desiredCount + 2,
		});
		// A change that cannot be put back leaves no entry.
		await apply({kind: 'force-deployment', clusterArn: web, serviceArn: api.arn});

		expect(undoList().map((entry) => [entry.kind, entry.change])).toEqual([
			['scale-service', `api desired ${api.desiredCount} -> ${api.desiredCount + 2}`],
			['set-instance-state', `${instance.ec2InstanceId} ACTIVE -> DRAINING`],
			['scale-cluster', 'batch-asg desired capacity 3 -> 4'],
		]);
		const sentBefore = (await fleet.writeRequests()).length;

		// The middle one: the drain, put back to ACTIVE.
		const drainEntry = undoList()[1]!;
		const undoDrain = planned(fleet.runner.plan({kind: 'undo', entryId: drainEntry.id}));
		expect(undoDrain.title).toBe('Undo: re-activate container instance');
		expect(undoDrain.changes).toEqual([
			`${instance.ec2InstanceId} (${instance.instanceType}) DRAINING -> ACTIVE`,
		]);
		expect(undoDrain.cliCommands[0]).toContain(
			`update-container-instances-state --cluster web --container-instances ${instance.id} --status ACTIVE`,
		);
		// Planning (a dialog opened, then cancelled) sends nothing.
		expect(await fleet.writeRequests()).toHaveLength(sentBefore);

		const result = await fleet.runner.confirm(undoDrain);
		expect(result).toMatchObject({kind: 'undo', status: 'succeeded'});
		// Confirmed twice, sent once.
		expect(await fleet.runner.confirm(undoDrain)).toMatchObject({status: 'refused'});
		const sent = (await fleet.writeRequests()).slice(sentBefore);
		expect(sent.map((entry) => [entry.operation, entry.input['status']])).toEqual([
			['UpdateContainerInstancesState', 'ACTIVE'],
		]);
		await fleet.poller.whenIdle();
		expect(
			fleet.store
				.getState()
				.clusterViews[web]!.containerInstances.find((i) => i.arn === instance.arn)?.status,
		).toBe('ACTIVE');
		// The undone change leaves the list; an undo adds nothing to it.
		expect(undoList().map((entry) => entry.kind)).toEqual(['scale-service', 'scale-cluster']);

		// The oldest: the group's capacity back to 3, and the world follows.
		await focus(fleet, 'batch');
		const undoCapacity = planned(fleet.runner.plan({kind: 'undo', entryId: undoList()[1]!.id}));
		expect(undoCapacity.changes).toEqual(['batch-asg desired capacity 4 -> 3 (min 1, max 6)']);
		await fleet.runner.confirm(undoCapacity);
		const last = (await fleet.writeRequests()).at(-1)!;
		expect([last.operation, last.input['DesiredCapacity']]).toEqual(['SetDesiredCapacity', '3']);
		await fleet.poller.whenIdle();
		expect(fleet.store.getState().clusterViews[batch]!.autoScalingGroups[0]!.desiredCapacity).toBe(
			3,
		);

		// u: the newest, the desired count.
		await focus(fleet, 'web');
		const undoCount = planned(fleet.runner.planUndo());
		expect(undoCount.changes).toEqual([
			`api desired ${api.desiredCount + 2} -> ${api.desiredCount}`,
		]);
		await fleet.runner.confirm(undoCount);
		expect(undoList()).toEqual([]);
		expect(fleet.runner.planUndo()).toEqual({ok: false, refusal: nothingToUndo});
	}, 60_000);

	it('puts back a revision change: the service runs the revision it ran before', async () => {
		const web = await focus(fleet, 'web');
		const api = () =>
			fleet.store.getState().clusterViews[web]!.services.find((s) => s.name === 'api')!;
		const running = api().taskDefinition;
		expect(running).toMatch(/:3$/);
		const older = running.replace(/:3$/, ':2');
		// The revisions a picker would show, described, as U has them before it plans.
		fleet.store.getState().wants.showRevisions('api', [older]);
		await fleet.poller.whenIdle();
		await apply({
			kind: 'deploy-revision',
			clusterArn: web,
			serviceArn: api().arn,
			taskDefinition: older,
		});
		expect(undoList().map((entry) => [entry.kind, entry.change])).toEqual([
			['deploy-revision', 'api :3 -> :2'],
		]);
		const sentBefore = (await fleet.writeRequests()).length;
		const undo = planned(fleet.runner.planUndo());
		expect(undo.title).toMatch(/^Undo: /);
		expect(undo.cliCommands[0]).toContain('--task-definition api:3 ');
		await fleet.runner.confirm(undo);
		const sent = (await fleet.writeRequests()).slice(sentBefore);
		expect(sent.map((entry) => [entry.operation, entry.input['taskDefinition']])).toEqual([
			['UpdateService', running],
		]);
		await fleet.poller.whenIdle();
		expect(api().taskDefinition).toBe(running);
		expect(undoList()).toEqual([]);
	}, 60_000);

	it('warns when the value was changed since, and refuses under --read-only', async () => {
		const web = await focus(fleet, 'web');
		const api = () =>
			fleet.store.getState().clusterViews[web]!.services.find((s) => s.name === 'api')!;
		const start = api().desiredCount;
		await apply({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api().arn,
			desiredCount: start + 1,
		});
		await apply({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api().arn,
			desiredCount: start + 3,
		});
		const older = undoList()[1]!;
		const plan = planned(fleet.runner.plan({kind: 'undo', entryId: older.id}));
		expect(plan.changes).toEqual([`api desired ${start + 3} -> ${start}`]);
		expect(plan.warnings[0]).toBe(
			`It was changed since ecs-top made it ${start + 1}: it is ${start + 3} now`,
		);

		const readOnly = fleet.makeRunner({readOnly: true});
		expect(readOnly.plan({kind: 'undo', entryId: older.id})).toMatchObject({ok: false});
		expect(await readOnly.confirm(plan)).toMatchObject({status: 'refused'});
		expect((await fleet.writeRequests()).map((entry) => entry.input['desiredCount'])).toEqual([
			start + 1,
			start + 3,
		]);
	});
});
