/**
 * ECS task definition operations: ListTaskDefinitionFamilies, ListTaskDefinitions,
 * DescribeTaskDefinition, RegisterTaskDefinition, DeregisterTaskDefinition.
 */
import {clientError, invalidParameter} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {RegisterTaskDefinitionInput} from '../world/world.js';
import type {TaskDefinitionState, Tag, Volume} from '../world/types.js';
import {
	definedMembers,
	includeFlags,
	optionalEnum,
	optionalInteger,
	optionalList,
	optionalString,
	requiredString,
} from './ecs-input.js';
import {serializeTaskDefinition} from './ecs-serialize-tasks.js';
import {paginate} from './pagination.js';

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,255}$/;

type ContainerInput = RegisterTaskDefinitionInput['containerDefinitions'][number];

export const taskDefinitionHandlers: OperationTable = {
	ListTaskDefinitionFamilies(input, {world}) {
		const prefix = optionalString(input, 'familyPrefix') ?? '';
		const status = optionalEnum(input, 'status', ['ACTIVE', 'INACTIVE', 'ALL']) ?? 'ACTIVE';
		// A family is ACTIVE while any revision is; INACTIVE once none is (the model's wording).
		const families = [...world.taskDefinitions]
			.filter(([family, revisions]) => {
				if (!family.startsWith(prefix)) return false;
				const active = revisions.some((revision) => revision.status === 'ACTIVE');
				return status === 'ALL' || (status === 'ACTIVE') === active;
			})
			.map(([family]) => family)
			.sort();
		const page = paginate(families, {
			operation: 'ListTaskDefinitionFamilies',
			maxResults: optionalInteger(input, 'maxResults'),
			nextToken: optionalString(input, 'nextToken'),
			defaultSize: 100,
			maxSize: 100,
		});
		return {families: page.items, nextToken: page.nextToken};
	},

	ListTaskDefinitions(input, {world}) {
		// Despite its name, familyPrefix is the full family name (see the model's documentation).
		const family = optionalString(input, 'familyPrefix');
		const status =
			optionalEnum(input, 'status', ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']) ?? 'ACTIVE';
		const sort = optionalEnum(input, 'sort', ['ASC', 'DESC']) ?? 'ASC';
		const selected: TaskDefinitionState[] = [];
		const families = [...world.taskDefinitions.keys()].sort();
		for (const name of families) {
			if (family !== undefined && name !== family) continue;
			for (const revision of world.taskDefinitions.get(name) ?? []) {
				if (revision.status === status) selected.push(revision);
			}
		}
		if (sort === 'DESC') selected.reverse();
		const page = paginate(
			selected.map((definition) => definition.arn),
			{
				operation: 'ListTaskDefinitions',
				maxResults: optionalInteger(input, 'maxResults'),
				nextToken: optionalString(input, 'nextToken'),
				defaultSize: 100,
				maxSize: 100,
			},
		);
		return {taskDefinitionArns: page.items, nextToken: page.nextToken};
	},

	DescribeTaskDefinition(input, {world}) {
		const definition = world.resolveTaskDefinition(requiredString(input, 'taskDefinition'));
		if (definition === undefined) throw clientError('Unable to describe task definition.');
		const includeTags = includeFlags(input, ['TAGS'] as const).has('TAGS');
		return {
			taskDefinition: serializeTaskDefinition(definition),
			tags: includeTags ? definition.tags.map((tag) => ({...tag})) : undefined,
		};
	},

	RegisterTaskDefinition(input, {world}) {
		const family = requiredString(input, 'family');
		if (!NAME_PATTERN.test(family)) {
			throw clientError(
				'Family contains invalid characters: up to 255 letters, numbers, hyphens and underscores are allowed.',
			);
		}
		const containers = optionalList<ContainerInput>(input, 'containerDefinitions') ?? [];
		if (containers.length === 0) throw clientError('Container list cannot be empty.');
		const taskMemory = optionalString(input, 'memory');
		for (const container of containers) checkContainer(container, taskMemory);
		const definition = world.registerTaskDefinition(
			definedMembers({
				family,
				containerDefinitions: containers,
				cpu: optionalString(input, 'cpu'),
				memory: taskMemory,
				networkMode: optionalEnum(input, 'networkMode', ['bridge', 'host', 'awsvpc', 'none']),
				volumes: optionalList<Volume>(input, 'volumes'),
				requiresCompatibilities: optionalList<string>(input, 'requiresCompatibilities'),
				placementConstraints: optionalList<TaskDefinitionState['placementConstraints'][number]>(
					input,
					'placementConstraints',
				),
				taskRoleArn: optionalString(input, 'taskRoleArn'),
				executionRoleArn: optionalString(input, 'executionRoleArn'),
				tags: optionalList<Tag>(input, 'tags'),
			}),
		);
		return {
			taskDefinition: serializeTaskDefinition(definition),
			tags: definition.tags.map((tag) => ({...tag})),
		};
	},

	DeregisterTaskDefinition(input, {world}) {
		const ref = requiredString(input, 'taskDefinition');
		// Deregistering names one revision: a bare family is refused rather than guessed.
		if (!/:\d+$/.test(ref)) {
			throw invalidParameter(
				'A task definition revision must be specified (family:revision or ARN).',
			);
		}
		if (world.resolveTaskDefinition(ref) === undefined) {
			throw clientError('Unable to describe task definition.');
		}
		const definition = world.deregisterTaskDefinition(ref);
		return {taskDefinition: serializeTaskDefinition(definition)};
	},
};

function checkContainer(container: ContainerInput, taskMemory: string | undefined): void {
	if (typeof container !== 'object' || container === null) {
		throw clientError('Container definition must be a structure.');
	}
	if (typeof container.name !== 'string' || !NAME_PATTERN.test(container.name)) {
		throw clientError('Container.name should not be null or empty.');
	}
	if (typeof container.image !== 'string' || container.image === '') {
		throw clientError('Container.image should not be null or empty.');
	}
	if (
		taskMemory === undefined &&
		container.memory === undefined &&
		container.memoryReservation === undefined
	) {
		throw clientError(
			`Invalid setting for container '${container.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
		);
	}
}
