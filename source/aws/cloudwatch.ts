import {
	GetMetricDataCommand,
	type CloudWatchClient,
	type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type {MetricQuery, MetricSeries} from '../model/metrics.js';
import {count, objects, text, time} from './answer-fields.js';
import {adapterContext, type AdapterOptions} from './call.js';
import {mapBatches} from './concurrency.js';

export const cloudWatchLimits = {queriesPerCall: 500} as const;

export type MetricWindow = {
	/** Epoch ms. Ask only for what is new since the last fetch: CloudWatch bills per metric. */
	readonly startTime: number;
	readonly endTime: number;
};

export type CloudWatchAdapter = ReturnType<typeof createCloudWatchAdapter>;

function toQuery(query: MetricQuery, id: string): MetricDataQuery {
	return {
		Id: id,
		ReturnData: true,
		MetricStat: {
			Metric: {
				Namespace: query.namespace,
				MetricName: query.metricName,
				Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({Name, Value})),
			},
			Period: query.period,
			Stat: query.stat,
		},
	};
}

type Accumulated = {
	timestamps: number[];
	values: number[];
	status: string | undefined;
	messages: string[];
};

export function createCloudWatchAdapter(client: CloudWatchClient, options: AdapterOptions = {}) {
	const {call, limit} = adapterContext('cloudwatch', options);

	async function fetchBatch(
		batch: {query: MetricQuery; id: string}[],
		window: MetricWindow,
	): Promise<Map<string, Accumulated>> {
		const byId = new Map<string, Accumulated>();
		const asked = new Set(batch.map(({id}) => id));
		let nextToken: string | undefined;
		do {
			const answer = await call('GetMetricData', () =>
				client.send(
					new GetMetricDataCommand({
						MetricDataQueries: batch.map(({query, id}) => toQuery(query, id)),
						StartTime: new Date(window.startTime),
						EndTime: new Date(window.endTime),
						ScanBy: 'TimestampAscending',
						NextToken: nextToken,
					}),
				),
			);
			for (const result of objects(answer.MetricDataResults)) {
				const id = text(result.Id);
				// Only the series asked for: an id we did not send has no row to go to.
				if (id === undefined || !asked.has(id)) continue;
				const entry = byId.get(id) ?? {
					timestamps: [],
					values: [],
					status: undefined,
					messages: [],
				};
				// A point needs both halves; one of the wrong type is left out, not drawn as 0.
				const timestamps = Array.isArray(result.Timestamps) ? result.Timestamps : [];
				const values = Array.isArray(result.Values) ? result.Values : [];
				for (let index = 0; index < timestamps.length; index++) {
					const at = time(timestamps[index]);
					const value = count(values[index]);
					if (at === undefined || value === undefined) continue;
					entry.timestamps.push(at);
					entry.values.push(value);
				}
				// The last page's status is the one that says whether the series is complete.
				entry.status = text(result.StatusCode) ?? entry.status;
				entry.messages.push(
					...objects(result.Messages).map((message) => text(message.Value) ?? ''),
				);
				byId.set(id, entry);
			}
			nextToken = text(answer.NextToken);
		} while (nextToken !== undefined && nextToken !== '');
		return byId;
	}

	return {
		/**
		 * One series per query, in the order asked, oldest point first. Our keys may contain any
		 * character, but query ids must match ^[a-z][a-zA-Z0-9_]*$, so ids are generated.
		 */
		async getMetricData(
			queries: readonly MetricQuery[],
			window: MetricWindow,
		): Promise<MetricSeries[]> {
			const withIds = queries.map((query, index) => ({query, id: `q${index}`}));
			const results = await mapBatches(withIds, cloudWatchLimits.queriesPerCall, limit, (batch) =>
				fetchBatch(batch, window),
			);
			const byId = new Map(results.flatMap((map) => [...map]));
			return withIds.map(({query, id}) => {
				const entry = byId.get(id);
				const points = (entry?.timestamps ?? [])
					.map((timestamp, index) => ({timestamp, value: entry?.values[index] ?? 0}))
					.sort((a, b) => a.timestamp - b.timestamp);
				const message = entry?.messages.filter((text) => text !== '').join('; ');
				return {
					key: query.key,
					points,
					status: entry?.status,
					message: message === '' ? undefined : message,
				};
			});
		},
	};
}
