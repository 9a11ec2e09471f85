/**
 * CloudWatch for the sim. AWS/ECS utilization and reservation metrics are derived from a compact
 * per-minute history (one ring buffer per cluster and service) of what the tasks reserved and
 * used; noise is added when read, from hashNoise(key, minute), so values are deterministic and
 * independent of who asks when. Custom metrics (PutMetricData) are kept as given.
 */
import {hashNoise} from './random.js';
import type {
	ClusterState,
	ContainerBehaviour,
	CustomMetricStore,
	Dimension,
	MetricDatum,
	Millis,
	TaskState,
} from './types.js';
import type {MetricQuery} from './world.js';

const minuteMs = 60_000;
/** Minutes of history kept per cluster and service (6 hours). */
export const historyMinutes = 360;
/** History a world starts with: its initial state is assumed to have held this long already. */
export const backfillMinutes = 180;
/** AWS/ECS publishes several samples a minute; Minimum/Maximum differ from Average because of it. */
const samplesPerMinute = 3;
const maxCustomPoints = 20_000;

export const clusterMetricNames = [
	'CPUUtilization',
	'MemoryUtilization',
	'CPUReservation',
	'MemoryReservation',
] as const;
export const serviceMetricNames = ['CPUUtilization', 'MemoryUtilization'] as const;

class Series {
	readonly values: Float32Array;
	last = -Infinity;
	hasData = false;
	backfilled = false;

	constructor(
		readonly fields: number,
		readonly createdAt: Millis,
	) {
		this.values = new Float32Array(historyMinutes * fields).fill(NaN);
	}

	write(minute: number, sample: readonly number[] | undefined): void {
		// Minutes skipped since the last write had nothing to report.
		for (let m = Math.max(this.last + 1, minute - historyMinutes + 1); m < minute; m++)
			this.put(m, undefined);
		this.put(minute, sample);
		this.last = Math.max(this.last, minute);
	}

	private put(minute: number, sample: readonly number[] | undefined): void {
		const base = (((minute % historyMinutes) + historyMinutes) % historyMinutes) * this.fields;
		for (let f = 0; f < this.fields; f++) this.values[base + f] = sample?.[f] ?? NaN;
	}

	read(minute: number, field: number): number {
		if (minute > this.last || minute <= this.last - historyMinutes) return NaN;
		const base = (((minute % historyMinutes) + historyMinutes) % historyMinutes) * this.fields;
		return this.values[base + field]!;
	}
}

export interface LoadSource {
	behaviours(task: TaskState): ContainerBehaviour[];
}

export class MetricsRecorder {
	private readonly clusterSeries = new Map<string, Series>();
	private readonly serviceSeries = new Map<string, Series>();
	private readonly taskLoads = new WeakMap<TaskState, {cpu: number; memory: number}>();

	constructor(
		private readonly worldStart: Millis,
		private readonly customMetrics: CustomMetricStore,
	) {}

	/**
	 * Record minutes [from, to] (absolute minute numbers) with the world as it is now: the engine
	 * calls this when its steps cross a minute, and across a fast-forward the state is taken to
	 * have held.
	 */
	record(from: number, to: number, clusters: Map<string, ClusterState>, loads: LoadSource): void {
		const seenClusters = new Set<string>();
		const seenServices = new Set<string>();
		for (const cluster of clusters.values()) {
			const perService = new Map<string, number[]>();
			const totals = [0, 0, 0, 0];
			let anyRunning = false;
			for (const task of cluster.tasks.values()) {
				if (task.lastStatus !== 'RUNNING') continue;
				anyRunning = true;
				const load = this.taskLoad(task, loads);
				const cpu = Number(task.cpu) || 1;
				const memory = Number(task.memory) || 1;
				const row = [cpu * load.cpu, cpu, memory * load.memory, memory];
				for (let i = 0; i < 4; i++) totals[i]! += row[i]!;
				if (task.serviceName) {
					const acc = perService.get(task.serviceName);
					if (acc) for (let i = 0; i < 4; i++) acc[i]! += row[i]!;
					else perService.set(task.serviceName, row);
				}
			}
			let registeredCpu = 0;
			let registeredMemory = 0;
			let reservedCpu = 0;
			let reservedMemory = 0;
			for (const instance of cluster.containerInstances.values()) {
				if (instance.status !== 'ACTIVE') continue;
				registeredCpu += instance.registeredResources.cpu;
				registeredMemory += instance.registeredResources.memory;
				reservedCpu += instance.registeredResources.cpu - instance.remainingResources.cpu;
				reservedMemory += instance.registeredResources.memory - instance.remainingResources.memory;
			}
			const clusterSample =
				anyRunning || registeredCpu > 0
					? [
							anyRunning ? (100 * totals[0]!) / totals[1]! : NaN,
							anyRunning ? (100 * totals[2]!) / totals[3]! : NaN,
							registeredCpu ? (100 * reservedCpu) / registeredCpu : NaN,
							registeredMemory ? (100 * reservedMemory) / registeredMemory : NaN,
						]
					: undefined;
			seenClusters.add(cluster.name);
			this.write(this.clusterSeries, cluster.name, 4, cluster.createdAt, from, to, clusterSample);
			for (const service of cluster.services.values()) {
				const acc = perService.get(service.name);
				const key = `${cluster.name}|${service.name}`;
				seenServices.add(key);
				if (!acc && !this.serviceSeries.has(key)) continue;
				const sample = acc ? [(100 * acc[0]!) / acc[1]!, (100 * acc[2]!) / acc[3]!] : undefined;
				this.write(this.serviceSeries, key, 2, service.createdAt, from, to, sample);
			}
		}
		for (const [key, series] of this.clusterSeries)
			if (!seenClusters.has(key)) series.write(to, undefined);
		for (const [key, series] of this.serviceSeries)
			if (!seenServices.has(key)) series.write(to, undefined);
	}

