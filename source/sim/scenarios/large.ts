/**
 * `large`: a big company's account, for benchmarks and pagination tests, skewed as real fleets are.
 * - `fleet-main`, one giant cluster: 1,000 instances (c5.4xlarge and m5.2xlarge groups behind two
 *   capacity providers), 200 services and 20,000 running tasks, so the TUI can be measured
 *   scrolling 20,000 tasks of one cluster.
 * - 199 team clusters (`payments-prod`, `search-dev`, ...) sharing 1,020 instances and 1,820
 *   services of very uneven sizes; some behind Auto Scaling groups, some with hand-registered
 *   instances; a few batch services, a few crash loops, a few scaled to zero, a few stand-alone
 *   tasks started by schedules.
 */
import type {Random} from '../world/random.js';
import type {CapacityProviderStrategyItem, ClusterState} from '../world/types.js';
import type {CreateServiceInput, World} from '../world/world.js';
import {apportion} from './apportion.js';
import {tags} from './container-kit.js';
import {LargeFamilies, type RegisteredFamily} from './large-families.js';
import {batchRoles, environments, serviceRoles, teams, type Environment} from './large-names.js';
import {minute, runUntil, second, shuffled, type Scenario} from './scenario.js';

export const largeCounts = {
	fleetInstances: 1000,
	fleetServices: 200,
	fleetTasks: 20_000,
	teamClusters: 199,
	teamInstances: 1020,
	teamServices: 1820,
};

export const largeScenario: Scenario = {
	historyMs: 10 * minute,
	build(world: World, random: Random) {
		const start = world.now();
		const families = new LargeFamilies(world, random);
		const deployments: PendingService[] = [];
		buildFleetMain(world, random, families, deployments);
		buildTeamClusters(world, random, families, deployments);
		// Group instances boot and register within a minute; services were deployed after that, in
		// waves, as pipelines would.
		runUntil(world, start + 70 * second);
		const waves = 4;
		for (let wave = 0; wave < waves; wave++) {
			for (let i = wave; i < deployments.length; i += waves) {
				const {cluster, input} = deployments[i]!;
				world.createService(cluster, input);
			}
			runUntil(world, world.now() + 20 * second);
		}
		runScheduledTasks(world, random, families);
	},
};

interface PendingService {
	cluster: ClusterState;
	input: CreateServiceInput;
}

const zones = (world: World, letters: string) => [...letters].map((l) => `${world.region}${l}`);

function strategy(...items: Array<[string, number]>): CapacityProviderStrategyItem[] {
	return items.map(([capacityProvider, weight]) => ({capacityProvider, weight, base: 0}));
}

/**
 * A group, its capacity provider, then the cluster that uses it (the order AWS requires); the
 * group's instances register when their agents start.
 */
function groupBackedCluster(
	world: World,
	clusterName: string,
	groups: Array<{name: string; instanceType: string; count: number; weight: number}>,
	zoneLetters: string,
	clusterTags: Record<string, string>,
): ClusterState {
	for (const group of groups) {
		world.createAutoScalingGroup({
			name: group.name,
			clusterName,
			instanceType: group.instanceType,
			availabilityZones: zones(world, zoneLetters),
			minSize: Math.min(1, group.count),
			maxSize: Math.max(group.count * 2, 4),
			desiredCapacity: group.count,
			tags: tags(clusterTags),
		});
		world.createCapacityProvider({
			name: `${group.name}-cp`,
			autoScalingGroupName: group.name,
			// Managed scaling would resize the groups while a benchmark runs: keep them fixed.
			managedScaling: false,
			tags: tags(clusterTags),
		});
	}
	return world.createCluster({
		clusterName,
		capacityProviders: groups.map((g) => `${g.name}-cp`),
		defaultCapacityProviderStrategy: strategy(
			...groups.map((g): [string, number] => [`${g.name}-cp`, g.weight]),
		),
		settings: [{name: 'containerInsights', value: 'enabled'}],
		tags: tags(clusterTags),
	});
}

