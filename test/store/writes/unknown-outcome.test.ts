// A write whose answer does not come: the audit says so before and after, the user sees
// "outcome unknown, checking", a later read says what AWS did, and nothing is sent twice.
import {DescribeServicesCommand} from '@aws-sdk/client-ecs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../../source/aws/adapters.js';
import {createAwsClients} from '../../../source/aws/clients.js';
import type {ActionResult, ActionRunner} from '../../../source/store/writes/types.js';
import {testCredentials} from '../../helpers/sim.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
let closeClients: (() => void) | undefined;

beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	closeClients?.();
	closeClients = undefined;
	await fleet.close();
});

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
async function until<T>(
	what: string,
	condition: () => T | undefined | false | Promise<T | undefined | false>,
	timeoutMs = 10_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * A runner over clients with the SDK's own retry settings, as the app has them (the fixture's
 * clients try once): what "sent once" is about.
 */
function appLikeRunner(options: Parameters<ActionFleet['makeRunner']>[0] = {}): ActionRunner {
	const clients = createAwsClients({
		endpointUrl: fleet.sim.server.url,
		region: 'us-east-1',
		credentials: testCredentials,
	});
	closeClients = () => clients.destroy();
	return fleet.makeRunner({adapters: createAwsAdapters(clients), ...options});
}

async function apiPlan(runner: ActionRunner) {
	const web = await focus(fleet, 'web', 'api');
	const api = fleet.store.getState().focus.serviceArn!;
	const desired = fleet.store
		.getState()
		.clusterViews[web]!.services.find((service) => service.arn === api)!.desiredCount;
	const outcome = runner.plan({
		kind: 'scale-service',
		clusterArn: web,
		serviceArn: api,
		desiredCount: desired + 1,
	});
	if (!outcome.ok) throw new Error(outcome.refusal);
	return {plan: outcome.plan, web, api, desired};
}

async function desiredInSim(web: string, api: string): Promise<number> {
	const answer = await fleet.sim.ecs.send(
		new DescribeServicesCommand({cluster: web, services: [api]}),
	);
	return answer.services![0]!.desiredCount!;
}

const updateServices = async () =>
	(await fleet.writeRequests()).filter((entry) => entry.operation === 'UpdateService');

function checkedResult(runner: ActionRunner): ActionResult | undefined {
	return runner.state.getState().results.find((result) => result.checked === true);
}

describe('the audit of a write', () => {
	it('has its intent line on disk while the request is still in flight', async () => {
		const {plan, api, desired} = await apiPlan(fleet.runner);
		await fleet.faults({latencyMs: 1_500});
		const confirmed = fleet.runner.confirm(plan);
		// The simulator has applied it and holds the answer back: ecs-top could die right now.
		await until(
			'UpdateService to reach the simulator',
			async () => (await updateServices()).length > 0,
		);
		const lines = fleet.auditEntries();
		expect(lines).toEqual([
			expect.objectContaining({
				phase: 'intent',
				result: 'sending',
				action: 'ecs:UpdateService',
				target: api,
				before: desired,
				after: desired + 1,
			}),
		]);
		expect((await confirmed).status).toBe('succeeded');
		expect(fleet.auditEntries().map((entry) => [entry.phase, entry.result])).toEqual([
			['intent', 'sending'],
			['result', 'applied'],
		]);
	});
});

