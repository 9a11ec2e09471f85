/** ECS task operations: ListTasks, DescribeTasks, RunTask, StopTask. */
import {invalidParameter, serviceNotFound} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {RunTaskInput} from '../world/world.js';
import type {Tag, TaskState} from '../world/types.js';
import {
	batchOfNames,
	definedMembers,
	includeFlags,
	optionalBoolean,
	optionalEnum,
	optionalInteger,
	optionalList,
	optionalObject,
	optionalString,
	requiredString,
} from './ecs-input.js';
import {describeEach, familyOfTaskDefinitionArn, requireCluster, taskArnFor} from './ecs-lookup.js';
import {recallRunTask, rememberRunTask} from './ecs-run-task-tokens.js';
import {serializeTask} from './ecs-serialize-tasks.js';
import {
	LAUNCH_TYPES,
	launchInput,
	placementInput,
	requireTaskDefinitionRef,
} from './ecs-shared-inputs.js';
import {taskListWalks} from './ecs-task-walks.js';
import {paginateWhere} from './pagination.js';

const MAX_DESCRIBE_TASKS = 100;
const MAX_RUN_TASK_COUNT = 10;
const MAX_CLIENT_TOKEN = 64;
const MAX_STARTED_BY = 128;
const MAX_STOP_REASON = 255;

export const taskHandlers: OperationTable = {
	ListTasks(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const containerInstanceRef = optionalString(input, 'containerInstance');
		const family = optionalString(input, 'family');
		const serviceName = optionalString(input, 'serviceName');
		const startedBy = optionalString(input, 'startedBy');
		const launchType = optionalEnum(input, 'launchType', LAUNCH_TYPES);
		const desiredStatus =
			optionalEnum(input, 'desiredStatus', ['RUNNING', 'PENDING', 'STOPPED']) ?? 'RUNNING';
		// The model: "When you specify startedBy as the filter, it must be the only filter that you use."
		if (
			startedBy !== undefined &&
			[containerInstanceRef, family, serviceName, launchType].some((f) => f !== undefined)
		) {
			throw invalidParameter('startedBy may not be combined with other filters.');
		}

		let containerInstanceId: string | undefined;
		if (containerInstanceRef !== undefined) {
			const instance = world.resolveContainerInstance(cluster, containerInstanceRef);
			if (instance === undefined)
				throw invalidParameter('The referenced container instance was not found.');
			containerInstanceId = instance.id;
		}
		let service: string | undefined;
		if (serviceName !== undefined) {
			const found = world.resolveService(cluster, serviceName);
			if (found === undefined) throw serviceNotFound();
			service = found.name;
		}

		const matches = (task: TaskState): boolean =>
			task.desiredStatus === desiredStatus &&
			(containerInstanceId === undefined || task.containerInstanceId === containerInstanceId) &&
			(family === undefined || familyOfTaskDefinitionArn(task.taskDefinitionArn) === family) &&
			(service === undefined || task.serviceName === service) &&
			(startedBy === undefined || task.startedBy === startedBy) &&
			(launchType === undefined || task.launchType === launchType);
		const filter = JSON.stringify([
			desiredStatus,
			containerInstanceId,
			family,
			service,
			startedBy,
			launchType,
		]);
		const page = paginateWhere(
			cluster.tasks.values(),
			matches,
			{
				operation: 'ListTasks',
				maxResults: optionalInteger(input, 'maxResults'),
				nextToken: optionalString(input, 'nextToken'),
				defaultSize: 100,
				maxSize: 100,
			},
			undefined,
			taskListWalks(world, cluster, filter),
		);
		return {taskArns: page.items.map((task) => task.arn), nextToken: page.nextToken};
	},

	DescribeTasks(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const refs = batchOfNames(input, 'tasks', 'tasks', MAX_DESCRIBE_TASKS);
		const includeTags = includeFlags(input, ['TAGS'] as const).has('TAGS');
		const {described, failures} = describeEach(
			refs,
			(ref) => world.resolveTask(cluster, ref),
			(task) => serializeTask(world, cluster, task, includeTags),
			(ref) => taskArnFor(world, cluster, ref),
		);
		return {tasks: described, failures};
	},

	RunTask(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const count = optionalInteger(input, 'count') ?? 1;
		if (count < 1 || count > MAX_RUN_TASK_COUNT) {
			throw invalidParameter(`count must be between 1 and ${MAX_RUN_TASK_COUNT}.`);
		}
		const clientToken = optionalString(input, 'clientToken');
		if (
			clientToken !== undefined &&
			(clientToken.length > MAX_CLIENT_TOKEN || !/^[\x20-\x7e]+$/.test(clientToken))
		) {
			throw invalidParameter(`clientToken must be 1 to ${MAX_CLIENT_TOKEN} ASCII characters.`);
		}
		const startedBy = optionalString(input, 'startedBy');
		if (startedBy !== undefined && !/^[a-zA-Z0-9_/-]{1,128}$/.test(startedBy)) {
			throw invalidParameter(
				`startedBy can have up to ${MAX_STARTED_BY} letters, numbers, hyphens, forward slashes and underscores.`,
			);
		}
		const taskDefinition = requireTaskDefinitionRef(world, requiredString(input, 'taskDefinition'));

		if (clientToken !== undefined) {
			const earlier = recallRunTask(world, cluster.name, clientToken);
			if (earlier !== undefined) {
				const tasks = earlier.taskIds
					.map((id) => cluster.tasks.get(id))
					.filter((task): task is TaskState => task !== undefined);
				return {
					tasks: tasks.map((task) => serializeTask(world, cluster, task, false)),
					failures: earlier.failures,
				};
			}
		}

		const runInput: RunTaskInput = definedMembers({
			taskDefinition,
			count,
			startedBy,
			group: optionalString(input, 'group'),
			...launchInput(input),
			...placementInput(input),
			overrides: optionalObject<NonNullable<RunTaskInput['overrides']>>(input, 'overrides'),
			tags: optionalList<Tag>(input, 'tags'),
			enableExecuteCommand: optionalBoolean(input, 'enableExecuteCommand'),
			// The token stays here: its window is this layer's (ecs-run-task-tokens.ts).
		});
		const result = world.runTask(cluster, runInput);
		if (clientToken !== undefined) {
			rememberRunTask(world, cluster.name, clientToken, {
				taskIds: result.tasks.map((task) => task.id),
				failures: result.failures,
			});
		}
		return {
			tasks: result.tasks.map((task) => serializeTask(world, cluster, task, false)),
			failures: result.failures,
		};
	},

	StopTask(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const task = world.resolveTask(cluster, requiredString(input, 'task'));
		if (task === undefined) throw invalidParameter('The referenced task was not found.');
		const reason = optionalString(input, 'reason');
		if (reason !== undefined && reason.length > MAX_STOP_REASON) {
			throw invalidParameter(`reason can have at most ${MAX_STOP_REASON} characters.`);
		}
		const stopped = world.stopTask(cluster, task, reason);
		return {task: serializeTask(world, cluster, stopped, false)};
	},
};
