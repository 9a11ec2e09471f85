// Every kind of problem the feed reports, produced by the simulator through its world's own
// behaviour (a bad release, a scale past capacity, a scale-in, a drain), then seen by the live
// view's pollers and derived from what they fetched. A kind the simulator could not produce
// would be a kind nothing tests end to end.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ProblemKind} from '../../source/model/problems.js';
import {selectProblems} from '../../source/store/fleet-problems.js';
import type {World} from '../../source/sim/world/world.js';
import {clusterArnOf, startFleet, type Fleet} from './fleet-fixture.js';

const minute = 60_000;

let fleet: Fleet;
beforeEach(async () => {
	fleet = await startFleet();
});
afterEach(async () => {
	await fleet.close();
});

const world = (): World => fleet.sim.server.world;
const cluster = (name: string) => world().resolveCluster(name)!;

/** A new revision of a family with the sim's behaviour variables added to its first container. */
function releaseWith(family: string, environment: Record<string, string>): string {
	const current = world().resolveTaskDefinition(family)!;
	const [first, ...rest] = current.containerDefinitions;
	const registered = world().registerTaskDefinition({
		family,
		networkMode: current.networkMode,
		containerDefinitions: [
			{
				...first!,
				environment: [
					...first!.environment,
					...Object.entries(environment).map(([name, value]) => ({name, value})),
				],
			},
			...rest,
		],
	});
	return registered.arn;
}

/** Moves the world on and lets the live view see it: the named cluster focused, refreshed. */
async function seeAfter(clusterName: string, ms: number): Promise<ProblemKind[]> {
	fleet.sim.advance(ms);
	fleet.poller.setFocus({clusterArn: clusterArnOf(fleet, clusterName)});
	await fleet.refresh();
	// The failing services' stopped tasks are fetched once their service data shows failures.
	await fleet.refresh();
	return selectProblems(fleet.store.getState()).problems.map((problem) => problem.kind);
}

describe('the simulator produces every kind of problem the feed reports', () => {
	it('a crash loop and its stopped tasks (the demo as served)', async () => {
		const kinds = await seeAfter('web', 0);
		expect(kinds).toContain('crash-loop');
		expect(kinds).toContain('task-exit');
	});

	it('tasks that cannot be placed', async () => {
		const web = cluster('web');
		world().updateService(web, web.services.get('api')!, {desiredCount: 20});
		expect(await seeAfter('web', minute)).toContain('cannot-place');
	});

	it('a circuit breaker that fails a release and rolls it back', async () => {
		const web = cluster('web');
		const bad = releaseWith('api', {ECS_TOP_SIM_EXIT_AFTER: '5', ECS_TOP_SIM_EXIT_CODE: '1'});
		world().updateService(web, web.services.get('api')!, {taskDefinition: bad});
		expect(await seeAfter('web', 5 * minute)).toContain('rolled-back');
	});

	it('a failed deployment with nothing to roll back to', async () => {
		const web = cluster('web');
		const bad = releaseWith('api', {ECS_TOP_SIM_EXIT_AFTER: '5', ECS_TOP_SIM_EXIT_CODE: '1'});
		world().updateService(web, web.services.get('api')!, {
			taskDefinition: bad,
			deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: false}},
		});
		expect(await seeAfter('web', 5 * minute)).toContain('deployment-failed');
	});

	it('out-of-memory kills', async () => {
		const web = cluster('web');
		const leaky = releaseWith('api', {ECS_TOP_SIM_EXIT_AFTER: '120', ECS_TOP_SIM_OOM: '1'});
		world().updateService(web, web.services.get('api')!, {taskDefinition: leaky});
		expect(await seeAfter('web', 4 * minute)).toContain('oom');
	});

	it('failed health checks, in the load balancer and the container', async () => {
		const web = cluster('web');
		const sick = releaseWith('api', {ECS_TOP_SIM_UNHEALTHY: '1'});
		world().updateService(web, web.services.get('api')!, {taskDefinition: sick});
		const kinds = await seeAfter('web', 3 * minute);
		expect(kinds).toContain('unhealthy-targets');
		expect(kinds).toContain('health-check');
	});

	it('an instance draining with tasks left on it', async () => {
		const batch = cluster('batch');
		// The stand-alone report job stays on a draining instance: no service moves it.
		const report = [...batch.tasks.values()].find(
			(task) => task.startedBy === 'nightly-report' && task.lastStatus === 'RUNNING',
		)!;
		world().updateContainerInstancesState(batch, [report.containerInstanceId!], 'DRAINING');
		expect(await seeAfter('batch', 5_000)).toContain('instance-draining');
	});

	it('an instance whose agent disconnected (its host shutting down after a scale-in)', async () => {
		const batch = cluster('batch');
		world().setDesiredCapacity(world().resolveAutoScalingGroup('batch-asg')!, 2, false);
		// Managed draining moves the victim's tasks first; its host then shuts down for 30 s.
		const disconnected = () =>
			[...batch.containerInstances.values()].some(
				(instance) => instance.status !== 'INACTIVE' && !instance.agentConnected,
			);
		for (let waited = 0; !disconnected() && waited < 10 * minute; waited += 5_000) {
			fleet.sim.advance(5_000);
			world().advanceTo(fleet.sim.clock.now());
		}
		expect(disconnected()).toBe(true);
		expect(await seeAfter('batch', 0)).toContain('instance-disconnected');
	});

	it('an Auto Scaling group at its maximum', async () => {
		world().setDesiredCapacity(world().resolveAutoScalingGroup('web-asg')!, 9, false);
		expect(await seeAfter('web', 5_000)).toContain('asg-at-max');
	});
});
