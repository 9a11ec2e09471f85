// A huge answer is refused before the SDK parses it, with a message naming the call; and an
// out-of-memory on the AWS thread ends the thread, not ecs-top: the calls in flight say so and
// the next call works on a new thread.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {AwsApiError} from '../../source/aws/errors.js';
import {startRemoteAws, type RemoteAws} from '../../source/aws/remote/remote-aws.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {startLoopbackEndpoint, type LoopbackEndpoint} from '../helpers/loopback-endpoint.js';
import {testCredentials, appClientsAt} from '../helpers/sim.js';

let sim: SimServer;
let endpoint: LoopbackEndpoint;
let clients: AwsClients | undefined;
let remote: RemoteAws | undefined;

beforeAll(async () => {
	sim = await startSim({scenario: 'demo', seed: 1});
	endpoint = await startLoopbackEndpoint(sim.url);
});
afterAll(async () => {
	await endpoint.close();
	await sim.close();
});
afterEach(async () => {
	endpoint.setMode({kind: 'pass'});
	clients?.destroy();
	clients = undefined;
	await remote?.destroy();
	remote = undefined;
});

function listClusters(maxAnswerBytes?: number): Promise<string[]> {
	clients = appClientsAt(endpoint.url, {
		maxAttempts: 1,
		...(maxAnswerBytes === undefined ? {} : {limits: {maxAnswerBytes}}),
	});
	return createAwsAdapters(clients).ecs.listClusterArns();
}

describe('the answer size cap', () => {
	it('refuses an answer that announces 50 MB before reading it', async () => {
		endpoint.setMode({kind: 'huge', bytes: 50 * 1024 * 1024, announce: true});
		const error = await listClusters().catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(AwsApiError);
		expect((error as AwsApiError).problem.kind).toBe('other');
		expect((error as AwsApiError).message).toMatch(
			/^ecs:ListClusters: the answer from 127\.0\.0\.1:\d+ is \d+\.\d MiB, over the 16\.0 MiB ecs-top reads from one call: refused unread$/,
		);
	});

	it('refuses an answer without a length once it passes the cap', async () => {
		endpoint.setMode({kind: 'huge', bytes: 1024 * 1024, announce: false});
		await expect(listClusters(256 * 1024)).rejects.toThrow(
			/^ecs:ListClusters: the answer from 127\.0\.0\.1:\d+ was over the 0\.3 MiB ecs-top reads from one call: refused$/,
		);
	});

	it('reads an answer under the cap as before', async () => {
		endpoint.setMode({kind: 'huge', bytes: 200 * 1024, announce: false});
		expect((await listClusters(256 * 1024)).length).toBeGreaterThan(1_000);
		endpoint.setMode({kind: 'pass'});
		await expect(listClusters()).resolves.toHaveLength(3);
	});
});

describe('the AWS thread out of memory', () => {
	it('ends the thread, not the process; the call says so, and the next one works', async () => {
		remote = startRemoteAws({
			entry: new URL('../helpers/ts-thread.mjs', import.meta.url),
			argv: [new URL('../../source/aws/remote/aws-thread.ts', import.meta.url).href],
			region: 'us-east-1',
			endpointUrl: endpoint.url,
			credentials: testCredentials,
			maxAttempts: 1,
			// A heap the SDK fits in, and an answer under the cap whose parse does not fit beside it.
			resourceLimits: {maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 30},
			log: () => {},
		});
		await expect(remote.adapters.ecs.listClusterArns()).resolves.toHaveLength(3);
		endpoint.setMode({kind: 'huge', bytes: 15 * 1024 * 1024, announce: true});
		await expect(remote.adapters.ecs.listClusterArns()).rejects.toThrow(
			/the AWS thread ran out of memory/,
		);
		endpoint.setMode({kind: 'pass'});
		await expect(remote.adapters.ecs.listClusterArns()).resolves.toHaveLength(3);
	}, 60_000);
});
