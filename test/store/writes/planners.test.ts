/**
 * The planners on hand-made fleet states: the cases the demo world does not have (DAEMON and
 * Fargate services, awsvpc task definitions, a profile to name, fragmented capacity).
 */
import {describe, expect, it} from 'vitest';
import type {Cluster} from '../../../source/model/cluster.js';
import type {ContainerInstance} from '../../../source/model/container-instance.js';
import type {Service} from '../../../source/model/service.js';
import type {Task} from '../../../source/model/task.js';
import type {TaskDefinition} from '../../../source/model/task-definition.js';
import {awsCommand, shellQuote} from '../../../source/store/writes/cli-command.js';
import {tasksThatFit} from '../../../source/store/writes/capacity-room.js';
import type {PlanContext} from '../../../source/store/writes/plan-context.js';
import {planForceDeployment} from '../../../source/store/writes/plan-force-deployment.js';
import {planRequest} from '../../../source/store/writes/planner.js';
import {stopReason} from '../../../source/store/writes/plan-stop-tasks.js';
import {scalingGroupsOf} from '../../../source/store/writes/scaling-groups.js';
import {createFleetStore, type FleetState} from '../../../source/store/fleet-store.js';

const clusterArn = 'arn:aws:ecs:eu-west-1:1:cluster/jobs';

const cluster = (overrides: Partial<Cluster> = {}): Cluster => ({
	arn: clusterArn,
	name: 'jobs',
	status: 'ACTIVE',
	registeredContainerInstancesCount: 2,
	runningTasksCount: 0,
	pendingTasksCount: 0,
	activeServicesCount: 1,
	statistics: {},
	containerInsights: undefined,
	capacityProviders: [],
	defaultCapacityProviderStrategy: [],
	tags: {},
	...overrides,
});

const instance = (
	id: string,
	cpuRemaining: number,
	memoryRemaining: number,
): ContainerInstance => ({
	arn: `arn:aws:ecs:eu-west-1:1:container-instance/jobs/${id}`,
	id,
	ec2InstanceId: `i-${id}`,
	instanceType: 't3.small',
	availabilityZone: 'eu-west-1a',
	status: 'ACTIVE',
	statusReason: undefined,
	agentConnected: true,
	agentUpdateStatus: undefined,
	capacityProviderName: undefined,
	healthStatus: undefined,
	runningTasksCount: 0,
	pendingTasksCount: 0,
	cpuRegistered: 2048,
	cpuRemaining,
	memoryRegistered: 2048,
	memoryRemaining,
	registeredAt: undefined,
	agentVersion: undefined,
	version: 1,
});

const definition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
	arn: 'arn:aws:ecs:eu-west-1:1:task-definition/worker:4',
	family: 'worker',
	revision: 4,
	status: 'ACTIVE',
	networkMode: 'bridge',
	requiresCompatibilities: ['EC2'],
	cpu: '512',
	memory: '512',
	taskRoleArn: undefined,
	executionRoleArn: undefined,
	containers: [],
	volumes: [],
	registeredAt: undefined,
	...overrides,
});

const service = (overrides: Partial<Service> = {}): Service => ({
	arn: 'arn:aws:ecs:eu-west-1:1:service/jobs/worker',
	name: 'worker',
	clusterArn,
	status: 'ACTIVE',
	desiredCount: 2,
	runningCount: 2,
	pendingCount: 0,
	launchType: 'EC2',
	capacityProviderStrategy: [],
	taskDefinition: definition().arn,
	schedulingStrategy: 'REPLICA',
	deployments: [],
	events: [],
	placementStrategy: [],
	placementConstraints: [],
	loadBalancers: [],
	minimumHealthyPercent: undefined,
	maximumPercent: undefined,
	circuitBreaker: undefined,
	createdAt: undefined,
	...overrides,
});

/** A running task on instance `instanceId`, of a service or standalone (serviceName undefined). */
const task = (id: string, serviceName: string | undefined, instanceId = 'a'): Task => ({
	arn: `arn:aws:ecs:eu-west-1:1:task/jobs/${id}`,
	id,
	clusterArn,
	group: serviceName === undefined ? 'family:report' : `service:${serviceName}`,
	serviceName,
	lastStatus: 'RUNNING',
	desiredStatus: 'RUNNING',
	healthStatus: undefined,
	containerInstanceArn: `arn:aws:ecs:eu-west-1:1:container-instance/jobs/${instanceId}`,
	availabilityZone: 'eu-west-1a',
	launchType: 'EC2',
	capacityProviderName: undefined,
	cpu: '256',
	memory: '256',
	createdAt: undefined,
	startedAt: undefined,
	stoppingAt: undefined,
	stoppedAt: undefined,
	stopCode: undefined,
	stoppedReason: undefined,
	startedBy: undefined,
	taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/report:1',
	taskDefinition: 'report:1',
	version: 1,
	containers: [],
});

