/** One CloudWatch series to fetch: the metric, its dimensions and how to aggregate it. */
export type MetricQuery = {
	/** Our own key for the series, e.g. `svc:web/api:cpu`; unique within one request. */
	readonly key: string;
	readonly namespace: string;
	readonly metricName: string;
	readonly dimensions: Readonly<Record<string, string>>;
	/** Seconds, a multiple of 60. */
	readonly period: number;
	readonly stat: string;
};

export type MetricSeries = {
	readonly key: string;
	/** Oldest first; timestamps in epoch ms. */
	readonly points: readonly {readonly timestamp: number; readonly value: number}[];
	/** Complete, PartialData, InternalError or Forbidden. */
	readonly status: string | undefined;
	readonly message: string | undefined;
};

export function latestValue(series: MetricSeries | undefined): number | undefined {
	const points = series?.points;
	return points === undefined || points.length === 0 ? undefined : points.at(-1)?.value;
}
