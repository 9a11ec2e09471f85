/**
 * The simulator's world state. Names follow the ECS / EC2 / Auto Scaling API models so the API
 * layer (source/sim/api) maps fields one to one; internal-only fields are marked "sim".
 * Times are epoch milliseconds from the world's clock.
 */

export type Millis = number;

export interface Tag {
	key: string;
	value: string;
}

export interface KeyValue {
	name: string;
	value: string;
}

// ---------------------------------------------------------------------------------------------
// Task definitions

export interface PortMapping {
	containerPort: number;
	/** 0 or undefined on bridge networking means a dynamic host port. */
	hostPort?: number;
	protocol: 'tcp' | 'udp';
}

export interface ContainerDefinition {
	name: string;
	image: string;
	cpu: number;
	/** Hard limit (MiB). */
	memory?: number;
	/** Soft limit (MiB). */
	memoryReservation?: number;
	essential: boolean;
	portMappings: PortMapping[];
	command?: string[];
	entryPoint?: string[];
	environment: KeyValue[];
	mountPoints: Array<{sourceVolume: string; containerPath: string; readOnly?: boolean}>;
	healthCheck?: {
		command: string[];
		interval?: number;
		timeout?: number;
		retries?: number;
		startPeriod?: number;
	};
	logConfiguration?: {logDriver: string; options?: Record<string, string>};
	/** Variables ECS fills from Secrets Manager or SSM Parameter Store when the container starts. */
	secrets?: Array<{name: string; valueFrom: string}>;
}

/**
 * How a container behaves in the sim, read from its environment so that any client can ask for it
 * through the real RegisterTaskDefinition API:
 * - `ECS_TOP_SIM_EXIT_AFTER` seconds after RUNNING the container exits...
 * - `ECS_TOP_SIM_EXIT_CODE` ...with this code (default 0; 1 for a crash loop).
 * - `ECS_TOP_SIM_CPU` / `ECS_TOP_SIM_MEMORY`: typical utilization of its reservation, 0..1.
 * - `ECS_TOP_SIM_UNHEALTHY=1`: the health check never passes.
 * - `ECS_TOP_SIM_OOM=1`: the exit after ECS_TOP_SIM_EXIT_AFTER is the kernel's out-of-memory kill
 *   (exit 137, ECS's OutOfMemoryError reason).
 */
export interface ContainerBehaviour {
	exitAfterMs?: Millis;
	exitCode: number;
	cpuLoad: number;
	memoryLoad: number;
	unhealthy: boolean;
	outOfMemory: boolean;
}

export interface Volume {
	name: string;
	host?: {sourcePath?: string};
	dockerVolumeConfiguration?: {scope?: string; autoprovision?: boolean; driver?: string};
	efsVolumeConfiguration?: {fileSystemId: string; rootDirectory?: string};
}

export interface TaskDefinitionState {
	arn: string;
	family: string;
	revision: number;
	status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
	containerDefinitions: ContainerDefinition[];
	/** Task-level size, as the API gives it (strings, e.g. "256"); undefined on EC2 when unset. */
	cpu?: string;
	memory?: string;
	networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
	volumes: Volume[];
	requiresCompatibilities: string[];
	compatibilities: string[];
	placementConstraints: Array<{type: 'memberOf'; expression?: string}>;
	taskRoleArn?: string;
	executionRoleArn?: string;
	registeredAt: Millis;
	registeredBy: string;
	deregisteredAt?: Millis;
	tags: Tag[];
}

// ---------------------------------------------------------------------------------------------
// EC2, Auto Scaling, capacity providers

export interface InstanceTypeInfo {
	name: string;
	vcpus: number;
	/** Physical memory, MiB. */
	memoryMiB: number;
	/** What the ECS agent registers (CPU units = vcpus * 1024; memory less the agent's reserve). */
	registeredCpu: number;
	registeredMemory: number;
}

export type Ec2State =
	'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface Ec2InstanceState {
	instanceId: string;
	instanceType: string;
	availabilityZone: string;
	state: Ec2State;
	/** EC2 state codes: 0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped. */
	launchTime: Millis;
	imageId: string;
	privateIpAddress: string;
	privateDnsName: string;
	subnetId: string;
	vpcId: string;
	reservationId: string;
	instanceLifecycle?: 'spot';
	autoScalingGroupName?: string;
	/** sim: the cluster this instance's user data joins, if any. */
	clusterName?: string;
	/** sim: when the ECS agent registers (pending -> REGISTERING/ACTIVE). */
	registerAt?: Millis;
	/** sim: when a shutting-down instance becomes terminated. */
	terminateAt?: Millis;
	tags: Tag[];
}

