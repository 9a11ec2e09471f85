/**
 * CloudWatch GetMetricData over the world's metrics: up to 500 MetricStat queries, datapoints
 * one per period, newest first unless asked otherwise, paged by MaxDatapoints with NextToken.
 * Metric math and Metrics Insights expressions are not simulated; asking for one is an error
 * that says so rather than an empty answer that looks like missing data.
 */
import type {RequestContext} from '../handler.js';
import type {MetricQuery} from '../world/world.js';
import {
	asRecord,
	invalidParameterValue,
	isPresent,
	optionalList,
	optionalNumber,
	optionalString,
	readDimensions,
	requiredString,
	requiredTime,
	validationError,
} from './cloudwatch-input.js';
import {paginate} from './pagination.js';

const maxQueries = 500;
/** CloudWatch's per-call datapoint ceiling, and the default MaxDatapoints. */
const maxDatapointsPerCall = 100_800;
const dayMs = 24 * 60 * 60 * 1000;

const idPattern = /^[a-z][a-zA-Z0-9_]*$/;
const statPattern =
	/^(?:Average|Sum|Minimum|Maximum|SampleCount|IQM|(?:p|tm|wm|tc|ts)\d{1,2}(?:\.\d+)?|p100|(?:TM|WM|TC|TS|PR)\([^)]*\))$/;

interface ParsedQuery {
	id: string;
	label: string;
	returnData: boolean;
	metric: Omit<MetricQuery, 'startTime' | 'endTime'>;
}

