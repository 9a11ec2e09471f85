// CPU and memory history at a glance: one character per CloudWatch point, newest on the right.
import {memo} from 'react';
import {Text} from './text.js';
import {formatPercent, padCell} from '../format.js';
import {asciiGlyphs, levelTone, unicodeGlyphs, useTheme} from '../theme.js';

export const unicodeRamp = unicodeGlyphs.sparkline;
export const asciiRamp = asciiGlyphs.sparkline;

export type SparklinePoint = number | null | undefined;

/**
 * The last `width` points as a string of exactly `width` characters, left-padded with spaces
 * when history is short. Missing points stay blank so a gap is visible, not drawn as zero.
 * The scale is 0..max(100, max): percentages keep a fixed scale (a flat 3 % does not look like
 * a saturated host) while values above 100 (CPU bursting past the reservation) still fit.
 */
export function sparkline(
	values: readonly SparklinePoint[],
	width: number,
	ramp: readonly string[] = unicodeRamp,
): string {
	if (width <= 0) return '';
	const shown = values.slice(-width);
	let max = 100;
	for (const value of shown) if (isPoint(value) && value > max) max = value;
	const top = ramp.length - 1;
	let out = ' '.repeat(width - shown.length);
	for (const value of shown) {
		if (!isPoint(value)) {
			out += ' ';
			continue;
		}
		const level = Math.min(top, Math.floor((Math.max(0, value) / max) * ramp.length));
		out += ramp[level];
	}
	return out;
}

function isPoint(value: SparklinePoint): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function latestPoint(values: readonly SparklinePoint[]): number | undefined {
	for (let i = values.length - 1; i >= 0; i--) {
		const value = values[i];
		if (isPoint(value)) return value;
	}
	return undefined;
}

/** The width of the value label after the bars: `100%` plus the space before it. */
export const sparklineLabelWidth = 5;

/** `sparklineCell(values, 9)` -> `▂▄▆█  71%`: bars and latest value in exactly `width` columns. */
export function sparklineCell(
	values: readonly SparklinePoint[],
	width: number,
	ramp: readonly string[] = unicodeRamp,
): string {
	const barWidth = Math.max(0, width - sparklineLabelWidth);
	const label = padCell(formatPercent(latestPoint(values)), width - barWidth, 'right');
	return sparkline(values, barWidth, ramp) + label;
}

type SparklineProps = {
	readonly values: readonly SparklinePoint[];
	/** Total columns, bars plus the latest-value label. */
	readonly width: number;
};

export const Sparkline = memo(function Sparkline({values, width}: SparklineProps) {
	const theme = useTheme();
	const latest = latestPoint(values);
	return (
		<Text
			wrap="truncate"
			{...theme.status[levelTone(latest === undefined ? undefined : latest / 100)]}
		>
			{sparklineCell(values, width, theme.glyphs.sparkline)}
		</Text>
	);
});
