/**
 * The `ecs-top --once --json` document. Scripts depend on it, so it is versioned and its shape is
 * documented in the README: add fields freely, rename or remove only with a new schemaVersion.
 * Flat top-level arrays (each item names its cluster) keep jq filters short:
 *   ecs-top --once --json | jq '.tasks[] | select(.lastStatus != "RUNNING")'
 */
import {nameFromArn, taskDefinitionName} from '../model/arn.js';
import {clusterCapacity} from '../model/container-instance.js';
import type {ProblemTarget} from '../model/problems.js';
import {deploymentSummary} from '../model/service.js';
import type {Snapshot} from '../store/snapshot.js';
import {isoTimes} from './iso-times.js';
import {LazyItems, materialize} from './once-json.js';

/** 2: `problems` became the fleet's problems; the API errors it held are now `apiErrors`. */
export const schemaVersion = 2;

const orNull = <T>(value: T | undefined): T | null => value ?? null;
const round1 = (value: number | undefined): number | null =>
	value === undefined ? null : Math.round(value * 10) / 10;

/** The document, whole. */
export function onceDocument(snapshot: Snapshot) {
	return materialize(onceDocumentParts(snapshot));
}

/**
 * The document with its arrays made only as they are read: `--once --json` writes it in parts
 * (once-json.ts), so the objects of one part are garbage once it is written.
 */
