import {describe, expect, it} from 'vitest';
import {ManualClock} from '../../source/sim/world/clock.js';
import {createWorld} from '../../source/sim/world/world-engine.js';
import type {World} from '../../source/sim/world/world.js';
import {start, taskDefinition, withInstances} from './world-fixtures.js';

/** A world built 15 minutes ago and settled, as scenarios do. */
function builtWorld(seed: number, cpuLoad = '0.4') {
	const clock = new ManualClock(start);
	const world = createWorld({seed, clock, startTime: start - 15 * 60_000});
	const cluster = withInstances(world, ['us-east-1a', 'us-east-1b']);
	taskDefinition(world, 'app', {
		cpu: 256,
		memory: 512,
		env: [{name: 'ECS_TOP_SIM_CPU', value: cpuLoad}],
	});
	const service = world.createService(cluster, {
		serviceName: 'web',
		taskDefinition: 'app',
		desiredCount: 4,
	});
	world.advanceTo(clock.now());
	return {world, clock, cluster, service};
}

const serviceDims = [
	{Name: 'ClusterName', Value: 'web'},
	{Name: 'ServiceName', Value: 'web'},
];

function cpu(world: World, stat: string, from: number, to: number, period = 60) {
	return world.getMetricData({
		namespace: 'AWS/ECS',
		metricName: 'CPUUtilization',
		dimensions: serviceDims,
		period,
		stat,
		startTime: from,
		endTime: to,
	});
}

describe('metrics', () => {
	it('has about three hours of history right after a world is built, one point a minute', () => {
		const {world} = builtWorld(3);
		const points = cpu(world, 'Average', start - 4 * 3600_000, start);
		expect(points.length).toBeGreaterThanOrEqual(180);
		expect(points.length).toBeLessThanOrEqual(200);
		for (let i = 1; i < points.length; i++)
			expect(points[i]!.timestamp - points[i - 1]!.timestamp).toBe(60_000);
		const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
		expect(mean).toBeGreaterThan(30);
		expect(mean).toBeLessThan(50);
	});

	it('is deterministic for a seed and independent of call order', () => {
		const a = builtWorld(5);
		const b = builtWorld(5);
		cpu(b.world, 'Maximum', start - 3600_000, start);
		expect(cpu(a.world, 'Average', start - 3600_000, start)).toEqual(
			cpu(b.world, 'Average', start - 3600_000, start),
		);
	});

	it('follows load: a busier task definition reports more, a service scaled to 0 stops reporting', () => {
		const idle = builtWorld(5, '0.1');
		const busy = builtWorld(5, '0.8');
		const avg = (w: World) => {
			const p = cpu(w, 'Average', start - 3600_000, start, 3600);
			return p[0]!.value;
		};
		expect(avg(idle.world)).toBeLessThan(15);
		expect(avg(busy.world)).toBeGreaterThan(60);

		const {world, clock, cluster, service} = busy;
		world.updateService(cluster, service, {desiredCount: 0});
		clock.advance(30 * 60_000);
		world.advanceTo(clock.now());
		const recent = cpu(world, 'Average', clock.now() - 20 * 60_000, clock.now());
		expect(recent).toEqual([]);
		// Cluster reservation follows too: nothing reserved any more.
		const reservation = world.getMetricData({
			namespace: 'AWS/ECS',
			metricName: 'CPUReservation',
			dimensions: [{Name: 'ClusterName', Value: 'web'}],
			period: 60,
			stat: 'Average',
			startTime: clock.now() - 5 * 60_000,
			endTime: clock.now(),
		});
		expect(reservation.every((p) => p.value === 0)).toBe(true);
		expect(reservation.length).toBeGreaterThan(0);
	});

	it('statistics: Minimum <= Average <= Maximum, SampleCount of 3 a minute, percentiles in range', () => {
		const {world} = builtWorld(9);
		const from = start - 10 * 60_000;
		const [avg] = cpu(world, 'Average', from, start, 600);
		const [min] = cpu(world, 'Minimum', from, start, 600);
		const [max] = cpu(world, 'Maximum', from, start, 600);
		const [count] = cpu(world, 'SampleCount', from, start, 600);
		const [p90] = cpu(world, 'p90', from, start, 600);
		expect(min!.value).toBeLessThan(avg!.value);
		expect(avg!.value).toBeLessThan(max!.value);
		expect(count!.value).toBe(30);
		expect(p90!.value).toBeGreaterThanOrEqual(avg!.value);
		expect(p90!.value).toBeLessThanOrEqual(max!.value);
	});

	it('reservation by cluster: reserved over registered on ACTIVE instances', () => {
		const {world} = builtWorld(1);
		const [point] = world.getMetricData({
			namespace: 'AWS/ECS',
			metricName: 'MemoryReservation',
			dimensions: [{Name: 'ClusterName', Value: 'web'}],
			period: 60,
			stat: 'Average',
			startTime: start - 120_000,
			endTime: start - 60_000,
		});
		// 4 tasks x 512 MiB over two t3.medium (3,928 MiB each).
		expect(point!.value).toBeCloseTo((100 * 2048) / (2 * 3928), 3);
	});

	it('lists AWS/ECS metrics for clusters and services with data, plus custom ones', () => {
		const {world} = builtWorld(1);
		world.putMetricData('MyApp', [
			{
				metricName: 'Jobs',
				dimensions: [{Name: 'Queue', Value: 'q1'}],
				timestamp: start - 60_000,
				value: 4,
			},
			{
				metricName: 'Jobs',
				dimensions: [{Name: 'Queue', Value: 'q1'}],
				timestamp: start - 30_000,
				value: 6,
			},
		]);
		const ecs = world.listMetrics({namespace: 'AWS/ECS', dimensions: [{Name: 'ServiceName'}]});
		expect(ecs.map((m) => m.metricName).sort()).toEqual(['CPUUtilization', 'MemoryUtilization']);
		expect(world.listMetrics({namespace: 'MyApp'})).toEqual([
			{namespace: 'MyApp', metricName: 'Jobs', dimensions: [{Name: 'Queue', Value: 'q1'}]},
		]);
		const [sum] = world.getMetricData({
			namespace: 'MyApp',
			metricName: 'Jobs',
			dimensions: [{Name: 'Queue', Value: 'q1'}],
			period: 300,
			stat: 'Sum',
			startTime: start - 300_000,
			endTime: start,
		});
		expect(sum!.value).toBe(10);
	});
});