describe('a write past its deadline', () => {
	it('is unknown at once, then checked: AWS applied it, and the audit ends with settled applied', async () => {
		// The request must reach the simulator (which applies it and holds the answer) before the
		// deadline: 300 ms was too short for that on a loaded machine, and the write was then
		// never applied. The answer is held well past the deadline.
		const runner = fleet.makeRunner({writeDeadlineMs: 2_000, checkIntervalMs: 100});
		const {plan, web, api, desired} = await apiPlan(runner);
		await fleet.faults({latencyMs: 6_000});
		const result = await runner.confirm(plan);
		expect(result.status).toBe('unknown');
		expect(result.message).toContain('outcome unknown, checking');
		expect(result.message).toContain('no answer from AWS within 2 s');
		expect(runner.state.getState().marks[api]?.text).toBe('outcome unknown, checking');
		// Still being checked: a second change of the same service waits for the check.
		const again = runner.plan({
			kind: 'scale-service',
			clusterArn: web,
			serviceArn: api,
			desiredCount: desired + 2,
		});
		if (again.ok) expect((await runner.confirm(again.plan)).status).toBe('refused');

		await fleet.resetFaults();
		const checked = await until('the check', () => checkedResult(runner));
		expect(checked.status).toBe('succeeded');
		expect(checked.message).toMatch(/^Checked: api desired count \d+ -> \d+ was applied/);
		expect(await desiredInSim(web, api)).toBe(desired + 1);
		expect(fleet.auditEntries().map((entry) => [entry.phase, entry.result])).toEqual([
			['intent', 'sending'],
			['result', 'unknown'],
			['settled', 'applied'],
		]);
		const [, unknown, settled] = fleet.auditEntries();
		expect(unknown).toMatchObject({errorCode: 'DeadlineExceeded'});
		expect(settled).toMatchObject({observed: `desiredCount ${desired + 1}`, after: desired + 1});
		expect(new Set(fleet.auditEntries().map((entry) => entry.requestId)).size).toBe(1);
		expect((await updateServices()).length).toBe(1);
	});

	it('dropped mid-flight is never sent again; the check finds it not applied', async () => {
		const runner = appLikeRunner({writeDeadlineMs: 5_000, checkIntervalMs: 100});
		const {plan, web, api, desired} = await apiPlan(runner);
		// The endpoint closes the connection without answering: the SDK would retry that.
		await fleet.faults({down: true});
		const result = await runner.confirm(plan);
		expect(result.status).toBe('unknown');
		expect((await updateServices()).length).toBe(1);
		await fleet.resetFaults();
		const checked = await until('the check', () => checkedResult(runner));
		expect(checked.status).toBe('failed');
		expect(checked.message).toContain('was not applied');
		expect(checked.message).toContain('nothing was sent again');
		expect(await desiredInSim(web, api)).toBe(desired);
		expect(fleet.auditEntries().map((entry) => [entry.phase, entry.result])).toEqual([
			['intent', 'sending'],
			['result', 'unknown'],
			['settled', 'not-applied'],
		]);
		expect((await updateServices()).length).toBe(1);
		expect(runner.state.getState().marks[api]).toBeUndefined();
	});

	it('answered with a 5xx is unknown too, sent once, not refused', async () => {
		const runner = appLikeRunner({checkIntervalMs: 100});
		const {plan} = await apiPlan(runner);
		await fleet.faults({errorRate: 1, services: ['ecs']});
		const result = await runner.confirm(plan);
		expect(result.status).toBe('unknown');
		expect(fleet.auditResults()).toEqual([
			expect.objectContaining({
				result: 'unknown',
				errorCode: expect.stringMatching(/Internal|Unavailable/),
			}),
		]);
		expect((await updateServices()).length).toBe(1);
	});

	it('still throttled after retries is refused: AWS said no', async () => {
		const runner = appLikeRunner();
		const {plan} = await apiPlan(runner);
		await fleet.faults({throttleRate: 1, services: ['ecs']});
		const result = await runner.confirm(plan);
		expect(result.status).toBe('failed');
		expect(fleet.auditResults()).toEqual([
			expect.objectContaining({result: 'refused', errorCode: 'ThrottlingException'}),
		]);
	});
});

describe('quitting while a write is in flight', () => {
	it('writes its unknown line at once, and nothing when the answer comes after', async () => {
		// The write adapter as the runner uses it, watched: when did its call really end?
		let call: Promise<unknown> | undefined;
		const actions = fleet.adapters.ecsActions;
		const runner = fleet.makeRunner({
			adapters: {
				...fleet.adapters,
				ecsActions: {
					...actions,
					setDesiredCount: (...args: Parameters<typeof actions.setDesiredCount>) => {
						const answer = actions.setDesiredCount(...args);
						call = answer;
						return answer;
					},
				},
			},
		});
		const {plan, web, api, desired} = await apiPlan(runner);
		await fleet.faults({latencyMs: 1_500});
		const confirmed = runner.confirm(plan);
		await until(
			'UpdateService to reach the simulator',
			async () => (await updateServices()).length > 0,
		);
		runner.dispose();
		expect(
			fleet.auditEntries().map((entry) => [entry.phase, entry.result, entry.errorMessage]),
		).toEqual([
			['intent', 'sending', undefined],
			['result', 'unknown', 'ecs-top quit before AWS answered'],
		]);
		expect((await confirmed).status).toBe('unknown');
		// The answer arrives after quitting: it changes nothing in the record.
		await call;
		expect(fleet.auditEntries()).toHaveLength(2);
		// What AWS did: applied. The record says "unknown", never "refused" or "error".
		expect(await desiredInSim(web, api)).toBe(desired + 1);
	});
});