function buildFleetMain(
	world: World,
	random: Random,
	families: LargeFamilies,
	deployments: PendingService[],
): void {
	const cluster = groupBackedCluster(
		world,
		'fleet-main',
		[
			{name: 'fleet-main-c5', instanceType: 'c5.4xlarge', count: 600, weight: 3},
			{name: 'fleet-main-m5', instanceType: 'm5.2xlarge', count: 400, weight: 2},
		],
		'abcd',
		{team: 'platform', env: 'prod'},
	);

	const names = shuffled(
		random,
		teams.flatMap((team) => serviceRoles.map((role) => ({team, role}))),
	).slice(0, largeCounts.fleetServices);
	// A few services carry most of the load (the edge and the main APIs), most are modest.
	const weights = names.map(() => random.next() ** 3);
	const desired = apportion(largeCounts.fleetTasks, weights, 20);
	// Each service is pinned to one of the two groups (compute- or memory-leaning), whichever it
	// leaves less full: real fleets pin services, and a placement then considers only that group.
	const pools = [
		{
			provider: 'fleet-main-c5-cp',
			cpu: 600 * 16_384,
			memory: 600 * 31_424,
			usedCpu: 0,
			usedMemory: 0,
		},
		{
			provider: 'fleet-main-m5-cp',
			cpu: 400 * 8192,
			memory: 400 * 31_424,
			usedCpu: 0,
			usedMemory: 0,
		},
	];
	names.forEach(({team, role}, i) => {
		const name = `${team}-${role}`;
		const family = families.ensure(name, () => ({
			team,
			role,
			batch: false,
			cpu: random.pick([128, 256, 256, 512, 512]),
			memory: random.pick([256, 512, 512, 1024, 2048]),
		}));
		const count = desired[i]!;
		const fullness = (pool: (typeof pools)[number]) =>
			Math.max(
				(pool.usedCpu + count * family.cpu) / pool.cpu,
				(pool.usedMemory + count * family.memory) / pool.memory,
			);
		const pool = fullness(pools[0]!) <= fullness(pools[1]!) ? pools[0]! : pools[1]!;
		pool.usedCpu += count * family.cpu;
		pool.usedMemory += count * family.memory;
		deployments.push({
			cluster,
			input: {
				...serviceInput(name, family.current, count, {team, env: 'prod'}, random),
				capacityProviderStrategy: strategy([pool.provider, 1]),
			},
		});
	});
}

function buildTeamClusters(
	world: World,
	random: Random,
	families: LargeFamilies,
	deployments: PendingService[],
): void {
	const names = shuffled(
		random,
		teams.flatMap((team) => environments.map((env) => ({team, env}))),
	).slice(0, largeCounts.teamClusters);
	const envWeight: Record<Environment, number> = {prod: 4, perf: 1.5, staging: 1.5, qa: 1, dev: 1};
	const instanceWeights = names.map(({env}) => envWeight[env] * (0.2 + 3 * random.next() ** 2));
	const instanceCounts = apportion(largeCounts.teamInstances, instanceWeights, 1);
	const serviceCounts = apportion(
		largeCounts.teamServices,
		instanceCounts.map((n) => n * (0.5 + random.next())),
		1,
	);

	names.forEach(({team, env}, i) => {
		const clusterName = `${team}-${env}`;
		const instanceType =
			env === 'prod'
				? random.pick(['m5.xlarge', 'c5.xlarge', 'm5.large'])
				: random.pick(['t3.medium', 't3.large', 'm5.large']);
		const count = instanceCounts[i]!;
		const clusterTags = {team, env};
		let cluster: ClusterState;
		if (random.chance(0.65)) {
			cluster = groupBackedCluster(
				world,
				clusterName,
				[{name: `${clusterName}-asg`, instanceType, count, weight: 1}],
				'abc',
				clusterTags,
			);
		} else {
			// Older clusters: instances launched with the cluster in their user data, no group.
			cluster = world.createCluster({clusterName, tags: tags(clusterTags)});
			for (let n = 0; n < count; n++) {
				world.launchInstance({
					instanceType,
					availabilityZone: `${world.region}${'abc'[n % 3]}`,
					clusterName,
					registerNow: true,
					tags: tags({Name: `${clusterName}-ecs`, ...clusterTags}),
				});
			}
		}
		const capacity = clusterCapacity(instanceType, count);
		deployTeamServices(
			cluster,
			team,
			env,
			serviceCounts[i]!,
			capacity,
			random,
			families,
			deployments,
		);
	});
}

