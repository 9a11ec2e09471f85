import {
	DescribeCapacityProvidersCommand,
	DescribeClustersCommand,
	DescribeContainerInstancesCommand,
	DescribeServicesCommand,
	DescribeTaskDefinitionCommand,
	DescribeTasksCommand,
	ListClustersCommand,
	ListContainerInstancesCommand,
	ListServicesCommand,
	ListTaskDefinitionFamiliesCommand,
	ListTaskDefinitionsCommand,
	ListTasksCommand,
	type CapacityProvider as SdkCapacityProvider,
	type Cluster as SdkCluster,
	type ContainerInstance as SdkContainerInstance,
	type ECSClient,
	type Failure,
	type Service as SdkService,
} from '@aws-sdk/client-ecs';
import {nameFromArn} from '../model/arn.js';
import type {CapacityProvider} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Described, DescribeFailure} from '../model/failure.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import type {TaskDefinition} from '../model/task-definition.js';
import {malformedAnswer, objects, record, requiredStrings, text} from './answer-fields.js';
import {checkedItems, type ItemRule} from './answer-items.js';
import {adapterContext, collectPages, type AdapterOptions} from './call.js';
import {mapBatches} from './concurrency.js';
import {
	toCapacityProvider,
	toCluster,
	toContainerInstance,
	toFailure,
	toService,
	toTaskReusing,
	toTaskDefinition,
} from './ecs-convert.js';

import {ecsLimits} from './ecs-limits.js';
import {createTaskDefinitionCache} from './task-definition-cache.js';

export {ecsLimits};

export type ListTasksFilter = {
	readonly serviceName?: string;
	readonly containerInstance?: string;
	readonly family?: string;
	/** RUNNING (the API's default), PENDING or STOPPED. */
	readonly desiredStatus?: 'RUNNING' | 'PENDING' | 'STOPPED';
	readonly launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
	/** AWS refuses startedBy together with any other filter but the cluster. */
	readonly startedBy?: string;
};

export type ListTaskDefinitionsFilter = {
	readonly familyPrefix?: string;
	readonly status?: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
	readonly sort?: 'ASC' | 'DESC';
};

export type ListTaskDefinitionFamiliesFilter = {
	readonly familyPrefix?: string;
	readonly status?: 'ACTIVE' | 'INACTIVE' | 'ALL';
};

export type EcsAdapter = ReturnType<typeof createEcsAdapter>;

type Batch<T> = {items: T[]; failures: readonly Failure[] | undefined; invalid: DescribeFailure[]};

function merge<T>(batches: readonly Batch<T>[]): Described<T> {
	return {
		items: batches.flatMap((batch) => batch.items),
		failures: batches.flatMap((batch) => [
			...objects(batch.failures).map(toFailure),
			...batch.invalid,
		]),
	};
}

/**
 * A Describe answer's resources, checked one by one (answer-items.ts), with AWS's failures. An
 * answer with neither list is no answer: an empty 200 must not read as "none of them exist".
 */
function describedBatch<S extends object, T>(
	operation: string,
	answer: {failures?: Failure[] | undefined},
	raw: readonly S[] | undefined,
	field: string,
	/** Undefined when the call asked for every resource there is. */
	asked: readonly string[] | undefined,
	rule: ItemRule<S, T>,
): Batch<T> {
	if (!Array.isArray(raw) && !Array.isArray(answer.failures))
		throw malformedAnswer('ecs', operation, `a ${field} list`);
	const {items, failures} = checkedItems(
		raw,
		asked === undefined ? undefined : new Set(asked),
		rule,
	);
	return {items, failures: answer.failures, invalid: failures};
}

const clusterRule: ItemRule<SdkCluster, Cluster> = {
	noun: 'cluster',
	idField: 'clusterArn',
	names: (arn, cluster) => [arn, text(cluster.clusterName), nameFromArn(arn)],
	convert: toCluster,
};
const serviceRule: ItemRule<SdkService, Service> = {
	noun: 'service',
	idField: 'serviceArn',
	names: (arn, service) => [arn, text(service.serviceName), nameFromArn(arn)],
	convert: toService,
};
const containerInstanceRule: ItemRule<SdkContainerInstance, ContainerInstance> = {
	noun: 'container instance',
	idField: 'containerInstanceArn',
	names: (arn) => [arn, nameFromArn(arn)],
	convert: toContainerInstance,
};
const capacityProviderRule: ItemRule<SdkCapacityProvider, CapacityProvider> = {
	noun: 'capacity provider',
	idField: 'name',
	names: (name, provider) => [name, text(provider.capacityProviderArn)],
	convert: toCapacityProvider,
};