function stateWith(parts: {
	cluster?: Cluster;
	services?: Service[];
	instances?: ContainerInstance[];
	definitions?: TaskDefinition[];
	/** The cluster's tasks. */
	tasks?: Task[];
}): FleetState {
	const store = createFleetStore({connection: {region: 'eu-west-1', profile: 'prod'}});
	store.setState({
		clusters: [parts.cluster ?? cluster()],
		clusterViews: {
			[clusterArn]: {
				services: parts.services ?? [service()],
				containerInstances: parts.instances ?? [instance('a', 1024, 1024)],
				capacityProviders: [],
				autoScalingGroups: [],
			},
		},
		taskDefinitions: Object.fromEntries((parts.definitions ?? []).map((d) => [d.arn, d])),
		tasks: {[`cluster:${clusterArn}`]: parts.tasks ?? []},
	});
	return store.getState();
}

function context(state: FleetState): PlanContext {
	return {
		state,
		cli: {region: 'eu-west-1', profile: 'prod', endpoint: undefined},
		maxDesiredCount: 5_000,
		pendingDesiredCount: () => undefined,
		newPlanId: () => 'plan-1',
		newClientToken: () => 'ecs-top-token',
		localTools: () => ({awsVersion: 'aws-cli/2.15.0', sessionManagerPlugin: true}),
		undoEntries: [],
	};
}

describe('the aws CLI commands', () => {
	it('quote what a shell would split, and name the region and profile', () => {
		expect(shellQuote('web-asg')).toBe('web-asg');
		expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
		expect(
			awsCommand({region: 'eu-west-1', profile: 'prod', endpoint: undefined}, 'ecs', 'stop-task', [
				'--reason',
				'Stopped by ecs-top (arn:aws:iam::1:user/a b)',
			]),
		).toBe(
			"aws ecs stop-task --reason 'Stopped by ecs-top (arn:aws:iam::1:user/a b)' --region eu-west-1 --profile prod",
		);
	});

	it('keep the stop reason within the 255 characters StopTask takes', () => {
		expect(stopReason('arn:aws:iam::1:user/me')).toBe(
			'Stopped by ecs-top (arn:aws:iam::1:user/me)',
		);
		const long = stopReason(`arn:aws:sts::1:assumed-role/${'r'.repeat(300)}`);
		expect(long).toHaveLength(255);
		expect(long.startsWith('Stopped by ecs-top (arn:aws:sts::1:assumed-role/')).toBe(true);
		expect(stopReason(undefined)).toBe('Stopped by ecs-top (caller unknown)');
	});
});

describe('capacity', () => {
	it('counts tasks per instance: free room split over instances does not place a bigger task', () => {
		const instances = [instance('a', 300, 2000), instance('b', 300, 2000)];
		expect(tasksThatFit(instances, {cpu: 512, memory: 256})).toBe(0);
		expect(tasksThatFit(instances, {cpu: 256, memory: 256})).toBe(2);
		const drained = {...instance('c', 2048, 2048), status: 'DRAINING'};
		expect(tasksThatFit([drained], {cpu: 256, memory: 256})).toBe(0);
	});

	it('scale-up warns with the numbers, or says the room is unknown without the task definition', () => {
		const request = {
			kind: 'scale-service' as const,
			clusterArn,
			serviceArn: service().arn,
			desiredCount: 6,
		};
		const known = planRequest(request, context(stateWith({definitions: [definition()]})));
		expect(known.ok && known.plan.warnings).toEqual([
			"The cluster's ACTIVE instances have room for 2 of the 4 worker tasks to place (512 CPU units, 512 MiB each): the rest wait until capacity is added",
		]);
		const unknown = planRequest(request, context(stateWith({})));
		expect(unknown.ok && unknown.plan.warnings).toEqual([
			'Room for 4 worker tasks to place: unknown (its task definition is not loaded yet)',
		]);
		const fargate = planRequest(
			request,
			context(stateWith({services: [service({launchType: 'FARGATE'})]})),
		);
		expect(fargate.ok && fargate.plan.warnings).toEqual([]);
		expect(known.ok && known.plan.cliCommands).toEqual([
			'aws ecs update-service --cluster jobs --service worker --desired-count 6 --region eu-west-1 --profile prod',
		]);
	});
});

