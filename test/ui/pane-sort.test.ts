// How `<` `>` sort the panes: by what the column shows (the EC2 id of a task's instance, the
// latest CPU and MEM %), the busiest first, rows without a metric last either way; and which
// changes of the context make a pane's list be sorted again.
import {describe, expect, it} from 'vitest';
import type {MetricSeries} from '../../source/model/metrics.js';
import {metricSeriesKey} from '../../source/store/fleet-store.js';
import {listContextKey, paneList, sortableColumns} from '../../source/ui/panes/pane-list.js';
import {
	clustersPane,
	servicesPane,
	tasksPane,
	type RowContext,
} from '../../source/ui/panes/pane-rows.js';
import {instances, series, services, task} from './app-fixture.js';

function contextWith(
	metrics: Record<string, MetricSeries>,
	ec2Ids: ReadonlyMap<string, string> = new Map(),
): RowContext {
	return {
		now: 0,
		sparklineRamp: [' ', '▁', '█'],
		meterGlyphs: {filled: '#', empty: '-'},
		metric: (arn, name) => metrics[metricSeriesKey(arn, name)],
		ec2InstanceId: (arn) => ec2Ids.get(arn),
		textKey: ec2Ids,
	};
}

const allServices = [services.search, services.checkout, services.payments];
const cpu = (arn: string, value: number) => ({
	[metricSeriesKey(arn, 'CPUUtilization')]: series('c', [value]),
});

describe('sorting by CPU and MEM', () => {
	const context = contextWith({
		...cpu(services.checkout.arn, 35),
		...cpu(services.payments.arn, 80),
	});
	const names = (direction: 'asc' | 'desc') =>
		paneList(servicesPane, allServices, '', {columnKey: 'cpu', direction}, context).items.map(
			(service) => service.name,
		);

	it('sorts by the latest %, a service without a metric last whichever way', () => {
		expect(names('desc')).toEqual(['payments', 'checkout', 'search-api']);
		expect(names('asc')).toEqual(['checkout', 'payments', 'search-api']);
	});

	it('makes CPU and MEM sortable and numeric (biggest first) in clusters and services', () => {
		for (const sortable of [
			sortableColumns(clustersPane, undefined),
			sortableColumns(servicesPane, undefined),
		]) {
			expect(sortable).toContainEqual({key: 'cpu', numeric: true});
			expect(sortable).toContainEqual({key: 'memory', numeric: true});
		}
		// Still numeric for a sample without metrics: the kind of column decides, not the value.
		expect(sortableColumns(servicesPane, services.search)).toContainEqual({
			key: 'cpu',
			numeric: true,
		});
		expect(sortableColumns(servicesPane, services.search)).toContainEqual({
			key: 'name',
			numeric: false,
		});
	});

	it('a list sorted by a metric follows the metrics; others do not re-sort for them', () => {
		const cpuSort = {columnKey: 'cpu', direction: 'desc'} as const;
		const nameSort = {columnKey: 'name', direction: 'asc'} as const;
		expect(listContextKey(servicesPane, '', cpuSort, context)).toBe(context);
		expect(listContextKey(servicesPane, '', nameSort, context)).toBeUndefined();
		expect(listContextKey(servicesPane, 'pay', nameSort, context)).toBe(context.textKey);
	});
});

describe('sorting tasks by INSTANCE', () => {
	// Container instance ids in one order, the EC2 ids behind them in the other.
	const ec2Ids = new Map([
		[instances.busy.arn, 'i-0zzz'],
		[instances.draining.arn, 'i-0mmm'],
		[instances.disconnected.arn, 'i-0aaa'],
	]);
	const on = (id: string, instanceArn: string) =>
		task('api-prod', 'checkout', id.repeat(32), {containerInstanceArn: instanceArn});
	const tasks = [
		on('1', instances.busy.arn),
		on('2', instances.draining.arn),
		on('3', instances.disconnected.arn),
	];
	const sort = {columnKey: 'instance', direction: 'asc'} as const;

	it('sorts by the EC2 id the column shows, not the container instance ARN', () => {
		const context = contextWith({}, ec2Ids);
		const list = paneList(tasksPane, tasks, '', sort, context);
		expect(list.items.map((item) => tasksPane.row(item, context).cells['instance'])).toEqual([
			'i-0aaa',
			'i-0mmm',
			'i-0zzz',
		]);
		// The list is sorted again when the EC2 ids behind the instances change.
		expect(listContextKey(tasksPane, '', sort, context)).toBe(ec2Ids);
	});
});
