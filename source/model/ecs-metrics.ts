/**
 * The CloudWatch series ecs-top shows, as queries: AWS/ECS publishes these for free, one point a
 * minute, for every cluster and service on EC2 (docs/aws-limits.md, "CloudWatch").
 */
import type {MetricQuery} from './metrics.js';

export type ServiceMetric = 'cpu' | 'memory';
export type ClusterMetric = ServiceMetric | 'cpu-reservation' | 'memory-reservation';

const metricNames: Record<ClusterMetric, string> = {
	cpu: 'CPUUtilization',
	memory: 'MemoryUtilization',
	'cpu-reservation': 'CPUReservation',
	'memory-reservation': 'MemoryReservation',
};

export function serviceMetricKey(
	clusterName: string,
	serviceName: string,
	metric: ServiceMetric,
): string {
	return `svc:${clusterName}/${serviceName}:${metric}`;
}

export function clusterMetricKey(clusterName: string, metric: ClusterMetric): string {
	return `cluster:${clusterName}:${metric}`;
}

export function serviceMetricQuery(
	clusterName: string,
	serviceName: string,
	metric: ServiceMetric,
): MetricQuery {
	return {
		key: serviceMetricKey(clusterName, serviceName, metric),
		namespace: 'AWS/ECS',
		metricName: metricNames[metric],
		dimensions: {ClusterName: clusterName, ServiceName: serviceName},
		period: 60,
		stat: 'Average',
	};
}

export function clusterMetricQuery(clusterName: string, metric: ClusterMetric): MetricQuery {
	return {
		key: clusterMetricKey(clusterName, metric),
		namespace: 'AWS/ECS',
		metricName: metricNames[metric],
		dimensions: {ClusterName: clusterName},
		period: 60,
		stat: 'Average',
	};
}
