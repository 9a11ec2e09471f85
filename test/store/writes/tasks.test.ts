import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {primaryDeployment} from '../../../source/model/service.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	await fleet.close();
});

const state = () => fleet.store.getState();
const serviceOf = (clusterArn: string, name: string) =>
	state().clusterViews[clusterArn]!.services.find((service) => service.name === name)!;
const clusterTasks = (clusterArn: string) => state().tasks[`cluster:${clusterArn}`] ?? [];

describe('stop tasks', () => {
	it('stops marked service tasks with one confirmation, says they will be replaced, and the service replaces them', async () => {
		const web = await focus(fleet, 'web');
		const api = serviceOf(web, 'api');
		const victims = clusterTasks(web)
			.filter((task) => task.serviceName === 'api')
			.slice(0, 2);
		expect(victims).toHaveLength(2);
		const plan = fleet.runner.plan({
			kind: 'stop-tasks',
			clusterArn: web,
			taskArns: victims.map((task) => task.arn),
		});
		if (!plan.ok) throw new Error(plan.refusal);
		const ids = victims.map((task) => task.id.slice(0, 8));
		expect(plan.plan.title).toBe('Stop 2 tasks');
		expect(plan.plan.changes).toEqual(
			ids.map((id) => `stop ${id} (service api) RUNNING -> STOPPED`),
		);
		expect(plan.plan.warnings).toEqual([`${ids.join(', ')} will be replaced by service api`]);
		const reason = `Stopped by ecs-top (${state().identity!.arn})`;
		expect(plan.plan.cliCommands[0]).toBe(
			`aws ecs stop-task --cluster web --task ${victims[0]!.id} --reason '${reason}' --region us-east-1 --endpoint-url ${fleet.sim.server.url}`,
		);

		const result = await fleet.runner.confirm(plan.plan);
		expect(result).toMatchObject({
			status: 'succeeded',
			message: `Stopping 2 tasks: ${ids.join(', ')}`,
		});
		const sent = await fleet.writeRequests();
		expect(sent.map((entry) => [entry.operation, entry.input.task, entry.input.reason])).toEqual(
			victims.map((task) => ['StopTask', task.arn, reason]),
		);
		expect(victims.map((task) => fleet.runner.state.getState().marks[task.arn]?.text)).toEqual([
			'stopping',
			'stopping',
		]);

		await fleet.advanceAndRefresh(3 * 60_000);
		const running = clusterTasks(web).filter((task) => task.serviceName === 'api');
		expect(running.map((task) => task.arn)).not.toContain(victims[0]!.arn);
		expect(running.map((task) => task.arn)).not.toContain(victims[1]!.arn);
		expect(running.filter((task) => task.lastStatus === 'RUNNING')).toHaveLength(api.desiredCount);
		expect(fleet.runner.state.getState().marks).toEqual({});
		// The stop reason is on the task, for anyone who looks later.
		const described = await fleet.sim.ecs.send(
			new (await import('@aws-sdk/client-ecs')).DescribeTasksCommand({
				cluster: web,
				tasks: [victims[0]!.arn],
			}),
		);
		expect(described.tasks?.[0]?.stoppedReason).toBe(reason);
		expect(described.tasks?.[0]?.stopCode).toBe('UserInitiated');
	}, 90_000);

	it('a stop that fails for some tasks is partly failed, naming them', async () => {
		const batch = await focus(fleet, 'batch');
		const standalone = clusterTasks(batch).find((task) => task.serviceName === undefined)!;
		const gone = `${standalone.arn.slice(0, standalone.arn.lastIndexOf('/'))}/0badc0de${'0'.repeat(24)}`;
		const plan = fleet.runner.plan({
			kind: 'stop-tasks',
			clusterArn: batch,
			taskArns: [standalone.arn, gone],
		});
		if (!plan.ok) throw new Error(plan.refusal);
		expect(plan.plan.warnings).toEqual(['1 task not in the last refresh: ECS may say it is gone']);
		const result = await fleet.runner.confirm(plan.plan);
		expect(result.status).toBe('partly-failed');
		expect(result.message).toMatch(
			new RegExp(
				`^Stopping 1 of 2 tasks; not stopped: 0badc0de \\(AWS refused ecs:StopTask \\(InvalidParameterException\\)`,
			),
		);
		expect(fleet.runner.state.getState().marks[gone]).toBeUndefined();
		expect(fleet.runner.state.getState().marks[standalone.arn]?.text).toBe('stopping');
		expect((await fleet.writeRequests()).map((entry) => entry.operation)).toEqual([
			'StopTask',
			'StopTask',
		]);
	});

	it('stops sending once AWS denies the action, and refuses an empty selection', async () => {
		const web = await focus(fleet, 'web');
		expect(fleet.runner.plan({kind: 'stop-tasks', clusterArn: web, taskArns: []})).toEqual({
			ok: false,
			refusal: 'No task selected to stop',
		});
		const arns = clusterTasks(web)
			.slice(0, 3)
			.map((task) => task.arn);
		const plan = fleet.runner.plan({kind: 'stop-tasks', clusterArn: web, taskArns: arns});
		if (!plan.ok) throw new Error(plan.refusal);
		await fleet.faults({denied: ['ecs']});
		const result = await fleet.runner.confirm(plan.plan);
		await fleet.resetFaults();
		expect(result).toMatchObject({status: 'failed'});
		expect(result.message).toMatch(/^No task stopped: Access denied: ecs:StopTask is not allowed/);
		expect((await fleet.writeRequests()).length).toBe(1);
		expect(fleet.runner.state.getState().marks).toEqual({});
	});
});

