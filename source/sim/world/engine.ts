/**
 * What the world's modules (lifecycle, scheduler, deployments, autoscaling) share: the state, the
 * seeded sources, the due-time queue and the indexes that keep a step cheap. create-world.ts
 * implements it; the modules see only this.
 */
import type {Ids} from './ids.js';
import type {Random} from './random.js';
import type {TaskRequirement} from './task-requirements.js';
import type {
	AutoScalingGroupState,
	CapacityProviderState,
	ClusterState,
	ContainerBehaviour,
	ContainerInstanceState,
	Ec2InstanceState,
	Millis,
	ServiceState,
	TaskDefinitionState,
	TaskState,
} from './types.js';

/** Scheduler bookkeeping for a service that the API never shows. */
export interface ServiceRuntime {
	/** Live (not yet removed) tasks of the service, STOPPED ones included until they are dropped. */
	tasks: Set<TaskState>;
	/** Tasks that failed in a row (crashed soon after start or never started). */
	failureStreak: number;
	/** The scheduler waits until then before launching again (crash-loop backoff). */
	nextLaunchAt: Millis;
	lastUnableToStartEventAt?: Millis;
	/** What a circuit-breaker rollback goes back to. */
	lastCompletedTaskDefinitionArn?: string;
}

export interface Engine {
	readonly ids: Ids;
	readonly random: Random;
	readonly clusters: Map<string, ClusterState>;
	readonly taskDefinitions: Map<string, TaskDefinitionState[]>;
	readonly capacityProviders: Map<string, CapacityProviderState>;
	readonly autoScalingGroups: Map<string, AutoScalingGroupState>;
	readonly ec2Instances: Map<string, Ec2InstanceState>;

	/** The world's time: the step being run, or where the last one left it. */
	now(): Millis;
	schedule(at: Millis, run: () => void): void;

	taskDefinitionByArn(arn: string): TaskDefinitionState | undefined;
	requirement(definition: TaskDefinitionState): TaskRequirement;
	/** One per container of the task, overrides applied. */
	behaviours(task: TaskState): ContainerBehaviour[];

	serviceRuntime(service: ServiceState): ServiceRuntime;
	/** Non-removed tasks on a container instance (by instance id). */
	tasksOnInstance(instanceId: string): Set<TaskState>;
	addTask(cluster: ClusterState, task: TaskState): void;
	removeTask(cluster: ClusterState, task: TaskState): void;

	/** The service needs its counts refreshed and the scheduler to look at it on the next step. */
	serviceDirty(service: ServiceState): void;
	/** Capacity changed in the cluster (instance registered, drained...): its services look again. */
	clusterCapacityChanged(cluster: ClusterState): void;
	autoScalingGroupDirty(group: AutoScalingGroupState): void;
	/** A task reached STOPPED: scheduler, deployments and ASG draining react. */
	taskStopped(task: TaskState): void;
	containerInstanceOf(task: TaskState): ContainerInstanceState | undefined;
	/** The cluster's container instances as an array, and their zones, for placement. */
	placementView(cluster: ClusterState): {instances: ContainerInstanceState[]; zones: string[]};
	/** Instances joined or left the cluster's list. */
	instancesChanged(cluster: ClusterState): void;
	/** One digest per image name, as a registry would resolve a tag at one moment. */
	imageDigest(image: string): string;
}
