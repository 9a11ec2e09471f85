import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {FakeTimers} from '../../../source/store/timers.js';
import type {ActionPlan} from '../../../source/store/writes/types.js';
import {nothingToUndo} from '../../../source/store/writes/undo.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	await fleet.close();
});

const service = (clusterArn: string, name: string) =>
	fleet.store.getState().clusterViews[clusterArn]!.services.find((s) => s.name === name)!;

async function planApi(delta: number): Promise<{web: string; api: string; plan: ActionPlan}> {
	const web = await focus(fleet, 'web');
	const api = service(web, 'api');
	const outcome = fleet.runner.plan({
		kind: 'scale-service',
		clusterArn: web,
		serviceArn: api.arn,
		desiredCount: api.desiredCount + delta,
	});
	if (!outcome.ok) throw new Error(outcome.refusal);
	return {web, api: api.arn, plan: outcome.plan};
}

describe('scale a service', () => {
	it('states the change and the CLI command, sends one UpdateService, and the service converges', async () => {
		const {web, api, plan} = await planApi(2);
		const before = service(web, 'api').desiredCount;
		expect(plan.changes).toEqual([`api desired ${before} -> ${before + 2}`]);
		expect(plan.cliCommands).toEqual([
			`aws ecs update-service --cluster web --service api --desired-count ${before + 2} --region us-east-1 --endpoint-url ${fleet.sim.server.url}`,
		]);
		expect(await fleet.writeRequests()).toEqual([]);

		const result = await fleet.runner.confirm(plan);
		expect(result).toMatchObject({status: 'succeeded', kind: 'scale-service', planId: plan.id});
		expect(result.message).toBe(`api desired count set to ${before + 2} (was ${before})`);
		const sent = await fleet.writeRequests();
		expect(sent.map((entry) => [entry.operation, entry.input.desiredCount])).toEqual([
			['UpdateService', before + 2],
		]);
		expect(fleet.runner.state.getState().inFlight).toEqual({});
		expect(fleet.runner.state.getState().results[0]).toEqual(result);

		// The runner asked for a refresh; once it has run, the store shows the new count.
		await fleet.poller.whenIdle();
		expect(service(web, 'api').desiredCount).toBe(before + 2);
		await fleet.advanceAndRefresh(4 * 60_000);
		expect(service(web, 'api').runningCount).toBe(before + 2);
		expect(fleet.runner.state.getState().marks[api]).toBeUndefined();
	}, 90_000);

	it('keeps an optimistic mark from the confirm until a poll shows the new count', async () => {
		const {api, plan} = await planApi(1);
		fleet.poller.pause();
		const confirming = fleet.runner.confirm(plan);
		const desired = Number(/-> (\d+)/.exec(plan.changes[0]!)![1]);
		expect(fleet.runner.state.getState().marks[api]?.text).toBe(`desired ${desired}, pending`);
		expect(Object.keys(fleet.runner.state.getState().inFlight)).toEqual([plan.target]);
		await confirming;
		// The runner's refreshNow runs even while paused (R does too): the poll drops the mark.
		await fleet.poller.whenIdle();
		expect(fleet.runner.state.getState().marks[api]).toBeUndefined();
		expect(fleet.runner.pendingDesiredCount?.(api)).toBeUndefined();
	});

	it('refuses what AWS would refuse, or what is no change, without a request', async () => {
		const web = await focus(fleet, 'web');
		const api = service(web, 'api');
		const ask = (desiredCount: number) =>
			fleet.runner.plan({
				kind: 'scale-service',
				clusterArn: web,
				serviceArn: api.arn,
				desiredCount,
			});
		const logged = (await fleet.requests()).length;
		expect(ask(-1)).toEqual({
			ok: false,
			refusal:
				'The desired count must be a whole number from 0 to 5000 (the ECS tasks-per-service quota), not -1',
		});
		expect(ask(2.5).ok).toBe(false);
		expect(ask(Number.NaN).ok).toBe(false);
		expect(ask(5_000).ok).toBe(true);
		expect(ask(5_001)).toMatchObject({ok: false, refusal: expect.stringContaining('0 to 5000')});
		expect(ask(api.desiredCount)).toEqual({
			ok: false,
			refusal: `api desired count is already ${api.desiredCount}`,
		});
		expect(fleet.makeRunner({taskQuota: 10}).maxDesiredCount()).toBe(10);
		// Planning alone (a dialog opened, then Esc) never reaches AWS.
		expect((await fleet.requests()).length).toBe(logged);
	});

	it('warns when the cluster cannot place the extra tasks, and says so when it can', async () => {
		const web = await focus(fleet, 'web');
		const api = service(web, 'api');
		const small = fleet.runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api.arn,
			desiredCount: api.desiredCount + 1,
		});
		expect(small.ok && small.plan.warnings).toEqual([]);
		const huge = fleet.runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api.arn,
			desiredCount: 400,
		});
		expect(huge.ok && huge.plan.warnings.join('\n')).toMatch(
			/ACTIVE instances have room for \d+ of the \d+ api tasks to place \(\d+ CPU units, \d+ MiB each\)/,
		);
	});

	it('a read-only runner plans nothing and sends nothing, even a plan made elsewhere', async () => {
		const {plan, web, api} = await planApi(1);
		const readOnly = fleet.makeRunner({readOnly: true});
		expect(readOnly.readOnly).toBe(true);
		expect(
			readOnly.plan({kind: 'scale-service', clusterArn: web, serviceArn: api, desiredCount: 1}),
		).toMatchObject({ok: false, refusal: expect.stringContaining('read-only')});
		expect(readOnly.planUndo()).toMatchObject({ok: false});
		const result = await readOnly.confirm(plan);
		expect(result).toMatchObject({
			status: 'refused',
			message: expect.stringContaining('--read-only'),
		});
		expect(await fleet.writeRequests()).toEqual([]);
		expect(fleet.auditResults()).toEqual([]);
	});

	it('a plan confirmed twice at once, or another plan for the same service in flight, sends one request', async () => {
		const {plan, web, api} = await planApi(1);
		const other = fleet.runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api,
			desiredCount: 9,
		});
		if (!other.ok) throw new Error(other.refusal);
		const results = await Promise.all([
			fleet.runner.confirm(plan),
			fleet.runner.confirm(plan),
			fleet.runner.confirm(other.plan),
		]);
		expect(results.map((result) => result.status)).toEqual(['succeeded', 'refused', 'refused']);
		expect(results[1]!.message).toMatch(/Already sent/);
		expect(results[2]!.message).toMatch(/still in flight/);
		// Confirming the same plan later still sends nothing.
		expect((await fleet.runner.confirm(plan)).status).toBe('refused');
		expect((await fleet.writeRequests()).length).toBe(1);
		expect(fleet.auditResults()).toHaveLength(1);
	});

	it('+ after a sent change counts from the sent value until a poll shows it', async () => {
		const {plan, web, api} = await planApi(1);
		fleet.poller.stop();
		await fleet.runner.confirm(plan);
		const sent = Number(/-> (\d+)/.exec(plan.changes[0]!)![1]);
		expect(fleet.runner.pendingDesiredCount?.(api)).toBe(sent);
		const next = fleet.runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api,
			desiredCount: sent + 1,
		});
		expect(next.ok && next.plan.changes).toEqual([`api desired ${sent} -> ${sent + 1}`]);
		expect(
			fleet.runner.plan({
				kind: 'scale-service',
				clusterArn: web,
				serviceArn: api,
				desiredCount: sent,
			}),
		).toEqual({ok: false, refusal: `api desired count is already ${sent}`});
	});

	it('undo puts the previous count back, once, confirmed like any change', async () => {
		const {plan, web} = await planApi(3);
		const before = service(web, 'api').desiredCount;
		expect(fleet.runner.planUndo()).toEqual({ok: false, refusal: nothingToUndo});
		await fleet.runner.confirm(plan);
		expect(fleet.runner.state.getState().undo).toMatchObject([
			{
				kind: 'scale-service',
				change: `api desired ${before} -> ${before + 3}`,
				reverse: {kind: 'scale-service', desiredCount: before},
				left: String(before + 3),
			},
		]);
		await fleet.poller.whenIdle();
		const undo = fleet.runner.planUndo();
		if (!undo.ok) throw new Error(undo.refusal);
		expect(undo.plan.title).toBe('Undo: scale service');
		expect(undo.plan.changes).toEqual([`api desired ${before + 3} -> ${before}`]);
		const result = await fleet.runner.confirm(undo.plan);
		expect(result).toMatchObject({kind: 'undo', status: 'succeeded'});
		expect(fleet.runner.state.getState().undo).toEqual([]);
		await fleet.poller.whenIdle();
		expect(service(web, 'api').desiredCount).toBe(before);
		const sent = await fleet.writeRequests();
		expect(sent.map((entry) => entry.input.desiredCount)).toEqual([before + 3, before]);
	});

	it('AWS refusals come back as plain results naming the action, and leave no mark', async () => {
		const {plan, api} = await planApi(1);
		await fleet.faults({denied: ['ecs']});
		const denied = await fleet.runner.confirm(plan);
		await fleet.resetFaults();
		expect(denied.status).toBe('failed');
		expect(denied.message).toMatch(
			/^Access denied: ecs:UpdateService is not allowed for arn:aws:iam::\d+:user\/\S+; add it to the IAM policy$/,
		);
		expect(fleet.runner.state.getState().marks[api]).toBeUndefined();
		expect(fleet.runner.state.getState().undo).toEqual([]);

		const again = await planApi(1);
		await fleet.faults({throttleRate: 1, services: ['ecs']});
		const throttled = await fleet.runner.confirm(again.plan);
		await fleet.resetFaults();
		expect(throttled).toMatchObject({status: 'failed'});
		expect(throttled.message).toMatch(
			/^AWS is throttling ecs:UpdateService \(ThrottlingException\)/,
		);

		expect(
			fleet.auditResults().map((entry) => [entry.action, entry.result, entry.errorCode]),
		).toEqual([
			['ecs:UpdateService', 'refused', 'AccessDeniedException'],
			['ecs:UpdateService', 'refused', 'ThrottlingException'],
		]);
	});

	it('a mark no poll confirms is dropped after its timeout', async () => {
		const timers = new FakeTimers(fleet.sim.clock.now());
		const runner = fleet.makeRunner({timers, now: () => timers.now(), markTimeoutMs: 120_000});
		const web = await focus(fleet, 'web');
		const api = service(web, 'api');
		fleet.poller.stop();
		const outcome = runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api.arn,
			desiredCount: api.desiredCount + 1,
		});
		if (!outcome.ok) throw new Error(outcome.refusal);
		await runner.confirm(outcome.plan);
		expect(runner.state.getState().marks[api.arn]?.text).toBe(
			`desired ${api.desiredCount + 1}, pending`,
		);
		await timers.advance(60_000);
		expect(runner.state.getState().marks[api.arn]).toBeDefined();
		await timers.advance(61_000);
		expect(runner.state.getState().marks).toEqual({});
		runner.dispose();
		expect(timers.pending).toBe(0);
	});
});
