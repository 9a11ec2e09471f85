/**
 * The world engine: state plus the world moving by itself in fixed 1-second steps. A step runs the
 * timers that are due (task lifecycles, instance boots, drains), the scheduler for services that
 * changed, and every 15 s a sweep of services that are not settled; a step with nothing due is
 * skipped outright, so a quiet world costs nothing however large it is.
 */
import {clientError, clusterNotFound, invalidParameter, SimError} from '../errors.js';
import {
	reconcileGroup,
	setDesired,
	terminateIfDrained,
	validateDesired,
	validateSizes,
} from './autoscaling.js';
import {containerBehaviour} from './behaviour.js';
import {startDeployment} from './deployments.js';
import type {Engine, ServiceRuntime} from './engine.js';
import {Ids, lastSegment} from './ids.js';
import {deregister, launchEc2Instance} from './instances.js';
import {createTask, requestStop} from './lifecycle.js';
import {LogStore} from './logs/log-store.js';
import {MetricsRecorder} from './metrics.js';
import {placeTask} from './placement.js';
import {Random} from './random.js';
import {closestInstance, runTaskFailureReason} from './service-events.js';
import {capacityProvidersFor, reconcileService, serviceTaskStopped} from './service-scheduler.js';
import {taskRequirement, type TaskRequirement} from './task-requirements.js';
import {TimerQueue} from './timers.js';
import type {Clock} from './clock.js';
import type {
	AutoScalingGroupState,
	CapacityProviderState,
	ClusterState,
	ContainerBehaviour,
	ContainerDefinition,
	ContainerInstanceState,
	CustomMetricStore,
	Ec2InstanceState,
	KeyValue,
	ServiceState,
	TaskDefinitionState,
	TaskState,
} from './types.js';
import type {
	CreateAutoScalingGroupInput,
	CreateCapacityProviderInput,
	CreateServiceInput,
	Failure,
	LaunchInstanceInput,
	MetricQuery,
	RegisterTaskDefinitionInput,
	RunTaskInput,
	UpdateServiceInput,
	World,
	WorldOptions,
} from './world.js';

const stepMs = 1000;
const sweepEveryMs = 15_000;
const minuteMs = 60_000;
/** Beyond this gap advanceTo jumps ahead (the state is taken to have held) and steps the rest. */
const fastForwardLimitMs = 2 * 60 * 60 * 1000;

export function createWorld(options: WorldOptions): World {
	return new WorldEngine(options);
}

class WorldEngine implements World, Engine {
	readonly seed: number;
	readonly clock: Clock;
	readonly accountId: string;
	readonly region: string;
	readonly random: Random;
	readonly ids: Ids;

	readonly clusters = new Map<string, ClusterState>();
	readonly taskDefinitions = new Map<string, TaskDefinitionState[]>();
	readonly capacityProviders = new Map<string, CapacityProviderState>();
	readonly autoScalingGroups = new Map<string, AutoScalingGroupState>();
	readonly ec2Instances = new Map<string, Ec2InstanceState>();
	readonly customMetrics: CustomMetricStore = new Map();
	readonly logs = new LogStore(() => this.time);

	private readonly requestRandom: Random;
	private readonly startTime: number;
	private time: number;
	private readonly timers = new TimerQueue();
	private readonly dirtyServices = new Set<ServiceState>();
	/** Services the 15-second sweep looks at again (placement failed, backing off, rolling...). */
	private readonly unsettled = new Set<ServiceState>();
	private readonly dirtyGroups = new Set<AutoScalingGroupState>();
	private readonly runtimes = new Map<ServiceState, ServiceRuntime>();
	private readonly instanceTasks = new Map<string, Set<TaskState>>();
	private readonly taskListRevisions = new WeakMap<ClusterState, number>();
	private readonly definitionsByArn = new Map<string, TaskDefinitionState>();
	private readonly requirements = new WeakMap<TaskDefinitionState, TaskRequirement>();
	private readonly definitionBehaviours = new WeakMap<TaskDefinitionState, ContainerBehaviour[]>();
	private readonly taskBehaviours = new WeakMap<TaskState, ContainerBehaviour[]>();
	private readonly metrics: MetricsRecorder;
	private lastRecordedMinute: number;
	private readonly placementViews = new Map<
		ClusterState,
		{instances: ContainerInstanceState[]; zones: string[]}
	>();
	private readonly imageDigests = new Map<string, string>();