export type AsgLifecycleState =
	| 'Pending'
	| 'InService'
	| 'Terminating'
	| 'Terminating:Wait'
	| 'Terminated'
	| 'Detaching'
	| 'Standby';

export interface AsgInstance {
	instanceId: string;
	lifecycleState: AsgLifecycleState;
	healthStatus: 'Healthy' | 'Unhealthy';
	protectedFromScaleIn: boolean;
}

export interface AutoScalingGroupState {
	name: string;
	arn: string;
	minSize: number;
	maxSize: number;
	desiredCapacity: number;
	defaultCooldown: number;
	availabilityZones: string[];
	instanceType: string;
	launchTemplate: {launchTemplateId: string; launchTemplateName: string; version: string};
	healthCheckType: 'EC2' | 'ELB';
	healthCheckGracePeriod: number;
	newInstancesProtectedFromScaleIn: boolean;
	createdAt: Millis;
	/** Ordered by launch; terminated ones are removed. */
	instances: AsgInstance[];
	/** sim: the cluster new instances join. */
	clusterName: string;
	tags: Tag[];
	/** Newest first, like DescribeScalingActivities. */
	activities: Array<{
		id: string;
		description: string;
		cause: string;
		startTime: Millis;
		endTime?: Millis;
		statusCode: string;
	}>;
}

export interface CapacityProviderState {
	name: string;
	arn: string;
	status: 'ACTIVE' | 'INACTIVE';
	autoScalingGroupProvider?: {
		autoScalingGroupArn: string;
		managedScaling: {
			status: 'ENABLED' | 'DISABLED';
			targetCapacity: number;
			minimumScalingStepSize: number;
			maximumScalingStepSize: number;
			instanceWarmupPeriod: number;
		};
		managedTerminationProtection: 'ENABLED' | 'DISABLED';
		managedDraining: 'ENABLED' | 'DISABLED';
	};
	updateStatus?: string;
	tags: Tag[];
}

// ---------------------------------------------------------------------------------------------
// ECS

export interface CapacityProviderStrategyItem {
	capacityProvider: string;
	weight: number;
	base: number;
}

export interface PlacementStrategy {
	type: 'random' | 'spread' | 'binpack';
	/** spread: `instanceId`, `host` or `attribute:ecs.availability-zone`; binpack: `cpu` or `memory`. */
	field?: string;
}

export interface PlacementConstraint {
	type: 'distinctInstance' | 'memberOf';
	expression?: string;
}

export interface ResourceAmount {
	cpu: number;
	memory: number;
	/** Host ports in use (TCP). */
	ports: number[];
}

export type ContainerInstanceStatus =
	'REGISTERING' | 'REGISTRATION_FAILED' | 'ACTIVE' | 'INACTIVE' | 'DEREGISTERING' | 'DRAINING';

export interface ContainerInstanceState {
	/** The id part of the ARN (32 hex chars). */
	id: string;
	arn: string;
	clusterName: string;
	ec2InstanceId: string;
	status: ContainerInstanceStatus;
	statusReason?: string;
	agentConnected: boolean;
	registeredAt: Millis;
	registeredResources: ResourceAmount;
	/** Kept up to date by the world as tasks are placed and stop. */
	remainingResources: ResourceAmount;
	attributes: Array<{name: string; value?: string}>;
	capacityProviderName?: string;
	versionInfo: {agentVersion: string; agentHash: string; dockerVersion: string};
	/** Bumped on every change, as ECS does. */
	version: number;
	tags: Tag[];
}

export type TaskStatus =
	| 'PROVISIONING'
	| 'PENDING'
	| 'ACTIVATING'
	| 'RUNNING'
	| 'DEACTIVATING'
	| 'STOPPING'
	| 'DEPROVISIONING'
	| 'STOPPED';

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export type StopCode =
	| 'TaskFailedToStart'
	| 'EssentialContainerExited'
	| 'UserInitiated'
	| 'ServiceSchedulerInitiated'
	| 'SpotInterruption'
	| 'TerminationNotice';

export interface ContainerState {
	name: string;
	containerArn: string;
	runtimeId?: string;
	image: string;
	imageDigest?: string;
	lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
	exitCode?: number;
	reason?: string;
	healthStatus: HealthStatus;
	networkBindings: Array<{
		bindIP: string;
		containerPort: number;
		hostPort: number;
		protocol: 'tcp' | 'udp';
	}>;
	cpu: string;
	memory?: string;
	memoryReservation?: string;
}