	private write(
		map: Map<string, Series>,
		key: string,
		fields: number,
		createdAt: Millis,
		from: number,
		to: number,
		sample: number[] | undefined,
	): void {
		let series = map.get(key);
		if (!series) {
			if (!sample) return;
			series = new Series(fields, createdAt);
			map.set(key, series);
		}
		if (sample) series.hasData = true;
		if (sample && !series.backfilled && sample.every((v) => !Number.isNaN(v))) {
			series.backfilled = true;
			// A world's initial state is taken to have held for a while before it was built.
			const startMinute = Math.floor(this.worldStart / minuteMs);
			if (series.createdAt <= this.worldStart && from - startMinute <= 15)
				for (let m = startMinute - backfillMinutes; m < from; m++) series.write(m, sample);
		}
		for (let m = Math.max(from, to - historyMinutes + 1); m <= to; m++) series.write(m, sample);
	}

	private taskLoad(task: TaskState, loads: LoadSource): {cpu: number; memory: number} {
		let load = this.taskLoads.get(task);
		if (!load) {
			const behaviours = loads.behaviours(task);
			let weight = 0;
			let cpu = 0;
			let memory = 0;
			task.containers.forEach((container, i) => {
				const w = Math.max(1, Number(container.cpu) || 0);
				const b = behaviours[i];
				cpu += w * (b?.cpuLoad ?? 0.3);
				memory += w * (b?.memoryLoad ?? 0.5);
				weight += w;
			});
			load = {cpu: weight ? cpu / weight : 0.3, memory: weight ? memory / weight : 0.5};
			this.taskLoads.set(task, load);
		}
		return load;
	}

	/** The 1-minute samples of an AWS/ECS metric in [start, end), per minute. */
	private ecsSamples(
		metricName: string,
		dimensions: Dimension[],
		start: Millis,
		end: Millis,
	): Array<{minute: number; values: number[]}> {
		const cluster = dimensions.find((d) => d.Name === 'ClusterName')?.Value;
		const service = dimensions.find((d) => d.Name === 'ServiceName')?.Value;
		if (!cluster || dimensions.length !== (service ? 2 : 1)) return [];
		const series = service
			? this.serviceSeries.get(`${cluster}|${service}`)
			: this.clusterSeries.get(cluster);
		const names: readonly string[] = service ? serviceMetricNames : clusterMetricNames;
		const field = names.indexOf(metricName);
		if (!series || field < 0) return [];
		const key = `${cluster}|${service ?? ''}|${metricName}`;
		const out: Array<{minute: number; values: number[]}> = [];
		for (let minute = Math.ceil(start / minuteMs); minute * minuteMs < end; minute++) {
			const base = series.read(minute, field);
			if (Number.isNaN(base)) continue;
			const values: number[] = [];
			for (let k = 0; k < samplesPerMinute; k++)
				values.push(noisy(metricName, base, key, minute, k));
			out.push({minute, values});
		}
		return out;
	}

	getMetricData(query: MetricQuery): Array<{timestamp: Millis; value: number}> {
		const periodMs = Math.max(60, query.period) * 1000;
		const buckets = new Map<
			number,
			{values: number[]; sum: number; count: number; min: number; max: number}
		>();
		const add = (timestamp: Millis, values: number[], set?: MetricDatum['statistics']) => {
			const index = Math.floor((timestamp - query.startTime) / periodMs);
			let bucket = buckets.get(index);
			if (!bucket)
				buckets.set(
					index,
					(bucket = {values: [], sum: 0, count: 0, min: Infinity, max: -Infinity}),
				);
			if (set) {
				bucket.sum += set.sum;
				bucket.count += set.sampleCount;
				bucket.min = Math.min(bucket.min, set.minimum);
				bucket.max = Math.max(bucket.max, set.maximum);
				if (set.sampleCount > 0) bucket.values.push(set.sum / set.sampleCount);
				return;
			}
			for (const v of values) {
				bucket.values.push(v);
				bucket.sum += v;
				bucket.count++;
				bucket.min = Math.min(bucket.min, v);
				bucket.max = Math.max(bucket.max, v);
			}
		};
		if (query.namespace === 'AWS/ECS') {
			for (const {minute, values} of this.ecsSamples(
				query.metricName,
				query.dimensions,
				query.startTime,
				query.endTime,
			))
				add(minute * minuteMs, values);
		}
		const custom = this.customMetrics.get(
			customKey(query.namespace, query.metricName, query.dimensions),
		);
		for (const datum of custom?.data ?? []) {
			if (datum.timestamp >= query.startTime && datum.timestamp < query.endTime)
				add(datum.timestamp, [datum.value], datum.statistics);
		}
		const out: Array<{timestamp: Millis; value: number}> = [];
		for (const index of [...buckets.keys()].sort((a, b) => a - b)) {
			const value = statistic(query.stat, buckets.get(index)!);
			if (value !== undefined) out.push({timestamp: query.startTime + index * periodMs, value});
		}
		return out;
	}

