import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	await fleet.close();
});

const view = (clusterArn: string) => fleet.store.getState().clusterViews[clusterArn]!;
const activeInstances = (clusterArn: string) =>
	view(clusterArn).containerInstances.filter((instance) => instance.status === 'ACTIVE');

describe('scale a cluster through its Auto Scaling group', () => {
	it('offers the group behind the capacity provider, refuses outside min..max, and instances follow the new count', async () => {
		const batch = await focus(fleet, 'batch');
		const groups = fleet.runner.scalingGroups(batch);
		expect(groups).toEqual({
			ok: true,
			groups: [
				{
					autoScalingGroupName: 'batch-asg',
					capacityProviderName: 'batch-cp',
					minSize: 1,
					maxSize: 6,
					desiredCapacity: 3,
					inService: 3,
				},
			],
		});
		const ask = (desiredCapacity: number) =>
			fleet.runner.plan({
				kind: 'scale-cluster',
				clusterArn: batch,
				autoScalingGroupName: 'batch-asg',
				desiredCapacity,
			});
		expect(ask(7)).toEqual({
			ok: false,
			refusal: "batch-asg desired capacity 7 must be between 1 and 6 (the group's min and max)",
		});
		expect(ask(0)).toMatchObject({ok: false, refusal: expect.stringContaining('between 1 and 6')});
		expect(ask(3)).toEqual({ok: false, refusal: 'batch-asg desired capacity is already 3'});
		expect(await fleet.writeRequests()).toEqual([]);

		const up = ask(5);
		if (!up.ok) throw new Error(up.refusal);
		expect(up.plan.changes).toEqual(['batch-asg desired capacity 3 -> 5 (min 1, max 6)']);
		expect(up.plan.cliCommands).toEqual([
			`aws autoscaling set-desired-capacity --auto-scaling-group-name batch-asg --desired-capacity 5 --no-honor-cooldown --region us-east-1 --endpoint-url ${fleet.sim.server.url}`,
		]);
		const result = await fleet.runner.confirm(up.plan);
		expect(result).toMatchObject({status: 'succeeded'});
		expect(result.message).toMatch(
			/batch-asg desired capacity set to 5 \(was 3\): new instances register/,
		);
		expect(fleet.runner.state.getState().marks[batch]?.text).toBe('desired capacity 5, pending');
		const sent = await fleet.writeRequests();
		expect(sent.map((entry) => [entry.operation, entry.input])).toEqual([
			[
				'SetDesiredCapacity',
				expect.objectContaining({
					AutoScalingGroupName: 'batch-asg',
					// The query protocol's form fields are strings.
					DesiredCapacity: '5',
					HonorCooldown: 'false',
				}),
			],
		]);
		await fleet.poller.whenIdle();
		expect(fleet.runner.state.getState().marks[batch]).toBeUndefined();
		// Instances boot and their agents register within a few minutes.
		await fleet.advanceAndRefresh(5 * 60_000);
		expect(activeInstances(batch)).toHaveLength(5);

		const down = ask(2);
		if (!down.ok) throw new Error(down.refusal);
		expect(down.plan.warnings).toContain(
			'3 instances will be terminated: their tasks stop, and services start them elsewhere',
		);
		expect((await fleet.runner.confirm(down.plan)).status).toBe('succeeded');
		await fleet.advanceAndRefresh(10 * 60_000, 30_000);
		expect(activeInstances(batch)).toHaveLength(2);
		expect(view(batch).containerInstances.every((i) => i.status === 'ACTIVE')).toBe(true);
	}, 90_000);

	it('says why a cluster has no group to scale', async () => {
		const staging = await focus(fleet, 'staging');
		expect(fleet.runner.scalingGroups(staging)).toEqual({
			ok: false,
			refusal:
				'staging has no capacity provider with an Auto Scaling group (its instances were registered another way): change its instances in EC2',
		});
		expect(
			fleet.runner.plan({
				kind: 'scale-cluster',
				clusterArn: staging,
				autoScalingGroupName: 'web-asg',
				desiredCapacity: 3,
			}),
		).toMatchObject({ok: false});
		const web = fleet.store.getState().clusters.find((cluster) => cluster.name === 'web')!.arn;
		// Not focused yet in this test: its providers are not loaded, and the refusal says so.
		fleet.poller.setFocus({clusterArn: staging});
		expect(fleet.runner.scalingGroups(web)).toMatchObject({
			ok: false,
			refusal: expect.stringContaining('not loaded'),
		});
		await focus(fleet, 'web');
		const webPlan = fleet.runner.plan({
			kind: 'scale-cluster',
			clusterArn: web,
			autoScalingGroupName: 'web-asg',
			desiredCapacity: 5,
		});
		expect(webPlan.ok && webPlan.plan.warnings).toEqual([
			"web-cp has managed scaling on: ECS sets this group's desired capacity itself and may change it back",
		]);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});

describe('drain and re-activate a container instance', () => {
	it('drains: service tasks move to other instances; re-activating puts it back to work', async () => {
		const web = await focus(fleet, 'web');
		const tasksOn = (instanceArn: string) =>
			(fleet.store.getState().tasks[`cluster:${web}`] ?? []).filter(
				(task) => task.containerInstanceArn === instanceArn && task.desiredStatus === 'RUNNING',
			);
		// The busiest instance, so there is something to move.
		const instance = [...view(web).containerInstances].sort(
			(a, b) => tasksOn(b.arn).length - tasksOn(a.arn).length,
		)[0]!;
		const serviceTasks = tasksOn(instance.arn).filter((task) => task.serviceName !== undefined);
		expect(serviceTasks.length).toBeGreaterThan(0);

		const drain = fleet.runner.plan({
			kind: 'set-instance-state',
			clusterArn: web,
			containerInstanceArns: [instance.arn],
			status: 'DRAINING',
		});
		if (!drain.ok) throw new Error(drain.refusal);
		expect(drain.plan.changes).toEqual([
			`${instance.ec2InstanceId} (${instance.instanceType}) ACTIVE -> DRAINING`,
		]);
		expect(drain.plan.warnings[0]).toMatch(
			new RegExp(`^${serviceTasks.length} running service tasks? will move to other instances`),
		);
		expect(drain.plan.cliCommands).toEqual([
			`aws ecs update-container-instances-state --cluster web --container-instances ${instance.id} --status DRAINING --region us-east-1 --endpoint-url ${fleet.sim.server.url}`,
		]);
		const result = await fleet.runner.confirm(drain.plan);
		expect(result).toMatchObject({
			status: 'succeeded',
			message: `${instance.ec2InstanceId} set to DRAINING`,
		});
		expect(fleet.runner.state.getState().marks[instance.arn]?.text).toBe('draining');
		await fleet.poller.whenIdle();
		expect(fleet.runner.state.getState().marks[instance.arn]).toBeUndefined();

		await fleet.advanceAndRefresh(5 * 60_000);
		const now = view(web).containerInstances.find((i) => i.arn === instance.arn)!;
		expect(now.status).toBe('DRAINING');
		expect(tasksOn(instance.arn).filter((task) => task.serviceName !== undefined)).toEqual([]);
		// The services are whole again on the other instances.
		for (const service of view(web).services) {
			if (service.name === 'checkout-worker') continue; // crash-loops by design
			expect(service.runningCount, service.name).toBe(service.desiredCount);
		}

		expect(
			fleet.runner.plan({
				kind: 'set-instance-state',
				clusterArn: web,
				containerInstanceArns: [instance.arn],
				status: 'DRAINING',
			}),
		).toEqual({ok: false, refusal: `${instance.ec2InstanceId} is already DRAINING`});
		const activate = fleet.runner.plan({
			kind: 'set-instance-state',
			clusterArn: web,
			containerInstanceArns: [instance.arn],
			status: 'ACTIVE',
		});
		if (!activate.ok) throw new Error(activate.refusal);
		expect(activate.plan.warnings).toEqual([]);
		expect((await fleet.runner.confirm(activate.plan)).status).toBe('succeeded');
		await fleet.poller.whenIdle();
		expect(view(web).containerInstances.find((i) => i.arn === instance.arn)!.status).toBe('ACTIVE');
		expect((await fleet.writeRequests()).map((entry) => entry.input.status)).toEqual([
			'DRAINING',
			'ACTIVE',
		]);
	}, 90_000);

	it('warns when no ACTIVE instance would be left', async () => {
		const staging = await focus(fleet, 'staging');
		const all = view(staging).containerInstances.map((instance) => instance.arn);
		const plan = fleet.runner.plan({
			kind: 'set-instance-state',
			clusterArn: staging,
			containerInstanceArns: all,
			status: 'DRAINING',
		});
		expect(plan.ok && plan.plan.warnings).toContain(
			'No ACTIVE instance would be left: service tasks will have nowhere to go',
		);
		expect(plan.ok && plan.plan.changes).toHaveLength(2);
	});
});