export interface TaskState {
	/** The id part of the ARN (32 hex chars). */
	id: string;
	arn: string;
	clusterName: string;
	taskDefinitionArn: string;
	containerInstanceId?: string;
	/** `service:NAME` or `family:NAME` (or what RunTask was given). */
	group: string;
	startedBy?: string;
	/** sim: set for service tasks. */
	serviceName?: string;
	/** sim: the service deployment (`ecs-svc/...`) this task belongs to. */
	deploymentId?: string;
	lastStatus: TaskStatus;
	desiredStatus: 'RUNNING' | 'STOPPED';
	healthStatus: HealthStatus;
	createdAt: Millis;
	pullStartedAt?: Millis;
	pullStoppedAt?: Millis;
	startedAt?: Millis;
	connectivity?: 'CONNECTED' | 'DISCONNECTED';
	connectivityAt?: Millis;
	stoppingAt?: Millis;
	executionStoppedAt?: Millis;
	stoppedAt?: Millis;
	stopCode?: StopCode;
	stoppedReason?: string;
	cpu: string;
	memory: string;
	launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
	capacityProviderName?: string;
	availabilityZone: string;
	/** Resources reserved on the container instance while the task is not STOPPED. */
	reserved: ResourceAmount;
	/** Bumped on every change, as ECS does. */
	version: number;
	containers: ContainerState[];
	/** ECS Exec: copied from the service (or RunTask) at launch; its agent runs with the task. */
	enableExecuteCommand?: boolean;
	overrides: {containerOverrides: Array<Record<string, unknown>>};
	tags: Tag[];
	/** sim: when the next lifecycle transition is due. */
	nextTransitionAt?: Millis;
	/** sim: when the essential container exits by itself (crash or batch end). */
	exitAt?: Millis;
}

export type RolloutState = 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';

export interface DeploymentState {
	id: string;
	status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
	taskDefinitionArn: string;
	desiredCount: number;
	/** Kept up to date by the world from the tasks of this deployment. */
	pendingCount: number;
	runningCount: number;
	failedTasks: number;
	createdAt: Millis;
	updatedAt: Millis;
	launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
	rolloutState: RolloutState;
	rolloutStateReason: string;
}

export interface ServiceEvent {
	id: string;
	createdAt: Millis;
	message: string;
}

export interface ServiceState {
	name: string;
	arn: string;
	clusterName: string;
	status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
	taskDefinitionArn: string;
	desiredCount: number;
	/** Kept up to date by the world from the tasks of this service. */
	runningCount: number;
	pendingCount: number;
	launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
	capacityProviderStrategy?: CapacityProviderStrategyItem[];
	schedulingStrategy: 'REPLICA' | 'DAEMON';
	placementStrategy: PlacementStrategy[];
	placementConstraints: PlacementConstraint[];
	deploymentConfiguration: {
		minimumHealthyPercent: number;
		maximumPercent: number;
		deploymentCircuitBreaker: {enable: boolean; rollback: boolean};
	};
	/** PRIMARY first. */
	deployments: DeploymentState[];
	/** Newest first, at most 100 kept. */
	events: ServiceEvent[];
	loadBalancers: Array<{
		targetGroupArn?: string;
		loadBalancerName?: string;
		containerName: string;
		containerPort: number;
	}>;
	healthCheckGracePeriodSeconds?: number;
	createdAt: Millis;
	createdBy: string;
	enableExecuteCommand: boolean;
	propagateTags: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
	tags: Tag[];
	/** sim: when the service last reached a steady state (to repeat the event every few hours as ECS does). */
	steadySinceAt?: Millis;
	/** sim: last time an "unable to place" event was emitted, to rate-limit it. */
	lastPlacementFailureEventAt?: Millis;
}

export interface ClusterState {
	name: string;
	arn: string;
	status: 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE';
	settings: Array<{name: 'containerInsights'; value: 'enabled' | 'disabled' | 'enhanced'}>;
	capacityProviders: string[];
	defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
	tags: Tag[];
	createdAt: Millis;
	/** Insertion-ordered; INACTIVE (deregistered) instances stay a while, as in ECS. */
	containerInstances: Map<string, ContainerInstanceState>;
	/** Keyed by name; INACTIVE (deleted) services stay describable. */
	services: Map<string, ServiceState>;
	/** Keyed by task id; STOPPED tasks are dropped about an hour after stoppedAt. */
	tasks: Map<string, TaskState>;
}

// ---------------------------------------------------------------------------------------------
// CloudWatch

export interface Dimension {
	Name: string;
	Value: string;
}

export interface MetricDatum {
	timestamp: Millis;
	value: number;
	/** A statistic set, when PutMetricData gave one instead of a value. */
	statistics?: {sampleCount: number; sum: number; minimum: number; maximum: number};
	unit?: string;
}

/** Custom metrics from PutMetricData, keyed by `namespace|metricName|dim1=v1,dim2=v2` (dims sorted). */
export type CustomMetricStore = Map<
	string,
	{namespace: string; metricName: string; dimensions: Dimension[]; data: MetricDatum[]}
>;
