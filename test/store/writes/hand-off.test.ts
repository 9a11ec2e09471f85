// `e` and `F` below the terminal: the action runner plans ECS Exec and port forwarding against
// the simulator's tasks, refuses with every missing piece named, and on a confirmation hands the
// terminal to a stand-in `aws` on PATH that records its arguments: exactly the command shown,
// once, audited; nothing under --read-only or without a confirmation.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ECSClient, UpdateServiceCommand} from '@aws-sdk/client-ecs';
import type {Task} from '../../../source/model/task.js';
import {createTerminalHandOff} from '../../../source/modes/terminal-hand-off.js';
import {cachedLocalTools, probeLocalTools} from '../../../source/store/writes/local-tools.js';
import type {ActionRunner, PlanOutcome} from '../../../source/store/writes/types.js';
import {testCredentials} from '../../helpers/sim.js';
import {createStandIns, type StandIns} from '../../helpers/stand-in-aws.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
let standIns: StandIns;
let terminal: string[];
beforeEach(async () => {
	fleet = await startActionFleet();
	standIns = createStandIns();
	terminal = [];
});
afterEach(async () => {
	await fleet.close();
	standIns.remove();
});

/** A runner whose hand-off runs the stand-ins, noting when it gives the terminal and takes it back. */
function runner(options: {readOnly?: boolean; tools?: StandIns} = {}): ActionRunner {
	const env = (options.tools ?? standIns).env;
	return fleet.makeRunner({
		readOnly: options.readOnly ?? false,
		handOff: createTerminalHandOff(
			{
				release: () => terminal.push('release'),
				retake: () => terminal.push('retake'),
				log: () => {},
			},
			{isTTY: false} as NodeJS.ReadStream,
			env,
		),
		localTools: cachedLocalTools(() => probeLocalTools(env)),
	});
}

function planned(outcome: PlanOutcome) {
	if (!outcome.ok) throw new Error(outcome.refusal);
	return outcome.plan;
}

async function runningTaskOf(service: string): Promise<{cluster: string; task: Task}> {
	const cluster = await focus(fleet, 'web', service);
	const state = fleet.store.getState();
	const serviceArn = state.clusterViews[cluster]!.services.find((s) => s.name === service)!.arn;
	const task = state.tasks[`service:${serviceArn}`]!.find((t) => t.lastStatus === 'RUNNING')!;
	return {cluster, task};
}

