/** ECS service operations: ListServices, DescribeServices, CreateService, UpdateService, DeleteService. */
import {SimError, invalidParameter, serviceNotFound} from '../errors.js';
import type {OperationTable, RequestContext} from '../handler.js';
import type {CreateServiceInput, UpdateServiceInput, World} from '../world/world.js';
import type {
	CapacityProviderStrategyItem,
	ClusterState,
	ServiceState,
	Tag,
} from '../world/types.js';
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
import {describeEach, requireCluster, serviceArnFor} from './ecs-lookup.js';
import {serializeService} from './ecs-serialize.js';
import {
	LAUNCH_TYPES,
	launchInput,
	placementInput,
	requireTaskDefinitionRef,
	strategyItem,
} from './ecs-shared-inputs.js';
import {paginate} from './pagination.js';

const MAX_DESCRIBE_SERVICES = 10;

export const serviceHandlers: OperationTable = {
	ListServices(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const launchType = optionalEnum(input, 'launchType', LAUNCH_TYPES);
		const schedulingStrategy = optionalEnum(input, 'schedulingStrategy', ['REPLICA', 'DAEMON']);
		const arns = [...cluster.services.values()]
			.filter(
				(service) =>
					(service.status === 'ACTIVE' || service.status === 'DRAINING') &&
					(launchType === undefined || service.launchType === launchType) &&
					(schedulingStrategy === undefined || service.schedulingStrategy === schedulingStrategy),
			)
			.map((service) => service.arn);
		// ECS's default page here is 10, not 100: a client that forgets maxResults pays for it.
		const page = paginate(arns, {
			operation: 'ListServices',
			maxResults: optionalInteger(input, 'maxResults'),
			nextToken: optionalString(input, 'nextToken'),
			defaultSize: 10,
			maxSize: 100,
		});
		return {serviceArns: page.items, nextToken: page.nextToken};
	},

	DescribeServices(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const names = batchOfNames(input, 'services', 'service names', MAX_DESCRIBE_SERVICES);
		const includeTags = includeFlags(input, ['TAGS'] as const).has('TAGS');
		const {described, failures} = describeEach(
			names,
			(name) => world.resolveService(cluster, name),
			(service) => serializeService(world, service, includeTags),
			(name) => serviceArnFor(world, cluster, name),
		);
		return {services: described, failures};
	},

	CreateService(input, context) {
		const {world} = context;
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const serviceName = requiredString(input, 'serviceName');
		if (!/^[a-zA-Z0-9_-]{1,255}$/.test(serviceName)) {
			throw invalidParameter(
				'Service name can only contain alphanumeric characters, hyphens and underscores, and be up to 255 characters long.',
			);
		}
		const schedulingStrategy = optionalEnum(input, 'schedulingStrategy', ['REPLICA', 'DAEMON']);
		const desiredCount = optionalInteger(input, 'desiredCount');
		if (desiredCount === undefined && schedulingStrategy !== 'DAEMON') {
			throw invalidParameter('desiredCount is required for the REPLICA scheduling strategy.');
		}
		checkDesiredCount(desiredCount);
		const taskDefinition = requireTaskDefinitionRef(world, requiredString(input, 'taskDefinition'));
		const existing = cluster.services.get(serviceName);
		if (existing !== undefined && existing.status !== 'INACTIVE') {
			throw invalidParameter('Creation of service was not idempotent.');
		}
		const placement = placementInput(input);
		const serviceInput: CreateServiceInput = definedMembers({
			serviceName,
			taskDefinition,
			desiredCount: desiredCount ?? 0,
			...launchInput(input),
			schedulingStrategy,
			placementStrategy: placement.placementStrategy,
			placementConstraints: placement.placementConstraints,
			deploymentConfiguration: deploymentConfigurationInput(input),
			loadBalancers: optionalList<ServiceState['loadBalancers'][number]>(input, 'loadBalancers'),
			healthCheckGracePeriodSeconds: optionalInteger(input, 'healthCheckGracePeriodSeconds'),
			enableExecuteCommand: optionalBoolean(input, 'enableExecuteCommand'),
			propagateTags: optionalEnum(input, 'propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE']),
			tags: optionalList<Tag>(input, 'tags'),
			createdBy: callerArn(context),
		});
		const service = world.createService(cluster, serviceInput);
		return {service: serializeService(world, service, true)};
	},

	UpdateService(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const service = requireActiveService(world, cluster, requiredString(input, 'service'));
		const desiredCount = optionalInteger(input, 'desiredCount');
		checkDesiredCount(desiredCount);
		const taskDefinitionRef = optionalString(input, 'taskDefinition');
		const placement = placementInput(input);
		const update: UpdateServiceInput = definedMembers({
			desiredCount,
			taskDefinition:
				taskDefinitionRef === undefined
					? undefined
					: requireTaskDefinitionRef(world, taskDefinitionRef),
			forceNewDeployment: optionalBoolean(input, 'forceNewDeployment'),
			capacityProviderStrategy: optionalList<CapacityProviderStrategyItem>(
				input,
				'capacityProviderStrategy',
			)?.map(strategyItem),
			placementStrategy: placement.placementStrategy,
			placementConstraints: placement.placementConstraints,
			deploymentConfiguration: deploymentConfigurationInput(input),
			enableExecuteCommand: optionalBoolean(input, 'enableExecuteCommand'),
		});
		const updated = world.updateService(cluster, service, update);
		return {service: serializeService(world, updated, false)};
	},

	DeleteService(input, {world}) {
		const cluster = requireCluster(world, optionalString(input, 'cluster'));
		const service = requireActiveService(world, cluster, requiredString(input, 'service'));
		const deleted = world.deleteService(cluster, service, optionalBoolean(input, 'force') ?? false);
		return {service: serializeService(world, deleted, false)};
	},
};

