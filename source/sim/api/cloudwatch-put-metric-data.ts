/**
 * CloudWatch PutMetricData: custom metrics into the world's store, checked as CloudWatch checks
 * them (no `AWS/` namespaces, at most 1000 data, one of Value / Values+Counts / StatisticValues,
 * timestamps within two weeks back and two hours ahead).
 */
import type {RequestContext} from '../handler.js';
import type {Dimension, MetricDatum} from '../world/types.js';
import {
	asRecord,
	invalidParameterCombination,
	invalidParameterValue,
	isPresent,
	missingParameter,
	optionalList,
	optionalNumber,
	optionalString,
	optionalTime,
	readDimensions,
	requiredString,
	validationError,
} from './cloudwatch-input.js';

const maxData = 1000;
const maxValues = 150;
const pastLimitMs = 14 * 24 * 60 * 60 * 1000;
const futureLimitMs = 2 * 60 * 60 * 1000;

const units = new Set([
	'Seconds',
	'Microseconds',
	'Milliseconds',
	'Bytes',
	'Kilobytes',
	'Megabytes',
	'Gigabytes',
	'Terabytes',
	'Bits',
	'Kilobits',
	'Megabits',
	'Gigabits',
	'Terabits',
	'Percent',
	'Count',
	'Bytes/Second',
	'Kilobytes/Second',
	'Megabytes/Second',
	'Gigabytes/Second',
	'Terabytes/Second',
	'Bits/Second',
	'Kilobits/Second',
	'Megabits/Second',
	'Gigabits/Second',
	'Terabits/Second',
	'Count/Second',
	'None',
]);

type StoredDatum = {metricName: string; dimensions: Dimension[]} & MetricDatum;

function readStatisticSet(value: unknown, path: string): NonNullable<MetricDatum['statistics']> {
	const set = asRecord(value);
	const read = (name: string): number => {
		const number = optionalNumber(set[name], `${path}.${name}`);
		if (number === undefined) throw missingParameter(`${path}.${name}`);
		return number;
	};
	const statistics = {
		sampleCount: read('SampleCount'),
		sum: read('Sum'),
		minimum: read('Minimum'),
		maximum: read('Maximum'),
	};
	if (statistics.sampleCount <= 0 || statistics.minimum > statistics.maximum) {
		throw invalidParameterValue(
			`The parameter ${path} must have a positive SampleCount and a Minimum no greater than its Maximum.`,
		);
	}
	return statistics;
}

/** One MetricDatum as stored points: a value, a statistic set, or one set per distinct value. */
function readDatum(raw: unknown, path: string, now: number): StoredDatum[] {
	const datum = asRecord(raw);
	const metricName = requiredString(datum['MetricName'], `${path}.MetricName`);
	const dimensions = readDimensions(datum['Dimensions'], `${path}.Dimensions`);
	const timestamp = optionalTime(datum['Timestamp'], `${path}.Timestamp`) ?? now;
	if (timestamp < now - pastLimitMs || timestamp > now + futureLimitMs) {
		throw invalidParameterValue(
			`The parameter ${path}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.`,
		);
	}
	const unit = optionalString(datum['Unit'], `${path}.Unit`);
	if (unit !== undefined && !units.has(unit)) {
		throw validationError(
			`1 validation error detected: Value '${unit}' at '${path}.unit' failed to satisfy constraint: Member must satisfy enum value set: [${[...units].join(', ')}]`,
		);
	}
	const given = ['Value', 'Values', 'StatisticValues'].filter((name) => isPresent(datum[name]));
	if (given.length > 1) {
		throw invalidParameterCombination(
			`The parameters ${given.map((name) => `${path}.${name}`).join(' and ')} are mutually exclusive and you have specified more than one.`,
		);
	}
	const base = {metricName, dimensions, timestamp, ...(unit === undefined ? {} : {unit})};
	if (given[0] === 'Value') {
		return [{...base, value: optionalNumber(datum['Value'], `${path}.Value`) as number}];
	}
	if (given[0] === 'StatisticValues') {
		const statistics = readStatisticSet(datum['StatisticValues'], `${path}.StatisticValues`);
		return [{...base, value: statistics.sum / statistics.sampleCount, statistics}];
	}
	if (given[0] === 'Values') {
		const values = optionalList(datum['Values'], `${path}.Values`).map((v, i) =>
			optionalNumber(v, `${path}.Values.member.${i + 1}`),
		) as number[];
		const counts = isPresent(datum['Counts'])
			? (optionalList(datum['Counts'], `${path}.Counts`).map((c, i) =>
					optionalNumber(c, `${path}.Counts.member.${i + 1}`),
				) as number[])
			: values.map(() => 1);
		if (values.length > maxValues) {
			throw invalidParameterValue(
				`The collection ${path}.Values must not have a size greater than ${maxValues}.`,
			);
		}
		if (counts.length !== values.length) {
			throw invalidParameterValue(
				`The parameters ${path}.Values and ${path}.Counts must be of the same size.`,
			);
		}
		// Each distinct value keeps its weight, so percentiles stay exact.
		return values.map((value, i) => {
			const count = counts[i] ?? 1;
			return {
				...base,
				value,
				statistics: {sampleCount: count, sum: value * count, minimum: value, maximum: value},
			};
		});
	}
	throw missingParameter(`${path}.Value`);
}

export function putMetricData(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const namespace = requiredString(input['Namespace'], 'Namespace');
	// AWS/ is reserved for AWS's own services.
	if (namespace.startsWith('AWS/') || namespace.length > 255 || namespace.startsWith(':')) {
		throw invalidParameterValue(`The value ${namespace} for parameter Namespace is invalid.`);
	}
	const data = optionalList(input['MetricData'], 'MetricData');
	const entityData = optionalList(input['EntityMetricData'], 'EntityMetricData').flatMap(
		(entity, i) => optionalList(asRecord(entity)['MetricData'], `EntityMetricData.member.${i + 1}`),
	);
	const all = [...data, ...entityData];
	if (all.length === 0) throw missingParameter('MetricData');
	if (all.length > maxData) {
		throw invalidParameterValue(
			`The collection MetricData must not have a size greater than ${maxData}.`,
		);
	}
	const now = world.now();
	const stored = all.flatMap((datum, i) => readDatum(datum, `MetricData.member.${i + 1}`, now));
	world.putMetricData(namespace, stored);
	return {};
}
