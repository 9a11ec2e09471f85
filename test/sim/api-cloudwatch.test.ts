import {
	CloudWatchClient,
	GetMetricDataCommand,
	ListMetricsCommand,
	paginateGetMetricData,
	PutMetricDataCommand,
	type MetricDataQuery,
	type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {handlers} from '../../source/sim/api/index.js';
import {startSimServer, type SimServer} from '../../source/sim/server.js';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';

const minute = 60_000;

interface Sim {
	server: SimServer;
	clock: ManualClock;
	cloudwatch: CloudWatchClient;
	close(): Promise<void>;
}

/** A cluster with one web service that has been running for 20 minutes. */
async function startSim(seed: number): Promise<Sim> {
	const clock = new ManualClock();
	const world = createWorld({seed, clock});
	const cluster = world.createCluster({clusterName: 'prod'});
	world.createAutoScalingGroup({
		name: 'prod-asg',
		clusterName: 'prod',
		instanceType: 't3.large',
		availabilityZones: ['us-east-1a'],
		minSize: 2,
		maxSize: 2,
		desiredCapacity: 2,
		registerNow: true,
	});
	world.registerTaskDefinition({
		family: 'web',
		containerDefinitions: [{name: 'web', image: 'nginx', cpu: 256, memory: 512}],
	});
	world.createService(cluster, {serviceName: 'web', taskDefinition: 'web', desiredCount: 3});
	clock.advance(20 * minute);
	const server = await startSimServer({world, handlers, port: 0, backgroundTickMs: false});
	const cloudwatch = new CloudWatchClient({
		endpoint: server.url,
		region: 'us-east-1',
		credentials: {accessKeyId: 'AKIDTEST', secretAccessKey: 'test'},
		maxAttempts: 1,
	});
	return {
		server,
		clock,
		cloudwatch,
		async close() {
			cloudwatch.destroy();
			await server.close();
		},
	};
}

let sim: Sim;
beforeAll(async () => {
	sim = await startSim(21);
});
afterAll(async () => sim.close());

const ecsQuery = (
	id: string,
	metricName: string,
	stat: string,
	dimensions: Record<string, string> = {ClusterName: 'prod'},
	period = 60,
): MetricDataQuery => ({
	Id: id,
	MetricStat: {
		Metric: {
			Namespace: 'AWS/ECS',
			MetricName: metricName,
			Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({Name, Value})),
		},
		Period: period,
		Stat: stat,
	},
});

const lastMinutes = (minutes: number) => ({
	StartTime: new Date(sim.clock.now() - minutes * minute),
	EndTime: new Date(sim.clock.now()),
});

async function errorOf(promise: Promise<unknown>): Promise<{name: string; message: string}> {
	try {
		await promise;
	} catch (error) {
		return error as {name: string; message: string};
	}
	throw new Error('expected the call to fail');
}

const byId = (results: MetricDataResult[] | undefined, id: string): MetricDataResult => {
	const result = results?.find((r) => r.Id === id);
	if (!result) throw new Error(`no result ${id}`);
	return result;
};