describe('e: a shell in a container through ECS Exec', () => {
	it('shows the exact command, and on confirming runs it once with the terminal handed over', async () => {
		const actions = runner();
		const {cluster, task} = await runningTaskOf('api');
		expect(task.enableExecuteCommand).toBe(true);
		expect(task.containers[0]!.execAgentStatus).toBe('RUNNING');
		const plan = planned(
			actions.plan({
				kind: 'exec',
				clusterArn: cluster,
				taskArn: task.arn,
				container: 'api',
				command: '/bin/sh',
			}),
		);
		const args = [
			'ecs',
			'execute-command',
			'--cluster',
			'web',
			'--task',
			task.id,
			'--container',
			'api',
			'--interactive',
			'--command',
			'/bin/sh',
			'--region',
			'us-east-1',
			'--endpoint-url',
			fleet.sim.server.url,
		];
		expect(plan.cliCommands).toEqual([`aws ${args.join(' ')}`]);
		expect(plan.changes).toEqual([
			`/bin/sh in api of task ${task.id.slice(0, 8)} (${task.taskDefinition})`,
		]);
		// Planned, not confirmed (the dialog cancelled): nothing ran.
		expect(standIns.awsCalls()).toEqual([]);

		const result = await actions.confirm(plan);
		expect(result).toMatchObject({
			kind: 'exec',
			status: 'succeeded',
			message: `Back from /bin/sh in api of task ${task.id.slice(0, 8)}`,
		});
		expect(await actions.confirm(plan)).toMatchObject({status: 'refused'});
		expect(standIns.awsCalls()).toEqual([args]);
		expect(terminal).toEqual(['release', 'retake']);
		// ecs-top itself sent nothing: the CLI did.
		expect(await fleet.writeRequests()).toEqual([]);
		expect(
			fleet
				.auditEntries()
				.map((entry) => [entry.phase, entry.action, entry.target, entry.after, entry.result]),
		).toEqual([
			['intent', 'ecs:ExecuteCommand', task.arn, 'exec api /bin/sh', 'sending'],
			['result', 'ecs:ExecuteCommand', task.arn, 'exec api /bin/sh', 'applied'],
		]);
	});

	it('says that the session failed when aws exits with an error, and audits its exit', async () => {
		const failing = createStandIns();
		failing.env['STAND_IN_EXIT'] = '255';
		const actions = runner({tools: failing});
		const {cluster, task} = await runningTaskOf('api');
		const plan = planned(
			actions.plan({
				kind: 'exec',
				clusterArn: cluster,
				taskArn: task.arn,
				container: 'api',
				command: 'bash',
			}),
		);
		const result = await actions.confirm(plan);
		failing.remove();
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/aws exited with 255/);
		expect(fleet.auditResults()[0]).toMatchObject({
			result: 'applied',
			errorCode: 'ExitStatus',
			errorMessage: 'aws exited with 255',
		});
	});

	it('names everything missing before handing over, and runs nothing', async () => {
		const {cluster, task} = await runningTaskOf('frontend');
		const ask = (actions: ActionRunner) =>
			actions.plan({
				kind: 'exec',
				clusterArn: cluster,
				taskArn: task.arn,
				container: task.containers[0]!.name,
				command: '/bin/sh',
			});
		const bare = createStandIns({aws: false, plugin: false});
		const refusal = ask(runner({tools: bare}));
		bare.remove();
		expect(refusal.ok).toBe(false);
		const text = refusal.ok ? '' : refusal.refusal;
		expect(text).toMatch(/^Cannot hand over: /);
		expect(text).toContain('ECS Exec is off for service frontend');
		expect(text).toContain('--enable-execute-command --force-new-deployment');
		expect(text).toContain(`task ${task.id.slice(0, 8)} was started without ECS Exec`);
		expect(text).toContain('the AWS CLI v2 (`aws`) is not on PATH');
		expect(text).toContain('`session-manager-plugin`) is not on PATH');

		const v1 = createStandIns({awsVersion: 'aws-cli/1.29.0 Python/3.8 Linux/6.1 botocore/1.31'});
		const old = ask(runner({tools: v1}));
		v1.remove();
		expect(old.ok ? '' : old.refusal).toContain('is not the AWS CLI v2 (it says aws-cli/1.29.0');
		expect(standIns.awsCalls()).toEqual([]);
	});

	it('works once exec is turned on for the service and its new tasks carry the agent', async () => {
		const actions = runner();
		const {cluster} = await runningTaskOf('frontend');
		const ecs = new ECSClient({
			endpoint: fleet.sim.server.url,
			region: 'us-east-1',
			credentials: testCredentials,
		});
		const answer = await ecs.send(
			new UpdateServiceCommand({
				cluster: 'web',
				service: 'frontend',
				enableExecuteCommand: true,
				forceNewDeployment: true,
			}),
		);
		ecs.destroy();
		expect(answer.service?.enableExecuteCommand).toBe(true);
		await fleet.advanceAndRefresh(10 * 60_000);
		const {task} = await runningTaskOf('frontend');
		expect(task.enableExecuteCommand).toBe(true);
		const plan = actions.plan({
			kind: 'exec',
			clusterArn: cluster,
			taskArn: task.arn,
			container: task.containers[0]!.name,
			command: '/bin/sh',
		});
		expect(plan).toMatchObject({ok: true});
	}, 60_000);

	it('waits for a change in flight: the terminal is not handed over meanwhile', async () => {
		const actions = runner();
		const {cluster, task} = await runningTaskOf('api');
		const api = fleet.store
			.getState()
			.clusterViews[cluster]!.services.find((s) => s.name === 'api')!;
		const scale = planned(
			actions.plan({
				kind: 'scale-service',
				clusterArn: cluster,
				serviceArn: api.arn,
				desiredCount: api.desiredCount + 1,
			}),
		);
		const exec = planned(
			actions.plan({
				kind: 'exec',
				clusterArn: cluster,
				taskArn: task.arn,
				container: 'api',
				command: '/bin/sh',
			}),
		);
		const scaling = actions.confirm(scale);
		expect(await actions.confirm(exec)).toMatchObject({
			status: 'refused',
			message: 'A change is still waiting for its answer: run this again once it has come',
		});
		expect(await scaling).toMatchObject({status: 'succeeded'});
		expect(standIns.awsCalls()).toEqual([]);
		expect(terminal).toEqual([]);
	});

	it('is refused under --read-only, and nothing runs', async () => {
		const actions = runner({readOnly: true});
		const {cluster, task} = await runningTaskOf('api');
		const request = {
			kind: 'exec',
			clusterArn: cluster,
			taskArn: task.arn,
			container: 'api',
			command: '/bin/sh',
		} as const;
		expect(actions.plan(request)).toMatchObject({
			ok: false,
			refusal: expect.stringContaining('read-only'),
		});
		const plan = planned(runner().plan(request));
		expect(await actions.confirm(plan)).toMatchObject({status: 'refused'});
		expect(standIns.awsCalls()).toEqual([]);
		expect(terminal).toEqual([]);
	});
});

describe('F: a local port forwarded to a container', () => {
	it('runs ssm start-session on the ECS target with the two ports', async () => {
		const actions = runner();
		const {cluster, task} = await runningTaskOf('api');
		const container = task.containers[0]!;
		expect(container.runtimeId).toBeDefined();
		const request = {
			kind: 'port-forward',
			clusterArn: cluster,
			taskArn: task.arn,
			container: 'api',
			containerPort: 8080,
			localPort: 18080,
		} as const;
		expect(actions.plan({...request, localPort: 70_000})).toEqual({
			ok: false,
			refusal: 'local port must be a port from 1 to 65535, not 70000',
		});
		const plan = planned(actions.plan(request));
		expect(plan.changes).toEqual([`localhost:18080 -> api:8080 of task ${task.id.slice(0, 8)}`]);
		await actions.confirm(plan);
		expect(standIns.awsCalls()).toEqual([
			[
				'ssm',
				'start-session',
				'--target',
				`ecs:web_${task.id}_${container.runtimeId}`,
				'--document-name',
				'AWS-StartPortForwardingSession',
				'--parameters',
				'portNumber=8080,localPortNumber=18080',
				'--region',
				'us-east-1',
				'--endpoint-url',
				fleet.sim.server.url,
			],
		]);
		expect(fleet.auditResults()[0]).toMatchObject({
			action: 'ssm:StartSession',
			after: 'forward localhost:18080 -> api:8080',
			result: 'applied',
		});
	});
});
