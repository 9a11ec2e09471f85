// The ECS client writes its flat requests with one JSON.stringify instead of the SDK's schema walk:
// what reaches AWS must be the very bytes and headers the SDK writes, for every call ecs-top makes.
import {ECSClient} from '@aws-sdk/client-ecs';
import {JsonShapeSerializer2} from '@smithy/core/protocols';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {createEcsActionsAdapter, type EcsActionsAdapter} from '../../source/aws/ecs-actions.js';
import {InPlaceAwsJson1_1Protocol} from '../../source/aws/ecs-json-protocol.js';
import {createEcsAdapter, type EcsAdapter} from '../../source/aws/ecs.js';
import {createTransport} from '../../source/aws/http-handler.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

type SentRequest = {
	target: string | undefined;
	contentType: string | undefined;
	contentLength: string | undefined;
	body: Buffer;
};

type Side = {
	ecs: EcsAdapter;
	actions: EcsActionsAdapter;
	sent: SentRequest[];
	destroy(): void;
};

/** Adapters over a real client at the simulator, whose transport keeps what each call sent. */
function side(endpoint: string, protocol?: typeof InPlaceAwsJson1_1Protocol): Side {
	const transport = createTransport();
	const sent: SentRequest[] = [];
	const recording: typeof transport = {
		...transport,
		handle(request, options) {
			const body = request.body as Uint8Array | string | undefined;
			sent.push({
				target: request.headers['x-amz-target'],
				contentType: request.headers['content-type'],
				contentLength: request.headers['content-length'],
				// The bytes themselves: the SDK's body would be read as a string otherwise.
				body:
					body instanceof Uint8Array
						? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
						: Buffer.from(body ?? ''),
			});
			return transport.handle(request, options);
		},
	};
	const client = new ECSClient({
		endpoint,
		region: 'us-east-1',
		credentials: testCredentials,
		maxAttempts: 1,
		requestHandler: recording,
		...(protocol === undefined ? {} : {protocol}),
	});
	return {
		ecs: createEcsAdapter(client),
		actions: createEcsActionsAdapter(client),
		sent,
		destroy: () => client.destroy(),
	};
}

let sim: TestSim;
let sdk: Side;
let flat: Side;
const sdkWriter = vi.spyOn(JsonShapeSerializer2.prototype, 'write');

beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo'});
	sdk = side(sim.server.url);
	flat = side(sim.server.url, InPlaceAwsJson1_1Protocol);
});

afterAll(async () => {
	sdk.destroy();
	flat.destroy();
	await sim.close();
});

/**
 * Makes the same adapter call on both sides, the SDK's first, and expects the same requests from
 * each; `written` says whether the SDK's writer still writes them (structures, idempotency tokens).
 * Answers and errors do not matter here, only what was sent.
 */
async function sameRequests<T>(
	call: (ecs: EcsAdapter, actions: EcsActionsAdapter) => Promise<T>,
	written: 'by the SDK' | 'flat',
): Promise<T | undefined> {
	const sdkBefore = sdk.sent.length;
	const flatBefore = flat.sent.length;
	const answer = await call(sdk.ecs, sdk.actions).catch(() => undefined);
	sdkWriter.mockClear();
	await call(flat.ecs, flat.actions).catch(() => undefined);
	const expected = sdk.sent.slice(sdkBefore);
	const actual = flat.sent.slice(flatBefore);
	expect(expected.length).toBeGreaterThan(0);
	expect(actual).toEqual(expected);
	for (const [i, request] of actual.entries())
		expect(request.body.equals(expected[i]!.body)).toBe(true);
	if (written === 'flat') expect(sdkWriter).not.toHaveBeenCalled();
	else expect(sdkWriter).toHaveBeenCalled();
	return answer;
}