describe('refusals the demo world cannot show', () => {
	it('a DAEMON service has no desired count', () => {
		const outcome = planRequest(
			{kind: 'scale-service', clusterArn, serviceArn: service().arn, desiredCount: 3},
			context(stateWith({services: [service({schedulingStrategy: 'DAEMON'})]})),
		);
		expect(outcome).toMatchObject({ok: false, refusal: expect.stringContaining('DAEMON')});
	});

	it('an awsvpc task definition is refused with the way to run it; a cluster without a strategy runs on EC2', () => {
		const awsvpc = definition({networkMode: 'awsvpc'});
		const request = {kind: 'run-task' as const, clusterArn, taskDefinition: awsvpc.arn, count: 1};
		expect(planRequest(request, context(stateWith({definitions: [awsvpc]})))).toMatchObject({
			ok: false,
			refusal: expect.stringContaining('--network-configuration'),
		});
		const bridge = planRequest(request, context(stateWith({definitions: [definition()]})));
		expect(bridge.ok && bridge.plan.cliCommands).toEqual([
			'aws ecs run-task --cluster jobs --task-definition worker:4 --count 1 --launch-type EC2 --started-by ecs-top --client-token ecs-top-token --region eu-west-1 --profile prod',
		]);
	});

	it('a Fargate cluster has no instance count to set', () => {
		const state = stateWith({cluster: cluster({capacityProviders: ['FARGATE', 'FARGATE_SPOT']})});
		expect(scalingGroupsOf(state, clusterArn)).toEqual({
			ok: false,
			refusal: 'jobs runs on Fargate: AWS manages its capacity, there is no instance count to set',
		});
	});
});

describe('draining an instance: what happens to the tasks on it', () => {
	function drainWarning(tasks: Task[]): string | undefined {
		// A second ACTIVE instance, so the only warning is about the tasks.
		const instances = [instance('a', 1024, 1024), instance('b', 1024, 1024)];
		const outcome = planRequest(
			{
				kind: 'set-instance-state',
				clusterArn,
				containerInstanceArns: [instances[0]!.arn],
				status: 'DRAINING',
			},
			context(stateWith({instances, tasks})),
		);
		if (!outcome.ok) throw new Error(outcome.refusal);
		return outcome.plan.warnings[0];
	}

	it('says one standalone task keeps running until it ends', () => {
		expect(drainWarning([task('s1', 'api'), task('r1', undefined)])).toBe(
			'1 running service task will move to other instances; 1 standalone task keeps running until it ends',
		);
	});

	it('says two standalone tasks keep running until they end', () => {
		expect(drainWarning([task('r1', undefined), task('r2', undefined)])).toBe(
			'0 running service tasks will move to other instances; 2 standalone tasks keep running until they end',
		);
	});
});

describe('D: a forced deployment of a troubled revision', () => {
	it('names a failed last rollout and its reason, and only then', () => {
		const deployment = (rolloutState: string, failedTasks: number) => ({
			id: 'ecs-svc/1',
			status: 'PRIMARY',
			taskDefinition: definition().arn,
			desiredCount: 2,
			runningCount: 0,
			pendingCount: 0,
			failedTasks,
			rolloutState,
			rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
			createdAt: undefined,
			updatedAt: undefined,
		});
		const warningsFor = (rolloutState: string, failedTasks: number) => {
			const outcome = planForceDeployment(
				{kind: 'force-deployment', clusterArn, serviceArn: service().arn},
				context(
					stateWith({services: [service({deployments: [deployment(rolloutState, failedTasks)]})]}),
				),
			);
			return outcome.ok ? outcome.plan.warnings : [outcome.refusal];
		};
		expect(warningsFor('FAILED', 0)).toEqual([
			'The last deployment of worker failed (ECS deployment circuit breaker: tasks failed to start.): a new one starts the same worker:4',
		]);
		expect(warningsFor('IN_PROGRESS', 3)).toEqual([
			"worker's tasks are crash-looping (3 tasks failed): a new deployment of the same worker:4 will not fix that",
		]);
		expect(warningsFor('COMPLETED', 1)).toEqual([]);
	});
});
