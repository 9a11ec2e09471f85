/**
 * Which dialog a write key opens, from what is selected: the selected service for `+ - s D`, the
 * focused cluster for `S`, the marked tasks (or the selected one) for `x`, the marked instances
 * (or the selected one) for `d`, a task definition for `r`. The runner validates; this only
 * gathers the target and the values to start from, or says why there is nothing to act on.
 */
import {taskDefinitionName} from '../../model/arn.js';
import type {Cluster} from '../../model/cluster.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import type {Service} from '../../model/service.js';
import type {Task, TaskContainer} from '../../model/task.js';
import type {ActionRunner, PlanOutcome} from '../../store/writes/types.js';
import type {WriteCommand} from '../keymap.js';
import {confirmDialog, editDialog, parseCount, type ActionDialog} from './dialog-model.js';

/** What the write keys can act on, as the screen shows it now. */
export type ActionTargets = {
	readonly cluster: Cluster | undefined;
	readonly service: Service | undefined;
	readonly task: Task | undefined;
	readonly instance: ContainerInstance | undefined;
	/** Rows marked with Space, still on screen. */
	readonly markedTasks: readonly Task[];
	readonly markedInstances: readonly ContainerInstance[];
	/** The task definition `r` starts from (the `:td` selection, the service's or the task's). */
	readonly taskDefinition: string | undefined;
	/** The revision `U`'s picker chose, for the service it was opened on. */
	readonly revision?: {readonly serviceArn: string; readonly taskDefinition: string};
};

export type Opened = {readonly dialog: ActionDialog} | {readonly refusal: string};

/** What opens a dialog: a write key, or `:undo`'s list. */
export type DialogOpener = WriteCommand | 'undo-list';

/** The container `e` and `F` offer first: one whose ECS Exec agent runs, else the first. */
function firstContainer(task: Task): TaskContainer | undefined {
	return (
		task.containers.find((container) => container.execAgentStatus === 'RUNNING') ??
		task.containers[0]
	);
}

/** The container field of `e` and `F`: only when there is a choice to make. */
function containerChoice(task: Task): {
	fields: {label: string; text: string; kind: 'name'}[];
	context: string[];
	pick: (texts: readonly string[]) => {container: string; rest: readonly string[]};
} {
	const first = firstContainer(task)?.name ?? '';
	if (task.containers.length <= 1) {
		return {
			fields: [],
			context: [`container: ${first}`],
			pick: (texts) => ({container: first, rest: texts}),
		};
	}
	return {
		fields: [{label: 'container', text: first, kind: 'name'}],
		context: [`containers: ${task.containers.map((container) => container.name).join(', ')}`],
		pick: ([container, ...rest]) => ({container: container?.trim() ?? '', rest}),
	};
}

/** `F`'s first local port: the container's own when a user may listen there, else 8080. */
function localPortFor(containerPort: number): number {
	return containerPort >= 1024 ? containerPort : 8080;
}

/** `HH:MM:SS` of an epoch ms, local time: when a change of this session was made. */
function clockTime(at: number): string {
	const date = new Date(at);
	return [date.getHours(), date.getMinutes(), date.getSeconds()]
		.map((part) => String(part).padStart(2, '0'))
		.join(':');
}

function fromPlan(outcome: PlanOutcome): Opened {
	return outcome.ok ? {dialog: confirmDialog(outcome.plan)} : {refusal: outcome.refusal};
}

function needsCluster(targets: ActionTargets): string | undefined {
	return targets.cluster === undefined ? 'select a cluster first' : undefined;
}

