/**
 * CloudWatch sparklines for the rows on screen only, every 60 s (the metrics' resolution):
 * clusters' CPU/memory utilization and reservation, services' CPU/memory utilization. A series'
 * first fetch asks for the last 30 minutes; later ones only for the minutes after its newest
 * point. GetMetricData is billed per metric and takes 500 queries a call, so all visible series
 * go in one call with the earliest start any of them needs.
 */
import {nameFromArn} from '../../model/arn.js';
import {
	clusterMetricNames,
	ecsMetricPeriodMs,
	ecsMetricQuery,
	serviceMetricNames,
} from '../../model/ecs-metrics.js';
import type {MetricQuery, MetricSeries} from '../../model/metrics.js';
import {metricSeriesKey, type FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';
import {onlyKeys} from './reuse.js';

/** Every point CloudWatch has: asking more often than its resolution finds nothing new. */
export const METRICS_INTERVAL_MS = ecsMetricPeriodMs;
const periodMs = ecsMetricPeriodMs;
/** Points kept per series (and the first fetch's window, in minutes). */
export const METRIC_POINTS = 30;

/** `arn:...:service/CLUSTER/NAME` names its cluster; an old-format ARN needs the store. */
function serviceDimensions(
	state: FleetState,
	serviceArn: string,
): {ClusterName: string; ServiceName: string} | undefined {
	const resource = serviceArn.split(':').slice(5).join(':').split('/');
	if (resource.length === 3) return {ClusterName: resource[1]!, ServiceName: resource[2]!};
	for (const view of Object.values(state.clusterViews)) {
		const service = view.services.find((s) => s.arn === serviceArn);
		if (service !== undefined)
			return {ClusterName: nameFromArn(service.clusterArn), ServiceName: service.name};
	}
	return undefined;
}

/** One query per visible series, keyed with metricSeriesKey. */
export function visibleMetricQueries(state: FleetState): MetricQuery[] {
	const queries: MetricQuery[] = [];
	for (const arn of state.visibleMetrics.clusterArns) {
		const name = state.clusters.find((c) => c.arn === arn)?.name ?? nameFromArn(arn);
		for (const metric of clusterMetricNames)
			queries.push(ecsMetricQuery(metricSeriesKey(arn, metric), metric, {ClusterName: name}));
	}
	for (const arn of state.visibleMetrics.serviceArns) {
		const dimensions = serviceDimensions(state, arn);
		if (dimensions === undefined) continue;
		for (const metric of serviceMetricNames)
			queries.push(ecsMetricQuery(metricSeriesKey(arn, metric), metric, dimensions));
	}
	return queries;
}

/** Old and new points by timestamp (a late point may revise a minute), newest METRIC_POINTS. */
export function mergeSeries(before: MetricSeries | undefined, fetched: MetricSeries): MetricSeries {
	const byTime = new Map<number, number>();
	for (const point of before?.points ?? []) byTime.set(point.timestamp, point.value);
	for (const point of fetched.points) byTime.set(point.timestamp, point.value);
	const points = [...byTime]
		.sort((a, b) => a[0] - b[0])
		.slice(-METRIC_POINTS)
		.map(([timestamp, value]) => ({timestamp, value}));
	if (
		before !== undefined &&
		before.status === fetched.status &&
		before.message === fetched.message &&
		before.points.length === points.length &&
		before.points.every(
			(point, i) => point.timestamp === points[i]!.timestamp && point.value === points[i]!.value,
		)
	)
		return before;
	return {key: fetched.key, points, status: fetched.status, message: fetched.message};
}

/** Where a series' next fetch starts: after its newest point, or 30 minutes back. */
function startFor(series: MetricSeries | undefined, endTime: number): number {
	const first = endTime - METRIC_POINTS * periodMs;
	const newest = series?.points.at(-1)?.timestamp;
	return newest === undefined ? first : Math.max(first, newest + periodMs);
}

export function createMetricsTier(ctx: TierContext): FleetTier {
	return {
		id: 'metrics',
		...schedulerInterval('metrics'),
		enabled(state) {
			const {clusterArns, serviceArns} = state.visibleMetrics;
			return clusterArns.length + serviceArns.length > 0;
		},
		needed: (state) => visibleMetricQueries(state).some((q) => state.metrics[q.key] === undefined),
		async run(signal) {
			const state = ctx.read();
			const queries = visibleMetricQueries(state);
			// Only whole minutes: the current one is still being aggregated.
			const endTime = Math.floor(ctx.now() / periodMs) * periodMs;
			const startTime = Math.min(...queries.map((q) => startFor(state.metrics[q.key], endTime)));
			const keys = new Set(queries.map((q) => q.key));
			if (queries.length === 0 || startTime >= endTime) {
				ctx.write((current) => ({metrics: onlyKeys(current.metrics, keys)}));
				return;
			}
			const fetched = await ctx.adapters.cloudWatch.getMetricData(queries, {startTime, endTime});
			signal.throwIfAborted();
			ctx.write((current) => {
				let metrics = onlyKeys(current.metrics, keys);
				let copied = false;
				for (const series of fetched) {
					const merged = mergeSeries(metrics[series.key], series);
					if (merged === metrics[series.key]) continue;
					if (!copied) metrics = {...metrics};
					copied = true;
					(metrics as Record<string, MetricSeries>)[series.key] = merged;
				}
				return metrics === current.metrics ? {} : {metrics};
			});
		},
	};
}
