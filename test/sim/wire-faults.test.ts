/**
 * Fault knobs and the admin endpoint: reliability tests flip storms on and off (also from another
 * process) and the app must see each service's own throttling/denial errors.
 */
import {DescribeAutoScalingGroupsCommand} from '@aws-sdk/client-auto-scaling';
import {ListMetricsCommand} from '@aws-sdk/client-cloudwatch';
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {AccessDeniedException, ECSServiceException, ListClustersCommand} from '@aws-sdk/client-ecs';
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startSimServer} from '../../source/sim/server.js';
import {failureOf, handlers, startWireSim, stubWorld, type WireSim} from './wire-fixture.js';

let sim: WireSim;
beforeAll(async () => {
	sim = await startWireSim();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => sim.server.faults.reset());

const listClusters = () => sim.ecs.send(new ListClustersCommand({}));

describe('throttling', () => {
	it('rate 1 throttles every call with each protocol’s own error, and reset ends it', async () => {
		sim.server.faults.set({throttleRate: 1});
		const ecs = await failureOf(listClusters());
		// ECS does not model ThrottlingException: the SDK raises its base exception by that name.
		expect(ecs).toBeInstanceOf(ECSServiceException);
		expect(ecs.name).toBe('ThrottlingException');
		expect(ecs.message).toBe('Rate exceeded');
		expect(ecs.$metadata.httpStatusCode).toBe(400);

		const ec2 = await failureOf(sim.ec2.send(new DescribeInstancesCommand({InstanceIds: ['i-1']})));
		expect(ec2.name).toBe('RequestLimitExceeded');
		expect(ec2.$metadata.httpStatusCode).toBe(503);

		const asg = await failureOf(sim.autoscaling.send(new DescribeAutoScalingGroupsCommand({})));
		expect([asg.name, asg.message, asg.$metadata.httpStatusCode]).toEqual([
			'Throttling',
			'Rate exceeded',
			400,
		]);

		const cw = await failureOf(sim.cloudwatch.send(new ListMetricsCommand({})));
		expect([cw.name, cw.$metadata.httpStatusCode]).toEqual(['Throttling', 400]);

		sim.server.faults.reset();
		expect((await listClusters()).clusterArns).toHaveLength(1);
	});

	it('a partial rate throttles some calls, the same ones for the same seed', async () => {
		const outcomes = async (): Promise<boolean[]> => {
			const stub = stubWorld();
			const server = await startSimServer({
				world: stub.world,
				handlers,
				faults: {throttleRate: 0.5},
			});
			const results: boolean[] = [];
			for (let i = 0; i < 20; i++) {
				const res = await fetch(`${server.url}/`, {
					method: 'POST',
					headers: {
						authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request',
						'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
					},
					body: '{}',
				});
				results.push(res.ok);
			}
			await server.close();
			return results;
		};
		const first = await outcomes();
		expect(first).toContain(true);
		expect(first).toContain(false);
		expect(await outcomes()).toEqual(first);
	});
});

describe('other faults', () => {
	it('errorRate 1 answers 5xx', async () => {
		sim.server.faults.set({errorRate: 1});
		const error = await failureOf(listClusters());
		expect(['ServiceUnavailableException', 'InternalFailure']).toContain(error.name);
		expect(error.$metadata.httpStatusCode).toBeGreaterThanOrEqual(500);
	});

	it('latency delays the answer without blocking other services', async () => {
		sim.server.faults.set({latencyMs: 1_000, services: ['ecs']});
		const started = Date.now();
		let slowAnswered = false;
		const slow = listClusters().then(() => (slowAnswered = true));
		// STS answers while ECS's answer is still held: an order, not a wall time, which a loaded
		// machine can stretch.
		await sim.sts.send(new GetCallerIdentityCommand({}));
		expect(slowAnswered).toBe(false);
		await slow;
		expect(Date.now() - started).toBeGreaterThanOrEqual(990);
	});

	it('down drops the connection without an answer', async () => {
		sim.server.faults.set({down: true});
		const error = await failureOf(listClusters());
		expect(error.$metadata.httpStatusCode).toBeUndefined();
		expect(String((error as {code?: string}).code ?? error.message)).toMatch(
			/ECONNRESET|socket hang up/,
		);
	});

	it('denied applies to the named service only, with AWS’s message', async () => {
		sim.server.faults.set({denied: ['ecs']});
		const error = await failureOf(listClusters());
		expect(error).toBeInstanceOf(AccessDeniedException);
		expect(error.$metadata.httpStatusCode).toBe(400);
		expect(error.message).toBe(
			'User: arn:aws:iam::123456789012:user/AKIDTEST is not authorized to perform: ecs:ListClusters on resource: * because no identity-based policy allows the ecs:ListClusters action',
		);
		await expect(sim.sts.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
		sim.server.faults.set({denied: ['ec2', 'autoscaling']});
		const ec2 = await failureOf(sim.ec2.send(new DescribeInstancesCommand({})));
		expect([ec2.name, ec2.$metadata.httpStatusCode]).toEqual(['UnauthorizedOperation', 403]);
		const asg = await failureOf(sim.autoscaling.send(new DescribeAutoScalingGroupsCommand({})));
		expect([asg.name, asg.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
	});

	it('expired credentials: ExpiredTokenException on ECS, ExpiredToken on query APIs', async () => {
		sim.server.faults.set({expiredCredentials: true});
		expect((await failureOf(listClusters())).name).toBe('ExpiredTokenException');
		expect((await failureOf(sim.sts.send(new GetCallerIdentityCommand({})))).name).toBe(
			'ExpiredToken',
		);
	});
});

describe('admin endpoint', () => {
	const admin = (path: string, init?: RequestInit) =>
		fetch(`${sim.server.url}/__sim/${path}`, init);

	it('reads and patches faults without a signature, and is never faulted itself', async () => {
		const patched = await admin('faults', {
			method: 'POST',
			body: JSON.stringify({throttleRate: 1, down: false}),
		});
		expect(patched.status).toBe(200);
		expect(await (await admin('faults')).json()).toMatchObject({throttleRate: 1});
		expect((await failureOf(listClusters())).name).toBe('ThrottlingException');

		await admin('faults', {method: 'POST', body: JSON.stringify({down: true})});
		expect((await admin('faults')).status).toBe(200);

		await admin('faults/reset', {method: 'POST'});
		expect(await (await admin('faults')).json()).toMatchObject({throttleRate: 0, down: false});
		await expect(listClusters()).resolves.toBeDefined();
	});

	it('refuses a malformed patch with the reason', async () => {
		const res = await admin('faults', {method: 'POST', body: JSON.stringify({throttleRate: 2})});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({error: 'throttleRate must be a number from 0 to 1'});
		expect(sim.server.faults.get().throttleRate).toBe(0);
	});

	it('lists requests since an index, failed ones with their code, never credentials', async () => {
		const {next} = (await (await admin('requests?since=1000000')).json()) as {next: number};
		await listClusters();
		sim.server.faults.set({throttleRate: 1});
		await failureOf(listClusters());
		const page = (await (await admin(`requests?since=${next}`)).json()) as {
			entries: Array<Record<string, unknown>>;
			next: number;
		};
		expect(page.next).toBe(next + 2);
		expect(page.entries).toEqual([
			expect.objectContaining({service: 'ecs', operation: 'ListClusters', status: 200, input: {}}),
			expect.objectContaining({status: 400, errorCode: 'ThrottlingException'}),
		]);
		expect(typeof page.entries[0]?.time).toBe('number');
		expect(JSON.stringify(sim.server.requestLog)).not.toMatch(/secret|Signature|Credential/);
	});

	it('advances a manual clock and brings the world to it', async () => {
		const before = sim.stub.clock.now();
		const res = await admin('advance', {method: 'POST', body: JSON.stringify({ms: 5000})});
		expect(await res.json()).toEqual({now: before + 5000});
		expect(sim.stub.advancedTo.at(-1)).toBe(before + 5000);
		await listClusters();
		expect(sim.server.requestLog.at(-1)?.time).toBe(before + 5000);
	});

	it('refuses to advance a real-time world (409)', async () => {
		const stub = stubWorld();
		const world = {...stub.world, clock: {now: () => Date.now()}} as typeof stub.world;
		const server = await startSimServer({world, handlers, backgroundTickMs: false});
		const res = await fetch(`${server.url}/__sim/advance`, {method: 'POST', body: '{"ms": 1}'});
		expect(res.status).toBe(409);
		await server.close();
	});
});

describe('world time', () => {
	it('brings the world to the clock before each request', async () => {
		sim.stub.clock.advance(60_000);
		await listClusters();
		expect(sim.stub.advancedTo.at(-1)).toBe(sim.stub.clock.now());
	});

	it('with backgroundTickMs, keeps a real-time world moving with no requests', async () => {
		const stub = stubWorld();
		const server = await startSimServer({world: stub.world, handlers, backgroundTickMs: 20});
		// Polled, not slept: on a loaded machine three 20 ms ticks can take far longer than 60 ms.
		const deadline = Date.now() + 10_000;
		while (stub.advancedTo.length < 3 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		await server.close();
		expect(stub.advancedTo.length).toBeGreaterThanOrEqual(3);
	});
});
