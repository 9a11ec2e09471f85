/**
 * ECS container instance operations: ListContainerInstances, DescribeContainerInstances,
 * UpdateContainerInstancesState, DeregisterContainerInstance.
 */
import {invalidParameter} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {ContainerInstanceState, ContainerInstanceStatus} from '../world/types.js';
import {
	batchOfNames,
	includeFlags,
	optionalBoolean,
	optionalEnum,
	optionalInteger,
	optionalString,
	requiredString,
} from './ecs-input.js';
import {containerInstanceArnFor, describeEach, requireCluster} from './ecs-lookup.js';
import {countTasksByInstance, serializeContainerInstance} from './ecs-serialize-tasks.js';
import {paginate} from './pagination.js';

const MAX_DESCRIBE_INSTANCES = 100;
const MAX_UPDATE_STATE_INSTANCES = 10;
const LISTABLE_STATUSES: readonly ContainerInstanceStatus[] = [
	'ACTIVE',
	'DRAINING',
	'REGISTERING',
	'DEREGISTERING',
	'REGISTRATION_FAILED',
];

export const instanceHandlers: OperationTable = {
	ListContainerInstances(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const status = optionalEnum(input, 'status', LISTABLE_STATUSES);
		const filterText = optionalString(input, 'filter');
		const filter = filterText === undefined ? undefined : parseAttributeFilter(filterText);
		const arns: string[] = [];
		for (const instance of cluster.containerInstances.values()) {
			// The model: without `status`, every state but INACTIVE is listed.
			const statusMatches =
				status === undefined ? instance.status !== 'INACTIVE' : instance.status === status;
			if (statusMatches && (filter === undefined || filter(instance))) arns.push(instance.arn);
		}
		const page = paginate(arns, {
			operation: 'ListContainerInstances',
			maxResults: optionalInteger(input, 'maxResults'),
			nextToken: optionalString(input, 'nextToken'),
			defaultSize: 100,
			maxSize: 100,
		});
		return {containerInstanceArns: page.items, nextToken: page.nextToken};
	},

	DescribeContainerInstances(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const refs = batchOfNames(
			input,
			'containerInstances',
			'containerInstances',
			MAX_DESCRIBE_INSTANCES,
		);
		const flags = includeFlags(input, ['CONTAINER_INSTANCE_HEALTH', 'TAGS'] as const);
		const include = {tags: flags.has('TAGS'), health: flags.has('CONTAINER_INSTANCE_HEALTH')};
		const counts = countTasksByInstance(cluster);
		const {described, failures} = describeEach(
			refs,
			(ref) => world.resolveContainerInstance(cluster, ref),
			(instance) =>
				serializeContainerInstance(instance, counts.get(instance.id), include, world.now()),
			(ref) => containerInstanceArnFor(world, cluster, ref),
		);
		return {containerInstances: described, failures};
	},

	UpdateContainerInstancesState(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const refs = batchOfNames(
			input,
			'containerInstances',
			'containerInstances',
			MAX_UPDATE_STATE_INSTANCES,
		);
		const status = optionalEnum(input, 'status', ['ACTIVE', 'DRAINING'] as const);
		if (status === undefined) throw invalidParameter('status can not be blank.');
		const result = world.updateContainerInstancesState(cluster, refs, status);
		const counts = countTasksByInstance(cluster);
		const include = {tags: false, health: false};
		return {
			containerInstances: result.containerInstances.map((instance) =>
				serializeContainerInstance(instance, counts.get(instance.id), include, world.now()),
			),
			failures: result.failures,
		};
	},

	DeregisterContainerInstance(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const instance = world.resolveContainerInstance(
			cluster,
			requiredString(input, 'containerInstance'),
		);
		if (instance === undefined) {
			throw invalidParameter('The referenced container instance was not found.');
		}
		const counts = countTasksByInstance(cluster).get(instance.id);
		const deregistered = world.deregisterContainerInstance(
			cluster,
			instance,
			optionalBoolean(input, 'force') ?? false,
		);
		return {
			containerInstance: serializeContainerInstance(
				deregistered,
				counts,
				{tags: false, health: false},
				world.now(),
			),
		};
	},
};

/**
 * The cluster query language is large; the sim understands the clause a monitor actually uses,
 * `attribute:NAME == VALUE` (or `!=`), and says so plainly for anything else rather than
 * silently returning everything.
 */
export function parseAttributeFilter(text: string): (instance: ContainerInstanceState) => boolean {
	const match = /^\s*attribute:([A-Za-z0-9_.:-]+)\s*(==|!=)\s*([^\s]+)\s*$/.exec(text);
	if (match === null) {
		throw invalidParameter(
			`The filter expression '${text}' is not supported by the simulator: use 'attribute:NAME == VALUE'.`,
		);
	}
	const [, name, operator, value] = match;
	return (instance) => {
		const found = instance.attributes.some(
			(attribute) => attribute.name === name && attribute.value === value,
		);
		return operator === '==' ? found : !found;
	};
}