	putMetricData(
		namespace: string,
		data: Array<{metricName: string; dimensions: Dimension[]} & MetricDatum>,
	): void {
		for (const {metricName, dimensions, ...datum} of data) {
			const key = customKey(namespace, metricName, dimensions);
			let entry = this.customMetrics.get(key);
			if (!entry) {
				entry = {namespace, metricName, dimensions: sortDimensions(dimensions), data: []};
				this.customMetrics.set(key, entry);
			}
			entry.data.push(datum);
			if (entry.data.length > 1 && entry.data[entry.data.length - 2]!.timestamp > datum.timestamp)
				entry.data.sort((a, b) => a.timestamp - b.timestamp);
			if (entry.data.length > maxCustomPoints)
				entry.data.splice(0, entry.data.length - maxCustomPoints);
		}
	}

	listMetrics(filter: {
		namespace?: string;
		metricName?: string;
		dimensions?: Array<{Name: string; Value?: string}>;
	}): Array<{namespace: string; metricName: string; dimensions: Dimension[]}> {
		const all: Array<{namespace: string; metricName: string; dimensions: Dimension[]}> = [];
		for (const [name, series] of this.clusterSeries) {
			if (!series.hasData) continue;
			for (const metricName of clusterMetricNames)
				all.push({
					namespace: 'AWS/ECS',
					metricName,
					dimensions: [{Name: 'ClusterName', Value: name}],
				});
		}
		for (const [key, series] of this.serviceSeries) {
			if (!series.hasData) continue;
			const [cluster = '', service = ''] = key.split('|');
			for (const metricName of serviceMetricNames)
				all.push({
					namespace: 'AWS/ECS',
					metricName,
					dimensions: [
						{Name: 'ClusterName', Value: cluster},
						{Name: 'ServiceName', Value: service},
					],
				});
		}
		for (const entry of this.customMetrics.values())
			all.push({
				namespace: entry.namespace,
				metricName: entry.metricName,
				dimensions: entry.dimensions,
			});
		return all.filter(
			(m) =>
				(filter.namespace === undefined || m.namespace === filter.namespace) &&
				(filter.metricName === undefined || m.metricName === filter.metricName) &&
				(filter.dimensions ?? []).every((want) =>
					m.dimensions.some(
						(d) => d.Name === want.Name && (want.Value === undefined || d.Value === want.Value),
					),
				),
		);
	}
}

function noisy(metricName: string, base: number, key: string, minute: number, k: number): number {
	if (metricName.endsWith('Reservation')) return base;
	const wobble = metricName === 'CPUUtilization' ? 0.25 : 0.04;
	const jitter = metricName === 'CPUUtilization' ? 0.08 : 0.01;
	const value =
		base *
		(1 +
			wobble * smoothNoise(key, minute) +
			jitter * hashNoise(`${key}#`, minute * samplesPerMinute + k));
	return Math.max(0, Math.round(value * 1000) / 1000);
}

/** Value noise: random at every 7th minute, eased in between, so sparklines wander rather than jump. */
function smoothNoise(key: string, minute: number): number {
	const span = 7;
	const bucket = Math.floor(minute / span);
	const f = (minute - bucket * span) / span;
	const a = hashNoise(key, bucket);
	const b = hashNoise(key, bucket + 1);
	return a + (b - a) * f * f * (3 - 2 * f);
}

function statistic(
	stat: string,
	bucket: {values: number[]; sum: number; count: number; min: number; max: number},
): number | undefined {
	if (bucket.count === 0) return undefined;
	switch (stat) {
		case 'Average':
			return bucket.sum / bucket.count;
		case 'Sum':
			return bucket.sum;
		case 'Minimum':
			return bucket.min;
		case 'Maximum':
			return bucket.max;
		case 'SampleCount':
			return bucket.count;
	}
	const percentile = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
	if (percentile) {
		const sorted = [...bucket.values].sort((a, b) => a - b);
		const rank = Math.ceil((Number(percentile[1]) / 100) * sorted.length);
		return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
	}
	return undefined;
}

function sortDimensions(dimensions: Dimension[]): Dimension[] {
	return [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

export function customKey(namespace: string, metricName: string, dimensions: Dimension[]): string {
	return `${namespace}|${metricName}|${sortDimensions(dimensions)
		.map((d) => `${d.Name}=${d.Value}`)
		.join(',')}`;
}