	constructor(options: WorldOptions) {
		this.seed = options.seed;
		this.clock = options.clock;
		this.accountId = options.accountId ?? '123456789012';
		this.region = options.region ?? 'us-east-1';
		this.random = new Random(options.seed);
		// Request ids come from their own source so that serving requests never changes world ids.
		this.requestRandom = new Random(options.seed ^ 0x5eed_1d5);
		this.ids = new Ids(this.random, this.region, this.accountId);
		this.startTime = options.startTime ?? options.clock.now();
		this.time = this.startTime;
		this.metrics = new MetricsRecorder(this.startTime, this.customMetrics);
		this.lastRecordedMinute = Math.floor(this.startTime / minuteMs) - 1;
	}

	// -------------------------------------------------------------------------------------------
	// Time

	now(): number {
		return this.time;
	}

	advanceTo(now: number): void {
		if (now - this.time > fastForwardLimitMs) {
			const target = this.gridFloor(now - fastForwardLimitMs);
			this.recordMetricsUntil(target);
			this.time = target;
		}
		while (this.time + stepMs <= now) {
			let next = this.time + stepMs;
			if (this.dirtyServices.size === 0 && this.dirtyGroups.size === 0) {
				// Nothing can happen before the next timer (or the next sweep, if one has work).
				let wake = this.timers.peek();
				if (this.unsettled.size > 0) wake = Math.min(wake, this.nextSweepAfter(this.time));
				const lastStep = this.gridFloor(now);
				next = Math.max(next, Math.min(this.gridCeil(wake), lastStep));
			}
			this.step(next);
		}
	}

	private gridFloor(t: number): number {
		return this.startTime + Math.floor((t - this.startTime) / stepMs) * stepMs;
	}

	private gridCeil(t: number): number {
		if (!Number.isFinite(t)) return Infinity;
		return this.startTime + Math.ceil((t - this.startTime) / stepMs) * stepMs;
	}

	private nextSweepAfter(t: number): number {
		return this.startTime + (Math.floor((t - this.startTime) / sweepEveryMs) + 1) * sweepEveryMs;
	}

	private step(t: number): void {
		this.recordMetricsUntil(t);
		this.time = t;
		for (let run = this.timers.popDue(t); run; run = this.timers.popDue(t)) run();
		if (this.dirtyGroups.size) {
			const groups = [...this.dirtyGroups];
			this.dirtyGroups.clear();
			for (const group of groups) reconcileGroup(this, group);
		}
		if ((t - this.startTime) % sweepEveryMs === 0)
			for (const service of this.unsettled) this.dirtyServices.add(service);
		if (this.dirtyServices.size) {
			const services = [...this.dirtyServices];
			this.dirtyServices.clear();
			for (const service of services) {
				const cluster = this.clusters.get(service.clusterName);
				if (!cluster) continue;
				if (reconcileService(this, cluster, service)) this.unsettled.delete(service);
				else this.unsettled.add(service);
			}
		}
	}

	/** Minutes that ended before `t` get their metric samples (from the state as it is now). */
	private recordMetricsUntil(t: number): void {
		const lastComplete = Math.floor(t / minuteMs) - 1;
		if (lastComplete <= this.lastRecordedMinute) return;
		this.metrics.record(this.lastRecordedMinute + 1, lastComplete, this.clusters, this);
		this.lastRecordedMinute = lastComplete;
	}

	schedule(at: number, run: () => void): void {
		this.timers.schedule(at, run);
	}

	nextRequestId(): string {
		return this.requestRandom.uuid();
	}

	// -------------------------------------------------------------------------------------------
	// Engine bookkeeping

	taskDefinitionByArn(arn: string): TaskDefinitionState | undefined {
		return this.definitionsByArn.get(arn);
	}

	requirement(definition: TaskDefinitionState): TaskRequirement {
		let requirement = this.requirements.get(definition);
		if (!requirement) {
			requirement = taskRequirement(definition);
			this.requirements.set(definition, requirement);
		}
		return requirement;
	}

