/**
 * A tiny world stub and fake handlers for the wire tests: the real world and API layer are
 * other modules' business; here only the bytes between the SDK and the server matter.
 */
import {clusterNotFound, invalidParameter, SimError} from '../../source/sim/errors.js';
import type {FaultSettings} from '../../source/sim/faults.js';
import type {HandlerRegistry} from '../../source/sim/handler.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import type {World} from '../../source/sim/world/world.js';
import {sdkClients, type SdkClients} from '../helpers/sim.js';

export const launched = new Date(Date.UTC(2026, 0, 1, 11, 30, 15, 250));

export interface StubWorld {
	world: World;
	clock: ManualClock;
	advancedTo: number[];
}

export function stubWorld(): StubWorld {
	const clock = new ManualClock();
	const advancedTo: number[] = [];
	let requests = 0;
	const world = {
		seed: 7,
		clock,
		accountId: '123456789012',
		region: 'us-east-1',
		advanceTo: (now: number) => advancedTo.push(now),
		nextRequestId: () => `00000000-0000-4000-8000-${String(++requests).padStart(12, '0')}`,
	} as unknown as World;
	return {world, clock, advancedTo};
}

/** Echoes what it was given, so tests can see the decoded input. */
export const handlers: HandlerRegistry = {
	ecs: {
		ListClusters: () => ({clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/a']}),
		DescribeClusters: (input) => {
			const names = input.clusters as string[];
			if (names.includes('missing')) throw clusterNotFound();
			return {
				clusters: names.map((name) => ({
					clusterName: name,
					status: 'ACTIVE',
					runningTasksCount: 3,
					settings: [{name: 'containerInsights', value: 'enabled'}],
					statistics: undefined,
				})),
				failures: [],
			};
		},
		DescribeTasks: () => ({
			tasks: [
				{
					taskArn: 'arn:t',
					createdAt: launched,
					startedAt: launched,
					containers: [{name: 'web', exitCode: 0}],
				},
			],
			failures: [],
		}),
		DescribeServices: () => {
			throw new SimError('ServiceNotFoundException', 'Service not found.');
		},
		UpdateService: () => {
			throw invalidParameter('desiredCount must be >= 0.');
		},
		StopTask: () => {
			throw new SimError('ClientException', 'Task not found.');
		},
		ListServices: () => {
			throw new TypeError('a bug in a handler');
		},
	},
	cloudwatch: {
		PutMetricData: () => undefined,
		GetMetricData: (input) => ({
			MetricDataResults: [
				{
					Id: (input.MetricDataQueries as Array<{Id: string}>)[0]?.Id,
					Label: 'CPUUtilization',
					Timestamps: [launched],
					Values: [12.5],
					StatusCode: 'Complete',
				},
			],
		}),
		ListMetrics: () => {
			throw new SimError('InvalidParameterValue', 'The parameter Namespace is invalid.');
		},
	},
	// CloudWatch Logs speaks the same JSON 1.1 as ECS; its own tests use the real handlers.
	logs: {},
	ec2: {
		DescribeInstances: (input) => {
			const ids = (input.InstanceId as string[] | undefined) ?? [];
			if (ids.includes('i-missing')) {
				throw new SimError(
					'InvalidInstanceID.NotFound',
					"The instance ID 'i-missing' does not exist",
				);
			}
			return {
				reservationSet: [
					{
						reservationId: 'r-1',
						ownerId: '123456789012',
						instancesSet: ids.map((id) => ({
							instanceId: id,
							instanceType: 't2.micro',
							launchTime: launched,
							placement: {availabilityZone: 'us-east-1a'},
							instanceState: {code: 16, name: 'running'},
							ebsOptimized: false,
							tagSet: [{key: 'Name', value: 'a <b> & "c"'}],
						})),
					},
				],
			};
		},
		// Echo of the decoded form, for the input-decoding test.
		DescribeTags: (input) => ({
			tagSet: [
				{key: 'echo', value: JSON.stringify(input), resourceId: 'x', resourceType: 'instance'},
			],
		}),
	},
	autoscaling: {
		DescribeAutoScalingGroups: (input) => ({
			AutoScalingGroups: ((input.AutoScalingGroupNames as string[] | undefined) ?? ['asg']).map(
				(name) => ({
					AutoScalingGroupName: name,
					MinSize: 1,
					MaxSize: 4,
					DesiredCapacity: 2,
					DefaultCooldown: 300,
					AvailabilityZones: ['us-east-1a', 'us-east-1b'],
					HealthCheckType: 'EC2',
					CreatedTime: launched,
					NewInstancesProtectedFromScaleIn: true,
					Instances: [
						{
							InstanceId: 'i-1',
							InstanceType: 't2.micro',
							AvailabilityZone: 'us-east-1a',
							LifecycleState: 'InService',
							HealthStatus: 'Healthy',
							ProtectedFromScaleIn: false,
						},
					],
				}),
			),
		}),
		SetDesiredCapacity: (input) => {
			if (Number(input.DesiredCapacity) > 4) {
				throw new SimError(
					'ValidationError',
					'New SetDesiredCapacity value 9 is above max value 4 for the AutoScalingGroup.',
				);
			}
			return undefined;
		},
	},
	sts: {
		GetCallerIdentity: (_input, context) => ({
			UserId: context.accessKeyId,
			Account: context.world.accountId,
			Arn: `arn:aws:iam::123456789012:user/${context.region}`,
		}),
	},
};

export const testCredentials = {accessKeyId: 'AKIDTEST', secretAccessKey: 'secret'};

export interface WireSim extends SdkClients {
	server: SimServer;
	stub: StubWorld;
	close(): Promise<void>;
}

export async function startWireSim(
	options: {faults?: Partial<FaultSettings>; region?: string} = {},
): Promise<WireSim> {
	const stub = stubWorld();
	const server = await startSimServer({
		world: stub.world,
		handlers,
		faults: options.faults,
		backgroundTickMs: false,
	});
	const {destroy, ...clients} = sdkClients(server.url, {
		credentials: testCredentials,
		...(options.region === undefined ? {} : {region: options.region}),
	});
	return {
		server,
		stub,
		...clients,
		async close() {
			destroy();
			await server.close();
		},
	};
}

/** The rejection of a promise, for asserting on SDK exceptions. */
export async function failureOf(
	promise: Promise<unknown>,
): Promise<Error & {$metadata: {httpStatusCode?: number}}> {
	try {
		await promise;
	} catch (error) {
		return error as Error & {$metadata: {httpStatusCode?: number}};
	}
	throw new Error('expected the call to fail');
}
