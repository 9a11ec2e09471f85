/**
 * `demo`: what a newcomer sees in `ecs-top --demo`, a small company's account.
 * - `batch`: three t2.micro instances in `batch-asg` behind `batch-cp` (managed scaling off, so
 *   scaling by hand is the user's job), a batch worker service whose tasks finish and are replaced,
 *   and stand-alone `report-job` tasks started by `nightly-report`, one of them a short one-shot.
 * - `web`: `web-asg` behind `web-cp`, three m5.large over three zones plus a t3.medium added by
 *   hand for redis (fixed host port 6379, a host volume); services `frontend` (nginx), `api` (ECR,
 *   circuit breaker) and `checkout-worker`, whose latest release crash-loops.
 * - `staging`: two hand-registered t3.small instances and no Auto Scaling group, with a slow
 *   rollout of a second revision still in progress when the world is served.
 */
import type {Random} from '../world/random.js';
import type {CapacityProviderStrategyItem, ServiceState} from '../world/types.js';
import type {World} from '../world/world.js';
import {tags} from './container-kit.js';
import {registerDemoTaskDefinitions} from './demo-task-definitions.js';
import {minute, runUntil, second, type Scenario} from './scenario.js';

const zones = (world: World, letters: string) => [...letters].map((l) => `${world.region}${l}`);

export const demoScenario: Scenario = {
	historyMs: 45 * minute,
	build(world: World, random: Random) {
		const start = world.now();
		const servedAt = world.clock.now();
		registerDemoTaskDefinitions(world);
		buildInfrastructure(world);
		// Instances from the groups boot and their agents register within about a minute; the
		// services were deployed onto them afterwards.
		runUntil(world, start + 90 * second);
		const runner = deployBatch(world);
		deployWeb(world);
		const stagingFrontend = deployStaging(world);

		// What happened since, in time order.
		scaleUpOneByOne(world, random, runner, 4);
		runReports(world, servedAt);
		// Someone deployed the release candidate a minute ago; it is still rolling out when served.
		runUntil(world, servedAt - minute);
		world.updateService(cluster(world, 'staging'), stagingFrontend, {
			taskDefinition: 'frontend-staging:2',
		});
	},
};

function strategy(capacityProvider: string): CapacityProviderStrategyItem[] {
	return [{capacityProvider, weight: 1, base: 0}];
}

/**
 * Groups and capacity providers come before their clusters, as in a real account: a cluster can
 * only list capacity providers that exist, and a provider points at an existing group.
 */
function buildInfrastructure(world: World): void {
	const production = {env: 'production'};

	world.createAutoScalingGroup({
		name: 'batch-asg',
		clusterName: 'batch',
		instanceType: 't2.micro',
		availabilityZones: zones(world, 'ab'),
		minSize: 1,
		maxSize: 6,
		desiredCapacity: 3,
		tags: tags({team: 'data', ...production}),
	});
	world.createCapacityProvider({
		name: 'batch-cp',
		autoScalingGroupName: 'batch-asg',
		managedScaling: false,
		managedTerminationProtection: false,
		tags: tags({team: 'data'}),
	});
	world.createCluster({
		clusterName: 'batch',
		capacityProviders: ['batch-cp'],
		defaultCapacityProviderStrategy: strategy('batch-cp'),
		settings: [{name: 'containerInsights', value: 'disabled'}],
		tags: tags({team: 'data', ...production}),
	});

	world.createAutoScalingGroup({
		name: 'web-asg',
		clusterName: 'web',
		instanceType: 'm5.large',
		availabilityZones: zones(world, 'abc'),
		minSize: 3,
		maxSize: 9,
		desiredCapacity: 3,
		tags: tags({team: 'platform', ...production}),
	});
	world.createCapacityProvider({
		name: 'web-cp',
		autoScalingGroupName: 'web-asg',
		managedScaling: true,
		targetCapacity: 100,
		managedTerminationProtection: false,
		tags: tags({team: 'platform'}),
	});
	world.createCluster({
		clusterName: 'web',
		capacityProviders: ['web-cp'],
		defaultCapacityProviderStrategy: strategy('web-cp'),
		settings: [{name: 'containerInsights', value: 'enabled'}],
		tags: tags({team: 'platform', ...production}),
	});
	// One t3.medium was added to the group by hand for redis, so the group runs a mix of types.
	world.launchInstance({
		instanceType: 't3.medium',
		availabilityZone: `${world.region}c`,
		clusterName: 'web',
		autoScalingGroupName: 'web-asg',
		registerNow: true,
		tags: tags({Name: 'web-redis', team: 'platform'}),
	});

	world.createCluster({
		clusterName: 'staging',
		settings: [{name: 'containerInsights', value: 'disabled'}],
		tags: tags({team: 'platform', env: 'staging'}),
	});
	for (const zone of zones(world, 'ab')) {
		world.launchInstance({
			instanceType: 't3.small',
			availabilityZone: zone,
			clusterName: 'staging',
			registerNow: true,
			tags: tags({Name: 'staging-ecs', env: 'staging'}),
		});
	}
}

