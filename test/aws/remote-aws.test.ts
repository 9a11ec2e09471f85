// The adapters on their own thread answer as they do in-process: same data, the same classified
// errors, throttled polls not retried, and every attempt counted on the UI thread.
import type {Worker} from 'node:worker_threads';
import {ListServicesCommand, ListTasksCommand, StopTaskCommand} from '@aws-sdk/client-ecs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {AwsApiError, PollThrottledError} from '../../source/aws/errors.js';
import {runAsPoll} from '../../source/aws/request-counter.js';
import {startRemoteAws, type RemoteAws} from '../../source/aws/remote/remote-aws.js';
import {failureKindOf} from '../../source/store/poll-scheduler.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

// The thread's entry is the TypeScript module, loaded through tsx by a small bootstrap.
const entry = new URL('../helpers/ts-thread.mjs', import.meta.url);
const threadModule = new URL('../../source/aws/remote/aws-thread.ts', import.meta.url).href;

let sim: TestSim;
let remote: RemoteAws | undefined;
const logged: string[] = [];
const threads: Worker[] = [];

function connect(options: {maxAttempts?: number} = {}): RemoteAws {
	remote = startRemoteAws({
		entry,
		argv: [threadModule],
		region: 'us-east-1',
		endpointUrl: sim.server.url,
		credentials: testCredentials,
		maxAttempts: options.maxAttempts ?? 3,
		log: (text) => logged.push(text),
		onThreadStart: (thread) => threads.push(thread),
	});
	return remote;
}

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo'});
});
afterAll(async () => {
	await sim.close();
});
afterEach(async () => {
	sim.server.faults.reset();
	await remote?.destroy();
	remote = undefined;
});

describe('the AWS adapters on their own thread', () => {
	it('answer with the same clusters and services as the simulator has', async () => {
		const {adapters} = connect();
		const arns = await adapters.ecs.listClusterArns();
		const clusters = await adapters.ecs.describeClusters(arns);
		expect(clusters.items.map((c) => c.name).sort()).toEqual(['batch', 'staging', 'web']);
		const direct = await sim.ecs.send(new ListServicesCommand({cluster: 'batch'}));
		const services = await adapters.ecs.listServiceArns('batch');
		expect([...services].sort()).toEqual([...(direct.serviceArns ?? [])].sort());
	}, 30_000);

	it('count every attempt in the UI thread, by operation, and resolve the region', async () => {
		const aws = connect();
		await aws.adapters.ecs.listClusterArns();
		await aws.adapters.ecs.listServiceArns('batch');
		expect(aws.stats.count('ECS.ListClusters')).toBe(1);
		expect(aws.stats.count('ECS.ListServices')).toBe(1);
		expect(aws.stats.callsInLastMinute()).toBe(2);
		expect(await aws.region()).toBe('us-east-1');
		expect(await aws.endpoint()).toBe(sim.server.url);
	}, 30_000);

	it('turn a refusal into the classified AwsApiError the store shows', async () => {
		const {adapters} = connect();
		sim.server.faults.set({denied: ['ecs']});
		const failure = await adapters.ecs.listClusterArns().catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AwsApiError);
		expect((failure as AwsApiError).problem).toMatchObject({
			kind: 'access-denied',
			service: 'ecs',
			operation: 'ListClusters',
		});
		expect((failure as AwsApiError).message).toMatch(/ecs:ListClusters/u);
	}, 30_000);

	it('do not retry a throttled poll, and the scheduler still sees throttling', async () => {
		const aws = connect({maxAttempts: 3});
		sim.server.faults.set({throttleRate: 1});
		const failure = await runAsPoll(() => aws.adapters.ecs.listClusterArns()).catch(
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(AwsApiError);
		expect((failure as AwsApiError).problem.kind).toBe('throttled');
		expect((failure as AwsApiError).cause).toBeInstanceOf(PollThrottledError);
		expect(aws.stats.snapshot()).toMatchObject({total: 1, throttled: 1});
		// Outside a poll (a control action) the SDK retries as configured.
		await aws.adapters.ecs.listClusterArns().catch(() => undefined);
		expect(aws.stats.snapshot()).toMatchObject({total: 4, throttled: 4});
		expect(failureKindOf((failure as AwsApiError).cause)).toBe('throttled');
	}, 30_000);

	it('start a new thread after one dies, and fail the calls it had', async () => {
		const {adapters} = connect({maxAttempts: 1});
		sim.server.faults.set({latencyMs: 2_000});
		const inFlight = adapters.ecs.listClusterArns();
		const first = threads.at(-1)!;
		await first.terminate();
		await expect(inFlight).rejects.toThrow(/AWS thread stopped/u);
		sim.server.faults.reset();
		const arns = await adapters.ecs.listClusterArns();
		expect(arns).toHaveLength(3);
		expect(threads.at(-1)).not.toBe(first);
	}, 30_000);

	it('describe more tasks than one call takes, in order, with the failures of every batch', async () => {
		const {adapters} = connect();
		const listed = await sim.ecs.send(new ListTasksCommand({cluster: 'web'}));
		const real = listed.taskArns ?? [];
		expect(real.length).toBeGreaterThan(0);
		// 250 ARNs: three calls of at most 100 on the thread.
		const missing = Array.from(
			{length: 250 - real.length},
			(_, i) => `arn:aws:ecs:us-east-1:123456789012:task/web/${i.toString(16).padStart(32, '0')}`,
		);
		const arns = [...missing.slice(0, 120), ...real, ...missing.slice(120)];
		const before = sim.server.requestLog.length;
		const described = await adapters.ecs.describeTasks('web', arns);
		expect(described.items.map((task) => task.arn)).toEqual(real);
		expect(described.failures).toHaveLength(missing.length);
		const calls = sim.server.requestLog
			.slice(before)
			.filter((r) => r.operation === 'DescribeTasks');
		expect(calls.map((call) => (call.input['tasks'] as string[]).length)).toEqual([100, 100, 50]);
	}, 30_000);

	it('hand back the tasks this side holds when they did not change', async () => {
		const {adapters} = connect();
		const listed = await sim.ecs.send(new ListTasksCommand({cluster: 'web'}));
		const arns = listed.taskArns ?? [];
		const first = (await adapters.ecs.describeTasks('web', arns)).items;
		expect(first.length).toBe(arns.length);
		const held = new Map(first.map((task) => [task.arn, task]));
		const second = (await adapters.ecs.describeTasks('web', arns, held)).items;
		expect(second.every((task, i) => task === first[i])).toBe(true);

		await sim.ecs.send(new StopTaskCommand({cluster: 'web', task: arns[0]!, reason: 'test'}));
		const third = (await adapters.ecs.describeTasks('web', arns, held)).items;
		expect(third[0]).not.toBe(first[0]);
		expect(third[0]!.desiredStatus).toBe('STOPPED');
		expect(third.slice(1).every((task, i) => task === first[i + 1])).toBe(true);
	}, 30_000);

	it('say so when asked for an adapter call that does not exist', async () => {
		const {adapters} = connect();
		const ecs = adapters.ecs as unknown as Record<string, () => Promise<unknown>>;
		await expect(ecs['noSuchCall']!()).rejects.toThrow('no such call: ecs.noSuchCall');
	}, 30_000);
});
