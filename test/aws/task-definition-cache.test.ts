// The ECS adapter keeps the task definitions it described: a revision never changes. What it keeps
// must stay bounded over a long session, must not hold on to the poll that first asked, and the
// askers of one revision share a call that none of them owns.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {
	DescribeTaskDefinitionCommand,
	ECSClient,
	type DescribeTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import {mockClient} from 'aws-sdk-client-mock';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {createAwsClients} from '../../source/aws/clients.js';
import {createEcsAdapter} from '../../source/aws/ecs.js';
import {runAsPoll} from '../../source/aws/request-counter.js';
import {KEPT_TASK_DEFINITIONS} from '../../source/aws/task-definition-cache.js';
import {startTestSim, type TestSim, appClientsAt} from '../helpers/sim.js';

const arnOf = (name: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}`;

/** Polls until `check` holds; the machine is shared, so no fixed sleep. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('task definitions over HTTP, askers aborted', () => {
	let sim: TestSim;
	let clients: ReturnType<typeof createAwsClients>;

	beforeAll(async () => {
		sim = await startTestSim({scenario: 'demo'});
		clients = appClientsAt(sim.server.url, {
			maxAttempts: 1,
		});
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => sim.server.faults.reset());

	const describedCalls = () =>
		sim.server.requestLog.filter((entry) => entry.operation === 'DescribeTaskDefinition').length;

	it('an asker whose poll is aborted stops waiting; the other gets the definition from the one call', async () => {
		const ecs = createEcsAdapter(clients.ecs);
		sim.server.faults.set({latencyMs: 1_000});
		const before = describedCalls();
		const first = new AbortController();
		const second = new AbortController();
		const firstAsk = runAsPoll(() => ecs.describeTaskDefinition('frontend:3'), first.signal);
		const secondAsk = runAsPoll(() => ecs.describeTaskDefinition('frontend:3'), second.signal);
		firstAsk.catch(() => undefined);
		// The simulator has the request (it answers a second later): the call is on the wire.
		await until(() => describedCalls() > before, 'the DescribeTaskDefinition request');
		first.abort();
		await expect(firstAsk).rejects.toMatchObject({name: 'AbortError'});
		const definition = await secondAsk;
		expect(definition).toMatchObject({family: 'frontend', revision: 3});
		expect(describedCalls() - before).toBe(1);
		// And it is kept: asked again, no call.
		await ecs.describeTaskDefinition('frontend:3');
		expect(describedCalls() - before).toBe(1);
	});

	it('once every asker is aborted, the next asker asks again and gets it', async () => {
		const ecs = createEcsAdapter(clients.ecs);
		sim.server.faults.set({latencyMs: 1_000});
		const before = describedCalls();
		const only = new AbortController();
		const ask = runAsPoll(() => ecs.describeTaskDefinition('frontend:2'), only.signal);
		ask.catch(() => undefined);
		await until(() => describedCalls() > before, 'the DescribeTaskDefinition request');
		only.abort();
		await expect(ask).rejects.toMatchObject({name: 'AbortError'});
		sim.server.faults.reset();
		const again = await runAsPoll(() => ecs.describeTaskDefinition('frontend:2'));
		expect(again).toMatchObject({family: 'frontend', revision: 2});
		expect(describedCalls() - before).toBe(2);
	});
});

describe('task definitions kept by the adapter', () => {
	const client = new ECSClient({
		region: 'us-east-1',
		credentials: {accessKeyId: 'a', secretAccessKey: 'b'},
	});
	// This client only: the tests above talk to the simulator through real ones.
	const ecsMock = mockClient(client);
	afterEach(() => ecsMock.reset());

	/** Answers any revision `family:N` asked for. */
	function answerEveryRevision(): void {
		ecsMock
			.on(DescribeTaskDefinitionCommand)
			.callsFake((input: DescribeTaskDefinitionCommandInput) => {
				const name = input.taskDefinition ?? '';
				const revision = Number(name.slice(name.lastIndexOf(':') + 1));
				return {
					taskDefinition: {
						taskDefinitionArn: arnOf(`app:${revision}`),
						family: 'app',
						revision,
					},
				};
			});
	}
	const callsFor = (name: string) =>
		ecsMock
			.commandCalls(DescribeTaskDefinitionCommand)
			.filter((call) => call.args[0].input.taskDefinition === name).length;

	it(`keeps at most ${KEPT_TASK_DEFINITIONS}, dropping the least recently asked`, async () => {
		answerEveryRevision();
		const ecs = createEcsAdapter(client);
		for (let revision = 1; revision <= KEPT_TASK_DEFINITIONS; revision += 1)
			await ecs.describeTaskDefinition(arnOf(`app:${revision}`));
		// app:1 asked again: kept, no call, and now the most recently asked.
		await ecs.describeTaskDefinition(arnOf('app:1'));
		expect(callsFor(arnOf('app:1'))).toBe(1);
		// One more than the bound: the least recently asked (app:2) makes room.
		await ecs.describeTaskDefinition(arnOf(`app:${KEPT_TASK_DEFINITIONS + 1}`));
		await ecs.describeTaskDefinition(arnOf('app:1'));
		await ecs.describeTaskDefinition(arnOf(`app:${KEPT_TASK_DEFINITIONS + 1}`));
		expect(callsFor(arnOf('app:1'))).toBe(1);
		expect(callsFor(arnOf(`app:${KEPT_TASK_DEFINITIONS + 1}`))).toBe(1);
		await ecs.describeTaskDefinition(arnOf('app:2'));
		expect(callsFor(arnOf('app:2'))).toBe(2);
	});

	it('does not hold on to the poll that first asked once the definition is in', async () => {
		answerEveryRevision();
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const ecs = createEcsAdapter(client);
		const firstPoll = await (async () => {
			const poll = new AbortController();
			await runAsPoll(() => ecs.describeTaskDefinition('app:7'), poll.signal);
			return new WeakRef(poll.signal);
		})();
		await ecs.describeTaskDefinition('app:7');
		expect(callsFor('app:7')).toBe(1);
		// Collected once nothing but the cache could hold it (a few rounds: the SDK's own
		// promises of the call settle a turn or two later).
		for (let round = 0; round < 20 && firstPoll.deref() !== undefined; round += 1) {
			await new Promise((resolve) => setTimeout(resolve, 10));
			gc();
		}
		expect(firstPoll.deref()).toBeUndefined();
	});
});
