/**
 * `e` (a shell in a container, ECS Exec) and `F` (a local port forwarded to a container's port,
 * an SSM session): hand-offs to the `aws` CLI. Before the terminal is handed over, everything
 * that would make the CLI fail is checked and said at once: the local programs, ECS Exec on the
 * service and on the task, and the ExecuteCommandAgent in the container.
 */
import {taskDefinitionName} from '../../model/arn.js';
import type {Task, TaskContainer} from '../../model/task.js';
import type {ActionRequest} from './types.js';
import {awsArguments, shellQuote} from './cli-command.js';
import {clusterNameOf, clusterViewOf, findTasks} from './fleet-lookup.js';
import {localToolsProblem, type HandOffWork} from './hand-off.js';
import type {PlanContext} from './plan-context.js';
import {refuse, type PlannedOutcome} from './work.js';

type ExecRequest = Extract<ActionRequest, {kind: 'exec'}>;
type PortForwardRequest = Extract<ActionRequest, {kind: 'port-forward'}>;

/** The task's first 8 characters: enough to tell it on screen. */
function shortTask(task: Task): string {
	return task.id.slice(0, 8);
}

function taskOf(ctx: PlanContext, taskArn: string): Task | undefined {
	return findTasks(ctx.state, new Set([taskArn])).found.get(taskArn);
}

/**
 * Why ECS Exec cannot reach this container, every reason at once (a user fixing one should not
 * find the next only on the next try), or the container when it can.
 */
function execProblems(
	ctx: PlanContext,
	request: {clusterArn: string; taskArn: string; container: string},
): {task: Task; container: TaskContainer} | {refusal: string} {
	const task = taskOf(ctx, request.taskArn);
	if (task === undefined) {
		return {refusal: 'This task is not loaded: wait for the next refresh'};
	}
	if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') {
		return {
			refusal: `Task ${shortTask(task)} is ${task.lastStatus}: only a RUNNING task can be reached`,
		};
	}
	const container = task.containers.find((candidate) => candidate.name === request.container);
	if (container === undefined) {
		return {
			refusal: `container must be one of ${task.containers.map((candidate) => candidate.name).join(', ')}`,
		};
	}
	const problems: string[] = [];
	const service =
		task.serviceName === undefined
			? undefined
			: clusterViewOf(ctx.state, request.clusterArn)?.services.find(
					(candidate) => candidate.name === task.serviceName,
				);
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	if (service !== undefined && service.enableExecuteCommand !== true) {
		problems.push(
			`ECS Exec is off for service ${service.name}: turn it on with aws ecs update-service --cluster ${shellQuote(cluster)} --service ${shellQuote(service.name)} --enable-execute-command --force-new-deployment (new tasks get it)`,
		);
	}
	if (task.enableExecuteCommand !== true) {
		problems.push(
			`task ${shortTask(task)} was started without ECS Exec (enableExecuteCommand): only tasks started after it is turned on have it`,
		);
	} else if (container.execAgentStatus !== 'RUNNING') {
		problems.push(
			`the ExecuteCommandAgent in container ${container.name} is ${container.execAgentStatus ?? 'not there'}, not RUNNING: the task role needs the ssmmessages permissions, and the agent may still be starting`,
		);
	}
	const tools = localToolsProblem(ctx.localTools());
	if (tools !== undefined) problems.push(tools.replace(/^Cannot hand over: /, ''));
	if (problems.length > 0) return {refusal: `Cannot hand over: ${problems.join('; ')}`};
	return {task, container};
}

function handOffPlan(
	ctx: PlanContext,
	request: ExecRequest | PortForwardRequest,
	title: string,
	change: string,
	service: 'ecs' | 'ssm',
	operation: string,
	args: readonly string[],
	work: Omit<HandOffWork, 'kind' | 'command'>,
	warnings: readonly string[],
): PlannedOutcome<HandOffWork> {
	return {
		ok: true,
		plan: {
			id: ctx.newPlanId(),
			request,
			title,
			changes: [change],
			cliCommands: [
				['aws', ...awsArguments(ctx.cli, service, operation, args)].map(shellQuote).join(' '),
			],
			warnings,
			target: request.taskArn,
		},
		work: {
			...work,
			kind: 'hand-off',
			command: {file: 'aws', args: awsArguments(ctx.cli, service, operation, args, false)},
		},
	};
}

/** The words a hand-off's confirmation adds: what happens to the screen meanwhile. */
const suspendNote =
	'The live view steps aside while the session runs (polling goes on); it comes back when the session ends';

export function planExec(request: ExecRequest, ctx: PlanContext): PlannedOutcome<HandOffWork> {
	const command = request.command.trim();
	if (command === '') return refuse('type the command to run, e.g. /bin/sh');
	const found = execProblems(ctx, request);
	if ('refusal' in found) return refuse(found.refusal);
	const {task, container} = found;
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	return handOffPlan(
		ctx,
		request,
		'Open a shell in a container',
		`${command} in ${container.name} of task ${shortTask(task)} (${taskDefinitionName(task.taskDefinitionArn)})`,
		'ecs',
		'execute-command',
		[
			'--cluster',
			cluster,
			'--task',
			task.id,
			'--container',
			container.name,
			'--interactive',
			'--command',
			command,
		],
		{
			action: 'ecs:ExecuteCommand',
			target: task.arn,
			after: `exec ${container.name} ${command}`,
			label: `${command} in ${container.name} of task ${shortTask(task)}`,
		},
		[suspendNote],
	);
}

function portProblem(port: number, what: string): string | undefined {
	return Number.isInteger(port) && port >= 1 && port <= 65_535
		? undefined
		: `${what} must be a port from 1 to 65535, not ${String(port)}`;
}

export function planPortForward(
	request: PortForwardRequest,
	ctx: PlanContext,
): PlannedOutcome<HandOffWork> {
	const badPort =
		portProblem(request.containerPort, 'container port') ??
		portProblem(request.localPort, 'local port');
	if (badPort !== undefined) return refuse(badPort);
	const found = execProblems(ctx, request);
	if ('refusal' in found) return refuse(found.refusal);
	const {task, container} = found;
	if (container.runtimeId === undefined) {
		return refuse(
			`Container ${container.name} has no runtime id yet (it names the session's target): wait for the next refresh`,
		);
	}
	const cluster = clusterNameOf(ctx.state, request.clusterArn);
	const warnings = [suspendNote];
	if (request.localPort < 1024) {
		warnings.push(
			`Local port ${request.localPort} is below 1024: most systems let only root listen there`,
		);
	}
	return handOffPlan(
		ctx,
		request,
		'Forward a local port to a container',
		`localhost:${request.localPort} -> ${container.name}:${request.containerPort} of task ${shortTask(task)}`,
		'ssm',
		'start-session',
		[
			'--target',
			`ecs:${cluster}_${task.id}_${container.runtimeId}`,
			'--document-name',
			'AWS-StartPortForwardingSession',
			'--parameters',
			`portNumber=${request.containerPort},localPortNumber=${request.localPort}`,
		],
		{
			action: 'ssm:StartSession',
			target: task.arn,
			after: `forward localhost:${request.localPort} -> ${container.name}:${request.containerPort}`,
			label: `forwarding localhost:${request.localPort} to ${container.name}:${request.containerPort} of task ${shortTask(task)}`,
		},
		warnings,
	);
}
