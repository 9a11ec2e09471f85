// --demo with the SDK on its thread: the thread starts the simulator itself and calls it, the
// session learns its address from the thread, and ending the thread ends the simulator.
import type {Worker} from 'node:worker_threads';
import {afterEach, describe, expect, it} from 'vitest';
import {
	prestartAwsThread,
	startRemoteAws,
	type RemoteAws,
} from '../../source/aws/remote/remote-aws.js';
import type {AwsThreadOptions} from '../../source/aws/remote/protocol.js';
import {demoThreadOptions} from '../../source/modes/connection.js';
import type {ScenarioName} from '../../source/sim/scenarios/index.js';

// The thread's entry is the TypeScript module, loaded through tsx by a small bootstrap.
const entry = new URL('../helpers/ts-thread.mjs', import.meta.url);
const argv = [new URL('../../source/aws/remote/aws-thread.ts', import.meta.url).href];

const started: RemoteAws[] = [];
const logged: string[] = [];

function demoOptions(seed = 1, scenario: ScenarioName = 'demo'): AwsThreadOptions {
	return demoThreadOptions({demo: {scenario, seed}, region: undefined, debug: false})!;
}

function connect(options: AwsThreadOptions, threads: Worker[] = []): RemoteAws {
	const remote = startRemoteAws({
		...options,
		entry,
		argv,
		log: (text) => logged.push(text),
		onThreadStart: (thread) => threads.push(thread),
	});
	started.push(remote);
	return remote;
}

/** Whether anything still accepts connections at `url`. */
async function listening(url: string): Promise<boolean> {
	try {
		await fetch(url, {signal: AbortSignal.timeout(5_000)});
		return true;
	} catch (error) {
		const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
		if (code === 'ECONNREFUSED') return false;
		throw error;
	}
}

afterEach(async () => {
	await Promise.all(started.splice(0).map((remote) => remote.destroy()));
	logged.length = 0;
});

describe('the demo simulator on the AWS thread', () => {
	it('serves the demo world to the thread, at the address the session is given', async () => {
		const remote = connect(demoOptions());
		const url = await remote.demoSimUrl!;
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
		const arns = await remote.adapters.ecs.listClusterArns();
		const clusters = await remote.adapters.ecs.describeClusters(arns);
		expect(clusters.items.map((cluster) => cluster.name).sort()).toEqual([
			'batch',
			'staging',
			'web',
		]);
		expect(await remote.region()).toBe('us-east-1');
		expect(await remote.endpoint()).toBe(url);
		// Reachable there from this thread too, as by the `aws` commands the dialogs show.
		expect(await listening(url)).toBe(true);
	}, 30_000);

	it('is closed when the session ends', async () => {
		const remote = connect(demoOptions());
		const url = await remote.demoSimUrl!;
		expect(await listening(url)).toBe(true);
		await remote.destroy();
		expect(await listening(url)).toBe(false);
	}, 30_000);

	it('says why it did not start, and so does every call', async () => {
		const remote = connect(demoOptions(1, 'no-such-scenario' as ScenarioName));
		await expect(remote.demoSimUrl!).rejects.toThrow(/^the demo simulator did not start: /u);
		await expect(remote.adapters.ecs.listClusterArns()).rejects.toThrow();
	}, 30_000);

	it('is started with the thread prestarted at launch, which the session then takes', async () => {
		const options = demoOptions(7);
		const prestartedId = prestartAwsThread(entry, options, argv);
		expect(prestartedId).toBeDefined();
		const threads: Worker[] = [];
		const remote = connect(options, threads);
		const url = await remote.demoSimUrl!;
		expect(threads.map((thread) => thread.threadId)).toEqual([prestartedId]);
		const arns = await remote.adapters.ecs.listClusterArns();
		expect(arns).toHaveLength(3);
		await remote.destroy();
		expect(await listening(url)).toBe(false);
	}, 30_000);

	it('is started with a thread the command started before it parsed its flags, told them after', async () => {
		const early = prestartAwsThread(entry, undefined, argv, 'demo');
		const options = demoOptions(5);
		expect(prestartAwsThread(entry, options, argv)).toBe(early);
		const threads: Worker[] = [];
		const remote = connect(options, threads);
		await remote.demoSimUrl;
		expect(threads.map((thread) => thread.threadId)).toEqual([early]);
		expect(await remote.adapters.ecs.listClusterArns()).toHaveLength(3);
	}, 30_000);

	it('replaces a thread started before the flags with the heap for AWS, not the demo', async () => {
		const early = prestartAwsThread(entry, undefined, argv, 'aws');
		const options = demoOptions(5);
		const replacement = prestartAwsThread(entry, options, argv);
		expect(replacement).toBeDefined();
		expect(replacement).not.toBe(early);
		const threads: Worker[] = [];
		const remote = connect(options, threads);
		await remote.demoSimUrl;
		expect(threads.map((thread) => thread.threadId)).toEqual([replacement]);
		expect(await remote.adapters.ecs.listClusterArns()).toHaveLength(3);
	}, 30_000);

	it('is not taken from a prestarted thread told other options', async () => {
		const prestartedId = prestartAwsThread(entry, demoOptions(1), argv);
		const threads: Worker[] = [];
		const remote = connect(demoOptions(2), threads);
		await remote.demoSimUrl;
		expect(threads).toHaveLength(1);
		expect(threads[0]!.threadId).not.toBe(prestartedId);
		expect(await remote.adapters.ecs.listClusterArns()).toHaveLength(3);
	}, 30_000);
});