	behaviours(task: TaskState): ContainerBehaviour[] {
		const cached = this.taskBehaviours.get(task);
		if (cached) return cached;
		const definition = this.definitionsByArn.get(task.taskDefinitionArn);
		if (!definition) return [];
		const overrides = task.overrides.containerOverrides;
		if (!overrides.some((o) => Array.isArray(o['environment']))) {
			let shared = this.definitionBehaviours.get(definition);
			if (!shared) {
				shared = definition.containerDefinitions.map((c) => containerBehaviour(c));
				this.definitionBehaviours.set(definition, shared);
			}
			return shared;
		}
		const own = definition.containerDefinitions.map((c) => {
			const override = overrides.find((o) => o['name'] === c.name);
			return containerBehaviour(c, (override?.['environment'] as KeyValue[] | undefined) ?? []);
		});
		this.taskBehaviours.set(task, own);
		return own;
	}

	serviceRuntime(service: ServiceState): ServiceRuntime {
		let runtime = this.runtimes.get(service);
		if (!runtime) {
			runtime = {tasks: new Set(), failureStreak: 0, nextLaunchAt: 0};
			this.runtimes.set(service, runtime);
		}
		return runtime;
	}

	tasksOnInstance(instanceId: string): Set<TaskState> {
		return this.instanceTasks.get(instanceId) ?? new Set();
	}

	addTask(cluster: ClusterState, task: TaskState): void {
		cluster.tasks.set(task.id, task);
		this.bumpTaskList(cluster);
		if (task.containerInstanceId) {
			let set = this.instanceTasks.get(task.containerInstanceId);
			if (!set) this.instanceTasks.set(task.containerInstanceId, (set = new Set()));
			set.add(task);
		}
		const service = task.serviceName ? cluster.services.get(task.serviceName) : undefined;
		if (service) this.serviceRuntime(service).tasks.add(task);
	}

	removeTask(cluster: ClusterState, task: TaskState): void {
		cluster.tasks.delete(task.id);
		this.bumpTaskList(cluster);
		if (task.containerInstanceId) this.instanceTasks.get(task.containerInstanceId)?.delete(task);
		const service = task.serviceName ? cluster.services.get(task.serviceName) : undefined;
		if (service) this.serviceRuntime(service).tasks.delete(task);
	}

	taskListChanged(clusterName: string): void {
		const cluster = this.clusters.get(clusterName);
		if (cluster) this.bumpTaskList(cluster);
	}

	taskListRevision(cluster: ClusterState): number {
		return this.taskListRevisions.get(cluster) ?? 0;
	}

	private bumpTaskList(cluster: ClusterState): void {
		this.taskListRevisions.set(cluster, (this.taskListRevisions.get(cluster) ?? 0) + 1);
	}

	serviceDirty(service: ServiceState): void {
		this.dirtyServices.add(service);
	}

	clusterCapacityChanged(cluster: ClusterState): void {
		for (const service of cluster.services.values())
			if (service.status !== 'INACTIVE') this.dirtyServices.add(service);
	}

	capacityFreed(cluster: ClusterState): void {
		for (const service of this.unsettled)
			if (service.clusterName === cluster.name && this.serviceRuntime(service).waitingForCapacity)
				this.dirtyServices.add(service);
	}

	autoScalingGroupDirty(group: AutoScalingGroupState): void {
		this.dirtyGroups.add(group);
	}

	taskStopped(task: TaskState): void {
		const cluster = this.clusters.get(task.clusterName);
		const service = task.serviceName ? cluster?.services.get(task.serviceName) : undefined;
		if (service) serviceTaskStopped(this, service, task);
		const instance = this.containerInstanceOf(task);
		if (instance?.status === 'DRAINING') {
			const ec2 = this.ec2Instances.get(instance.ec2InstanceId);
			if (ec2) terminateIfDrained(this, ec2);
		}
	}

	placementView(cluster: ClusterState): {instances: ContainerInstanceState[]; zones: string[]} {
		let view = this.placementViews.get(cluster);
		if (!view) {
			const instances = [...cluster.containerInstances.values()];
			const zones = [
				...new Set(
					instances.map(
						(i) => i.attributes.find((a) => a.name === 'ecs.availability-zone')?.value ?? '',
					),
				),
			];
			view = {instances, zones};
			this.placementViews.set(cluster, view);
		}
		return view;
	}

