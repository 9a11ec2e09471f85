// Shows a window of detail lines: one <Text> per row (Ink's cost follows its nodes), long lines
// wrapped to the width, and a position indicator on the last row when the content is taller than the view.
import {Box} from 'ink';
import {memo, useMemo} from 'react';
import {Text} from '../components/text.js';
import {padCell} from '../format.js';
import {useTheme, type TextStyle, type Theme} from '../theme.js';
import {
	detailRows,
	detailWindow,
	type DetailContext,
	type DetailLine,
	type DetailSegment,
} from './detail-lines.js';

/** The size and position every detail view takes from the shell. */
export type DetailViewport = {
	readonly width: number;
	readonly height: number;
	/** First line shown; clamped here, and by the shell with `clampDetailScroll`. */
	readonly scrollOffset: number;
};

export type DetailViewProps = DetailViewport & {readonly lines: readonly DetailLine[]};

function styleOf(part: DetailSegment, theme: Theme): TextStyle {
	const tone = part.tone === undefined ? {} : theme.status[part.tone];
	return part.strong ? {...theme.header, ...tone} : tone;
}

function LineText({
	parts,
	theme,
}: {
	readonly parts: readonly DetailSegment[];
	readonly theme: Theme;
}) {
	if (parts.length === 0) return <Text> </Text>;
	return (
		<Text wrap="truncate">
			{parts.map((part, i) => (
				<Text key={i} {...styleOf(part, theme)}>
					{part.text}
				</Text>
			))}
		</Text>
	);
}

export function DetailView({lines, width, height, scrollOffset}: DetailViewProps) {
	const theme = useTheme();
	// Long lines wrap: the view scrolls through rows, so nothing is cut off at any width.
	const wrapped = useMemo(
		() => detailRows(lines, Math.max(0, width), theme.glyphs.ellipsis),
		[lines, width, theme.glyphs.ellipsis],
	);
	if (width <= 0 || height <= 0) return null;
	const view = detailWindow(wrapped.length, height, scrollOffset);
	const rows = [];
	for (let i = view.first; i < view.first + view.count; i++) {
		rows.push(<LineText key={i} parts={wrapped[i]!} theme={theme} />);
	}
	return (
		<Box flexDirection="column" width={width} height={Math.min(height, wrapped.length)}>
			{rows}
			{view.indicator === undefined ? null : (
				<Text wrap="truncate" {...theme.status.muted}>
					{padCell(view.indicator, width, 'right', theme.glyphs.ellipsis)}
				</Text>
			)}
		</Box>
	);
}

/** What a detail builder turns into lines: one entity's data, at a width, a time and glyphs. */
export type DetailBuilder<D> = (data: D, context: DetailContext) => DetailLine[];

/** The props of a builder's view: its data, the time ages count from, and the viewport. */
export type BuiltDetailProps<D> = D & DetailViewport & {readonly now: number};

/**
 * One builder's lines drawn in a DetailView, as a component: the service, task, instance and
 * task definition views are each this, with their own builder. Memoized, so it draws again only
 * when a prop changes.
 */
export function detailViewOf<D extends object>(build: DetailBuilder<D>) {
	function BuiltDetail({width, height, scrollOffset, now, ...data}: BuiltDetailProps<D>) {
		const theme = useTheme();
		const lines = build(data as unknown as D, {width, now, glyphs: theme.glyphs});
		return <DetailView lines={lines} width={width} height={height} scrollOffset={scrollOffset} />;
	}
	return memo(BuiltDetail);
}
