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
	type ECSClient,
	type Failure,
} from '@aws-sdk/client-ecs';
import type {CapacityProvider} from '../model/capacity-provider.js';
import type {Cluster} from '../model/cluster.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Described} from '../model/failure.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import type {TaskDefinition} from '../model/task-definition.js';
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

function merge<T>(batches: readonly {items: T[]; failures: Failure[] | undefined}[]): Described<T> {
	return {
		items: batches.flatMap((batch) => batch.items),
		failures: batches.flatMap((batch) => (batch.failures ?? []).map(toFailure)),
	};
}

/** A revision number at the end means the definition can never change, so it can be cached. */
const pinnedRevision = /:\d+$/;

export function createEcsAdapter(client: ECSClient, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('ecs', options);
	const definitions = new Map<string, Promise<TaskDefinition>>();

	return {
		listClusterArns(): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListClusters', () =>
					limit(() => client.send(new ListClustersCommand({maxResults: 100, nextToken}))),
				);
				return {items: page.clusterArns ?? [], next: page.nextToken};
			});
		},

		async describeClusters(clusters: readonly string[]): Promise<Described<Cluster>> {
			const batches = await mapBatches(clusters, ecsLimits.describeClusters, limit, (batch) =>
				call('DescribeClusters', async () => {
					const answer = await client.send(
						new DescribeClustersCommand({clusters: batch, include: ['STATISTICS', 'SETTINGS']}),
					);
					return {items: (answer.clusters ?? []).map(toCluster), failures: answer.failures};
				}),
			);
			return merge(batches);
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
					limit(() =>
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
				return {items: page.serviceArns ?? [], next: page.nextToken};
			});
		},

		async describeServices(
			cluster: string,
			services: readonly string[],
		): Promise<Described<Service>> {
			const batches = await mapBatches(services, ecsLimits.describeServices, limit, (batch) =>
				call('DescribeServices', async () => {
					const answer = await client.send(new DescribeServicesCommand({cluster, services: batch}));
					return {items: (answer.services ?? []).map(toService), failures: answer.failures};
				}),
			);
			return merge(batches);
		},

		listTaskArns(cluster: string, filter: ListTasksFilter = {}): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListTasks', () =>
					limit(() =>
						client.send(
							new ListTasksCommand({cluster, maxResults: ecsLimits.pageSize, nextToken, ...filter}),
						),
					),
				);
				return {items: page.taskArns ?? [], next: page.nextToken};
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
				call('DescribeTasks', async () => {
					const answer = await client.send(new DescribeTasksCommand({cluster, tasks: batch}));
					const items = (answer.tasks ?? []).map((task) => toTaskReusing(task, previous));
					return {items, failures: answer.failures};
				}),
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
					limit(() =>
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
				return {items: page.containerInstanceArns ?? [], next: page.nextToken};
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
					call('DescribeContainerInstances', async () => {
						const answer = await client.send(
							new DescribeContainerInstancesCommand({
								cluster,
								containerInstances: batch,
								include: ['CONTAINER_INSTANCE_HEALTH'],
							}),
						);
						return {
							items: (answer.containerInstances ?? []).map(toContainerInstance),
							failures: answer.failures,
						};
					}),
			);
			return merge(batches);
		},

		/**
		 * There is no batch call, but a revision never changes: each one is fetched once per run.
		 * Concurrent asks for the same revision share one call; a failed call is not cached.
		 */
		describeTaskDefinition(taskDefinition: string): Promise<TaskDefinition> {
			const cached = definitions.get(taskDefinition);
			if (cached !== undefined) return cached;
			const pending = call('DescribeTaskDefinition', () =>
				limit(() => client.send(new DescribeTaskDefinitionCommand({taskDefinition}))),
			).then((answer) => {
				if (answer.taskDefinition === undefined) {
					throw new Error(
						`DescribeTaskDefinition returned no task definition for ${taskDefinition}`,
					);
				}
				const definition = toTaskDefinition(answer.taskDefinition);
				if (definition.arn !== '') definitions.set(definition.arn, Promise.resolve(definition));
				return definition;
			});
			// `family` or `family:latest`-style names move with new revisions: never cache those.
			if (pinnedRevision.test(taskDefinition)) {
				definitions.set(taskDefinition, pending);
				pending.catch(() => definitions.delete(taskDefinition));
			}
			return pending;
		},

		listTaskDefinitionFamilies(filter: ListTaskDefinitionFamiliesFilter = {}): Promise<string[]> {
			const {familyPrefix, status} = filter;
			return collectPages(async (nextToken) => {
				const page = await call('ListTaskDefinitionFamilies', () =>
					limit(() =>
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
				return {items: page.families ?? [], next: page.nextToken};
			});
		},

		listTaskDefinitionArns(filter: ListTaskDefinitionsFilter = {}): Promise<string[]> {
			return collectPages(async (nextToken) => {
				const page = await call('ListTaskDefinitions', () =>
					limit(() =>
						client.send(
							new ListTaskDefinitionsCommand({
								...filter,
								maxResults: ecsLimits.pageSize,
								nextToken,
							}),
						),
					),
				);
				return {items: page.taskDefinitionArns ?? [], next: page.nextToken};
			});
		},

		/** By name or ARN; with no names, every provider in the account (FARGATE ones included). */
		async describeCapacityProviders(
			capacityProviders?: readonly string[],
		): Promise<Described<CapacityProvider>> {
			const describe = (names: string[] | undefined) =>
				collectPages(async (nextToken) => {
					const answer = await call('DescribeCapacityProviders', () =>
						limit(() =>
							client.send(
								new DescribeCapacityProvidersCommand({
									capacityProviders: names,
									maxResults: ecsLimits.capacityProviderPage,
									nextToken,
								}),
							),
						),
					);
					const page = {
						items: (answer.capacityProviders ?? []).map(toCapacityProvider),
						failures: answer.failures,
					};
					return {items: [page], next: answer.nextToken};
				});
			if (capacityProviders === undefined) return merge(await describe(undefined));
			// Pages are already limited per call, so the batches go one after another.
			const pages: {items: CapacityProvider[]; failures: Failure[] | undefined}[] = [];
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