	instancesChanged(cluster: ClusterState): void {
		this.placementViews.delete(cluster);
	}

	imageDigest(image: string): string {
		let digest = this.imageDigests.get(image);
		if (!digest) this.imageDigests.set(image, (digest = this.ids.imageDigest()));
		return digest;
	}

	containerInstanceOf(task: TaskState): ContainerInstanceState | undefined {
		if (!task.containerInstanceId) return undefined;
		return this.clusters.get(task.clusterName)?.containerInstances.get(task.containerInstanceId);
	}

	// -------------------------------------------------------------------------------------------
	// Lookups

	resolveCluster(ref: string | undefined): ClusterState | undefined {
		const name =
			ref === undefined || ref === '' ? 'default' : ref.startsWith('arn:') ? lastSegment(ref) : ref;
		return this.clusters.get(name);
	}

	resolveService(cluster: ClusterState, ref: string): ServiceState | undefined {
		return cluster.services.get(ref.startsWith('arn:') ? lastSegment(ref) : ref);
	}

	resolveTask(cluster: ClusterState, ref: string): TaskState | undefined {
		return cluster.tasks.get(lastSegment(ref));
	}

	resolveContainerInstance(cluster: ClusterState, ref: string): ContainerInstanceState | undefined {
		return cluster.containerInstances.get(lastSegment(ref));
	}

