/**
 * `wide`: one cluster with very many services, the shape of a company that runs every
 * microservice in a single shared cluster: `wide` has 2,000 services and about 10,000 tasks on
 * 300 c5.4xlarge instances behind one Auto Scaling group. Services are skewed as real ones are (a
 * few with dozens of tasks, most with one to five), a few are batch workers whose tasks finish and
 * are replaced, a few crash-loop and a few are scaled to zero.
 *
 * Built to be fast: every service is created in one go once the instances have registered, so
 * the world needs only the minutes its tasks take to start and pass health checks, and a quiet
 * second costs nothing.
 */
import type {Random} from '../world/random.js';
import type {World} from '../world/world.js';
import {apportion} from './apportion.js';
import {tags} from './container-kit.js';
import {LargeFamilies} from './large-families.js';
import {batchRoles, serviceRoles, teams} from './large-names.js';
import {minute, runUntil, second, shuffled, type Scenario} from './scenario.js';

export const wideCounts = {
	instances: 300,
	services: 2000,
	tasks: 10_000,
};

export const wideClusterName = 'wide';

/** Regional copies of a service, as a company grown into several markets names them. */
const variants = ['', '-eu', '-ap'];

export const wideScenario: Scenario = {
	historyMs: 3 * minute,
	build(world: World, random: Random) {
		const start = world.now();
		const clusterTags = {team: 'platform', env: 'prod'};
		world.createAutoScalingGroup({
			name: 'wide-asg',
			clusterName: wideClusterName,
			instanceType: 'c5.4xlarge',
			availabilityZones: [...'abc'].map((l) => `${world.region}${l}`),
			minSize: wideCounts.instances,
			maxSize: wideCounts.instances * 2,
			desiredCapacity: wideCounts.instances,
			tags: tags(clusterTags),
		});
		world.createCapacityProvider({
			name: 'wide-cp',
			autoScalingGroupName: 'wide-asg',
			// Managed scaling would resize the group while a benchmark runs: keep it fixed.
			managedScaling: false,
			tags: tags(clusterTags),
		});
		const cluster = world.createCluster({
			clusterName: wideClusterName,
			capacityProviders: ['wide-cp'],
			defaultCapacityProviderStrategy: [{capacityProvider: 'wide-cp', weight: 1, base: 0}],
			settings: [{name: 'containerInsights', value: 'enabled'}],
			tags: tags(clusterTags),
		});

		const batch = new Set<string>(batchRoles);
		const names = shuffled(
			random,
			teams.flatMap((team) =>
				[...serviceRoles, ...batchRoles].flatMap((role) =>
					// Batch jobs run once per team; services run in every market.
					(batch.has(role) ? [''] : variants).map((variant) => ({team, role, variant})),
				),
			),
		).slice(0, wideCounts.services);
		// A few services carry most of the load, most are small: Pareto weights (shape 1.5, capped)
		// put fifty-odd tasks in the biggest services and one to three in most.
		const scaledToZero = names.map(() => random.chance(0.01));
		const weights = names.map((_, i) =>
			scaledToZero[i] ? 0 : Math.min(40, (1 - random.next()) ** (-1 / 1.5)),
		);
		const live = weights.filter((w) => w > 0).length;
		const liveCounts = apportion(
			wideCounts.tasks,
			weights.filter((w) => w > 0),
			1,
		);
		let next = 0;
		const desired = weights.map((w) => (w > 0 ? liveCounts[next++]! : 0));
		if (next !== live) throw new Error('wide scenario: counts do not add up');

		const families = new LargeFamilies(world, random);
		// The group's instances boot and register within a minute; then the services are created.
		runUntil(world, start + 70 * second);
		names.forEach(({team, role, variant}, i) => {
			const name = `${team}-${role}${variant}`;
			const isBatch = batch.has(role);
			const family = families.ensure(name, () => ({
				team,
				role,
				batch: isBatch,
				cpu: random.pick([64, 128, 128, 256, 256]),
				memory: random.pick([128, 256, 256, 512, 512, 1024]),
			}));
			const crashLoops = !isBatch && desired[i]! > 0 && random.chance(0.01);
			world.createService(cluster, {
				serviceName: name,
				taskDefinition: crashLoops ? families.broken(name) : family.current,
				desiredCount: desired[i]!,
				placementStrategy: random.chance(0.25)
					? [{type: 'binpack', field: 'memory'}]
					: [
							{type: 'spread', field: 'attribute:ecs.availability-zone'},
							{type: 'spread', field: 'instanceId'},
						],
				deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}},
				propagateTags: 'SERVICE',
				tags: tags({team, env: 'prod'}),
			});
		});
	},
};
