import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {DescribeClustersCommand, ECSClient, ListClustersCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startCli, type RunningCli} from '../helpers/cli-process.js';
import {testCredentials} from '../helpers/sim.js';

const exec = promisify(execFile);

async function hasAwsCli(): Promise<boolean> {
	try {
		await exec('aws', ['--version']);
		return true;
	} catch {
		return false;
	}
}

describe('ecs-top sim (the built CLI)', () => {
	let sim: RunningCli;
	let url: string;

	beforeAll(async () => {
		sim = startCli(['sim', '--port', '0', '--scenario', 'demo', '--seed', '3']);
		const match = await sim.waitForLine(/^ecs-top sim listening on (http:\/\/127\.0\.0\.1:\d+)$/);
		url = match[1] ?? '';
	});

	afterAll(async () => {
		if (sim.child.exitCode === null) sim.child.kill('SIGKILL');
	});

	it('serves ECS to the SDK on the address it printed', async () => {
		const ecs = new ECSClient({
			endpoint: url,
			region: 'eu-west-1',
			credentials: testCredentials,
			maxAttempts: 1,
		});
		const {clusterArns = []} = await ecs.send(new ListClustersCommand({}));
		expect(clusterArns.length).toBeGreaterThanOrEqual(2);
		const {clusters = []} = await ecs.send(new DescribeClustersCommand({clusters: clusterArns}));
		expect(clusters.map((c) => c.clusterName)).toContain('batch');
		ecs.destroy();
	});

	it('answers an unsigned request with MissingAuthenticationToken', async () => {
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-amz-json-1.1',
				'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
			},
			body: '{}',
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toMatch(/MissingAuthenticationToken/);
	});

	// Each `aws` run starts a Python interpreter, seconds apiece on a busy machine: the default 30 s
	// ran out in a CI run beside other work.
	it('can be used by the AWS CLI', async (context) => {
		if (!(await hasAwsCli())) {
			context.skip('the AWS CLI is not installed on this machine (.ci/run installs it)');
		}
		const env = {
			...process.env,
			AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
			AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
			AWS_DEFAULT_REGION: 'us-east-1',
			AWS_PAGER: '',
		};
		const run = async (...args: string[]) =>
			JSON.parse(
				(await exec('aws', ['--endpoint-url', url, '--output', 'json', ...args], {env})).stdout,
			) as Record<string, unknown>;
		const clusters = (await run('ecs', 'list-clusters')) as {clusterArns: string[]};
		expect(clusters.clusterArns.some((arn) => arn.endsWith('/web'))).toBe(true);
		const services = (await run('ecs', 'list-services', '--cluster', 'web')) as {
			serviceArns: string[];
		};
		expect(services.serviceArns.length).toBeGreaterThan(0);
		const described = (await run(
			'ecs',
			'describe-services',
			'--cluster',
			'web',
			'--services',
			...services.serviceArns.slice(0, 10),
		)) as {
			services: Array<{serviceName: string; desiredCount: number}>;
		};
		expect(described.services.length).toBe(Math.min(10, services.serviceArns.length));
		const tasks = (await run('ecs', 'list-tasks', '--cluster', 'web')) as {taskArns: string[]};
		const describedTasks = (await run(
			'ecs',
			'describe-tasks',
			'--cluster',
			'web',
			'--tasks',
			...tasks.taskArns.slice(0, 100),
		)) as {
			tasks: Array<{lastStatus: string}>;
		};
		expect(describedTasks.tasks.length).toBeGreaterThan(0);
		const instances = (await run('ecs', 'list-container-instances', '--cluster', 'web')) as {
			containerInstanceArns: string[];
		};
		const describedInstances = (await run(
			'ecs',
			'describe-container-instances',
			'--cluster',
			'web',
			'--container-instances',
			...instances.containerInstanceArns,
		)) as {containerInstances: Array<{ec2InstanceId: string}>};
		const ec2Ids = describedInstances.containerInstances.map((ci) => ci.ec2InstanceId);
		const reservations = (await run('ec2', 'describe-instances', '--instance-ids', ...ec2Ids)) as {
			Reservations: Array<{Instances: Array<{InstanceId: string}>}>;
		};
		expect(
			reservations.Reservations.flatMap((r) => r.Instances.map((i) => i.InstanceId)).sort(),
		).toEqual([...ec2Ids].sort());
		const groups = (await run('autoscaling', 'describe-auto-scaling-groups')) as {
			AutoScalingGroups: Array<{AutoScalingGroupName: string; DesiredCapacity: number}>;
		};
		expect(groups.AutoScalingGroups.map((g) => g.AutoScalingGroupName)).toContain('batch-asg');
		const identity = (await run('sts', 'get-caller-identity')) as {Account: string};
		expect(identity.Account).toMatch(/^\d{12}$/);
	}, 120_000);

	it('prints exactly one line and exits cleanly on SIGTERM', async () => {
		sim.child.kill('SIGTERM');
		const {code} = await sim.exit();
		expect(code).toBe(0);
		expect(sim.stdout().trim().split('\n')).toHaveLength(1);
		expect(sim.stderr()).toBe('');
	});
});

describe('ecs-top sim stopped as soon as it has printed its address', () => {
	// A script that starts the simulator, reads the line and is done at once: the signal must
	// find the simulator listening for it, not end it by the signal's default action.
	it('exits 0 on a SIGTERM sent the moment the line is read, every time', async () => {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const cli = startCli(['sim', '--port', '0']);
			// On the chunk itself, not a poll of the output: a poll gives the simulator time.
			await new Promise((resolve) => cli.child.stdout.once('data', resolve));
			cli.child.kill('SIGTERM');
			expect(await cli.exit(), `attempt ${attempt}`).toMatchObject({code: 0});
		}
	}, 60_000);
});

describe('ecs-top sim flag errors', () => {
	it.each([
		[['sim', '--port', 'abc']],
		[['sim', '--scenario', 'nope']],
		[['sim', '--throttle-rate', '3']],
		[['sim', '--bogus']],
	])('%o: exit code 2 and one line on stderr, no stack trace', async (args) => {
		const cli = startCli(args);
		const {code} = await cli.exit();
		expect(code).toBe(2);
		expect(cli.stdout()).toBe('');
		expect(cli.stderr()).not.toMatch(/\n\s+at /);
	});
});