function requireActiveService(world: World, cluster: ClusterState, ref: string): ServiceState {
	const service = world.resolveService(cluster, ref);
	if (service === undefined) throw serviceNotFound();
	if (service.status !== 'ACTIVE') {
		throw new SimError('ServiceNotActiveException', 'Service was not ACTIVE.');
	}
	return service;
}

function checkDesiredCount(desiredCount: number | undefined): void {
	if (desiredCount !== undefined && desiredCount < 0) {
		throw invalidParameter('desiredCount must be greater than or equal to 0.');
	}
}

function deploymentConfigurationInput(
	input: Record<string, unknown>,
): Partial<ServiceState['deploymentConfiguration']> | undefined {
	const config = optionalObject(input, 'deploymentConfiguration');
	if (config === undefined) return undefined;
	const minimumHealthyPercent = optionalInteger(config, 'minimumHealthyPercent');
	const maximumPercent = optionalInteger(config, 'maximumPercent');
	if (
		minimumHealthyPercent !== undefined &&
		(minimumHealthyPercent < 0 || minimumHealthyPercent > 100)
	) {
		throw invalidParameter('minimumHealthyPercent must be between 0 and 100.');
	}
	if (maximumPercent !== undefined && maximumPercent < 100) {
		throw invalidParameter('maximumPercent must be greater than or equal to 100.');
	}
	const breaker = optionalObject(config, 'deploymentCircuitBreaker');
	// Only the members given: the world merges this over the service's current configuration.
	const result: Partial<ServiceState['deploymentConfiguration']> = {};
	if (minimumHealthyPercent !== undefined) result.minimumHealthyPercent = minimumHealthyPercent;
	if (maximumPercent !== undefined) result.maximumPercent = maximumPercent;
	if (breaker !== undefined) {
		result.deploymentCircuitBreaker = {
			enable: optionalBoolean(breaker, 'enable') ?? false,
			rollback: optionalBoolean(breaker, 'rollback') ?? false,
		};
	}
	return result;
}

/** ECS records the calling principal; the sim has one identity per account. */
export function callerArn(context: RequestContext): string {
	return `arn:aws:iam::${context.world.accountId}:root`;
}
