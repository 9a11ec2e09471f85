import {describe, expect, it} from 'vitest';
import {accountFromArn, nameFromArn, shortId, taskDefinitionName} from '../../source/model/arn.js';
import {
	desiredCapacityProblem,
	type AutoScalingGroup,
} from '../../source/model/auto-scaling-group.js';
import {autoScalingGroupName} from '../../source/model/capacity-provider.js';
import {
	clusterCapacity,
	cpuReservedPercent,
	memoryReservedPercent,
	reservedPercent,
	type ContainerInstance,
} from '../../source/model/container-instance.js';
import {latestValue} from '../../source/model/metrics.js';
import {
	deploymentSummary,
	isServiceStable,
	placementTarget,
	type Deployment,
	type Service,
} from '../../source/model/service.js';
import {
	failedContainers,
	lifecycleRank,
	serviceNameFromGroup,
	type Task,
} from '../../source/model/task.js';
import {imageRegistry} from '../../source/model/task-definition.js';

const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/web/0f3c2a1b9d8e4f6a8b7c6d5e4f3a2b1c';

describe('ARNs', () => {
	it('takes the id after the last slash, for old and new ARN formats', () => {
		expect(nameFromArn(taskArn)).toBe('0f3c2a1b9d8e4f6a8b7c6d5e4f3a2b1c');
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:task/abc123')).toBe('abc123');
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:cluster/web')).toBe('web');
		expect(nameFromArn('plain-name')).toBe('plain-name');
	});

	it('reads the name from the resource part only: after the fifth colon, then the last slash', () => {
		// A task definition's revision follows a colon inside the resource.
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web:7')).toBe('web:7');
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:web')).toBe('web');
		// A slash before the resource (in a field that should hold none) is not where the name starts.
		expect(nameFromArn('arn:aws/x:ecs:us-east-1:123456789012:web')).toBe('web');
		// Too few fields: no resource at all.
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012')).toBe('');
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:')).toBe('');
	});

	it('shortens task ids to a prefix', () => {
		expect(shortId(taskArn)).toBe('0f3c2a1b');
		expect(shortId('web')).toBe('web');
	});

	it('names task definitions family:revision', () => {
		expect(
			taskDefinitionName('arn:aws:ecs:us-east-1:123456789012:task-definition/sim-runner:12'),
		).toBe('sim-runner:12');
		expect(taskDefinitionName('sim-runner:12')).toBe('sim-runner:12');
	});

	it('reads the account from an ARN', () => {
		expect(accountFromArn(taskArn)).toBe('123456789012');
		expect(accountFromArn('arn:aws:s3:::bucket')).toBeUndefined();
	});

	it('turns an ASG ARN from a capacity provider into the name Auto Scaling takes', () => {
		expect(
			autoScalingGroupName(
				'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:5a1e-77:autoScalingGroupName/ecs-batch-asg',
			),
		).toBe('ecs-batch-asg');
		expect(autoScalingGroupName('ecs-batch-asg')).toBe('ecs-batch-asg');
	});
});

describe('image registry', () => {
	it.each([
		['nginx', 'docker-hub'],
		['nginx:1.27', 'docker-hub'],
		['library/nginx:latest', 'docker-hub'],
		['bitnami/redis@sha256:abc', 'docker-hub'],
		['docker.io/library/nginx', 'docker-hub'],
		['123456789012.dkr.ecr.us-east-1.amazonaws.com/app:42', 'ecr'],
		['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app', 'ecr'],
		['public.ecr.aws/nginx/nginx:stable', 'ecr-public'],
		['ghcr.io/owner/tool:v1', 'other'],
		['localhost:5000/app', 'other'],
		['registry.example.com:8443/team/app', 'other'],
	] as const)('%s is %s', (image, kind) => {
		expect(imageRegistry(image)).toBe(kind);
	});
});

function instance(overrides: Partial<ContainerInstance>): ContainerInstance {
	return {
		arn: 'arn',
		id: 'id',
		ec2InstanceId: 'i-1',
		instanceType: 't2.micro',
		availabilityZone: 'us-east-1a',
		status: 'ACTIVE',
		statusReason: undefined,
		agentConnected: true,
		agentUpdateStatus: undefined,
		capacityProviderName: undefined,
		healthStatus: undefined,
		runningTasksCount: 0,
		pendingTasksCount: 0,
		cpuRegistered: 1024,
		cpuRemaining: 256,
		memoryRegistered: 982,
		memoryRemaining: 491,
		registeredAt: undefined,
		agentVersion: undefined,
		version: 1,
		...overrides,
	};
}

describe('capacity', () => {
	it('gives the reserved share of registered resources', () => {
		expect(cpuReservedPercent(instance({}))).toBe(75);
		expect(memoryReservedPercent(instance({}))).toBe(50);
	});

	it('is 0 with nothing registered and never outside 0..100', () => {
		expect(reservedPercent(0, 0)).toBe(0);
		expect(reservedPercent(100, 150)).toBe(0);
		expect(reservedPercent(100, -20)).toBe(100);
	});

	it('sums a cluster over instances that can take tasks only', () => {
		const totals = clusterCapacity([
			instance({}),
			instance({cpuRemaining: 1024, memoryRemaining: 982}),
			instance({status: 'DRAINING', cpuRemaining: 1024}),
			instance({agentConnected: false, cpuRemaining: 1024}),
		]);
		expect(totals.cpuRegistered).toBe(2048);
		expect(totals.cpuRemaining).toBe(1280);
		expect(totals.cpuReservedPercent).toBe(37.5);
		expect(totals.memoryReservedPercent).toBe(25);
	});
});

