// Instances around a scale-out and the cluster detail, over the real pollers, SDK clients and the
// simulator's demo account: what a group launched shows at once with its Auto Scaling lifecycle
// state, and becomes a registered instance when its agent registers.
import {SetDesiredCapacityCommand} from '@aws-sdk/client-auto-scaling';
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, keys, lineWith, overwideLines, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

function batchView() {
	const state = demo.fleet.store.getState();
	const batch = state.clusters.find((c) => c.name === 'batch')!;
	return state.clusterViews[batch.arn];
}

describe('App over the simulator: lifecycles and the cluster detail', () => {
	it('a scale-out shows the launched instance as Pending at once, then registered', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 120, rows: 40});
		await app.press('2');
		await app.waitFor((f) => /Instances \(batch\) \[1\/3\]/.test(f), 10_000);
		const group = batchView()!.autoScalingGroups[0]!;
		await demo.fleet.clients.autoScaling.send(
			new SetDesiredCapacityCommand({
				AutoScalingGroupName: group.name,
				DesiredCapacity: group.desiredCapacity + 1,
			}),
		);
		// The group reconciles on the world's next tick: a second later it has launched one.
		demo.fleet.sim.advance(1_000);
		await demo.fleet.refresh();
		const frame = await app.waitFor((f) => /Instances \(batch\) \[1\/4\]/.test(f), 10_000);
		const launched = batchView()!.autoScalingGroups[0]!.instances.find(
			(i) => !batchView()!.containerInstances.some((c) => c.ec2InstanceId === i.instanceId),
		)!;
		expect(lineWith(frame, launched.instanceId)).toMatch(/ Pending\s.*not registered/);

		// Its detail says what Auto Scaling says, under that name.
		await app.press('G', keys.enter);
		const detail = await app.waitFor((f) => /Auto Scaling\s+\S+\s+lifecycle Pending/.test(f));
		expect(detail).toContain('none yet: the ECS agent has not registered');
		await app.press(keys.escape);

		// The agent registers 30-60 s after the launch: the row becomes a container instance.
		demo.fleet.sim.advance(61_000);
		await demo.fleet.refresh();
		const registered = await app.waitFor(
			(f) => / ACTIVE /.test(lineWith(f, launched.instanceId) ?? ''),
			10_000,
		);
		expect(registered).toMatch(/Instances \(batch\) \[\d\/4\]/);
		expect(registered).not.toMatch(/not registered/);
		expect(overwideLines(registered, 120)).toEqual([]);
	});

	it('Enter on a cluster shows its providers, groups and totals; Right goes to its services', async () => {
		const app = await renderApp({store: demo.fleet.store, columns: 100, rows: 40});
		await app.waitFor((f) => /Services \(batch\) \[1\/1\]/.test(f), 10_000);
		await app.press(keys.enter);
		const view = batchView()!;
		const provider = view.capacityProviders[0]!;
		const group = view.autoScalingGroups[0]!;
		const frame = await app.waitFor((f) => f.includes('Auto Scaling groups (1)'));
		expect(lineWith(frame, 'Instances ')).toMatch(/3 registered \(3 ACTIVE\)/);
		expect(lineWith(frame, 'Tasks ')).toMatch(/\d+ running, \d+ pending/);
		expect(lineWith(frame, 'CPU reserved')).toMatch(/\d+% .*free of/);
		expect(lineWith(frame, `  ${provider.name} `)).toMatch(
			new RegExp(`${provider.name}\\s+\\d+\\s+\\d+\\s+(ENABLED|DISABLED)`),
		);
		expect(lineWith(frame, `  ${group.name} `)).toMatch(
			new RegExp(
				`${group.name}\\s+${group.minSize}\\s+${group.desiredCapacity}\\s+${group.maxSize}\\s+3\\s+0\\s+0\\s+0`,
			),
		);
		await app.press(keys.right);
		await app.waitFor((f) => /\[3 Services\]/.test(f) && !f.includes('Capacity providers'));
	});
});