describe('CloudWatch GetMetricData for AWS/ECS', () => {
	it('returns one point per period, newest first, with sane values for each statistic', async () => {
		const out = await sim.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: [
					ecsQuery('avg', 'CPUUtilization', 'Average'),
					ecsQuery('max', 'CPUUtilization', 'Maximum'),
					ecsQuery('min', 'CPUUtilization', 'Minimum'),
					ecsQuery('n', 'CPUUtilization', 'SampleCount'),
					ecsQuery('res', 'CPUReservation', 'Average'),
					ecsQuery('svc', 'MemoryUtilization', 'Average', {
						ClusterName: 'prod',
						ServiceName: 'web',
					}),
				],
				...lastMinutes(10),
			}),
		);
		const avg = byId(out.MetricDataResults, 'avg');
		expect(avg.StatusCode).toBe('Complete');
		expect(avg.Label).toBe('CPUUtilization');
		expect(avg.Timestamps!.length).toBeGreaterThanOrEqual(8);
		expect(avg.Timestamps!.length).toBeLessThanOrEqual(10);
		const times = avg.Timestamps!.map((t) => t.getTime());
		for (let i = 1; i < times.length; i++) expect(times[i - 1]! - times[i]!).toBe(minute);
		for (const time of times) expect(time % minute).toBe(0);
		const max = byId(out.MetricDataResults, 'max');
		const min = byId(out.MetricDataResults, 'min');
		expect(max.Timestamps).toEqual(avg.Timestamps);
		avg.Values!.forEach((value, i) => {
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(100);
			expect(min.Values![i]!).toBeLessThanOrEqual(value + 1e-9);
			expect(max.Values![i]!).toBeGreaterThanOrEqual(value - 1e-9);
		});
		expect(byId(out.MetricDataResults, 'n').Values!.every((v) => v >= 1)).toBe(true);
		const reservation = byId(out.MetricDataResults, 'res').Values!;
		expect(reservation.length).toBeGreaterThan(0);
		expect(reservation.every((v) => v > 0 && v <= 100)).toBe(true);
		const service = byId(out.MetricDataResults, 'svc').Values!;
		expect(service.length).toBeGreaterThan(0);
		expect(service.every((v) => v >= 0 && v <= 100)).toBe(true);
	});

	it('scans oldest first when asked', async () => {
		const out = await sim.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: [ecsQuery('a', 'CPUUtilization', 'Average')],
				ScanBy: 'TimestampAscending',
				...lastMinutes(10),
			}),
		);
		const times = out.MetricDataResults![0]!.Timestamps!.map((t) => t.getTime());
		expect(times.length).toBeGreaterThan(1);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	it('gives each of many queries in one call its own points, as if asked alone', async () => {
		// Services have utilisation; clusters have reservation too.
		const serviceMetrics = ['CPUUtilization', 'MemoryUtilization'];
		const clusterMetrics = ['CPUUtilization', 'MemoryUtilization', 'CPUReservation'];
		const stats = ['Average', 'Maximum', 'Minimum', 'SampleCount', 'Sum'];
		const queries = Array.from({length: 120}, (_, i) =>
			i % 2 === 0
				? ecsQuery(`q${i}`, serviceMetrics[(i / 2) % 2]!, stats[i % stats.length]!, {
						ClusterName: 'prod',
						ServiceName: 'web',
					})
				: ecsQuery(`q${i}`, clusterMetrics[i % 3]!, stats[i % stats.length]!),
		);
		const window = lastMinutes(10);
		const together = await sim.cloudwatch.send(
			new GetMetricDataCommand({MetricDataQueries: queries, ...window}),
		);
		expect(together.MetricDataResults!.map((result) => result.Id)).toEqual(
			queries.map((query) => query.Id),
		);
		for (const query of [0, 1, 2, 3, 5, 118, 119].map((i) => queries[i]!)) {
			const alone = await sim.cloudwatch.send(
				new GetMetricDataCommand({MetricDataQueries: [query], ...window}),
			);
			const mine = byId(together.MetricDataResults, query.Id!);
			expect(mine.Values!.length).toBeGreaterThan(0);
			expect(mine.Timestamps).toEqual(alone.MetricDataResults![0]!.Timestamps);
			expect(mine.Values).toEqual(alone.MetricDataResults![0]!.Values);
		}
	});

	it('gives the same numbers for the same seed', async () => {
		const twin = await startSim(21);
		try {
			const request = {
				MetricDataQueries: [ecsQuery('a', 'CPUUtilization', 'Average')],
				...lastMinutes(15),
			};
			const [mine, theirs] = await Promise.all([
				sim.cloudwatch.send(new GetMetricDataCommand(request)),
				twin.cloudwatch.send(new GetMetricDataCommand(request)),
			]);
			expect(theirs.MetricDataResults![0]!.Values).toEqual(mine.MetricDataResults![0]!.Values);
			expect(mine.MetricDataResults![0]!.Values!.length).toBeGreaterThan(0);
		} finally {
			await twin.close();
		}
	});

	it('pages by MaxDatapoints and the SDK paginator gets every point once', async () => {
		const queries = [
			ecsQuery('a', 'CPUUtilization', 'Average'),
			ecsQuery('b', 'MemoryUtilization', 'Average'),
			ecsQuery('c', 'CPUReservation', 'Average'),
		];
		const window = lastMinutes(10);
		const whole = await sim.cloudwatch.send(
			new GetMetricDataCommand({MetricDataQueries: queries, ...window}),
		);
		const collected = new Map<string, number[]>();
		let pages = 0;
		for await (const page of paginateGetMetricData(
			{client: sim.cloudwatch},
			{MetricDataQueries: queries, ...window, MaxDatapoints: 4},
		)) {
			pages++;
			for (const result of page.MetricDataResults ?? []) {
				collected.set(result.Id!, [...(collected.get(result.Id!) ?? []), ...result.Values!]);
			}
		}
		const total = whole.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0);
		expect(pages).toBe(Math.ceil(total / 4));
		for (const result of whole.MetricDataResults!) {
			expect(collected.get(result.Id!)).toEqual(result.Values);
		}
	});

	it('refuses more than 500 queries, expressions and periods that are not whole minutes', async () => {
		const many = Array.from({length: 501}, (_, i) =>
			ecsQuery(`q${i}`, 'CPUUtilization', 'Average'),
		);
		const tooMany = await errorOf(
			sim.cloudwatch.send(new GetMetricDataCommand({MetricDataQueries: many, ...lastMinutes(5)})),
		);
		expect(tooMany.name).toBe('ValidationException');
		expect(tooMany.message).toContain('500');
		const expression = await errorOf(
			sim.cloudwatch.send(
				new GetMetricDataCommand({
					MetricDataQueries: [{Id: 'e1', Expression: 'SUM(METRICS())'}],
					...lastMinutes(5),
				}),
			),
		);
		expect(expression.message).toMatch(/Expression.*not support/);
		const badPeriod = await errorOf(
			sim.cloudwatch.send(
				new GetMetricDataCommand({
					MetricDataQueries: [ecsQuery('a', 'CPUUtilization', 'Average', undefined, 90)],
					...lastMinutes(5),
				}),
			),
		);
		expect(badPeriod.name).toBe('InvalidParameterValueException');
		expect(badPeriod.message).toContain('multiple of 60');
	});
});