/** CPU units and MiB a cluster's services may reserve: 70% of registered capacity, leaving room to place. */
function clusterCapacity(instanceType: string, count: number): {cpu: number; memory: number} {
	const perInstance: Record<string, {cpu: number; memory: number}> = {
		't3.medium': {cpu: 2048, memory: 3925},
		't3.large': {cpu: 2048, memory: 7850},
		'm5.large': {cpu: 2048, memory: 7850},
		'm5.xlarge': {cpu: 4096, memory: 15_700},
		'c5.xlarge': {cpu: 4096, memory: 7850},
	};
	const one = perInstance[instanceType] ?? {cpu: 2048, memory: 3925};
	return {cpu: one.cpu * count * 0.7, memory: one.memory * count * 0.7};
}

function deployTeamServices(
	cluster: ClusterState,
	team: string,
	env: Environment,
	serviceCount: number,
	budget: {cpu: number; memory: number},
	random: Random,
	families: LargeFamilies,
	deployments: PendingService[],
): void {
	const roles = [...serviceRoles, ...batchRoles];
	const chosen = shuffled(random, roles);
	let cpuLeft = budget.cpu;
	let memoryLeft = budget.memory;
	for (let i = 0; i < serviceCount; i++) {
		const role = chosen[i % chosen.length]!;
		const round = Math.floor(i / chosen.length);
		const name = round === 0 ? `${team}-${role}` : `${team}-${role}-${round + 1}`;
		const batch = (batchRoles as readonly string[]).includes(role);
		const family: RegisteredFamily = families.ensure(name, () => ({
			team,
			role,
			batch,
			cpu: random.pick([128, 128, 256, 256, 512]),
			memory: random.pick([256, 256, 512, 512, 1024]),
		}));
		let wanted = random.pick([0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 6]);
		if (env === 'prod' && wanted > 0) wanted += random.int(0, 2);
		// Never more than the cluster can hold: a benchmark fleet places everything it asks for.
		const fits = Math.floor(Math.min(cpuLeft / family.cpu, memoryLeft / family.memory));
		const desired = Math.max(0, Math.min(wanted, fits));
		cpuLeft -= desired * family.cpu;
		memoryLeft -= desired * family.memory;
		const crashLoops = !batch && desired > 0 && random.chance(0.02);
		deployments.push({
			cluster,
			input: serviceInput(
				name,
				crashLoops ? families.broken(name) : family.current,
				desired,
				{team, env},
				random,
			),
		});
	}
}

function serviceInput(
	serviceName: string,
	taskDefinition: string,
	desiredCount: number,
	serviceTags: Record<string, string>,
	random: Random,
): CreateServiceInput {
	return {
		serviceName,
		taskDefinition,
		desiredCount,
		placementStrategy: random.chance(0.25)
			? [{type: 'binpack', field: 'memory'}]
			: [
					{type: 'spread', field: 'attribute:ecs.availability-zone'},
					{type: 'spread', field: 'instanceId'},
				],
		deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}},
		propagateTags: 'SERVICE',
		tags: tags(serviceTags),
	};
}

/** Stand-alone tasks started by EventBridge schedules in some clusters (long-running reporters). */
function runScheduledTasks(world: World, random: Random, families: LargeFamilies): void {
	const clusters = [...world.clusters.values()].filter((c) => c.name !== 'fleet-main');
	for (const cluster of shuffled(random, clusters).slice(0, 40)) {
		const team = cluster.name.slice(0, cluster.name.lastIndexOf('-'));
		const name = `${team}-report`;
		const family = families.ensure(name, () => ({
			team,
			role: 'report',
			batch: false,
			cpu: 128,
			memory: 256,
		}));
		world.runTask(cluster, {
			taskDefinition: family.current,
			count: random.int(1, 3),
			startedBy: `events-rule/${name}-nightly`,
			tags: cluster.tags,
		});
	}
}
