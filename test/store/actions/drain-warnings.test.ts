/**
 * What the drain dialog says about the tasks on the instance, counted from the cluster's task
 * list: service tasks move, standalone tasks stay until they end, in words that agree with the
 * count (the demo world's instances never hold exactly one standalone task).
 */
import {describe, expect, it} from 'vitest';
import type {ContainerInstance} from '../../../source/model/container-instance.js';
import type {Task} from '../../../source/model/task.js';
import type {PlanContext} from '../../../source/store/actions/plan-context.js';
import {planRequest} from '../../../source/store/actions/planner.js';
import {createFleetStore} from '../../../source/store/fleet-store.js';

const clusterArn = 'arn:aws:ecs:eu-west-1:1:cluster/jobs';
const instanceArn = 'arn:aws:ecs:eu-west-1:1:container-instance/jobs/a';

const instance: ContainerInstance = {
	arn: instanceArn,
	id: 'a',
	ec2InstanceId: 'i-a',
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
	cpuRemaining: 1024,
	memoryRegistered: 2048,
	memoryRemaining: 1024,
	registeredAt: undefined,
	agentVersion: undefined,
	version: 1,
};

const task = (id: string, serviceName: string | undefined): Task => ({
	arn: `arn:aws:ecs:eu-west-1:1:task/jobs/${id}`,
	id,
	clusterArn,
	group: serviceName === undefined ? 'family:report' : `service:${serviceName}`,
	serviceName,
	lastStatus: 'RUNNING',
	desiredStatus: 'RUNNING',
	healthStatus: undefined,
	containerInstanceArn: instanceArn,
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

function drainWarning(tasks: Task[]): string | undefined {
	const store = createFleetStore({connection: {region: 'eu-west-1', profile: undefined}});
	store.setState({
		clusterViews: {
			[clusterArn]: {
				services: [],
				// A second ACTIVE instance, so the only warning is about the tasks.
				containerInstances: [instance, {...instance, arn: `${instanceArn}b`, id: 'b'}],
				capacityProviders: [],
				autoScalingGroups: [],
			},
		},
		tasks: {[`cluster:${clusterArn}`]: tasks},
	});
	const context: PlanContext = {
		state: store.getState(),
		cli: {region: 'eu-west-1', profile: undefined, endpoint: undefined},
		maxDesiredCount: 5_000,
		pendingDesiredCount: () => undefined,
		newPlanId: () => 'plan-1',
		newClientToken: () => 'token',
	};
	const outcome = planRequest(
		{
			kind: 'set-instance-state',
			clusterArn,
			containerInstanceArns: [instanceArn],
			status: 'DRAINING',
		},
		context,
	);
	if (!outcome.ok) throw new Error(outcome.refusal);
	return outcome.plan.warnings[0];
}

describe('draining an instance with standalone tasks on it', () => {
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