function cluster(world: World, name: string) {
	const found = world.resolveCluster(name);
	if (!found) throw new Error(`demo scenario: cluster ${name} was not created`);
	return found;
}

const batchTags = tags({team: 'data', env: 'production'});

function deployBatch(world: World): ServiceState {
	return world.createService(cluster(world, 'batch'), {
		serviceName: 'sim-runner',
		taskDefinition: 'sim-runner',
		desiredCount: 1,
		capacityProviderStrategy: strategy('batch-cp'),
		placementStrategy: [{type: 'binpack', field: 'memory'}],
		tags: batchTags,
		propagateTags: 'SERVICE',
	});
}

/** One task at a time, so batch workers finish (and are replaced) at different moments. */
function scaleUpOneByOne(
	world: World,
	random: Random,
	service: ServiceState,
	target: number,
): void {
	const owner = cluster(world, service.clusterName);
	for (let desired = service.desiredCount + 1; desired <= target; desired++) {
		runUntil(world, world.now() + random.int(35, 75) * second);
		world.updateService(owner, service, {desiredCount: desired});
	}
}

/**
 * Stand-alone tasks as a nightly-report scheduler starts them: a short export that finished long
 * ago (still describable as STOPPED), the main report that runs for hours, and a one-shot started
 * six minutes ago that finishes a couple of minutes after the world is served.
 */
function runReports(world: World, servedAt: number): void {
	const batch = cluster(world, 'batch');
	const report = (startAt: number, exitAfterSeconds?: number) => {
		runUntil(world, startAt);
		world.runTask(batch, {
			taskDefinition: 'report-job',
			startedBy: 'nightly-report',
			capacityProviderStrategy: strategy('batch-cp'),
			overrides:
				exitAfterSeconds === undefined
					? undefined
					: {
							containerOverrides: [
								{
									name: 'report-job',
									environment: [{name: 'ECS_TOP_SIM_EXIT_AFTER', value: String(exitAfterSeconds)}],
								},
							],
						},
			tags: batchTags,
		});
	};
	report(servedAt - 35 * minute, 5 * 60);
	report(servedAt - 22 * minute);
	report(servedAt - 6 * minute, 8 * 60);
}

function deployWeb(world: World): void {
	const web = cluster(world, 'web');
	const serviceTags = (team: string) => tags({team, env: 'production'});
	const targetGroup = (name: string, suffix: string) =>
		`arn:aws:elasticloadbalancing:${world.region}:${world.accountId}:targetgroup/${name}/${suffix}`;

	world.createService(web, {
		serviceName: 'redis',
		taskDefinition: 'redis',
		desiredCount: 1,
		capacityProviderStrategy: strategy('web-cp'),
		placementConstraints: [
			{type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.medium'},
		],
		// One task with a fixed port: stop the old one before starting the new one.
		deploymentConfiguration: {minimumHealthyPercent: 0, maximumPercent: 100},
		tags: serviceTags('platform'),
	});
	world.createService(web, {
		serviceName: 'api',
		taskDefinition: 'api',
		desiredCount: 4,
		capacityProviderStrategy: strategy('web-cp'),
		placementStrategy: [
			{type: 'spread', field: 'attribute:ecs.availability-zone'},
			{type: 'spread', field: 'instanceId'},
		],
		deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}},
		loadBalancers: [
			{
				targetGroupArn: targetGroup('web-api', '0c7e5b1f2a9d4e63'),
				containerName: 'api',
				containerPort: 8080,
			},
		],
		healthCheckGracePeriodSeconds: 60,
		enableExecuteCommand: true,
		propagateTags: 'SERVICE',
		tags: serviceTags('platform'),
	});
	world.createService(web, {
		serviceName: 'frontend',
		taskDefinition: 'frontend',
		desiredCount: 6,
		capacityProviderStrategy: strategy('web-cp'),
		placementStrategy: [
			{type: 'spread', field: 'attribute:ecs.availability-zone'},
			{type: 'spread', field: 'instanceId'},
		],
		loadBalancers: [
			{
				targetGroupArn: targetGroup('web-frontend', '6d0ecf831eec9f09'),
				containerName: 'nginx',
				containerPort: 80,
			},
		],
		healthCheckGracePeriodSeconds: 30,
		propagateTags: 'SERVICE',
		tags: serviceTags('platform'),
	});
	world.createService(web, {
		serviceName: 'checkout-worker',
		taskDefinition: 'checkout-worker',
		desiredCount: 2,
		capacityProviderStrategy: strategy('web-cp'),
		placementStrategy: [
			{type: 'spread', field: 'attribute:ecs.availability-zone'},
			{type: 'binpack', field: 'memory'},
		],
		tags: serviceTags('payments'),
	});
}

function deployStaging(world: World): ServiceState {
	return world.createService(cluster(world, 'staging'), {
		serviceName: 'frontend-staging',
		taskDefinition: 'frontend-staging:1',
		desiredCount: 2,
		launchType: 'EC2',
		tags: tags({team: 'platform', env: 'staging'}),
	});
}
