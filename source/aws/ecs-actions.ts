/**
 * ECS writes: the calls behind the action keys. Each returns plain domain objects; a refused call
 * throws an AwsApiError whose message names the IAM action (`ecs:UpdateService`), so the status
 * line can say what to add to the policy. Partial failures (RunTask placing fewer tasks than
 * asked, UpdateContainerInstancesState missing an instance) are data, not errors. Each write is
 * sent once, within the deadline the action layer gives (write-once.ts).
 */
import {
	RunTaskCommand,
	StopTaskCommand,
	UpdateContainerInstancesStateCommand,
	UpdateServiceCommand,
	type ECSClient,
	type Service as SdkService,
} from '@aws-sdk/client-ecs';
import type {CapacityProviderStrategyItem} from '../model/capacity-provider.js';
import type {ContainerInstance} from '../model/container-instance.js';
import type {Described} from '../model/failure.js';
import type {Service} from '../model/service.js';
import type {Task} from '../model/task.js';
import {adapterContext, type AdapterOptions} from './call.js';
import {chunk} from './concurrency.js';
import {toContainerInstance, toFailure, toService, toTask} from './ecs-convert.js';
import {ecsActionLimits} from './ecs-limits.js';
import {deadlineSignal, sendOnce, unwrapWriteError, type WriteOptions} from './write-once.js';

export type RunTaskPlacement =
	| {readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[]}
	| {readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL'};

export type RunTaskInput = {
	readonly cluster: string;
	readonly taskDefinition: string;
	/** 1..10. */
	readonly count: number;
	/** Up to 64 ASCII characters: a retried call with the same token starts no new tasks. */
	readonly clientToken: string;
	readonly startedBy: string;
	readonly placement: RunTaskPlacement;
};

export type EcsActionsAdapter = ReturnType<typeof createEcsActionsAdapter>;

function requireService(service: SdkService | undefined, operation: string): SdkService {
	if (service === undefined) throw new Error(`${operation} returned no service`);
	return service;
}

export function createEcsActionsAdapter(client: ECSClient, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('ecs', options);
	/** One write, once, through the shared cap; its deadline counts from now, queueing included. */
	const write = <T>(
		operation: string,
		write: WriteOptions | undefined,
		send: (abortSignal: AbortSignal | undefined) => Promise<T>,
	): Promise<T> => {
		const abortSignal = deadlineSignal(write);
		return call(operation, () =>
			limit(() => send(abortSignal)).catch((error: unknown) => {
				throw unwrapWriteError(error);
			}),
		);
	};

	return {
		async setDesiredCount(
			cluster: string,
			service: string,
			desiredCount: number,
			options?: WriteOptions,
		): Promise<Service> {
			const answer = await write('UpdateService', options, (abortSignal) =>
				client.send(sendOnce(new UpdateServiceCommand({cluster, service, desiredCount})), {
					abortSignal,
				}),
			);
			return toService(requireService(answer.service, 'UpdateService'));
		},

		/** The service's tasks are replaced by tasks of another revision, as a new deployment. */
		async setTaskDefinition(
			cluster: string,
			service: string,
			taskDefinition: string,
			options?: WriteOptions,
		): Promise<Service> {
			const answer = await write('UpdateService', options, (abortSignal) =>
				client.send(sendOnce(new UpdateServiceCommand({cluster, service, taskDefinition})), {
					abortSignal,
				}),
			);
			return toService(requireService(answer.service, 'UpdateService'));
		},

		/** Replaces every task with the same task definition (new image pulls, new placement). */
		async forceNewDeployment(
			cluster: string,
			service: string,
			options?: WriteOptions,
		): Promise<Service> {
			const answer = await write('UpdateService', options, (abortSignal) =>
				client.send(
					sendOnce(new UpdateServiceCommand({cluster, service, forceNewDeployment: true})),
					{abortSignal},
				),
			);
			return toService(requireService(answer.service, 'UpdateService'));
		},

		async stopTask(
			cluster: string,
			task: string,
			reason: string,
			options?: WriteOptions,
		): Promise<Task> {
			if (reason.length > ecsActionLimits.stopReason) {
				throw new RangeError(`a stop reason has at most ${ecsActionLimits.stopReason} characters`);
			}
			const answer = await write('StopTask', options, (abortSignal) =>
				client.send(sendOnce(new StopTaskCommand({cluster, task, reason})), {abortSignal}),
			);
			if (answer.task === undefined) throw new Error('StopTask returned no task');
			return toTask(answer.task);
		},

		async runTask(input: RunTaskInput, options?: WriteOptions): Promise<Described<Task>> {
			if (
				!Number.isInteger(input.count) ||
				input.count < 1 ||
				input.count > ecsActionLimits.runTaskCount
			) {
				throw new RangeError(`RunTask starts 1 to ${ecsActionLimits.runTaskCount} tasks a call`);
			}
			if (
				input.clientToken.length === 0 ||
				input.clientToken.length > ecsActionLimits.clientToken
			) {
				throw new RangeError(`a client token has 1 to ${ecsActionLimits.clientToken} characters`);
			}
			const placement =
				'capacityProviderStrategy' in input.placement
					? {
							capacityProviderStrategy: input.placement.capacityProviderStrategy.map((item) => ({
								capacityProvider: item.capacityProvider,
								weight: item.weight,
								base: item.base,
							})),
						}
					: {launchType: input.placement.launchType};
			const answer = await write('RunTask', options, (abortSignal) =>
				client.send(
					sendOnce(
						new RunTaskCommand({
							cluster: input.cluster,
							taskDefinition: input.taskDefinition,
							count: input.count,
							clientToken: input.clientToken,
							startedBy: input.startedBy,
							...placement,
						}),
					),
					{abortSignal},
				),
			);
			return {
				items: (answer.tasks ?? []).map(toTask),
				failures: (answer.failures ?? []).map(toFailure),
			};
		},

		/**
		 * DRAINING or ACTIVE, 10 instances a call (the API's maximum), one call after another so a
		 * refusal stops the rest. Instances ECS could not change come back as failures.
		 */
		async setContainerInstancesState(
			cluster: string,
			containerInstances: readonly string[],
			status: 'ACTIVE' | 'DRAINING',
			options?: WriteOptions,
		): Promise<Described<ContainerInstance>> {
			const items: ContainerInstance[] = [];
			const failures: Described<ContainerInstance>['failures'][number][] = [];
			for (const batch of chunk(containerInstances, ecsActionLimits.updateInstancesState)) {
				const answer = await write('UpdateContainerInstancesState', options, (abortSignal) =>
					client.send(
						sendOnce(
							new UpdateContainerInstancesStateCommand({
								cluster,
								containerInstances: batch,
								status,
							}),
						),
						{abortSignal},
					),
				);
				items.push(...(answer.containerInstances ?? []).map(toContainerInstance));
				failures.push(...(answer.failures ?? []).map(toFailure));
			}
			return {items, failures};
		},
	};
}