function parseQuery(raw: unknown, index: number): ParsedQuery {
	const query = asRecord(raw);
	const path = `MetricDataQueries.member.${index + 1}`;
	const id = requiredString(query['Id'], `${path}.Id`);
	if (!idPattern.test(id) || id.length > 255) {
		throw validationError(
			`The value ${id} for parameter ${path}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
		);
	}
	if (isPresent(query['Expression'])) {
		throw validationError(
			`Query '${id}' uses an Expression (metric math or Metrics Insights), which the ecs-top simulator does not support; use MetricStat queries.`,
		);
	}
	if (!isPresent(query['MetricStat'])) {
		throw validationError(`Exactly one of MetricStat or Expression must be set in ${path}.`);
	}
	const stat = asRecord(query['MetricStat']);
	const metric = asRecord(stat['Metric']);
	const period = optionalNumber(stat['Period'], `${path}.MetricStat.Period`);
	if (period === undefined || !Number.isInteger(period) || period <= 0) {
		throw invalidParameterValue(
			`The parameter ${path}.MetricStat.Period must be a positive integer.`,
		);
	}
	// Sub-minute periods need high-resolution metrics, which the simulator does not keep.
	if (period % 60 !== 0) {
		throw invalidParameterValue(
			`The parameter ${path}.MetricStat.Period must be a multiple of 60.`,
		);
	}
	const statistic = requiredString(stat['Stat'], `${path}.MetricStat.Stat`);
	if (!statPattern.test(statistic)) {
		throw invalidParameterValue(
			`The value ${statistic} for parameter ${path}.MetricStat.Stat is not a valid statistic.`,
		);
	}
	const metricName = requiredString(metric['MetricName'], `${path}.MetricStat.Metric.MetricName`);
	return {
		id,
		label: optionalString(query['Label'], `${path}.Label`) ?? metricName,
		returnData: query['ReturnData'] !== false,
		metric: {
			namespace: requiredString(metric['Namespace'], `${path}.MetricStat.Metric.Namespace`),
			metricName,
			dimensions: readDimensions(metric['Dimensions'], `${path}.MetricStat.Metric.Dimensions`),
			period,
			stat: statistic,
		},
	};
}

/** How far back CloudWatch keeps points of a given period (15 days / 63 days / 455 days). */
function retentionMs(periodSeconds: number): number {
	if (periodSeconds < 300) return 15 * dayMs;
	if (periodSeconds < 3600) return 63 * dayMs;
	return 455 * dayMs;
}

/**
 * CloudWatch rounds StartTime and EndTime down to the minute (5 minutes past 15 days, the hour
 * past 63 days), so repeated polls see the same period boundaries.
 */
function roundDown(time: number, now: number): number {
	const age = now - time;
	const unit = age <= 15 * dayMs ? 60_000 : age <= 63 * dayMs ? 300_000 : 3_600_000;
	return Math.floor(time / unit) * unit;
}

/** One query's points, oldest first, limited to what CloudWatch still keeps and has. */
function fetchSeries(
	world: RequestContext['world'],
	query: ParsedQuery,
	startTime: number,
	endTime: number,
	now: number,
): Array<{timestamp: number; value: number}> {
	const periodMs = query.metric.period * 1000;
	let start = roundDown(startTime, now);
	const end = Math.min(roundDown(endTime, now), now);
	// Skip whole periods older than the retention, keeping the periods' alignment to StartTime.
	const oldest = now - retentionMs(query.metric.period);
	if (start < oldest) start += Math.ceil((oldest - start) / periodMs) * periodMs;
	if (start >= end) return [];
	return world.getMetricData({...query.metric, startTime: start, endTime: end});
}

interface Point {
	query: number;
	timestamp: number;
	value: number;
}

export function getMetricData(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const rawQueries = optionalList(input['MetricDataQueries'], 'MetricDataQueries');
	if (rawQueries.length === 0) {
		throw validationError('The parameter MetricDataQueries is required and must not be empty.');
	}
	if (rawQueries.length > maxQueries) {
		throw validationError(
			`The collection MetricDataQueries must not have a size greater than ${maxQueries}.`,
		);
	}
	const queries = rawQueries.map(parseQuery);
	if (new Set(queries.map((q) => q.id)).size !== queries.length) {
		throw validationError('The values for parameter Id in MetricDataQueries are not unique.');
	}
	const startTime = requiredTime(input['StartTime'], 'StartTime');
	const endTime = requiredTime(input['EndTime'], 'EndTime');
	if (startTime >= endTime) {
		throw validationError('The parameter StartTime must be less than the parameter EndTime.');
	}
	const scanBy = input['ScanBy'] ?? 'TimestampDescending';
	if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
		throw validationError(
			`1 validation error detected: Value '${String(scanBy)}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`,
		);
	}
	const maxDatapoints = optionalNumber(input['MaxDatapoints'], 'MaxDatapoints');
	if (maxDatapoints !== undefined && (!Number.isInteger(maxDatapoints) || maxDatapoints < 1)) {
		throw invalidParameterValue('The parameter MaxDatapoints must be a positive integer.');
	}

	const now = world.now();
	const returned = queries.filter((query) => query.returnData);
	const points: Point[] = [];
	returned.forEach((query, index) => {
		// A copy: the world may hand out its own arrays.
		const series = [...fetchSeries(world, query, startTime, endTime, now)];
		if (scanBy === 'TimestampDescending') series.reverse();
		for (const point of series) points.push({query: index, ...point});
	});

	const page = paginate(
		points,
		{
			operation: 'GetMetricData',
			maxResults: Math.min(maxDatapoints ?? maxDatapointsPerCall, maxDatapointsPerCall),
			defaultSize: maxDatapointsPerCall,
			maxSize: maxDatapointsPerCall,
			nextToken: typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined,
		},
		'InvalidNextToken',
	);
	// The page is a contiguous slice of `points`: whatever follows it is still to come.
	const first = page.items[0];
	const pageEnd = first === undefined ? points.length : points.indexOf(first) + page.items.length;
	const remaining = new Set(points.slice(pageEnd).map((point) => point.query));
	// Each query's points of the page in one pass: 500 queries over a page of tens of thousands of
	// points would otherwise be filtered once per query.
	const pointsOf = returned.map((): Point[] => []);
	for (const point of page.items) pointsOf[point.query]!.push(point);
	return {
		MetricDataResults: returned.map((query, index) => {
			const mine = pointsOf[index]!;
			return {
				Id: query.id,
				Label: query.label,
				Timestamps: mine.map((point) => new Date(point.timestamp)),
				Values: mine.map((point) => point.value),
				StatusCode: remaining.has(index) ? 'PartialData' : 'Complete',
				Messages: [],
			};
		}),
		NextToken: page.nextToken,
		Messages: [],
	};
}