export function onceDocumentParts(snapshot: Snapshot) {
	const iso = isoTimes();
	const ec2IdByContainerInstance = new Map<string, string | undefined>();
	for (const {containerInstances} of snapshot.clusters) {
		for (const instance of containerInstances)
			ec2IdByContainerInstance.set(instance.arn, instance.ec2InstanceId);
	}
	return {
		schemaVersion,
		generatedAt: new Date(snapshot.takenAt).toISOString(),
		account: snapshot.identity.account,
		region: snapshot.region,
		clusters: lazyMap(snapshot.clusters, ({cluster, containerInstances}) => {
			const capacity = clusterCapacity(containerInstances);
			return {
				name: cluster.name,
				arn: cluster.arn,
				status: cluster.status,
				registeredContainerInstances: cluster.registeredContainerInstancesCount,
				activeServices: cluster.activeServicesCount,
				runningTasks: cluster.runningTasksCount,
				pendingTasks: cluster.pendingTasksCount,
				capacityProviders: cluster.capacityProviders,
				cpuReservedPercent: round1(capacity.cpuReservedPercent),
				memoryReservedPercent: round1(capacity.memoryReservedPercent),
			};
		}),
		containerInstances: lazyFlatMap(snapshot.clusters, ({cluster, containerInstances}) =>
			mapLazily(containerInstances, (instance) => ({
				cluster: cluster.name,
				arn: instance.arn,
				id: instance.id,
				ec2InstanceId: orNull(instance.ec2InstanceId),
				instanceType: orNull(instance.instanceType),
				availabilityZone: orNull(instance.availabilityZone),
				status: instance.status,
				agentConnected: instance.agentConnected,
				capacityProvider: orNull(instance.capacityProviderName),
				cpu: {registered: instance.cpuRegistered, remaining: instance.cpuRemaining},
				memoryMiB: {registered: instance.memoryRegistered, remaining: instance.memoryRemaining},
				runningTasks: instance.runningTasksCount,
				pendingTasks: instance.pendingTasksCount,
				registeredAt: iso(instance.registeredAt),
			})),
		),
		services: lazyFlatMap(snapshot.clusters, ({cluster, services}) =>
			mapLazily(services, (service) => {
				const metrics = snapshot.serviceMetrics.get(service.arn);
				return {
					cluster: cluster.name,
					name: service.name,
					arn: service.arn,
					status: service.status,
					desiredCount: service.desiredCount,
					runningCount: service.runningCount,
					pendingCount: service.pendingCount,
					taskDefinition: taskDefinitionName(service.taskDefinition),
					launchType: orNull(service.launchType),
					capacityProviderStrategy: service.capacityProviderStrategy,
					rolloutState: deploymentSummary(service),
					deployments: service.deployments.map((deployment) => ({
						id: deployment.id,
						status: deployment.status,
						taskDefinition: taskDefinitionName(deployment.taskDefinition),
						desiredCount: deployment.desiredCount,
						runningCount: deployment.runningCount,
						pendingCount: deployment.pendingCount,
						failedTasks: deployment.failedTasks,
						rolloutState: orNull(deployment.rolloutState),
						rolloutStateReason: orNull(deployment.rolloutStateReason),
						createdAt: iso(deployment.createdAt),
					})),
					cpuUtilizationPercent: round1(metrics?.cpu),
					memoryUtilizationPercent: round1(metrics?.memory),
				};
			}),
		),
		tasks: lazyFlatMap(snapshot.clusters, ({cluster, tasks}) =>
			mapLazily(tasks, (task) => ({
				cluster: cluster.name,
				id: task.id,
				arn: task.arn,
				group: orNull(task.group),
				service: orNull(task.serviceName),
				lastStatus: task.lastStatus,
				desiredStatus: task.desiredStatus,
				health: orNull(task.healthStatus),
				taskDefinition: task.taskDefinition,
				containerInstanceId:
					task.containerInstanceArn === undefined ? null : nameFromArn(task.containerInstanceArn),
				ec2InstanceId:
					task.containerInstanceArn === undefined
						? null
						: orNull(ec2IdByContainerInstance.get(task.containerInstanceArn)),
				availabilityZone: orNull(task.availabilityZone),
				launchType: orNull(task.launchType),
				cpu: orNull(task.cpu),
				memory: orNull(task.memory),
				createdAt: iso(task.createdAt),
				startedAt: iso(task.startedAt),
				stoppedAt: iso(task.stoppedAt),
				stopCode: orNull(task.stopCode),
				stoppedReason: orNull(task.stoppedReason),
				startedBy: orNull(task.startedBy),
				containers: task.containers.map((container) => ({
					name: container.name,
					image: orNull(container.image),
					lastStatus: orNull(container.lastStatus),
					exitCode: orNull(container.exitCode),
					reason: orNull(container.reason),
					health: orNull(container.healthStatus),
				})),
			})),
		),
		autoScalingGroups: lazyFlatMap(snapshot.clusters, ({cluster, autoScalingGroups}) =>
			mapLazily(autoScalingGroups, (group) => ({
				cluster: cluster.name,
				name: group.name,
				minSize: group.minSize,
				maxSize: group.maxSize,
				desiredCapacity: group.desiredCapacity,
				instances: group.instances.map((instance) => ({
					instanceId: instance.instanceId,
					instanceType: orNull(instance.instanceType),
					availabilityZone: orNull(instance.availabilityZone),
					lifecycleState: orNull(instance.lifecycleState),
					healthStatus: orNull(instance.healthStatus),
				})),
			})),
		),
		failures: snapshot.failures.map((failure) => ({
			arn: orNull(failure.arn),
			reason: orNull(failure.reason),
			detail: orNull(failure.detail),
		})),
		/** Parts of the snapshot AWS refused or failed to give (e.g. CloudWatch access denied). */
		apiErrors: snapshot.apiErrors.map((error) => ({kind: error.kind, message: error.message})),
		/** What is wrong in the fleet, newest first, one item per cause with its count. */
		problems: snapshot.problems.map((problem) => ({
			kind: problem.kind,
			cluster: problem.clusterName,
			subject: problem.subject,
			summary: problem.summary,
			detail: problem.detail,
			count: problem.count,
			at: iso(problem.at),
			target: problemTarget(problem.target),
		})),
	};
}

function* mapLazily<T, U>(items: readonly T[], map: (item: T) => U): Generator<U> {
	for (const item of items) yield map(item);
}

function lazyMap<T, U>(items: readonly T[], map: (item: T) => U): LazyItems<U> {
	return new LazyItems(() => mapLazily(items, map));
}

/** Each source item's items, one after another, each made as it is read. */
function lazyFlatMap<T, U>(items: readonly T[], map: (item: T) => Iterable<U>): LazyItems<U> {
	return new LazyItems(function* () {
		for (const item of items) yield* map(item);
	});
}

/** Where the problem is, by ARN: what a script would describe or act on. */
function problemTarget(target: ProblemTarget) {
	return {
		kind: target.kind,
		clusterArn: target.clusterArn,
		serviceArn: 'serviceArn' in target ? orNull(target.serviceArn) : null,
		taskArn: target.kind === 'task' ? target.taskArn : null,
		containerInstanceArn: target.kind === 'instance' ? target.instanceArn : null,
	};
}

export type OnceDocument = ReturnType<typeof onceDocument>;