function deployment(overrides: Partial<Deployment>): Deployment {
	return {
		id: 'ecs-svc/1',
		status: 'PRIMARY',
		taskDefinition: 'td:1',
		desiredCount: 2,
		runningCount: 2,
		pendingCount: 0,
		failedTasks: 0,
		rolloutState: undefined,
		rolloutStateReason: undefined,
		createdAt: undefined,
		updatedAt: undefined,
		...overrides,
	};
}

function service(overrides: Partial<Service>): Service {
	return {
		arn: 'arn',
		name: 'api',
		clusterArn: 'c',
		status: 'ACTIVE',
		desiredCount: 2,
		runningCount: 2,
		pendingCount: 0,
		launchType: 'EC2',
		capacityProviderStrategy: [],
		taskDefinition: 'td:1',
		schedulingStrategy: 'REPLICA',
		deployments: [deployment({})],
		events: [],
		placementStrategy: [],
		placementConstraints: [],
		loadBalancers: [],
		minimumHealthyPercent: 100,
		maximumPercent: 200,
		circuitBreaker: undefined,
		createdAt: undefined,
		...overrides,
	};
}

describe('services', () => {
	it('is stable with one deployment and running == desired', () => {
		expect(isServiceStable(service({}))).toBe(true);
		expect(isServiceStable(service({runningCount: 1}))).toBe(false);
		expect(
			isServiceStable(
				service({deployments: [deployment({}), deployment({id: 'old', status: 'ACTIVE'})]}),
			),
		).toBe(false);
	});

	it("summarises the deployment by the primary rollout's state", () => {
		const rolling = service({
			deployments: [
				deployment({rolloutState: 'IN_PROGRESS'}),
				deployment({id: 'old', status: 'ACTIVE', rolloutState: 'COMPLETED'}),
			],
		});
		expect(deploymentSummary(rolling)).toBe('IN_PROGRESS');
		expect(deploymentSummary(service({}))).toBe('COMPLETED');
		expect(deploymentSummary(service({runningCount: 0}))).toBe('IN_PROGRESS');
	});

	it('shows a capacity provider strategy instead of a launch type', () => {
		expect(placementTarget(service({}))).toBe('EC2');
		expect(
			placementTarget(
				service({
					launchType: undefined,
					capacityProviderStrategy: [
						{capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0},
						{capacityProvider: 'FARGATE', weight: 1, base: 1},
					],
				}),
			),
		).toBe('FARGATE_SPOT:3,FARGATE:1');
	});
});

describe('tasks', () => {
	it('derives the service name from the group', () => {
		expect(serviceNameFromGroup('service:sim-runner')).toBe('sim-runner');
		expect(serviceNameFromGroup('family:sim')).toBeUndefined();
		expect(serviceNameFromGroup(undefined)).toBeUndefined();
	});

	it('orders statuses along the lifecycle, unknown ones last', () => {
		expect(lifecycleRank('PENDING')).toBeLessThan(lifecycleRank('RUNNING'));
		expect(lifecycleRank('RUNNING')).toBeLessThan(lifecycleRank('STOPPED'));
		expect(lifecycleRank('SOMETHING_NEW')).toBeGreaterThan(lifecycleRank('STOPPED'));
	});

	it('finds the containers that exited with an error', () => {
		const container = {
			image: 'x',
			lastStatus: 'STOPPED',
			reason: undefined,
			healthStatus: undefined,
			networkBindings: [],
		};
		const task = {
			containers: [
				{...container, name: 'app', exitCode: 137},
				{...container, name: 'sidecar', exitCode: 0},
				{...container, name: 'init', exitCode: undefined},
			],
		} as unknown as Task;
		expect(failedContainers(task).map((c) => c.name)).toEqual(['app']);
	});
});

describe('auto scaling', () => {
	const group: AutoScalingGroup = {
		name: 'asg',
		arn: undefined,
		minSize: 1,
		maxSize: 4,
		desiredCapacity: 2,
		instances: [],
		status: undefined,
	};
	it('refuses a desired capacity outside min..max, as AWS would', () => {
		expect(desiredCapacityProblem(group, 3)).toBeUndefined();
		expect(desiredCapacityProblem(group, 5)).toMatch(/between 1 and 4/);
		expect(desiredCapacityProblem(group, 0)).toMatch(/between 1 and 4/);
		expect(desiredCapacityProblem(group, 1.5)).toMatch(/whole number/);
	});
});

describe('metrics', () => {
	it('takes the newest point', () => {
		const points = [
			{timestamp: 1, value: 10},
			{timestamp: 2, value: 20},
		];
		expect(latestValue({key: 'k', points, status: 'Complete', message: undefined})).toBe(20);
		expect(latestValue({key: 'k', points: [], status: 'Complete', message: undefined})).toBe(
			undefined,
		);
	});
});
