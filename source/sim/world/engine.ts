/**
 * What the world's modules (lifecycle, scheduler, deployments, autoscaling) share: the state, the
 * seeded sources, the due-time queue and the indexes that keep a step cheap. world-engine.ts
 * implements it; the modules see only this.
 */
import type {Ids} from './ids.js';
import type {Random} from './random.js';
import type {TaskRequirement} from './task-requirements.js';
import type {World} from './world.js';
import type {
	AutoScalingGroupState,
	ClusterState,
	ContainerBehaviour,
	ContainerInstanceState,
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
	/** The last launch could not place every task: freed capacity is worth a new look. */
	waitingForCapacity?: boolean;
	lastUnableToStartEventAt?: Millis;
	/** What a circuit-breaker rollback goes back to. */
	lastCompletedTaskDefinitionArn?: string;
}

/** The modules read and change the same state the World shows the API layer. */
export interface Engine extends Pick<
	World,
	| 'clusters'
	| 'taskDefinitions'
	| 'capacityProviders'
	| 'autoScalingGroups'
	| 'ec2Instances'
	| 'now'
	| 'logs'
	| 'seed'
> {
	readonly ids: Ids;
	readonly random: Random;
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
	/** A task of the cluster changed its desired status: see World.taskListRevision. */
	taskListChanged(clusterName: string): void;

	/** The service needs its counts refreshed and the scheduler to look at it on the next step. */
	serviceDirty(service: ServiceState): void;
	/** Capacity changed in the cluster (instance registered, drained...): its services look again. */
	clusterCapacityChanged(cluster: ClusterState): void;
	/**
	 * A task gave its reservation back: only the services waiting to place tasks care, so a stop
	 * in a cluster of 2,000 services does not wake the others (steady ones, or ones waiting for
	 * health checks or a backoff, have their own wake-ups).
	 */
	capacityFreed(cluster: ClusterState): void;
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