describe('CloudWatch ListMetrics and PutMetricData', () => {
	it('lists the AWS/ECS metrics of the live cluster and service', async () => {
		const out = await sim.cloudwatch.send(new ListMetricsCommand({Namespace: 'AWS/ECS'}));
		const keys = (out.Metrics ?? []).map(
			(m) =>
				`${m.MetricName}|${(m.Dimensions ?? [])
					.map((d) => `${d.Name}=${d.Value}`)
					.sort()
					.join(',')}`,
		);
		expect(keys).toContain('CPUUtilization|ClusterName=prod');
		expect(keys).toContain('MemoryUtilization|ClusterName=prod,ServiceName=web');
		const filtered = await sim.cloudwatch.send(
			new ListMetricsCommand({
				Namespace: 'AWS/ECS',
				MetricName: 'CPUUtilization',
				Dimensions: [{Name: 'ServiceName', Value: 'web'}],
			}),
		);
		expect(filtered.Metrics).toHaveLength(1);
	});

	it('refuses the reserved AWS/ namespaces', async () => {
		const error = await errorOf(
			sim.cloudwatch.send(
				new PutMetricDataCommand({
					Namespace: 'AWS/ECS',
					MetricData: [{MetricName: 'CPUUtilization', Value: 1}],
				}),
			),
		);
		expect(error.name).toBe('InvalidParameterValueException');
	});

	it('stores custom data that GetMetricData and ListMetrics then return', async () => {
		const at = new Date(Math.floor(sim.clock.now() / minute) * minute - 3 * minute + 5_000);
		const dimensions = [{Name: 'Queue', Value: 'jobs'}];
		await sim.cloudwatch.send(
			new PutMetricDataCommand({
				Namespace: 'App',
				MetricData: [
					{MetricName: 'Depth', Dimensions: dimensions, Timestamp: at, Value: 10},
					{
						MetricName: 'Depth',
						Dimensions: dimensions,
						Timestamp: at,
						Values: [20, 30],
						Counts: [1, 2],
					},
				],
			}),
		);
		const query = (Id: string, Stat: string): MetricDataQuery => ({
			Id,
			MetricStat: {
				Metric: {Namespace: 'App', MetricName: 'Depth', Dimensions: dimensions},
				Period: 60,
				Stat,
			},
		});
		const out = await sim.cloudwatch.send(
			new GetMetricDataCommand({
				MetricDataQueries: [query('sum', 'Sum'), query('n', 'SampleCount'), query('hi', 'Maximum')],
				...lastMinutes(10),
			}),
		);
		const minuteOf = new Date(Math.floor(at.getTime() / minute) * minute);
		expect(byId(out.MetricDataResults, 'sum').Timestamps).toEqual([minuteOf]);
		expect(byId(out.MetricDataResults, 'sum').Values).toEqual([90]);
		expect(byId(out.MetricDataResults, 'n').Values).toEqual([4]);
		expect(byId(out.MetricDataResults, 'hi').Values).toEqual([30]);
		const listed = await sim.cloudwatch.send(new ListMetricsCommand({Namespace: 'App'}));
		expect(listed.Metrics).toEqual([
			{Namespace: 'App', MetricName: 'Depth', Dimensions: dimensions},
		]);
	});
});
