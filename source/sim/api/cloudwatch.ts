/**
 * The CloudWatch operations (awsJson1_0, query-compatible errors): GetMetricData for the
 * numbers ecs-top shows, ListMetrics to discover them, PutMetricData for custom metrics.
 */
import type {OperationTable, RequestContext} from '../handler.js';
import {getMetricData} from './cloudwatch-get-metric-data.js';
import {asRecord, invalidParameterValue, optionalList, optionalString} from './cloudwatch-input.js';
import {putMetricData} from './cloudwatch-put-metric-data.js';
import {paginate} from './pagination.js';

const listMetricsPageSize = 500;

function listMetrics(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const namespace = optionalString(input['Namespace'], 'Namespace');
	const metricName = optionalString(input['MetricName'], 'MetricName');
	const rawDimensions = optionalList(input['Dimensions'], 'Dimensions');
	if (rawDimensions.length > 10) {
		throw invalidParameterValue('The collection Dimensions must not have a size greater than 10.');
	}
	const dimensions = rawDimensions.map((entry, i) => {
		const record = asRecord(entry);
		const name = optionalString(record['Name'], `Dimensions.member.${i + 1}.Name`);
		if (name === undefined || name === '') {
			throw invalidParameterValue(`The parameter Dimensions.member.${i + 1}.Name is required.`);
		}
		const value = optionalString(record['Value'], `Dimensions.member.${i + 1}.Value`);
		return value === undefined ? {Name: name} : {Name: name, Value: value};
	});
	const recentlyActive = optionalString(input['RecentlyActive'], 'RecentlyActive');
	// PT3H is the only value CloudWatch accepts; every simulated metric is recent enough.
	if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
		throw invalidParameterValue(
			`The value ${recentlyActive} for parameter RecentlyActive is invalid.`,
		);
	}
	const metrics = world.listMetrics({namespace, metricName, dimensions});
	const page = paginate(
		metrics,
		{
			operation: 'ListMetrics',
			defaultSize: listMetricsPageSize,
			maxSize: listMetricsPageSize,
			nextToken: optionalString(input['NextToken'], 'NextToken'),
		},
		'InvalidNextToken',
	);
	return {
		Metrics: page.items.map((metric) => ({
			Namespace: metric.namespace,
			MetricName: metric.metricName,
			Dimensions: metric.dimensions.map((d) => ({Name: d.Name, Value: d.Value})),
		})),
		NextToken: page.nextToken,
	};
}

export const cloudWatchHandlers: OperationTable = {
	GetMetricData: getMetricData,
	ListMetrics: listMetrics,
	PutMetricData: putMetricData,
};
