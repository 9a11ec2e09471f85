import {DescribeAutoScalingGroupsCommand} from '@aws-sdk/client-auto-scaling';
import {
	DescribeClustersCommand,
	DescribeContainerInstancesCommand,
	DescribeServicesCommand,
	DescribeTasksCommand,
	ListClustersCommand,
	ListContainerInstancesCommand,
	ListServicesCommand,
	ListTasksCommand,
} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {OnceDocument} from '../../source/modes/once-document.js';
import {startCli} from '../helpers/cli-process.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

const awsEnv = {
	...process.env,
	AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
	AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
	AWS_REGION: 'us-east-1',
};

async function once(args: string[], env: NodeJS.ProcessEnv = awsEnv) {
	const cli = startCli(['--once', ...args], env);
	const {code} = await cli.exit();
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

describe('ecs-top --once --json against a simulator', () => {
	// A ManualClock that nobody advances: the world holds still, so what the CLI printed and what
	// the SDK says afterwards must agree exactly.
	let sim: TestSim;
	let document: OnceDocument;

	beforeAll(async () => {
		sim = await startTestSim({scenario: 'demo', seed: 5, start: Date.now()});
		const result = await once(['--json', '--endpoint-url', sim.server.url]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		document = JSON.parse(result.stdout) as OnceDocument;
	});

	afterAll(async () => {
		await sim.close();
	});

	it('names the account and region, with a schema version', () => {
		expect(document).toMatchObject({
			schemaVersion: 2,
			account: '123456789012',
			region: 'us-east-1',
		});
	});

	it('has every cluster with the counts ECS reports', async () => {
		const {clusterArns = []} = await sim.ecs.send(new ListClustersCommand({}));
		const {clusters = []} = await sim.ecs.send(
			new DescribeClustersCommand({clusters: clusterArns}),
		);
		expect(
			document.clusters
				.map((c) => [
					c.name,
					c.runningTasks,
					c.pendingTasks,
					c.activeServices,
					c.registeredContainerInstances,
				])
				.sort(),
		).toEqual(
			clusters
				.map((c) => [
					c.clusterName,
					c.runningTasksCount,
					c.pendingTasksCount,
					c.activeServicesCount,
					c.registeredContainerInstancesCount,
				])
				.sort(),
		);
	});

	it('has every service, instance, task and Auto Scaling group as the SDK sees them', async () => {
		for (const cluster of document.clusters) {
			const {serviceArns = []} = await sim.ecs.send(
				new ListServicesCommand({cluster: cluster.name, maxResults: 100}),
			);
			const services = serviceArns.length
				? ((
						await sim.ecs.send(
							new DescribeServicesCommand({cluster: cluster.name, services: serviceArns}),
						)
					).services ?? [])
				: [];
			expect(
				document.services
					.filter((s) => s.cluster === cluster.name)
					.map((s) => [s.name, s.desiredCount, s.runningCount, s.pendingCount])
					.sort(),
			).toEqual(
				services.map((s) => [s.serviceName, s.desiredCount, s.runningCount, s.pendingCount]).sort(),
			);

			const {taskArns = []} = await sim.ecs.send(new ListTasksCommand({cluster: cluster.name}));
			const tasks = taskArns.length
				? ((await sim.ecs.send(new DescribeTasksCommand({cluster: cluster.name, tasks: taskArns})))
						.tasks ?? [])
				: [];
			expect(
				document.tasks
					.filter((t) => t.cluster === cluster.name)
					.map((t) => [t.arn, t.lastStatus, t.desiredStatus])
					.sort(),
			).toEqual(tasks.map((t) => [t.taskArn, t.lastStatus, t.desiredStatus]).sort());

			const {containerInstanceArns = []} = await sim.ecs.send(
				new ListContainerInstancesCommand({cluster: cluster.name}),
			);
			const instances = containerInstanceArns.length
				? ((
						await sim.ecs.send(
							new DescribeContainerInstancesCommand({
								cluster: cluster.name,
								containerInstances: containerInstanceArns,
							}),
						)
					).containerInstances ?? [])
				: [];
			const remaining = (i: (typeof instances)[number], name: string) =>
				i.remainingResources?.find((r) => r.name === name)?.integerValue;
			expect(
				document.containerInstances
					.filter((i) => i.cluster === cluster.name)
					.map((i) => [i.ec2InstanceId, i.status, i.cpu.remaining, i.memoryMiB.remaining])
					.sort(),
			).toEqual(
				instances
					.map((i) => [i.ec2InstanceId, i.status, remaining(i, 'CPU'), remaining(i, 'MEMORY')])
					.sort(),
			);
		}
		const {AutoScalingGroups = []} = await sim.autoscaling.send(
			new DescribeAutoScalingGroupsCommand({}),
		);
		expect(
			document.autoScalingGroups.map((g) => [g.name, g.desiredCapacity, g.instances.length]).sort(),
		).toEqual(
			AutoScalingGroups.map((g) => [
				g.AutoScalingGroupName,
				g.DesiredCapacity,
				g.Instances?.length,
			]).sort(),
		);
	});

	it('carries containers with exit codes and the latest CPU and memory per service', () => {
		expect(document.tasks.every((t) => t.containers.length > 0)).toBe(true);
		// A steady service has had tasks running every minute, so CloudWatch has its newest point; a
		// crash-looping one may have a task up right now and no complete minute in the window.
		const steady = document.services.filter(
			(s) => s.runningCount > 0 && s.rolloutState === 'COMPLETED',
		);
		expect(steady.length).toBeGreaterThan(0);
		for (const service of steady) {
			expect(service.cpuUtilizationPercent).toEqual(expect.any(Number));
			expect(service.memoryUtilizationPercent).toEqual(expect.any(Number));
		}
	});

	it("lists the fleet's problems as the live feed does: the crash loop and its stopped tasks", () => {
		expect(document.apiErrors).toEqual([]);
		const worker = document.services.find((service) => service.name === 'checkout-worker')!;
		const loop = document.problems.find((problem) => problem.kind === 'crash-loop');
		expect(loop).toMatchObject({
			cluster: 'web',
			subject: 'checkout-worker',
			target: {kind: 'service', serviceArn: worker.arn},
		});
		// Many stopped tasks of one cause are one item with their count, aimed at the newest task.
		const exits = document.problems.filter((problem) => problem.kind === 'task-exit');
		expect(exits).toHaveLength(1);
		expect(exits[0]).toMatchObject({
			subject: 'checkout-worker',
			summary: expect.stringMatching(/exit 1 \(checkout\)/),
		});
		expect(exits[0]!.count).toBeGreaterThanOrEqual(2);
		expect(exits[0]!.target.taskArn).toMatch(/^arn:aws:ecs:/);
		// Newest first.
		const times = document.problems.flatMap((problem) => (problem.at === null ? [] : [problem.at]));
		expect(times).toEqual([...times].sort().reverse());
	});

	it('keeps going without CloudWatch when it is denied, and says so on stderr', async () => {
		sim.server.faults.set({denied: ['cloudwatch']});
		try {
			const result = await once(['--json', '--endpoint-url', sim.server.url]);
			expect(result.code).toBe(0);
			const partial = JSON.parse(result.stdout) as OnceDocument;
			expect(partial.services.length).toBe(document.services.length);
			expect(partial.services.every((s) => s.cpuUtilizationPercent === null)).toBe(true);
			expect(partial.apiErrors[0]?.message).toMatch(/cloudwatch:GetMetricData/);
			// The fleet's problems are another list: an API error is not one of them.
			expect(partial.problems.some((problem) => /GetMetricData/.test(problem.summary))).toBe(false);
			expect(result.stderr).toMatch(/^ecs-top: warning: Access denied: cloudwatch:GetMetricData/);
		} finally {
			sim.server.faults.reset();
		}
	});

	it('limits the snapshot to --cluster, and exits 1 with one line for an unknown one', async () => {
		const only = await once(['--json', '--endpoint-url', sim.server.url, '--cluster', 'web']);
		expect(only.code).toBe(0);
		const doc = JSON.parse(only.stdout) as OnceDocument;
		expect(doc.clusters.map((c) => c.name)).toEqual(['web']);
		expect(new Set(doc.tasks.map((t) => t.cluster))).toEqual(new Set(['web']));

		const unknown = await once(['--endpoint-url', sim.server.url, '--cluster', 'nope']);
		expect(unknown.code).toBe(1);
		expect(unknown.stdout).toBe('');
		expect(unknown.stderr).toBe('ecs-top: cluster nope not found in us-east-1\n');
	});

	it('prints a readable summary without --json', async () => {
		const result = await once(['--endpoint-url', sim.server.url]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^CLUSTER\s+STATUS\s+INSTANCES/m);
		for (const name of ['batch', 'web', 'staging'])
			expect(result.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
		expect(result.stdout).toMatch(/auto scaling group batch-asg: desired \d+ \(min 1, max 6\)/);
		expect(result.stdout).toMatch(
			/^ {2}web\/checkout-worker: \d+ tasks stopped: exit 1 \(checkout\)/m,
		);
	});

	it('exits 1 with one clear line when credentials are expired', async () => {
		sim.server.faults.set({expiredCredentials: true});
		try {
			const result = await once(['--endpoint-url', sim.server.url]);
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/^ecs-top: AWS credentials expired.*\n$/);
			// --once has no keys: the advice must not send the user to the live view's R.
			expect(result.stderr).toBe(
				'ecs-top: AWS credentials expired: refresh them (aws sso login, or new keys)\n',
			);
			expect(result.stderr).not.toContain(testCredentials.secretAccessKey);
		} finally {
			sim.server.faults.reset();
		}
	});
});

describe('ecs-top --once without a simulator of its own', () => {
	it('--demo works with no AWS account at all', async () => {
		const env: NodeJS.ProcessEnv = {...process.env, HOME: '/nonexistent'};
		for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_REGION'])
			delete env[name];
		const result = await once(['--json', '--demo'], env);
		expect(result.code).toBe(0);
		const doc = JSON.parse(result.stdout) as OnceDocument;
		expect(doc.clusters.map((c) => c.name).sort()).toEqual(['batch', 'staging', 'web']);
		expect(doc.tasks.length).toBeGreaterThan(10);
	});

	it('exits 1 with one line when the endpoint cannot be reached', async () => {
		const result = await once(['--endpoint-url', 'http://127.0.0.1:9']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^ecs-top: Cannot reach http:\/\/127\.0\.0\.1:9: ECONNREFUSED.*\n$/,
		);
	});

	it.each([
		[['--json']],
		[['--region', 'mars']],
		[['--refresh', '0']],
		[['--endpoint-url', 'not a url']],
		[['--demo', '--profile', 'prod']],
		[['--nope']],
	])('%o: exit 2 with one line, no stack trace', async (args) => {
		const cli = startCli(args.includes('--json') ? args : ['--once', ...args], awsEnv);
		const {code} = await cli.exit();
		expect(code).toBe(2);
		expect(cli.stderr()).not.toMatch(/\n\s+at /);
	});
});
