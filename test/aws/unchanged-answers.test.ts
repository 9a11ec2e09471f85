// A read answered with the same bytes as last time is neither decoded on the AWS thread nor sent
// across: the thread says "unchanged" and the caller gets the result it already holds (the very
// same object). A changed answer always comes through whole.
import type {Worker} from 'node:worker_threads';
import {UpdateServiceCommand} from '@aws-sdk/client-ecs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runAsPoll} from '../../source/aws/request-counter.js';
import {startRemoteAws, type RemoteAws} from '../../source/aws/remote/remote-aws.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

const entry = new URL('../helpers/ts-thread.mjs', import.meta.url);
const threadModule = new URL('../../source/aws/remote/aws-thread.ts', import.meta.url).href;

let sim: TestSim;
let remote: RemoteAws | undefined;
/** The kinds of message the thread sent back, in order. */
let answers: string[] = [];

function connect(memoItemCapacity?: number): RemoteAws {
	answers = [];
	remote = startRemoteAws({
		...(memoItemCapacity === undefined ? {} : {memoItemCapacity}),
		entry,
		argv: [threadModule],
		region: 'us-east-1',
		endpointUrl: sim.server.url,
		credentials: testCredentials,
		log: () => {},
		onThreadStart: (thread: Worker) =>
			thread.on('message', (message: {kind: string}) => {
				if (message.kind !== 'attempts') answers.push(message.kind);
			}),
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
	await remote?.destroy();
	remote = undefined;
});

const poll = <T>(fn: () => Promise<T>) => runAsPoll(fn);

describe('unchanged answers', () => {
	it('services described twice with nothing changed: the second is the same result, not sent again', async () => {
		const aws = connect();
		const arns = await poll(() => aws.adapters.ecs.listServiceArns('web'));
		const first = await poll(() => aws.adapters.ecs.describeServices('web', arns));
		const second = await poll(() => aws.adapters.ecs.describeServices('web', arns));
		expect(second.items[0]).toBe(first.items[0]);
		expect(answers).toEqual(['answer', 'answer', 'unchanged']);
		// Each was a real call to AWS: only the decoding and the transfer were saved.
		expect(aws.stats.count('ECS.DescribeServices')).toBe(2);

		const api = first.items.find((service) => service.name === 'api')!;
		await sim.ecs.send(
			new UpdateServiceCommand({
				cluster: 'web',
				service: 'api',
				desiredCount: api.desiredCount + 1,
			}),
		);
		const third = await poll(() => aws.adapters.ecs.describeServices('web', arns));
		expect(answers.at(-1)).toBe('answer');
		expect(third.items.find((service) => service.name === 'api')!.desiredCount).toBe(
			api.desiredCount + 1,
		);
		await sim.ecs.send(
			new UpdateServiceCommand({cluster: 'web', service: 'api', desiredCount: api.desiredCount}),
		);
	}, 30_000);

	it('tasks, and the Auto Scaling groups read as XML, the same way', async () => {
		const aws = connect();
		const arns = await poll(() => aws.adapters.ecs.listTaskArns('web'));
		const first = await poll(() => aws.adapters.ecs.describeTasks('web', arns));
		const second = await poll(() => aws.adapters.ecs.describeTasks('web', arns));
		expect(second.items).toEqual(first.items);
		expect(second.items[0]).toBe(first.items[0]);
		const groups = await poll(() =>
			aws.adapters.autoScaling.describeAutoScalingGroups(['web-asg']),
		);
		const again = await poll(() => aws.adapters.autoScaling.describeAutoScalingGroups(['web-asg']));
		expect(again).toBe(groups);
		expect(answers).toEqual(['answer', 'answer', 'unchanged', 'answer', 'unchanged']);
	}, 30_000);

	it("the same call with other arguments is its own: never answered with another one's result", async () => {
		const aws = connect();
		const web = await poll(() => aws.adapters.ecs.listServiceArns('web'));
		const batch = await poll(() => aws.adapters.ecs.listServiceArns('batch'));
		expect(batch).not.toEqual(web);
		expect(answers).toEqual(['answer', 'answer']);
	}, 30_000);

	it('keeps results up to a number of items in all, forgetting the least recently used first', async () => {
		const web = await poll(() => connect().adapters.ecs.listTaskArns('web'));
		await remote?.destroy();
		expect(web.length).toBeGreaterThan(0);
		// Room for web's tasks described, and nothing more.
		const aws = connect(web.length);
		await poll(() => aws.adapters.ecs.describeTasks('web', web));
		await poll(() => aws.adapters.ecs.describeTasks('web', web));
		// Another call's result pushes web's out, and web's then has to come across again.
		await poll(() => aws.adapters.ecs.listTaskArns('batch'));
		await poll(() => aws.adapters.ecs.describeTasks('web', web));
		await poll(() => aws.adapters.ecs.describeTasks('web', web));
		expect(answers).toEqual(['answer', 'unchanged', 'answer', 'answer', 'unchanged']);
	}, 30_000);
});
