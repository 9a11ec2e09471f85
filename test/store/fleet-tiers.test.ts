import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {taskScopeKey} from '../../source/store/fleet-store.js';
import {clusterArnOf, serviceArnOf, startFleet, type Fleet} from './fleet-fixture.js';

let fleet: Fleet;
beforeEach(async () => {
	fleet = await startFleet();
});
afterEach(async () => {
	await fleet.close();
});

const state = () => fleet.store.getState();

describe('fleet tiers against the simulator (demo)', () => {
	it('the clusters tier fills the store with every cluster and the caller identity', () => {
		expect(state().clusters.map((c) => c.name)).toEqual(['batch', 'staging', 'web']);
		expect(state().identity?.account).toMatch(/^\d{12}$/);
		expect(state().dataSets.clusters?.fetchedAt).toBeDefined();
		expect(state().problems).toEqual({});
		expect(state().requests.byOperation['ECS.DescribeClusters']).toBe(1);
	});

	it('the account arrives with the clusters, never in an update (a frame) of its own before them', async () => {
		await fleet.close();
		const seen: {identity: boolean; clusters: number}[] = [];
		fleet = await startFleet({
			observe: (store) =>
				store.subscribe((now) =>
					seen.push({identity: now.identity !== undefined, clusters: now.clusters.length}),
				),
		});
		const firstWithAccount = seen.findIndex((update) => update.identity);
		expect(firstWithAccount).toBeGreaterThanOrEqual(0);
		expect(seen[firstWithAccount]!.clusters).toBe(3);
	});

	it('focusing a cluster fills its services, instances, Auto Scaling group, and EC2 details once asked', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		// EC2 is asked only while an instance's detail is open.
		expect(state().requests.byOperation['EC2.DescribeInstances']).toBeUndefined();
		expect(state().ec2Instances).toEqual({});
		fleet.store.getState().wants.showEc2Details(true);
		await fleet.poller.whenIdle();
		expect(state().requests.byOperation['EC2.DescribeInstances']).toBe(1);
		const view = state().clusterViews[web];
		expect(view?.services.map((s) => s.name)).toEqual([
			'api',
			'checkout-worker',
			'frontend',
			'redis',
		]);
		expect(view?.containerInstances).toHaveLength(4);
		expect(view?.capacityProviders.map((p) => p.name)).toEqual(['web-cp']);
		expect(view?.autoScalingGroups.map((g) => g.name)).toEqual(['web-asg']);
		const ids = view!.containerInstances.map((i) => i.ec2InstanceId!);
		for (const id of ids)
			expect(state().ec2Instances[id]?.privateIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
		// Nothing of the other clusters was asked for.
		expect(Object.keys(state().clusterViews)).toEqual([web]);
		expect(state().tasks[`cluster:${web}`]?.length).toBeGreaterThan(0);
	});

	it('focusing a service scopes the tasks to it', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		const api = serviceArnOf(fleet, web, 'api');
		fleet.poller.setFocus({clusterArn: web, serviceArn: api});
		await fleet.poller.whenIdle();
		const tasks = state().tasks[taskScopeKey(state().focus)!] ?? [];
		const service = state().clusterViews[web]!.services.find((s) => s.arn === api)!;
		expect(tasks.length).toBe(service.runningCount);
		expect(tasks.length).toBeGreaterThan(0);
		expect(new Set(tasks.map((t) => t.group))).toEqual(new Set(['service:api']));
		const listTasks = fleet.sim.server.requestLog.filter((e) => e.operation === 'ListTasks').at(-1);
		expect(listTasks?.input.serviceName).toBe('api');
	});

	it('fetches each task definition once and keeps it cached across refreshes', async () => {
		const web = clusterArnOf(fleet, 'web');
		const api = () => serviceArnOf(fleet, web, 'api');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		fleet.poller.setFocus({clusterArn: web, serviceArn: api()});
		await fleet.poller.whenIdle();
		const described = () => fleet.stats.count('ECS.DescribeTaskDefinition');
		const first = described();
		const wanted = state().clusterViews[web]!.services.find((s) => s.arn === api())!.taskDefinition;
		expect(state().taskDefinitions[wanted]?.family).toBe('api');
		expect(first).toBeGreaterThan(0);

		await fleet.refresh();
		await fleet.refresh();
		expect(described()).toBe(first);
		// The tiers did run again: the cache, not idleness, saved the calls.
		expect(fleet.stats.count('ECS.DescribeTasks')).toBeGreaterThanOrEqual(3);
	});

	it('a refresh that changes nothing keeps every array and object reference', async () => {
		const web = clusterArnOf(fleet, 'web');
		fleet.poller.setFocus({clusterArn: web});
		await fleet.poller.whenIdle();
		const before = state();
		const callsBefore = fleet.stats.total;
		await fleet.refresh();
		const after = state();
		expect(fleet.stats.total).toBeGreaterThan(callsBefore);
		expect(after.clusters).toBe(before.clusters);
		expect(after.clusterViews).toBe(before.clusterViews);
		expect(after.clusterViews[web]).toBe(before.clusterViews[web]);
		expect(after.tasks).toBe(before.tasks);
		expect(after.ec2Instances).toBe(before.ec2Instances);
		expect(after.taskDefinitions).toBe(before.taskDefinitions);
	});

	it('when the world moves, only what changed gets new objects', async () => {
		const batch = clusterArnOf(fleet, 'batch');
		fleet.poller.setFocus({clusterArn: batch});
		await fleet.poller.whenIdle();
		const scope = `cluster:${batch}`;
		const before = state();
		fleet.sim.advance(3 * 60_000);
		await fleet.refresh();
		const after = state();
		// batch workers finish and are replaced: the task list changes...
		expect(after.tasks[scope]).not.toBe(before.tasks[scope]);
		// ...but the tasks that did not change are the very same objects.
		const old = new Map(before.tasks[scope]!.map((t) => [t.arn, t]));
		const kept = after.tasks[scope]!.filter((t) => old.get(t.arn) === t);
		const same = after.tasks[scope]!.filter((t) => old.get(t.arn)?.version === t.version);
		expect(kept.length).toBe(same.length);
		// A cluster that did not move in those minutes keeps its summary object.
		const staging = (s: typeof before) => s.clusters.find((c) => c.name === 'staging');
		expect(staging(after)).toBe(staging(before));
	});

	it('fetches stopped tasks only when asked, for the focused scope', async () => {
		const batch = clusterArnOf(fleet, 'batch');
		fleet.poller.setFocus({clusterArn: batch});
		await fleet.poller.whenIdle();
		// The cluster's stopped tasks; a failing service's own (the problem feed's) are not asked here.
		const askedForStopped = () =>
			fleet.sim.server.requestLog.filter(
				(e) =>
					e.operation === 'ListTasks' &&
					e.input.desiredStatus === 'STOPPED' &&
					e.input.serviceName === undefined,
			).length;
		expect(askedForStopped()).toBe(0);
		fleet.poller.requestStoppedTasks();
		await fleet.poller.whenIdle();
		expect(askedForStopped()).toBe(1);
		const stopped = state().stoppedTasks[`cluster:${batch}`] ?? [];
		expect(stopped.length).toBeGreaterThan(0);
		expect(stopped.every((t) => t.desiredStatus === 'STOPPED')).toBe(true);
		// Moving on ends the request: no more stopped-task calls for a scope no longer shown.
		fleet.poller.setFocus({clusterArn: clusterArnOf(fleet, 'web')});
		await fleet.poller.whenIdle();
		await fleet.refresh();
		expect(state().stoppedTasksScope).toBeUndefined();
		expect(askedForStopped()).toBe(1);
	});
});
