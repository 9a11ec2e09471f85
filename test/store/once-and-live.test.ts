import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {takeSnapshot, type ClusterSnapshot} from '../../source/store/snapshot.js';
import {taskScopeKey} from '../../source/store/fleet-store.js';
import {focusPaused, startFleet, type Fleet} from './fleet-fixture.js';

const arns = (items: readonly {arn: string}[]) => items.map((item) => item.arn).sort();

// A script reading `--once --json` and a user watching the live view look at the same cluster:
// they must see the same services, instances, tasks and Auto Scaling groups. The simulator's
// clock stands still here, so any difference is a difference in how the two fetch.
describe('--once and the live view fetch a cluster alike', () => {
	let fleet: Fleet;
	let clusterArn: string;
	let snapshot: ClusterSnapshot;

	beforeAll(async () => {
		fleet = await startFleet();
		// batch has a capacity provider with an Auto Scaling group behind it.
		clusterArn = await focusPaused(fleet, 'batch');
		const taken = await takeSnapshot(createAwsAdapters(fleet.clients), {
			region: 'us-east-1',
			clusters: ['batch'],
			now: () => fleet.sim.clock.now(),
		});
		snapshot = taken.clusters[0]!;
	});

	afterAll(async () => {
		await fleet.close();
	});

	it('the same services, instances and groups', () => {
		const view = fleet.store.getState().clusterViews[clusterArn]!;
		expect(view.services.length).toBeGreaterThan(0);
		expect(arns(snapshot.services)).toEqual(arns(view.services));
		expect(view.containerInstances.length).toBeGreaterThan(0);
		expect(arns(snapshot.containerInstances)).toEqual(arns(view.containerInstances));
		expect(view.autoScalingGroups.length).toBeGreaterThan(0);
		expect(snapshot.autoScalingGroups.map((group) => group.name).sort()).toEqual(
			view.autoScalingGroups.map((group) => group.name).sort(),
		);
	});

	it('the same tasks', () => {
		const state = fleet.store.getState();
		const tasks = state.tasks[taskScopeKey({clusterArn})!] ?? [];
		expect(tasks.length).toBeGreaterThan(0);
		expect(arns(snapshot.tasks)).toEqual(arns(tasks));
	});
});

// Why a crash-looping service's tasks died is in its stopped tasks: the problem feed of `--once`
// and of the live view must name the same ones.
describe('--once and the live view read a failing service alike', () => {
	let fleet: Fleet;

	beforeAll(async () => {
		fleet = await startFleet();
	});

	afterAll(async () => {
		await fleet.close();
	});

	it('the same newest stopped tasks of each failing service', async () => {
		// web has checkout-worker in a crash loop.
		const clusterArn = await focusPaused(fleet, 'web');
		const held = fleet.store.getState().problemTasks;
		const failing = Object.keys(held);
		expect(failing.length).toBeGreaterThan(0);
		const taken = await takeSnapshot(createAwsAdapters(fleet.clients), {
			region: 'us-east-1',
			clusters: ['web'],
			now: () => fleet.sim.clock.now(),
		});
		const snapshot = taken.clusters[0]!;
		expect(snapshot.cluster.arn).toBe(clusterArn);
		for (const serviceArn of failing) {
			const name = serviceArn.slice(serviceArn.lastIndexOf('/') + 1);
			const live = held[serviceArn]!;
			expect(live.length).toBeGreaterThan(0);
			const once = snapshot.stoppedTasks.filter((task) => task.serviceName === name);
			expect(arns(once)).toEqual(arns(live));
		}
	});
});
