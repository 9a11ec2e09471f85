/**
 * The CloudWatch series ecs-top shows, and how each is asked for: AWS/ECS publishes these for
 * free, one point a minute, for every cluster and service on EC2. The live view's sparklines and
 * `--once`'s latest values ask the same way (docs/aws-limits.md, "CloudWatch").
 */
import type {MetricQuery} from './metrics.js';

/** AWS/ECS's resolution: one point a minute. */
export const ecsMetricPeriodMs = 60_000;

export const clusterMetricNames = [
	'CPUUtilization',
	'MemoryUtilization',
	'CPUReservation',
	'MemoryReservation',
] as const;
export const serviceMetricNames = ['CPUUtilization', 'MemoryUtilization'] as const;

export type ClusterMetricName = (typeof clusterMetricNames)[number];

/** One AWS/ECS series, the minute's average; `key` is the caller's name for the answer. */
export function ecsMetricQuery(
	key: string,
	metricName: ClusterMetricName,
	dimensions: Record<string, string>,
): MetricQuery {
	return {
		key,
		namespace: 'AWS/ECS',
		metricName,
		dimensions,
		period: ecsMetricPeriodMs / 1000,
		stat: 'Average',
	};
}

export type ServiceMetric = 'cpu' | 'memory';

const serviceMetricName: Record<ServiceMetric, (typeof serviceMetricNames)[number]> = {
	cpu: 'CPUUtilization',
	memory: 'MemoryUtilization',
};

export function serviceMetricQuery(
	clusterName: string,
	serviceName: string,
	metric: ServiceMetric,
): MetricQuery {
	return ecsMetricQuery(`svc:${clusterName}/${serviceName}:${metric}`, serviceMetricName[metric], {
		ClusterName: clusterName,
		ServiceName: serviceName,
	});
}