	resolveTaskDefinition(ref: string): TaskDefinitionState | undefined {
		const spec = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 16) : ref;
		const [family = '', revision] = spec.split(':');
		const revisions = this.taskDefinitions.get(family);
		if (!revisions) return undefined;
		if (revision !== undefined) return revisions[Number(revision) - 1];
		for (let i = revisions.length - 1; i >= 0; i--)
			if (revisions[i]!.status === 'ACTIVE') return revisions[i];
		return undefined;
	}

	resolveAutoScalingGroup(ref: string): AutoScalingGroupState | undefined {
		const marker = 'autoScalingGroupName/';
		const name =
			ref.startsWith('arn:') && ref.includes(marker)
				? ref.slice(ref.indexOf(marker) + marker.length)
				: ref;
		return this.autoScalingGroups.get(name);
	}

	// -------------------------------------------------------------------------------------------
	// ECS

	createCluster(input: Parameters<World['createCluster']>[0]): ClusterState {
		if (!/^[a-zA-Z0-9_-]{1,255}$/.test(input.clusterName))
			throw invalidParameter(
				'Cluster name can only contain letters, numbers, hyphens and underscores, up to 255 characters.',
			);
		const existing = this.clusters.get(input.clusterName);
		if (existing && existing.status === 'ACTIVE') return existing;
		const cluster: ClusterState = {
			name: input.clusterName,
			arn: this.ids.clusterArn(input.clusterName),
			status: 'ACTIVE',
			settings: input.settings ?? [{name: 'containerInsights', value: 'disabled'}],
			capacityProviders: input.capacityProviders ?? [],
			defaultCapacityProviderStrategy: input.defaultCapacityProviderStrategy ?? [],
			tags: input.tags ?? [],
			createdAt: this.time,
			containerInstances: new Map(),
			services: new Map(),
			tasks: new Map(),
		};
		this.clusters.set(cluster.name, cluster);
		return cluster;
	}

	registerTaskDefinition(input: RegisterTaskDefinitionInput): TaskDefinitionState {
		if (!/^[a-zA-Z0-9_-]{1,255}$/.test(input.family))
			throw clientError('Family contains invalid characters.');
		if (!input.containerDefinitions.length) throw clientError('Container list cannot be empty.');
		const networkMode = input.networkMode ?? 'bridge';
		const containers = input.containerDefinitions.map((c): ContainerDefinition => {
			if (input.memory === undefined && c.memory === undefined && c.memoryReservation === undefined)
				throw clientError(
					`Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
				);
			return {
				name: c.name,
				image: c.image,
				cpu: c.cpu ?? 0,
				memory: c.memory,
				memoryReservation: c.memoryReservation,
				essential: c.essential ?? true,
				portMappings: (c.portMappings ?? []).map((p) => ({
					containerPort: p.containerPort,
					hostPort: networkMode === 'bridge' ? (p.hostPort ?? 0) : (p.hostPort ?? p.containerPort),
					protocol: p.protocol ?? 'tcp',
				})),
				command: c.command,
				entryPoint: c.entryPoint,
				environment: c.environment ?? [],
				mountPoints: c.mountPoints ?? [],
				healthCheck: c.healthCheck,
				logConfiguration: c.logConfiguration,
				secrets: c.secrets,
			};
		});
		if (!containers.some((c) => c.essential))
			throw clientError('At least one essential container is required.');
		const revisions = this.taskDefinitions.get(input.family) ?? [];
		const revision = revisions.length + 1;
		const fargateReady =
			networkMode === 'awsvpc' && input.cpu !== undefined && input.memory !== undefined;
		const definition: TaskDefinitionState = {
			arn: this.ids.taskDefinitionArn(input.family, revision),
			family: input.family,
			revision,
			status: 'ACTIVE',
			containerDefinitions: containers,
			cpu: input.cpu,
			memory: input.memory,
			networkMode,
			volumes: input.volumes ?? [],
			requiresCompatibilities: input.requiresCompatibilities ?? [],
			compatibilities: fargateReady ? ['EC2', 'FARGATE'] : ['EC2'],
			placementConstraints: input.placementConstraints ?? [],
			taskRoleArn: input.taskRoleArn,
			executionRoleArn: input.executionRoleArn,
			registeredAt: this.time,
			registeredBy: `arn:aws:iam::${this.accountId}:root`,
			tags: input.tags ?? [],
		};
		revisions.push(definition);
		this.taskDefinitions.set(input.family, revisions);
		this.definitionsByArn.set(definition.arn, definition);
		return definition;
	}

	deregisterTaskDefinition(ref: string): TaskDefinitionState {
		const definition = ref.includes(':') ? this.resolveTaskDefinition(ref) : undefined;
		if (!definition) throw clientError('The specified task definition does not exist.');
		if (definition.status === 'ACTIVE') {
			definition.status = 'INACTIVE';
			definition.deregisteredAt = this.time;
		}
		return definition;
	}

	private activeCluster(cluster: ClusterState): void {
		if (cluster.status !== 'ACTIVE') throw clusterNotFound();
	}

	createService(cluster: ClusterState, input: CreateServiceInput): ServiceState {
		this.activeCluster(cluster);
		if (!/^[a-zA-Z0-9_-]{1,255}$/.test(input.serviceName))
			throw invalidParameter(
				'Service name can only contain letters, numbers, hyphens and underscores.',
			);
		const existing = cluster.services.get(input.serviceName);
		if (existing && existing.status !== 'INACTIVE')
			throw invalidParameter('Creation of service was not idempotent.');
		const definition = this.resolveTaskDefinition(input.taskDefinition);
		if (!definition) throw clientError('TaskDefinition not found.');
		if (definition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive');
		const daemon = input.schedulingStrategy === 'DAEMON';
		if (!daemon && (!Number.isInteger(input.desiredCount) || input.desiredCount < 0))
			throw invalidParameter('The desired count must be a non-negative integer.');
		const strategy =
			input.capacityProviderStrategy ??
			(input.launchType === undefined && cluster.defaultCapacityProviderStrategy.length
				? cluster.defaultCapacityProviderStrategy
				: undefined);
		const config = input.deploymentConfiguration ?? {};
		const service: ServiceState = {
			name: input.serviceName,
			arn: this.ids.serviceArn(cluster.name, input.serviceName),
			clusterName: cluster.name,
			status: 'ACTIVE',
			taskDefinitionArn: definition.arn,
			desiredCount: daemon ? 0 : input.desiredCount,
			runningCount: 0,
			pendingCount: 0,
			launchType: strategy ? undefined : (input.launchType ?? 'EC2'),
			capacityProviderStrategy: strategy,
			schedulingStrategy: daemon ? 'DAEMON' : 'REPLICA',
			placementStrategy: input.placementStrategy ?? [],
			placementConstraints: input.placementConstraints ?? [],
			deploymentConfiguration: {
				minimumHealthyPercent: config.minimumHealthyPercent ?? (daemon ? 0 : 100),
				maximumPercent: config.maximumPercent ?? (daemon ? 100 : 200),
				deploymentCircuitBreaker: config.deploymentCircuitBreaker ?? {
					enable: false,
					rollback: false,
				},
			},
			deployments: [],
			events: [],
			loadBalancers: input.loadBalancers ?? [],
			healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds,
			createdAt: this.time,
			createdBy: input.createdBy ?? `arn:aws:iam::${this.accountId}:root`,
			enableExecuteCommand: input.enableExecuteCommand ?? false,
			propagateTags: input.propagateTags ?? 'NONE',
			tags: input.tags ?? [],
		};
		cluster.services.set(service.name, service);
		this.runtimes.delete(service);
		startDeployment(this, service, definition.arn);
		return service;
	}

	updateService(
		cluster: ClusterState,
		service: ServiceState,
		input: UpdateServiceInput,
	): ServiceState {
		this.activeCluster(cluster);
		if (service.status !== 'ACTIVE')
			throw new SimError('ServiceNotActiveException', 'Service was not ACTIVE.');
		if (input.desiredCount !== undefined) {
			if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)
				throw invalidParameter('The desired count must be a non-negative integer.');
			if (service.schedulingStrategy === 'DAEMON')
				throw invalidParameter(
					'The daemon scheduling strategy does not support a desired count for services.',
				);
		}
		let definition: TaskDefinitionState | undefined;
		if (input.taskDefinition !== undefined) {
			definition = this.resolveTaskDefinition(input.taskDefinition);
			if (!definition) throw clientError('TaskDefinition not found.');
			if (definition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive');
		}
		if (input.desiredCount !== undefined && input.desiredCount !== service.desiredCount) {
			service.desiredCount = input.desiredCount;
			service.steadySinceAt = undefined;
		}
		if (input.deploymentConfiguration) {
			const c = input.deploymentConfiguration;
			service.deploymentConfiguration = {
				minimumHealthyPercent:
					c.minimumHealthyPercent ?? service.deploymentConfiguration.minimumHealthyPercent,
				maximumPercent: c.maximumPercent ?? service.deploymentConfiguration.maximumPercent,
				deploymentCircuitBreaker:
					c.deploymentCircuitBreaker ?? service.deploymentConfiguration.deploymentCircuitBreaker,
			};
		}
		if (input.enableExecuteCommand !== undefined)
			service.enableExecuteCommand = input.enableExecuteCommand;
		if (input.placementStrategy) service.placementStrategy = input.placementStrategy;
		if (input.placementConstraints) service.placementConstraints = input.placementConstraints;
		if (input.capacityProviderStrategy) {
			service.capacityProviderStrategy = input.capacityProviderStrategy;
			service.launchType = undefined;
		}
		const newDefinition = definition !== undefined && definition.arn !== service.taskDefinitionArn;
		if (newDefinition || input.forceNewDeployment || input.capacityProviderStrategy)
			startDeployment(this, service, definition?.arn ?? service.taskDefinitionArn);
		this.serviceDirty(service);
		return service;
	}

	deleteService(cluster: ClusterState, service: ServiceState, force: boolean): ServiceState {
		if (service.status === 'INACTIVE')
			throw new SimError('ServiceNotActiveException', 'Service was not ACTIVE.');
		if (service.desiredCount > 0 && !force && service.schedulingStrategy === 'REPLICA')
			throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
		service.desiredCount = 0;
		service.status = 'DRAINING';
		service.steadySinceAt = undefined;
		this.serviceDirty(service);
		void cluster;
		return service;
	}

	runTask(cluster: ClusterState, input: RunTaskInput): {tasks: TaskState[]; failures: Failure[]} {
		this.activeCluster(cluster);
		const definition = this.resolveTaskDefinition(input.taskDefinition);
		if (!definition) throw clientError('TaskDefinition not found.');
		if (definition.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive');
		const count = input.count ?? 1;
		if (!Number.isInteger(count) || count < 1 || count > 10)
			throw invalidParameter('count must be between 1 and 10.');
		const requirement = this.requirement(definition);
		const group = input.group ?? `family:${definition.family}`;
		const providers = capacityProvidersFor(
			cluster,
			input.launchType,
			input.capacityProviderStrategy,
		);
		const tasks: TaskState[] = [];
		const failures: Failure[] = [];
		const groupTasks = [...cluster.tasks.values()].filter(
			(t) => t.group === group && t.lastStatus !== 'STOPPED',
		);
		for (let i = 0; i < count; i++) {
			let instance: ContainerInstanceState | undefined;
			if (input.launchType !== 'FARGATE') {
				const result = placeTask({
					...this.placementView(cluster),
					requirement,
					capacityProviders: providers,
					constraints: [...(input.placementConstraints ?? []), ...definition.placementConstraints],
					strategies: input.placementStrategy ?? [{type: 'random'}],
					groupTasks,
					random: this.random,
				});
				if (!result.ok) {
					if (result.refusal === 'noInstances' && tasks.length === 0)
						throw invalidParameter('No Container Instances were found in your cluster.');
					const reason = runTaskFailureReason(result);
					const arn = closestInstance(result)?.arn;
					if (!failures.some((f) => f.arn === arn && f.reason === reason))
						failures.push({arn, reason});
					continue;
				}
				instance = result.instance;
			}
			const task = createTask(this, {
				cluster,
				definition,
				instance,
				requirement,
				group,
				startedBy: input.startedBy,
				enableExecuteCommand: input.enableExecuteCommand,
				launchType: input.launchType ?? 'EC2',
				capacityProviderName: providers && instance ? instance.capacityProviderName : undefined,
				overrides: {containerOverrides: input.overrides?.containerOverrides ?? []},
				tags: input.tags,
				availabilityZone: instance
					? undefined
					: `${this.region}${this.random.pick(['a', 'b', 'c'])}`,
			});
			tasks.push(task);
			groupTasks.push(task);
		}
		return {tasks, failures};
	}

	stopTask(cluster: ClusterState, task: TaskState, reason: string | undefined): TaskState {
		void cluster;
		requestStop(this, task, 'UserInitiated', reason ?? 'Task stopped by user');
		return task;
	}

	updateContainerInstancesState(
		cluster: ClusterState,
		refs: string[],
		status: 'ACTIVE' | 'DRAINING',
	): {containerInstances: ContainerInstanceState[]; failures: Failure[]} {
		const containerInstances: ContainerInstanceState[] = [];
		const failures: Failure[] = [];
		for (const ref of refs) {
			const instance = this.resolveContainerInstance(cluster, ref);
			if (!instance || instance.status === 'INACTIVE') {
				failures.push({
					arn: ref.startsWith('arn:') ? ref : this.ids.containerInstanceArn(cluster.name, ref),
					reason: 'MISSING',
				});
				continue;
			}
			if (
				instance.status !== status &&
				(instance.status === 'ACTIVE' || instance.status === 'DRAINING')
			) {
				instance.status = status;
				instance.version++;
				this.clusterCapacityChanged(cluster);
			}
			containerInstances.push(instance);
		}
		return {containerInstances, failures};
	}

	deregisterContainerInstance(
		cluster: ClusterState,
		instance: ContainerInstanceState,
		force: boolean,
	): ContainerInstanceState {
		const busy = [...this.tasksOnInstance(instance.id)].some((t) => t.lastStatus !== 'STOPPED');
		if (busy && !force) throw invalidParameter('Found running tasks on the instance.');
		deregister(this, cluster, instance, 'Container instance deregistration forced by user');
		return instance;
	}

	// -------------------------------------------------------------------------------------------
	// EC2 and Auto Scaling

	launchInstance(input: LaunchInstanceInput): Ec2InstanceState {
		const ec2 = launchEc2Instance(this, input);
		const group = input.autoScalingGroupName
			? this.autoScalingGroups.get(input.autoScalingGroupName)
			: undefined;
		if (group) {
			group.instances.push({
				instanceId: ec2.instanceId,
				lifecycleState: ec2.state === 'running' ? 'InService' : 'Pending',
				healthStatus: 'Healthy',
				protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
			});
			const live = group.instances.filter(
				(i) => i.lifecycleState === 'Pending' || i.lifecycleState === 'InService',
			).length;
			group.desiredCapacity = Math.max(group.desiredCapacity, live);
		}
		return ec2;
	}

	createAutoScalingGroup(input: CreateAutoScalingGroupInput): AutoScalingGroupState {
		if (this.autoScalingGroups.has(input.name))
			throw new SimError(
				'AlreadyExists',
				`AutoScalingGroup by this name already exists - A group with the name ${input.name} already exists`,
			);
		validateSizes(input.minSize, input.maxSize, input.desiredCapacity);
		const group: AutoScalingGroupState = {
			name: input.name,
			arn: this.ids.autoScalingGroupArn(input.name),
			minSize: input.minSize,
			maxSize: input.maxSize,
			desiredCapacity: input.desiredCapacity,
			defaultCooldown: 300,
			availabilityZones: input.availabilityZones.length
				? input.availabilityZones
				: [`${this.region}a`],
			instanceType: input.instanceType,
			launchTemplate: {
				launchTemplateId: `lt-0${this.random.hex(16)}`,
				launchTemplateName: `${input.name}-lt`,
				version: '$Latest',
			},
			healthCheckType: 'EC2',
			healthCheckGracePeriod: 300,
			newInstancesProtectedFromScaleIn: input.newInstancesProtectedFromScaleIn ?? false,
			createdAt: this.time,
			instances: [],
			clusterName: input.clusterName,
			tags: input.tags ?? [],
			activities: [],
		};
		this.autoScalingGroups.set(group.name, group);
		reconcileGroup(this, group, input.registerNow ?? false);
		return group;
	}

	createCapacityProvider(input: CreateCapacityProviderInput): CapacityProviderState {
		if (this.capacityProviders.has(input.name))
			throw clientError(
				`The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.`,
			);
		const group = this.resolveAutoScalingGroup(input.autoScalingGroupName);
		if (!group) throw clientError('The specified Auto Scaling group ARN is not valid.');
		const provider: CapacityProviderState = {
			name: input.name,
			arn: this.ids.capacityProviderArn(input.name),
			status: 'ACTIVE',
			autoScalingGroupProvider: {
				autoScalingGroupArn: group.arn,
				managedScaling: {
					status: input.managedScaling === false ? 'DISABLED' : 'ENABLED',
					targetCapacity: input.targetCapacity ?? 100,
					minimumScalingStepSize: 1,
					maximumScalingStepSize: 10_000,
					instanceWarmupPeriod: 300,
				},
				managedTerminationProtection: input.managedTerminationProtection ? 'ENABLED' : 'DISABLED',
				managedDraining: 'ENABLED',
			},
			tags: input.tags ?? [],
		};
		this.capacityProviders.set(provider.name, provider);
		// Instances the group already runs belong to the provider from now on.
		const cluster = this.clusters.get(group.clusterName);
		const members = new Set(group.instances.map((i) => i.instanceId));
		for (const instance of cluster?.containerInstances.values() ?? []) {
			if (members.has(instance.ec2InstanceId) && !instance.capacityProviderName)
				instance.capacityProviderName = provider.name;
		}
		return provider;
	}

	setDesiredCapacity(group: AutoScalingGroupState, desired: number, honorCooldown: boolean): void {
		validateDesired(group, desired);
		void honorCooldown;
		setDesired(this, group, desired, 'a user request explicitly set group desired capacity');
	}

	updateAutoScalingGroup(
		group: AutoScalingGroupState,
		input: {minSize?: number; maxSize?: number; desiredCapacity?: number},
	): void {
		const minSize = input.minSize ?? group.minSize;
		const maxSize = input.maxSize ?? group.maxSize;
		validateSizes(minSize, maxSize, input.desiredCapacity);
		group.minSize = minSize;
		group.maxSize = maxSize;
		const desired =
			input.desiredCapacity ?? Math.min(maxSize, Math.max(minSize, group.desiredCapacity));
		setDesired(
			this,
			group,
			desired,
			'a user request update of AutoScalingGroup constraints to min: ' +
				`${minSize}, max: ${maxSize}, desired: ${desired}`,
		);
	}

	// -------------------------------------------------------------------------------------------
	// CloudWatch

	putMetricData(namespace: string, data: Parameters<World['putMetricData']>[1]): void {
		this.metrics.putMetricData(namespace, data);
	}

	getMetricData(query: MetricQuery): Array<{timestamp: number; value: number}> {
		return this.metrics.getMetricData(query);
	}

	listMetrics(filter: Parameters<World['listMetrics']>[0]): ReturnType<World['listMetrics']> {
		return this.metrics.listMetrics(filter);
	}
}