export function createEcsAdapter(client: ECSClient, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('ecs', options);
	const definitions = createTaskDefinitionCache((taskDefinition) =>
		call('DescribeTaskDefinition', () =>
			limit(() => client.send(new DescribeTaskDefinitionCommand({taskDefinition}))),
		).then((answer) => {
			const found = record(answer.taskDefinition);
			if (found === undefined || text(found.taskDefinitionArn) === undefined)
				throw malformedAnswer(
					'ecs',
					'DescribeTaskDefinition',
					`a task definition for ${taskDefinition}`,
				);
			return toTaskDefinition(found);
		}),
	);
	// A list's later pages go before the calls waiting: a long list is a chain (Limiter.next).
	const pageLimit = (nextToken: string | undefined) =>
		nextToken === undefined ? limit : limit.next;

	return {
		listClusterArns(): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListClusters', () =>
					pageLimit(nextToken)(() =>
						client.send(new ListClustersCommand({maxResults: 100, nextToken})),
					),
				);
				return {
					items: requiredStrings(page.clusterArns, 'ecs', 'ListClusters', 'clusterArns'),
					next: text(page.nextToken),
				};
			});
		},

		async describeClusters(clusters: readonly string[]): Promise<Described<Cluster>> {
			const batches = await mapBatches(clusters, ecsLimits.describeClusters, limit, (batch) =>
				call('DescribeClusters', () =>
					client.send(
						new DescribeClustersCommand({clusters: batch, include: ['STATISTICS', 'SETTINGS']}),
					),
				).then((answer) =>
					describedBatch(
						'DescribeClusters',
						answer,
						answer.clusters,
						'clusters',
						batch,
						clusterRule,
					),
				),
			);
			return merge(batches);
		},

		/**
		 * One page of ListServices: a list swept a page at a time, so a 2,000-service cluster's
		 * listing is spread over minutes instead of 20 calls at once.
		 */
		async listServiceArnsPage(
			cluster: string,
			nextToken: string | undefined,
		): Promise<{arns: string[]; next: string | undefined}> {
			const page = await call('ListServices', () =>
				limit(() =>
					client.send(
						new ListServicesCommand({cluster, maxResults: ecsLimits.pageSize, nextToken}),
					),
				),
			);
			return {
				arns: [...requiredStrings(page.serviceArns, 'ecs', 'ListServices', 'serviceArns')],
				next: text(page.nextToken) || undefined,
			};
		},

		listServiceArns(
			cluster: string,
			filter: {
				launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
				schedulingStrategy?: 'REPLICA' | 'DAEMON';
			} = {},
		): Promise<string[]> {
			return collectPages(async (nextToken) => {
				// The API's default page is 10; ask for the maximum, always.
				const page = await call('ListServices', () =>
					pageLimit(nextToken)(() =>
						client.send(
							new ListServicesCommand({
								cluster,
								maxResults: ecsLimits.pageSize,
								nextToken,
								...filter,
							}),
						),
					),
				);
				return {
					items: requiredStrings(page.serviceArns, 'ecs', 'ListServices', 'serviceArns'),
					next: text(page.nextToken),
				};
			});
		},

		async describeServices(
			cluster: string,
			services: readonly string[],
		): Promise<Described<Service>> {
			const batches = await mapBatches(services, ecsLimits.describeServices, limit, (batch) =>
				call('DescribeServices', () =>
					client.send(new DescribeServicesCommand({cluster, services: batch})),
				).then((answer) =>
					describedBatch(
						'DescribeServices',
						answer,
						answer.services,
						'services',
						batch,
						serviceRule,
					),
				),
			);
			return merge(batches);
		},

		listTaskArns(cluster: string, filter: ListTasksFilter = {}): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListTasks', () =>
					pageLimit(nextToken)(() =>
						client.send(
							new ListTasksCommand({cluster, maxResults: ecsLimits.pageSize, nextToken, ...filter}),
						),
					),
				);
				return {
					items: requiredStrings(page.taskArns, 'ecs', 'ListTasks', 'taskArns'),
					next: text(page.nextToken),
				};
			});
		},

		/**
		 * `previous`, the tasks as last seen by ARN: an unchanged task comes back as that very
		 * object, decided as each call answers, so the fresh copies die young (see toTaskReusing).
		 */
		async describeTasks(
			cluster: string,
			tasks: readonly string[],
			previous?: ReadonlyMap<string, Task>,
		): Promise<Described<Task>> {
			const batches = await mapBatches(tasks, ecsLimits.describeTasks, limit, (batch) =>
				call('DescribeTasks', () =>
					client.send(new DescribeTasksCommand({cluster, tasks: batch})),
				).then((answer) =>
					describedBatch('DescribeTasks', answer, answer.tasks, 'tasks', batch, {
						noun: 'task',
						idField: 'taskArn',
						names: (arn) => [arn, nameFromArn(arn)],
						convert: (task) => toTaskReusing(task, previous),
					}),
				),
			);
			return merge(batches);
		},

		listContainerInstanceArns(
			cluster: string,
			filter: {
				status?: 'ACTIVE' | 'DRAINING' | 'REGISTERING' | 'DEREGISTERING' | 'REGISTRATION_FAILED';
			} = {},
		): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListContainerInstances', () =>
					pageLimit(nextToken)(() =>
						client.send(
							new ListContainerInstancesCommand({
								cluster,
								maxResults: ecsLimits.pageSize,
								nextToken,
								...filter,
							}),
						),
					),
				);
				return {
					items: requiredStrings(
						page.containerInstanceArns,
						'ecs',
						'ListContainerInstances',
						'containerInstanceArns',
					),
					next: text(page.nextToken),
				};
			});
		},

		async describeContainerInstances(
			cluster: string,
			containerInstances: readonly string[],
		): Promise<Described<ContainerInstance>> {
			const batches = await mapBatches(
				containerInstances,
				ecsLimits.describeContainerInstances,
				limit,
				(batch) =>
					call('DescribeContainerInstances', () =>
						client.send(
							new DescribeContainerInstancesCommand({
								cluster,
								containerInstances: batch,
								include: ['CONTAINER_INSTANCE_HEALTH'],
							}),
						),
					).then((answer) =>
						describedBatch(
							'DescribeContainerInstances',
							answer,
							answer.containerInstances,
							'containerInstances',
							batch,
							containerInstanceRule,
						),
					),
			);
			return merge(batches);
		},

		/**
		 * There is no batch call, but a revision never changes: each one is fetched once, its
		 * askers sharing the call (task-definition-cache.ts).
		 */
		describeTaskDefinition(taskDefinition: string): Promise<TaskDefinition> {
			return definitions.get(taskDefinition);
		},

		listTaskDefinitionFamilies(filter: ListTaskDefinitionFamiliesFilter = {}): Promise<string[]> {
			const {familyPrefix, status} = filter;
			return collectPages(async (nextToken) => {
				const page = await call('ListTaskDefinitionFamilies', () =>
					pageLimit(nextToken)(() =>
						client.send(
							new ListTaskDefinitionFamiliesCommand({
								familyPrefix,
								status,
								maxResults: ecsLimits.pageSize,
								nextToken,
							}),
						),
					),
				);
				return {
					items: requiredStrings(page.families, 'ecs', 'ListTaskDefinitionFamilies', 'families'),
					next: text(page.nextToken),
				};
			});
		},

		listTaskDefinitionArns(filter: ListTaskDefinitionsFilter = {}): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListTaskDefinitions', () =>
					pageLimit(nextToken)(() =>
						client.send(
							new ListTaskDefinitionsCommand({
								...filter,
								maxResults: ecsLimits.pageSize,
								nextToken,
							}),
						),
					),
				);
				return {
					items: requiredStrings(
						page.taskDefinitionArns,
						'ecs',
						'ListTaskDefinitions',
						'taskDefinitionArns',
					),
					next: text(page.nextToken),
				};
			});
		},

		/** By name or ARN; with no names, every provider in the account (FARGATE ones included). */
		async describeCapacityProviders(
			capacityProviders?: readonly string[],
		): Promise<Described<CapacityProvider>> {
			const describe = (names: string[] | undefined) =>
				collectPages(async (nextToken) => {
					const answer = await call('DescribeCapacityProviders', () =>
						pageLimit(nextToken)(() =>
							client.send(
								new DescribeCapacityProvidersCommand({
									capacityProviders: names,
									maxResults: ecsLimits.capacityProviderPage,
									nextToken,
								}),
							),
						),
					);
					const page = describedBatch(
						'DescribeCapacityProviders',
						answer,
						answer.capacityProviders,
						'capacityProviders',
						names,
						capacityProviderRule,
					);
					return {items: [page], next: text(answer.nextToken)};
				});
			if (capacityProviders === undefined) return merge(await describe(undefined));
			// Pages are already limited per call, so the batches go one after another.
			const pages: Batch<CapacityProvider>[] = [];
			for (
				let start = 0;
				start < capacityProviders.length;
				start += ecsLimits.describeCapacityProviders
			) {
				const batch = capacityProviders.slice(start, start + ecsLimits.describeCapacityProviders);
				pages.push(...(await describe(batch)));
			}
			return merge(pages);
		},
	};
}
