/**
 * The simulated AWS account: ECS clusters, EC2 instances, Auto Scaling groups, CloudWatch data,
 * moving by itself on a clock. The API layer (source/sim/api) reads the state and calls the
 * mutation methods here; scenarios build worlds with the same methods.
 *
 * This interface is what the API layer and scenarios code against; world-engine.ts implements it,
 * delegating to the sibling modules (lifecycle, service-scheduler, placement, autoscaling,
 * metrics...), which see the world only through the narrower Engine interface (engine.ts).
 */
import type {Clock} from './clock.js';
import type {LogStore} from './logs/log-store.js';
import type {
	AutoScalingGroupState,
	CapacityProviderState,
	CapacityProviderStrategyItem,
	ClusterState,
	ContainerDefinition,
	ContainerInstanceState,
	ContainerInstanceStatus,
	CustomMetricStore,
	Dimension,
	Ec2InstanceState,
	MetricDatum,
	Millis,
	PlacementConstraint,
	PlacementStrategy,
	ServiceState,
	Tag,
	TaskDefinitionState,
	TaskState,
	Volume,
} from './types.js';

export interface WorldOptions {
	seed: number;
	clock: Clock;
	accountId?: string; // default '123456789012'
	region?: string; // default 'us-east-1'
	/**
	 * The world's own time starts here (default clock.now()). Scenarios start some minutes in the
	 * past, build, then `advanceTo(clock.now())`, so a served world is already settled: tasks
	 * RUNNING with realistic timestamps, services steady, metric history present.
	 */
	startTime?: number;
}

export interface Failure {
	arn?: string;
	reason: string;
	detail?: string;
}

export interface RegisterTaskDefinitionInput {
	family: string;
	containerDefinitions: Array<Partial<ContainerDefinition> & {name: string; image: string}>;
	cpu?: string;
	memory?: string;
	networkMode?: TaskDefinitionState['networkMode'];
	volumes?: Volume[];
	requiresCompatibilities?: string[];
	placementConstraints?: TaskDefinitionState['placementConstraints'];
	taskRoleArn?: string;
	executionRoleArn?: string;
	tags?: Tag[];
}

export interface CreateServiceInput {
	serviceName: string;
	taskDefinition: string; // family, family:revision or ARN
	desiredCount: number;
	launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
	schedulingStrategy?: 'REPLICA' | 'DAEMON';
	placementStrategy?: PlacementStrategy[];
	placementConstraints?: PlacementConstraint[];
	deploymentConfiguration?: Partial<ServiceState['deploymentConfiguration']>;
	loadBalancers?: ServiceState['loadBalancers'];
	healthCheckGracePeriodSeconds?: number;
	enableExecuteCommand?: boolean;
	propagateTags?: ServiceState['propagateTags'];
	tags?: Tag[];
	createdBy?: string;
}

export interface UpdateServiceInput {
	desiredCount?: number;
	taskDefinition?: string;
	forceNewDeployment?: boolean;
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
	placementStrategy?: PlacementStrategy[];
	placementConstraints?: PlacementConstraint[];
	deploymentConfiguration?: Partial<ServiceState['deploymentConfiguration']>;
	/** As in ECS: applies to tasks started from now on (a new deployment replaces the old ones). */
	enableExecuteCommand?: boolean;
}

export interface RunTaskInput {
	taskDefinition: string;
	count?: number; // 1..10
	startedBy?: string;
	group?: string;
	launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
	placementStrategy?: PlacementStrategy[];
	placementConstraints?: PlacementConstraint[];
	overrides?: {containerOverrides?: Array<Record<string, unknown>>};
	tags?: Tag[];
	enableExecuteCommand?: boolean;
}

export interface LaunchInstanceInput {
	instanceType: string;
	availabilityZone: string;
	/** Join this cluster when the agent starts. */
	clusterName?: string;
	autoScalingGroupName?: string;
	capacityProviderName?: string;
	spot?: boolean;
	/** Register with the cluster right away (scenarios) instead of after the boot delay. */
	registerNow?: boolean;
	tags?: Tag[];
}

export interface CreateAutoScalingGroupInput {
	name: string;
	clusterName: string;
	instanceType: string;
	availabilityZones: string[];
	minSize: number;
	maxSize: number;
	desiredCapacity: number;
	/** Launch the desired instances already registered (scenarios). */
	registerNow?: boolean;
	newInstancesProtectedFromScaleIn?: boolean;
	tags?: Tag[];
}

export interface CreateCapacityProviderInput {
	name: string;
	autoScalingGroupName: string;
	managedScaling?: boolean;
	targetCapacity?: number;
	managedTerminationProtection?: boolean;
	tags?: Tag[];
}

export interface MetricQuery {
	namespace: string;
	metricName: string;
	dimensions: Dimension[];
	/** Seconds, a multiple of 60. */
	period: number;
	/** Average, Sum, Minimum, Maximum, SampleCount, or pNN / tmNN etc. */
	stat: string;
	startTime: Millis;
	endTime: Millis;
}

export interface World {
	readonly seed: number;
	readonly clock: Clock;
	readonly accountId: string;
	readonly region: string;