describe('the ECS client writing flat requests itself', () => {
	it('sends every read the byte the SDK would, headers included, with pages, filters and batches', async () => {
		const clusterArns = (await sameRequests((ecs) => ecs.listClusterArns(), 'flat'))!;
		expect(clusterArns.length).toBeGreaterThan(1);
		await sameRequests((ecs) => ecs.describeClusters(clusterArns), 'flat');
		const cluster = clusterArns[0]!;
		const serviceArns = (await sameRequests((ecs) => ecs.listServiceArns(cluster), 'flat'))!;
		await sameRequests((ecs) => ecs.listServiceArns(cluster, {launchType: 'FARGATE'}), 'flat');
		await sameRequests((ecs) => ecs.listServiceArnsPage(cluster, undefined), 'flat');
		// A later page: its token goes before the page size in the schema, after it in the input.
		await sameRequests((ecs) => ecs.listServiceArnsPage(cluster, 'eyJvZmZzZXQiOjEwMH0='), 'flat');
		const services = (await sameRequests(
			(ecs) => ecs.describeServices(cluster, serviceArns),
			'flat',
		))!;
		const serviceName = services.items[0]!.name;
		const taskArns = (await sameRequests((ecs) => ecs.listTaskArns(cluster), 'flat'))!;
		await sameRequests(
			(ecs) => ecs.listTaskArns(cluster, {serviceName, desiredStatus: 'STOPPED'}),
			'flat',
		);
		await sameRequests((ecs) => ecs.listTaskArns(cluster, {startedBy: 'ecs-top'}), 'flat');
		const tasks = (await sameRequests((ecs) => ecs.describeTasks(cluster, taskArns), 'flat'))!;
		expect(tasks.items.length).toBeGreaterThan(0);
		const instanceArns = (await sameRequests(
			(ecs) => ecs.listContainerInstanceArns(cluster),
			'flat',
		))!;
		await sameRequests(
			(ecs) => ecs.listContainerInstanceArns(cluster, {status: 'DRAINING'}),
			'flat',
		);
		await sameRequests(
			(ecs) => ecs.describeContainerInstances(cluster, [...instanceArns, 'not-an-instance']),
			'flat',
		);
		await sameRequests((ecs) => ecs.describeCapacityProviders(), 'flat');
		await sameRequests((ecs) => ecs.describeCapacityProviders(['FARGATE', 'FARGATE_SPOT']), 'flat');
		await sameRequests(
			(ecs) => ecs.listTaskDefinitionFamilies({familyPrefix: 'w', status: 'ACTIVE'}),
			'flat',
		);
		await sameRequests(
			(ecs) => ecs.listTaskDefinitionArns({familyPrefix: 'w', status: 'ACTIVE', sort: 'DESC'}),
			'flat',
		);
		await sameRequests((ecs) => ecs.describeTaskDefinition(tasks.items[0]!.taskDefinition), 'flat');
		expect(flat.sent.some((request) => request.body.includes('"nextToken"'))).toBe(true);
	});

	it('writes a stop reason with quotes, control characters and any Unicode as the SDK escapes it', async () => {
		const cluster = (await sdk.ecs.listClusterArns())[0]!;
		const task = (await sdk.ecs.listTaskArns(cluster))[0]!;
		const reason =
			'stopped by "ops"\\ \n\t\b\f\r \u0001\u001f\u007f caf\u00e9 \u2028 \ud83d\ude80 \ud800 end';
		await sameRequests((_, actions) => actions.stopTask(cluster, task, reason), 'flat');
		const [state] = sdk.sent.slice(-1);
		expect(JSON.parse(state!.body.toString('utf8'))).toMatchObject({reason});
	});

	it('leaves writes with structures or an idempotency token to the SDK, byte for byte the same', async () => {
		const cluster = (await sdk.ecs.listClusterArns())[0]!;
		const service = (await sdk.ecs.listServiceArns(cluster))[0]!;
		const instances = await sdk.ecs.listContainerInstanceArns(cluster);
		await sameRequests((_, actions) => actions.setDesiredCount(cluster, service, 3), 'by the SDK');
		await sameRequests((_, actions) => actions.forceNewDeployment(cluster, service), 'by the SDK');
		await sameRequests(
			(_, actions) =>
				actions.runTask({
					cluster,
					taskDefinition: 'web',
					count: 1,
					clientToken: 'ecs-top-0001',
					startedBy: 'ecs-top',
					placement: {
						capacityProviderStrategy: [{capacityProvider: 'FARGATE', weight: 1, base: 0}],
					},
				}),
			'by the SDK',
		);
		await sameRequests(
			(_, actions) =>
				actions.setContainerInstancesState(cluster, instances.slice(0, 2), 'DRAINING'),
			'flat',
		);
	});
});
