/**
 * The log view's reads against the simulator: the stream named from the task definition, one
 * call a refresh while following, nothing while closed, and a clear line for what cannot be read.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {LogTarget} from '../../source/model/log-source.js';
import {focusPaused, serviceArnOf, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet | undefined;
afterEach(async () => {
	await fleet?.close();
	fleet = undefined;
});

const logCalls = (fleet: Fleet) =>
	fleet.sim.server.requestLog.filter(
		(entry) => entry.operation === 'GetLogEvents' || entry.operation === 'FilterLogEvents',
	);

/** The web cluster focused on a service, its tasks and their definitions in. */
async function onService(name: string): Promise<{fleet: Fleet; serviceArn: string}> {
	fleet = await startFleet();
	const clusterArn = await focusPaused(fleet, name === 'frontend-staging' ? 'staging' : 'web');
	const serviceArn = serviceArnOf(fleet, clusterArn, name);
	fleet.store.getState().wants.setFocus({clusterArn, serviceArn});
	await fleet.poller.whenIdle();
	await fleet.refresh();
	return {fleet, serviceArn};
}

function firstTaskArn(fleet: Fleet, serviceArn: string): string {
	const tasks = fleet.store.getState().tasks[`service:${serviceArn}`] ?? [];
	const task = tasks.find((candidate) => candidate.lastStatus === 'RUNNING');
	if (task === undefined) throw new Error('no running task');
	return task.arn;
}

async function open(fleet: Fleet, target: LogTarget, follow = true) {
	fleet.store.getState().wants.showLogs(target, {follow});
	await fleet.poller.whenIdle();
	return fleet.store.getState().logView!;
}

describe('the logs tier', () => {
	it('reads a one-container task from the stream its awslogs options name, then only what is new', async () => {
		const {fleet, serviceArn} = await onService('frontend');
		const taskArn = firstTaskArn(fleet, serviceArn);
		const taskId = taskArn.split('/').at(-1)!;
		const view = await open(fleet, {kind: 'task', taskArn});
		const calls = logCalls(fleet);
		expect(calls).toHaveLength(1);
		expect(calls[0]!.operation).toBe('GetLogEvents');
		expect(calls[0]!.input).toMatchObject({
			logGroupName: '/ecs/web/frontend',
			logStreamName: `ecs/nginx/${taskId}`,
		});
		expect(view.buffer.lines.length).toBeGreaterThan(0);
		expect(view.buffer.lines.every((line) => line.container === 'nginx')).toBe(true);

		const before = view.buffer.lines.length;
		fleet.sim.advance(30_000);
		await fleet.refresh();
		const after = fleet.store.getState().logView!;
		expect(logCalls(fleet)).toHaveLength(2);
		expect(logCalls(fleet)[1]!.input).toHaveProperty('nextToken');
		expect(after.buffer.lines.length).toBeGreaterThan(before);
		// Nothing read twice: times never go back.
		const times = after.buffer.lines.map((line) => line.at);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	it("merges a service's running tasks by time, one FilterLogEvents a refresh", async () => {
		const {fleet, serviceArn} = await onService('frontend');
		const running = (fleet.store.getState().tasks[`service:${serviceArn}`] ?? []).filter(
			(task) => task.lastStatus === 'RUNNING',
		);
		const view = await open(fleet, {kind: 'service', serviceArn});
		expect(view.streams).toHaveLength(running.length);
		const calls = logCalls(fleet);
		expect(calls.map((call) => call.operation)).toEqual(['FilterLogEvents']);
		expect(new Set(view.buffer.lines.map((line) => line.taskId)).size).toBeGreaterThan(1);
		fleet.sim.advance(30_000);
		await fleet.refresh();
		expect(logCalls(fleet)).toHaveLength(2);
		const lines = fleet.store.getState().logView!.buffer.lines;
		const times = lines.map((line) => line.at);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	it('reads nothing while the view is closed, nor after the first read when not following', async () => {
		const {fleet, serviceArn} = await onService('frontend');
		await fleet.refresh();
		expect(logCalls(fleet)).toHaveLength(0);
		await open(fleet, {kind: 'service', serviceArn}, false);
		await fleet.refresh();
		await fleet.refresh();
		expect(logCalls(fleet)).toHaveLength(1);
		fleet.store.getState().wants.showLogs(undefined);
		await fleet.refresh();
		expect(logCalls(fleet)).toHaveLength(1);
		expect(fleet.store.getState().logView).toBeUndefined();
	});

	it('says which container logs with another driver, and asks CloudWatch nothing for it', async () => {
		const {fleet, serviceArn} = await onService('frontend-staging');
		const view = await open(fleet, {kind: 'task', taskArn: firstTaskArn(fleet, serviceArn)});
		expect(logCalls(fleet)).toHaveLength(0);
		expect(view.unreadable).toEqual([
			expect.objectContaining({
				container: 'web',
				reason: expect.stringContaining('json-file driver, not awslogs') as string,
			}),
		]);
	});

	it('names the logs: action when permissions are missing', async () => {
		const {fleet, serviceArn} = await onService('frontend');
		fleet.sim.server.faults.set({denied: ['logs']});
		await open(fleet, {kind: 'task', taskArn: firstTaskArn(fleet, serviceArn)});
		expect(fleet.store.getState().problems.logs).toMatchObject({
			kind: 'access-denied',
			action: 'logs:GetLogEvents',
			message: expect.stringContaining('logs:GetLogEvents is not allowed') as string,
		});
		fleet.store.getState().wants.showLogs(undefined);
		expect(fleet.store.getState().problems.logs).toBeUndefined();
	});

	it('says a log group does not exist yet, and keeps trying', async () => {
		const {fleet, serviceArn} = await onService('frontend');
		fleet.sim.server.world.logs.deleteGroup('/ecs/web/frontend');
		const view = await open(fleet, {kind: 'task', taskArn: firstTaskArn(fleet, serviceArn)});
		expect(view.notes).toEqual(['log group /ecs/web/frontend does not exist yet in us-east-1']);
		expect(fleet.store.getState().problems.logs).toBeUndefined();
		await fleet.refresh();
		expect(logCalls(fleet)).toHaveLength(2);
	});

	it('merges the containers of a task with several, each line saying its container', async () => {
		const {fleet, serviceArn} = await onService('api');
		const view = await open(fleet, {kind: 'task', taskArn: firstTaskArn(fleet, serviceArn)});
		// Each container logs to a group of its own: one call per group.
		expect(
			logCalls(fleet)
				.map((call) => call.input['logGroupName'])
				.sort(),
		).toEqual(['/ecs/web/api', '/ecs/web/otel']);
		expect(new Set(view.buffer.lines.map((line) => line.container))).toEqual(
			new Set(['api', 'otel-collector']),
		);
	});
});
