/**
 * Complete model objects as the adapters return them, for tests that fill a store or a view by
 * hand. Every field is set here, once, so a field the model gains is added in one place for every
 * fixture set. A fixture set fixes the clock (its `now`) and the account; each builder takes
 * overrides for what a test is about.
 */
import type {Cluster} from '../../source/model/cluster.js';
import type {ContainerInstance} from '../../source/model/container-instance.js';
import type {Ec2Instance} from '../../source/model/ec2-instance.js';
import type {MetricSeries} from '../../source/model/metrics.js';
import type {Deployment, Service, ServiceEvent} from '../../source/model/service.js';
import {
	imageRegistry,
	type ContainerDefinition,
	type TaskDefinition,
} from '../../source/model/task-definition.js';
import type {Task, TaskContainer} from '../../source/model/task.js';

export const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 24 * 60 * 60_000;

export type BuilderOptions = {
	/** The moment the data describes: ages and series end here. */
	readonly now: number;
	readonly account?: string;
	readonly region?: string;
};

export type ModelBuilders = ReturnType<typeof modelBuilders>;

export function modelBuilders({
	now,
	account = '123456789012',
	region = 'us-east-1',
}: BuilderOptions) {
	/** An ECS ARN in this account and region: `arn('cluster/web')`. */
	const arn = (resource: string) => `arn:aws:ecs:${region}:${account}:${resource}`;

	function cluster(name: string, overrides: Partial<Cluster> = {}): Cluster {
		return {
			arn: arn(`cluster/${name}`),
			name,
			status: 'ACTIVE',
			registeredContainerInstancesCount: 0,
			runningTasksCount: 0,
			pendingTasksCount: 0,
			activeServicesCount: 0,
			statistics: {},
			containerInsights: 'enabled',
			capacityProviders: [],
			defaultCapacityProviderStrategy: [],
			tags: {},
			...overrides,
		};
	}

	function deployment(overrides: Partial<Deployment> = {}): Deployment {
		return {
			id: 'ecs-svc/1234567890123456789',
			status: 'PRIMARY',
			taskDefinition: arn('task-definition/web:13'),
			desiredCount: 4,
			runningCount: 4,
			pendingCount: 0,
			failedTasks: 0,
			rolloutState: 'COMPLETED',
			rolloutStateReason: 'ECS deployment ecs-svc/1234567890123456789 completed.',
			createdAt: now - minutes(90),
			updatedAt: now - minutes(80),
			...overrides,
		};
	}

	function serviceEvent(minutesAgo: number, message: string): ServiceEvent {
		return {id: `event-${minutesAgo}`, createdAt: now - minutes(minutesAgo), message};
	}

	function service(overrides: Partial<Service> = {}): Service {
		return {
			arn: arn('service/web/web'),
			name: 'web',
			clusterArn: arn('cluster/web'),
			status: 'ACTIVE',
			desiredCount: 4,
			runningCount: 4,
			pendingCount: 0,
			launchType: 'EC2',
			capacityProviderStrategy: [],
			taskDefinition: arn('task-definition/web:13'),
			schedulingStrategy: 'REPLICA',
			deployments: [deployment()],
			events: [serviceEvent(3, '(service web) has reached a steady state.')],
			placementStrategy: [],
			placementConstraints: [],
			loadBalancers: [],
			minimumHealthyPercent: 100,
			maximumPercent: 200,
			circuitBreaker: {enable: true, rollback: true},
			createdAt: now - days(3),
			...overrides,
		};
	}

	function container(overrides: Partial<TaskContainer> = {}): TaskContainer {
		return {
			name: 'web',
			image: 'nginx:1.27',
			lastStatus: 'RUNNING',
			exitCode: undefined,
			reason: undefined,
			healthStatus: 'HEALTHY',
			networkBindings: [{containerPort: 80, hostPort: 32768, protocol: 'tcp'}],
			...overrides,
		};
	}

	const containerInstanceId = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

	function task(overrides: Partial<Task> = {}): Task {
		const id = overrides.id ?? '3f2c9a7d1e0b4c6a8f5e2d1c0b9a8f7e';
		return {
			arn: arn(`task/web/${id}`),
			id,
			clusterArn: arn('cluster/web'),
			group: 'service:web',
			serviceName: 'web',
			lastStatus: 'RUNNING',
			desiredStatus: 'RUNNING',
			healthStatus: 'HEALTHY',
			containerInstanceArn: arn(`container-instance/web/${containerInstanceId}`),
			availabilityZone: 'us-east-1a',
			launchType: 'EC2',
			capacityProviderName: undefined,
			cpu: '256',
			memory: '512',
			createdAt: now - minutes(12),
			startedAt: now - minutes(11),
			stoppingAt: undefined,
			stoppedAt: undefined,
			stopCode: undefined,
			stoppedReason: undefined,
			startedBy: 'ecs-svc/1234567890123456789',
			taskDefinitionArn: arn('task-definition/web:13'),
			taskDefinition: 'web:13',
			version: 3,
			containers: [container()],
			...overrides,
		};
	}

	function containerInstance(overrides: Partial<ContainerInstance> = {}): ContainerInstance {
		return {
			arn: arn(`container-instance/web/${containerInstanceId}`),
			id: containerInstanceId,
			ec2InstanceId: 'i-0abc123def4567890',
			instanceType: 't3.large',
			availabilityZone: 'us-east-1a',
			status: 'ACTIVE',
			statusReason: undefined,
			agentConnected: true,
			agentUpdateStatus: undefined,
			capacityProviderName: 'web-asg-cp',
			healthStatus: 'OK',
			runningTasksCount: 3,
			pendingTasksCount: 0,
			cpuRegistered: 2048,
			cpuRemaining: 512,
			memoryRegistered: 7680,
			memoryRemaining: 6144,
			registeredAt: now - days(2),
			agentVersion: '1.82.0',
			version: 7,
			...overrides,
		};
	}

	function ec2Instance(overrides: Partial<Ec2Instance> = {}): Ec2Instance {
		return {
			instanceId: 'i-0abc123def4567890',
			instanceType: 't3.large',
			state: 'running',
			availabilityZone: 'us-east-1a',
			privateIpAddress: '10.0.1.23',
			launchTime: now - days(2),
			instanceLifecycle: 'spot',
			...overrides,
		};
	}

	function containerDefinition(overrides: Partial<ContainerDefinition> = {}): ContainerDefinition {
		const image = overrides.image ?? 'nginx:1.27';
		return {
			name: 'web',
			image,
			registry: imageRegistry(image),
			essential: true,
			cpu: 256,
			memory: 512,
			memoryReservation: 256,
			portMappings: [{containerPort: 80, hostPort: 0, protocol: 'tcp'}],
			command: [],
			mountPoints: [],
			...overrides,
		};
	}

	function taskDefinition(overrides: Partial<TaskDefinition> = {}): TaskDefinition {
		return {
			arn: arn('task-definition/web:13'),
			family: 'web',
			revision: 13,
			status: 'ACTIVE',
			networkMode: 'bridge',
			requiresCompatibilities: ['EC2'],
			cpu: '512',
			memory: '1024',
			taskRoleArn: `arn:aws:iam::${account}:role/web-task`,
			executionRoleArn: `arn:aws:iam::${account}:role/ecsTaskExecutionRole`,
			containers: [containerDefinition()],
			volumes: [],
			registeredAt: now - days(5),
			...overrides,
		};
	}

	/** One point a minute, oldest first, ending at `now`. */
	function series(key: string, values: readonly number[]): MetricSeries {
		return {
			key,
			points: values.map((value, i) => ({timestamp: now - minutes(values.length - 1 - i), value})),
			status: 'Complete',
			message: undefined,
		};
	}

	return {
		arn,
		cluster,
		deployment,
		serviceEvent,
		service,
		container,
		task,
		containerInstance,
		ec2Instance,
		containerDefinition,
		taskDefinition,
		series,
	};
}
