import {AutoScalingClient, SetDesiredCapacityCommand} from '@aws-sdk/client-auto-scaling';
import {
	ECSClient,
	ECSServiceException,
	RunTaskCommand,
	StopTaskCommand,
	UpdateContainerInstancesStateCommand,
	UpdateServiceCommand,
	type UpdateContainerInstancesStateCommandInput,
} from '@aws-sdk/client-ecs';
import {mockClient} from 'aws-sdk-client-mock';
import {afterEach, describe, expect, it} from 'vitest';
import {createAutoScalingActionsAdapter} from '../../source/aws/autoscaling-actions.js';
import {createEcsActionsAdapter} from '../../source/aws/ecs-actions.js';
import {AwsApiError} from '../../source/aws/errors.js';

const config = {region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}};
const ecsMock = mockClient(ECSClient);
const asgMock = mockClient(AutoScalingClient);
afterEach(() => {
	ecsMock.reset();
	asgMock.reset();
});

const service = {serviceArn: 'arn:aws:ecs:us-east-1:1:service/web/api', serviceName: 'api'};

describe('ECS write adapter', () => {
	const adapter = createEcsActionsAdapter(new ECSClient(config));

	it('sets a desired count, or forces a deployment, with nothing else in the request', async () => {
		ecsMock.on(UpdateServiceCommand).resolves({service: {...service, desiredCount: 12}});
		expect((await adapter.setDesiredCount('web', 'api', 12)).desiredCount).toBe(12);
		await adapter.forceNewDeployment('web', 'api');
		expect(ecsMock.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
			{cluster: 'web', service: 'api', desiredCount: 12},
			{cluster: 'web', service: 'api', forceNewDeployment: true},
		]);
	});

	it('a denied UpdateService reads as access denied naming ecs:UpdateService', async () => {
		ecsMock.on(UpdateServiceCommand).rejects(
			new ECSServiceException({
				name: 'AccessDeniedException',
				$fault: 'client',
				$metadata: {httpStatusCode: 400},
				message:
					'User: arn:aws:iam::1:user/bob is not authorized to perform: ecs:UpdateService on resource: *',
			}),
		);
		const error = await adapter.setDesiredCount('web', 'api', 3).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AwsApiError);
		expect((error as AwsApiError).problem).toMatchObject({
			kind: 'access-denied',
			code: 'AccessDeniedException',
			message:
				'Access denied: ecs:UpdateService is not allowed for arn:aws:iam::1:user/bob; add it to the IAM policy',
		});
	});

	it('stops a task with its reason, and refuses a reason longer than the API takes', async () => {
		ecsMock.on(StopTaskCommand).resolves({task: {taskArn: 'arn:aws:ecs:us-east-1:1:task/web/abc'}});
		const task = await adapter.stopTask('web', 'abc', 'Stopped by ecs-top (arn:me)');
		expect(task.id).toBe('abc');
		expect(ecsMock.commandCalls(StopTaskCommand)[0]!.args[0].input).toEqual({
			cluster: 'web',
			task: 'abc',
			reason: 'Stopped by ecs-top (arn:me)',
		});
		await expect(adapter.stopTask('web', 'abc', 'x'.repeat(256))).rejects.toThrow(RangeError);
		expect(ecsMock.commandCalls(StopTaskCommand)).toHaveLength(1);
	});

	it('runs tasks with a token, startedBy and either a strategy or a launch type; unplaced tasks are failures, not errors', async () => {
		ecsMock.on(RunTaskCommand).resolves({
			tasks: [{taskArn: 'arn:aws:ecs:us-east-1:1:task/b/t1'}],
			failures: [{arn: 'arn:ci', reason: 'RESOURCE:MEMORY'}],
		});
		const base = {
			cluster: 'b',
			taskDefinition: 'job:2',
			count: 2,
			clientToken: 'tok',
			startedBy: 'ecs-top',
		};
		const answer = await adapter.runTask({
			...base,
			placement: {capacityProviderStrategy: [{capacityProvider: 'cp', weight: 1, base: 0}]},
		});
		expect(answer.items.map((task) => task.arn)).toEqual(['arn:aws:ecs:us-east-1:1:task/b/t1']);
		expect(answer.failures).toEqual([
			{arn: 'arn:ci', reason: 'RESOURCE:MEMORY', detail: undefined},
		]);
		await adapter.runTask({...base, placement: {launchType: 'EC2'}});
		expect(ecsMock.commandCalls(RunTaskCommand).map((call) => call.args[0].input)).toEqual([
			{...base, capacityProviderStrategy: [{capacityProvider: 'cp', weight: 1, base: 0}]},
			{...base, launchType: 'EC2'},
		]);
		await expect(
			adapter.runTask({...base, count: 11, placement: {launchType: 'EC2'}}),
		).rejects.toThrow(RangeError);
		await expect(
			adapter.runTask({...base, clientToken: 'x'.repeat(65), placement: {launchType: 'EC2'}}),
		).rejects.toThrow(RangeError);
		expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(2);
	});

	it('changes instance states 10 a call and returns what ECS could not change as failures', async () => {
		ecsMock
			.on(UpdateContainerInstancesStateCommand)
			.callsFake((input: UpdateContainerInstancesStateCommandInput) => ({
				containerInstances: (input.containerInstances ?? [])
					.filter((arn) => arn !== 'ci-7')
					.map((arn) => ({containerInstanceArn: arn, status: input.status})),
				failures: input.containerInstances?.includes('ci-7')
					? [{arn: 'ci-7', reason: 'MISSING'}]
					: [],
			}));
		const arns = Array.from({length: 23}, (_, index) => `ci-${index}`);
		const answer = await adapter.setContainerInstancesState('web', arns, 'DRAINING');
		const calls = ecsMock.commandCalls(UpdateContainerInstancesStateCommand);
		expect(calls.map((call) => call.args[0].input.containerInstances?.length)).toEqual([10, 10, 3]);
		expect(calls.every((call) => call.args[0].input.status === 'DRAINING')).toBe(true);
		expect(answer.items).toHaveLength(22);
		expect(answer.failures).toEqual([{arn: 'ci-7', reason: 'MISSING', detail: undefined}]);
	});
});

describe('Auto Scaling write adapter', () => {
	it('sets the desired capacity without honouring a cooldown', async () => {
		asgMock.on(SetDesiredCapacityCommand).resolves({});
		const adapter = createAutoScalingActionsAdapter(new AutoScalingClient(config));
		await adapter.setDesiredCapacity('web-asg', 5);
		expect(asgMock.commandCalls(SetDesiredCapacityCommand)[0]!.args[0].input).toEqual({
			AutoScalingGroupName: 'web-asg',
			DesiredCapacity: 5,
			HonorCooldown: false,
		});
	});
});