	// State (read by the API layer; mutate only through the methods below).
	readonly clusters: Map<string, ClusterState>;
	/** Family -> revisions in order (index 0 is revision 1). */
	readonly taskDefinitions: Map<string, TaskDefinitionState[]>;
	readonly capacityProviders: Map<string, CapacityProviderState>;
	readonly autoScalingGroups: Map<string, AutoScalingGroupState>;
	/** Insertion-ordered (launch order), terminated instances kept about an hour as EC2 does. */
	readonly ec2Instances: Map<string, Ec2InstanceState>;
	readonly customMetrics: CustomMetricStore;
	/** CloudWatch Logs: groups, streams, and what the containers write to them. */
	readonly logs: LogStore;

	// Lookups: accept a name or a full ARN, as the ECS API does. Undefined when unknown.
	resolveCluster(ref: string | undefined): ClusterState | undefined; // undefined ref -> 'default'
	resolveService(cluster: ClusterState, ref: string): ServiceState | undefined;
	resolveTask(cluster: ClusterState, ref: string): TaskState | undefined;
	resolveContainerInstance(cluster: ClusterState, ref: string): ContainerInstanceState | undefined;
	/** `family` (latest ACTIVE revision), `family:revision` or an ARN. */
	resolveTaskDefinition(ref: string): TaskDefinitionState | undefined;
	resolveAutoScalingGroup(ref: string): AutoScalingGroupState | undefined; // name or ARN
	/**
	 * Moves whenever what a ListTasks of the cluster could list changes: a task added or removed,
	 * or one asked to stop (its desired status is the only listed-by field that changes). While it
	 * stands still, a page can carry on from where the previous page stopped.
	 */
	taskListRevision(cluster: ClusterState): number;

	// ECS mutations. Validation errors throw SimError (InvalidParameterException, ClientException,
	// ClusterNotFoundException, ServiceNotFoundException) with ECS's own messages.
	createCluster(input: {
		clusterName: string;
		capacityProviders?: string[];
		defaultCapacityProviderStrategy?: CapacityProviderStrategyItem[];
		settings?: ClusterState['settings'];
		tags?: Tag[];
	}): ClusterState;
	registerTaskDefinition(input: RegisterTaskDefinitionInput): TaskDefinitionState;
	deregisterTaskDefinition(ref: string): TaskDefinitionState;
	createService(cluster: ClusterState, input: CreateServiceInput): ServiceState;
	updateService(
		cluster: ClusterState,
		service: ServiceState,
		input: UpdateServiceInput,
	): ServiceState;
	/** Without force, a service with desiredCount > 0 is refused (InvalidParameterException). */
	deleteService(cluster: ClusterState, service: ServiceState, force: boolean): ServiceState;
	/** Places now; tasks that cannot be placed come back as failures (reason RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:PORTS, ...). */
	runTask(cluster: ClusterState, input: RunTaskInput): {tasks: TaskState[]; failures: Failure[]};
	/** Sets desiredStatus STOPPED, stopCode UserInitiated; the lifecycle takes it to STOPPED. */
	stopTask(cluster: ClusterState, task: TaskState, reason: string | undefined): TaskState;
	updateContainerInstancesState(
		cluster: ClusterState,
		refs: string[],
		status: Extract<ContainerInstanceStatus, 'ACTIVE' | 'DRAINING'>,
	): {containerInstances: ContainerInstanceState[]; failures: Failure[]};
	deregisterContainerInstance(
		cluster: ClusterState,
		instance: ContainerInstanceState,
		force: boolean,
	): ContainerInstanceState;

	// EC2 / Auto Scaling / capacity providers.
	launchInstance(input: LaunchInstanceInput): Ec2InstanceState;
	createAutoScalingGroup(input: CreateAutoScalingGroupInput): AutoScalingGroupState;
	createCapacityProvider(input: CreateCapacityProviderInput): CapacityProviderState;
	/** Outside min..max throws SimError('ValidationError', ...) as Auto Scaling does. */
	setDesiredCapacity(group: AutoScalingGroupState, desired: number, honorCooldown: boolean): void;
	updateAutoScalingGroup(
		group: AutoScalingGroupState,
		input: {minSize?: number; maxSize?: number; desiredCapacity?: number},
	): void;

	// CloudWatch.
	putMetricData(
		namespace: string,
		data: Array<{metricName: string; dimensions: Dimension[]} & MetricDatum>,
	): void;
	/**
	 * Datapoints of one metric over [startTime, endTime), one per period, oldest first. AWS/ECS
	 * CPUUtilization/MemoryUtilization (ClusterName, ClusterName+ServiceName) and CPUReservation/
	 * MemoryReservation (ClusterName) are derived from the world's load with seeded noise, and
	 * exist only for minutes when tasks ran; other namespaces come from putMetricData.
	 */
	getMetricData(query: MetricQuery): Array<{timestamp: Millis; value: number}>;
	/** Metrics that exist (AWS/ECS ones for live clusters and services, plus custom ones). */
	listMetrics(filter: {
		namespace?: string;
		metricName?: string;
		dimensions?: Array<{Name: string; Value?: string}>;
	}): Array<{
		namespace: string;
		metricName: string;
		dimensions: Dimension[];
	}>;

	/** The world's current time (ms): where the last step left it. */
	now(): number;
	/** Run the simulation forward to `now` in fixed steps (deterministic for a seed). */
	advanceTo(now: number): void;
	/** Request log and helpers for ids, for the API layer. */
	nextRequestId(): string;
}

export type {ContainerDefinition};