describe('run tasks', () => {
	it('runs on the cluster capacity provider with a token, and the new tasks arrive', async () => {
		const batch = await focus(fleet, 'batch');
		const plan = fleet.runner.plan({
			kind: 'run-task',
			clusterArn: batch,
			taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/report-job:2',
			count: 2,
		});
		if (!plan.ok) throw new Error(plan.refusal);
		expect(plan.plan.changes).toEqual([
			'run 2 tasks of report-job:2 on batch (capacity provider batch-cp), started by ecs-top',
		]);
		expect(plan.plan.cliCommands[0]).toMatch(
			/^aws ecs run-task --cluster batch --task-definition report-job:2 --count 2 --capacity-provider-strategy capacityProvider=batch-cp,weight=1,base=0 --started-by ecs-top --client-token ecs-top-[0-9a-f-]{36} --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+$/,
		);
		const result = await fleet.runner.confirm(plan.plan);
		expect(result.status, result.message).toBe('succeeded');
		const [sent] = await fleet.writeRequests();
		expect(sent?.input).toMatchObject({
			cluster: batch,
			taskDefinition: 'report-job:2',
			count: 2,
			startedBy: 'ecs-top',
			capacityProviderStrategy: [{capacityProvider: 'batch-cp', weight: 1, base: 0}],
		});
		expect(String(sent?.input.clientToken)).toMatch(/^ecs-top-/);
		const created = fleet.auditResults()[0]!.created!;
		expect(created).toHaveLength(2);
		expect(result.message).toBe(
			`Started 2 tasks of report-job:2: ${created.map((arn) => arn.split('/').pop()!.slice(0, 8)).join(', ')}`,
		);
		expect(fleet.runner.state.getState().marks[batch]?.text).toBe('run 2 report-job:2, pending');

		await fleet.poller.whenIdle();
		const arrived = clusterTasks(batch).filter((task) => created.includes(task.arn));
		expect(arrived).toHaveLength(2);
		expect(arrived.every((task) => task.startedBy === 'ecs-top')).toBe(true);
		expect(fleet.runner.state.getState().marks[batch]).toBeUndefined();

		// The same token again (a retry) starts nothing new: the same tasks come back.
		const again = await fleet.adapters.ecsActions.runTask({
			cluster: batch,
			taskDefinition: 'report-job:2',
			count: 2,
			clientToken: String(sent?.input.clientToken),
			startedBy: 'ecs-top',
			placement: {capacityProviderStrategy: [{capacityProvider: 'batch-cp', weight: 1, base: 0}]},
		});
		expect(again.items.map((task) => task.arn).sort()).toEqual([...created].sort());
	});

	it('refuses counts RunTask would refuse and a missing task definition, sending nothing', async () => {
		const batch = await focus(fleet, 'batch');
		for (const count of [0, 11, 1.5]) {
			expect(
				fleet.runner.plan({
					kind: 'run-task',
					clusterArn: batch,
					taskDefinition: 'report-job:2',
					count,
				}),
			).toMatchObject({ok: false, refusal: expect.stringContaining('Run 1 to 10 tasks')});
		}
		expect(
			fleet.runner.plan({kind: 'run-task', clusterArn: batch, taskDefinition: ' ', count: 1}),
		).toMatchObject({ok: false});
		expect(await fleet.writeRequests()).toEqual([]);
	});

	it('a task that cannot be placed comes back as a failed result with ECS reason', async () => {
		const batch = await focus(fleet, 'batch');
		const plan = fleet.runner.plan({
			kind: 'run-task',
			clusterArn: batch,
			taskDefinition: 'report-job:2',
			count: 10,
		});
		if (!plan.ok) throw new Error(plan.refusal);
		expect(plan.plan.warnings.join('\n')).toMatch(/room for \d of the 10 report-job:2 tasks/);
		const result = await fleet.runner.confirm(plan.plan);
		expect(result.status).toMatch(/partly-failed|failed/);
		expect(result.message).toMatch(/RESOURCE:(MEMORY|CPU)/);
	});
});

describe('force a new deployment', () => {
	it('starts a new deployment that replaces the tasks', async () => {
		const web = await focus(fleet, 'web');
		const frontend = serviceOf(web, 'frontend');
		const primary = primaryDeployment(frontend)!.id;
		const plan = fleet.runner.plan({
			kind: 'force-deployment',
			clusterArn: web,
			serviceArn: frontend.arn,
		});
		if (!plan.ok) throw new Error(plan.refusal);
		expect(plan.plan.changes).toEqual([
			`frontend: new deployment of frontend:3, replacing its ${frontend.runningCount} running tasks`,
		]);
		expect(plan.plan.cliCommands[0]).toMatch(
			/^aws ecs update-service --cluster web --service frontend --force-new-deployment /,
		);
		expect((await fleet.runner.confirm(plan.plan)).status).toBe('succeeded');
		expect((await fleet.writeRequests())[0]?.input).toMatchObject({forceNewDeployment: true});
		await fleet.poller.whenIdle();
		expect(primaryDeployment(serviceOf(web, 'frontend'))!.id).not.toBe(primary);
		expect(fleet.runner.state.getState().marks[frontend.arn]).toBeUndefined();
	});
});
