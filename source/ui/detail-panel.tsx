/**
 * The Enter view: the selected entity in full, scrollable. Finds the entity in the store by
 * pane and id, and hands it to that kind's detail lines.
 */
import {Box, Text} from 'ink';
import {useEffect} from 'react';
import type {PaneId} from './layout.js';
import {useFleet} from './hooks/use-fleet.js';
import {Pane, paneContentSize} from './components/pane.js';
import {padCell} from './format.js';
import {useTheme} from './theme.js';

export type DetailPanelProps = {
	readonly pane: PaneId;
	readonly id: string;
	readonly scroll: number;
	readonly width: number;
	readonly height: number;
	/** The panel clamps scrolling to its content and reports the clamped value back. */
	readonly onScrollClamp: (scroll: number) => void;
};

function flatten(value: unknown, prefix = ''): string[] {
	if (value === null || value === undefined) return [];
	if (Array.isArray(value))
		return value.flatMap((item, index) => flatten(item, `${prefix}[${index}]`));
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
			flatten(item, prefix ? `${prefix}.${key}` : key),
		);
	}
	return [`${prefix}: ${String(value)}`];
}

export function DetailPanel({pane, id, scroll, width, height, onScrollClamp}: DetailPanelProps) {
	const theme = useTheme();
	const entity = useFleet((state) => {
		if (pane === 'clusters') return state.clusters.find((cluster) => cluster.arn === id);
		const view =
			state.focus.clusterArn === undefined ? undefined : state.clusterViews[state.focus.clusterArn];
		if (pane === 'services') return view?.services.find((service) => service.arn === id);
		if (pane === 'instances')
			return view?.containerInstances.find((instance) => instance.arn === id);
		return Object.values(state.tasks)
			.flat()
			.find((task) => task.arn === id);
	});
	const lines = entity === undefined ? ['gone: it no longer exists'] : flatten(entity);
	const inner = paneContentSize(width, height);
	const maxScroll = Math.max(0, lines.length - inner.height);
	const first = Math.min(scroll, maxScroll);
	useEffect(() => {
		if (first !== scroll) onScrollClamp(first);
	}, [first, scroll, onScrollClamp]);
	return (
		<Pane title={`${pane} detail`} focused width={width} height={height}>
			<Box flexDirection="column">
				{lines.slice(first, first + inner.height).map((line, index) => (
					<Text key={first + index} wrap="truncate">
						{padCell(line, inner.width, 'left', theme.glyphs.ellipsis)}
					</Text>
				))}
			</Box>
		</Pane>
	);
}