export function openDialog(
	command: DialogOpener,
	targets: ActionTargets,
	runner: ActionRunner,
): Opened {
	const {cluster, service} = targets;
	switch (command) {
		case 'scale-up':
		case 'scale-down': {
			if (cluster === undefined || service === undefined)
				return {refusal: 'select a service first'};
			const step = command === 'scale-up' ? 1 : -1;
			return fromPlan(
				runner.plan({
					kind: 'scale-service',
					clusterArn: cluster.arn,
					serviceArn: service.arn,
					// A change sent but not yet polled counts: + + asks for 12, not 11 twice.
					desiredCount: (runner.pendingDesiredCount?.(service.arn) ?? service.desiredCount) + step,
				}),
			);
		}
		case 'set-desired': {
			if (cluster === undefined || service === undefined)
				return {refusal: 'select a service first'};
			return {
				dialog: editDialog({
					title: `Set the desired count of ${service.name}`,
					context: [
						`now: desired ${service.desiredCount}, running ${service.runningCount}, pending ${service.pendingCount}`,
						`accepted: 0 to ${runner.maxDesiredCount()} (the tasks-per-service quota)`,
					],
					fields: [
						{
							label: 'desired count',
							text: String(runner.pendingDesiredCount?.(service.arn) ?? service.desiredCount),
							kind: 'count',
						},
					],
					toRequest: ([text]) => {
						const count = parseCount(text ?? '', 'desired count');
						return typeof count === 'string'
							? count
							: {
									kind: 'scale-service',
									clusterArn: cluster.arn,
									serviceArn: service.arn,
									desiredCount: count,
								};
					},
				}),
			};
		}
		case 'scale-cluster': {
			const missing = needsCluster(targets);
			if (missing !== undefined || cluster === undefined) return {refusal: missing ?? ''};
			const found = runner.scalingGroups(cluster.arn);
			if (!found.ok) return {refusal: found.refusal};
			const groups = found.groups;
			const first = groups[0];
			if (first === undefined) return {refusal: `${cluster.name} has no Auto Scaling group`};
			const several = groups.length > 1;
			return {
				dialog: editDialog({
					title: `Set the instance count of ${cluster.name}`,
					context: groups.map(
						(group) =>
							`${group.autoScalingGroupName} (${group.capacityProviderName}): min ${group.minSize}, max ${group.maxSize}, desired ${group.desiredCapacity}, in service ${group.inService}`,
					),
					fields: [
						{label: 'desired capacity', text: String(first.desiredCapacity), kind: 'count'},
						...(several
							? [{label: 'group', text: first.autoScalingGroupName, kind: 'name' as const}]
							: []),
					],
					toRequest: ([count, name]) => {
						const desired = parseCount(count ?? '', 'desired capacity');
						if (typeof desired === 'string') return desired;
						const group = several
							? groups.find((g) => g.autoScalingGroupName === name?.trim())
							: first;
						if (group === undefined)
							return `group must be one of ${groups.map((g) => g.autoScalingGroupName).join(', ')}`;
						return {
							kind: 'scale-cluster',
							clusterArn: cluster.arn,
							autoScalingGroupName: group.autoScalingGroupName,
							desiredCapacity: desired,
						};
					},
				}),
			};
		}
		case 'stop-task': {
			const tasks = markedOrSelected(targets.markedTasks, targets.task);
			if (cluster === undefined || tasks.length === 0) return {refusal: 'select a task first'};
			return fromPlan(
				runner.plan({
					kind: 'stop-tasks',
					clusterArn: cluster.arn,
					taskArns: tasks.map((task) => task.arn),
				}),
			);
		}
		case 'drain': {
			const instances = markedOrSelected(targets.markedInstances, targets.instance);
			if (cluster === undefined || instances.length === 0)
				return {refusal: 'select a container instance first'};
			// d toggles: draining instances are re-activated, any other is drained.
			const status = instances.every((instance) => instance.status === 'DRAINING')
				? 'ACTIVE'
				: 'DRAINING';
			return fromPlan(
				runner.plan({
					kind: 'set-instance-state',
					clusterArn: cluster.arn,
					containerInstanceArns: instances.map((instance) => instance.arn),
					status,
				}),
			);
		}
		case 'deploy': {
			if (cluster === undefined || service === undefined)
				return {refusal: 'select a service first'};
			return fromPlan(
				runner.plan({kind: 'force-deployment', clusterArn: cluster.arn, serviceArn: service.arn}),
			);
		}
		case 'run-task': {
			const missing = needsCluster(targets);
			if (missing !== undefined || cluster === undefined) return {refusal: missing ?? ''};
			const start =
				targets.taskDefinition === undefined ? '' : taskDefinitionName(targets.taskDefinition);
			// One token for the dialog: the command it shows while typing is the one sent.
			const clientToken = `ecs-top-${globalThis.crypto.randomUUID()}`;
			return {
				dialog: editDialog({
					title: `Run tasks in ${cluster.name}`,
					context: ['Tab switches between the task definition and the count (1 to 10)'],
					fields: [
						{label: 'task definition', text: start, kind: 'name'},
						{label: 'count', text: '1', kind: 'count'},
					],
					toRequest: ([definition, countText]) => {
						const name = definition?.trim() ?? '';
						if (name === '') return 'type a task definition as family:revision';
						const count = parseCount(countText ?? '', 'count');
						if (typeof count === 'string') return count;
						return {
							kind: 'run-task',
							clusterArn: cluster.arn,
							taskDefinition: name,
							count,
							clientToken,
						};
					},
				}),
			};
		}
		case 'deploy-revision': {
			const chosen = targets.revision;
			if (cluster === undefined || chosen === undefined)
				return {refusal: 'pick a revision first: U on a service lists them'};
			return fromPlan(
				runner.plan({
					kind: 'deploy-revision',
					clusterArn: cluster.arn,
					serviceArn: chosen.serviceArn,
					taskDefinition: chosen.taskDefinition,
				}),
			);
		}
		case 'roll-back': {
			if (cluster === undefined || service === undefined)
				return {refusal: 'select a service first'};
			return fromPlan(
				runner.plan({kind: 'roll-back', clusterArn: cluster.arn, serviceArn: service.arn}),
			);
		}
		case 'undo':
			return fromPlan(runner.planUndo());
		case 'undo-list': {
			const entries = runner.state.getState().undo;
			if (entries.length === 0) return fromPlan(runner.planUndo());
			return {
				dialog: editDialog({
					title: 'Undo a change of this session',
					context: entries.map((entry, index) => {
						const undo = runner.preview?.({kind: 'undo', entryId: entry.id});
						const sends =
							undo === undefined
								? ''
								: undo.ok
									? ` · undo sends ${undo.plan.changes.join('; ')}`
									: ` · ${undo.refusal}`;
						return `${index + 1}. ${clockTime(entry.at)} ${entry.change}${sends}`;
					}),
					fields: [{label: 'undo number', text: '1', kind: 'count'}],
					toRequest: ([text]) => {
						const number = parseCount(text ?? '', 'number');
						if (typeof number === 'string') return number;
						const entry = entries[number - 1];
						if (entry === undefined) return `number must be from 1 to ${entries.length}`;
						return {kind: 'undo', entryId: entry.id};
					},
				}),
			};
		}
		case 'exec': {
			const task = targets.task;
			if (cluster === undefined || task === undefined) return {refusal: 'select a task first'};
			const choice = containerChoice(task);
			return {
				dialog: editDialog({
					title: `Open a shell in task ${task.id.slice(0, 8)}`,
					context: choice.context,
					fields: [...choice.fields, {label: 'command', text: '/bin/sh', kind: 'name'}],
					toRequest: (texts) => {
						const {container, rest} = choice.pick(texts);
						return {
							kind: 'exec',
							clusterArn: cluster.arn,
							taskArn: task.arn,
							container,
							command: rest[0] ?? '',
						};
					},
				}),
			};
		}
		case 'port-forward': {
			const task = targets.task;
			if (cluster === undefined || task === undefined) return {refusal: 'select a task first'};
			const choice = containerChoice(task);
			const port =
				firstContainer(task)?.networkBindings.find((binding) => binding.containerPort !== undefined)
					?.containerPort ?? 80;
			return {
				dialog: editDialog({
					title: `Forward a local port to task ${task.id.slice(0, 8)}`,
					context: choice.context,
					fields: [
						...choice.fields,
						{label: 'container port', text: String(port), kind: 'count'},
						{label: 'local port', text: String(localPortFor(port)), kind: 'count'},
					],
					toRequest: (texts) => {
						const {container, rest} = choice.pick(texts);
						const containerPort = parseCount(rest[0] ?? '', 'container port');
						if (typeof containerPort === 'string') return containerPort;
						const localPort = parseCount(rest[1] ?? '', 'local port');
						if (typeof localPort === 'string') return localPort;
						return {
							kind: 'port-forward',
							clusterArn: cluster.arn,
							taskArn: task.arn,
							container,
							containerPort,
							localPort,
						};
					},
				}),
			};
		}
		default:
			return {refusal: `${command} is not an action`};
	}
}

/** What a bulk key acts on: the rows marked with Space, else the row under the cursor. */
function markedOrSelected<T>(marked: readonly T[], selected: T | undefined): readonly T[] {
	if (marked.length > 0) return marked;
	return selected === undefined ? [] : [selected];
}
