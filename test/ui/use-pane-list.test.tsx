// A list sorted by CPU or MEM follows the metrics: a refresh that brings new metrics and the
// same services re-sorts it (the busiest service first), while a list sorted by name stays the
// very same object, so nothing is sorted again for it.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {MetricSeries} from '../../source/model/metrics.js';
import type {Service} from '../../source/model/service.js';
import type {SortState} from '../../source/ui/components/table.js';
import {usePaneList} from '../../source/ui/hooks/use-pane-list.js';
import type {PaneList} from '../../source/ui/panes/pane-list.js';
import {servicesPane, type RowContext} from '../../source/ui/panes/pane-rows.js';
import {asciiMeter} from '../../source/ui/components/meter.js';
import {services} from './app-fixture.js';

afterEach(() => cleanup());

const list: readonly Service[] = [services.checkout, services.payments, services.search];

function contextWith(cpu: Readonly<Record<string, number>>): RowContext {
	const series = (arn: string): MetricSeries | undefined =>
		cpu[arn] === undefined
			? undefined
			: {
					key: arn,
					points: [{timestamp: 1, value: cpu[arn]}],
					status: 'Complete',
					message: undefined,
				};
	return {
		now: 0,
		sparklineRamp: [],
		meterGlyphs: asciiMeter,
		metric: (arn, name) => (name === 'CPUUtilization' ? series(arn) : undefined),
		ec2InstanceId: () => undefined,
		textKey: {},
	};
}

function Probe(props: {sort: SortState; context: RowContext; seen: PaneList<Service>[]}) {
	const sorted = usePaneList(servicesPane, list, '', props.sort, props.context);
	props.seen.push(sorted);
	return <Text>{sorted.items.map((service) => service.name).join(',')}</Text>;
}

describe('usePaneList', () => {
	it('re-sorts a CPU-sorted list when only the metrics changed', () => {
		const seen: PaneList<Service>[] = [];
		const byCpu: SortState = {columnKey: 'cpu', direction: 'desc'};
		const {checkout, payments, search} = services;
		const first = contextWith({[checkout.arn]: 10, [payments.arn]: 50, [search.arn]: 30});
		const app = render(<Probe sort={byCpu} context={first} seen={seen} />);
		expect(seen.at(-1)!.items.map((s) => s.name)).toEqual([
			payments.name,
			search.name,
			checkout.name,
		]);

		const next = contextWith({[checkout.arn]: 90, [payments.arn]: 50, [search.arn]: 30});
		app.rerender(<Probe sort={byCpu} context={next} seen={seen} />);
		expect(seen.at(-1)!.items.map((s) => s.name)).toEqual([
			checkout.name,
			payments.name,
			search.name,
		]);
	});

	it('keeps a name-sorted list when only the metrics changed', () => {
		const seen: PaneList<Service>[] = [];
		const byName: SortState = {columnKey: 'name', direction: 'asc'};
		const app = render(<Probe sort={byName} context={contextWith({})} seen={seen} />);
		const held = seen.at(-1);
		app.rerender(
			<Probe sort={byName} context={contextWith({[services.checkout.arn]: 5})} seen={seen} />,
		);
		expect(seen.at(-1)).toBe(held);
	});
});
