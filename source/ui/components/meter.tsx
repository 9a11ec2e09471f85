// Reservation bars for container instances: how much of the registered CPU or memory is taken.
import {memo} from 'react';
import {Text} from './text.js';
import {asciiGlyphs, levelTone, unicodeGlyphs, useTheme} from '../theme.js';

export type MeterGlyphs = {readonly filled: string; readonly empty: string};

export const unicodeMeter: MeterGlyphs = {
	filled: unicodeGlyphs.meterFilled,
	empty: unicodeGlyphs.meterEmpty,
};
export const asciiMeter: MeterGlyphs = {
	filled: asciiGlyphs.meterFilled,
	empty: asciiGlyphs.meterEmpty,
};

/**
 * `[#####---]` in exactly `width` columns, brackets included. An unknown fraction draws an empty
 * frame of spaces rather than a zero bar, so "no data" is not mistaken for "idle".
 */
export function meter(
	fraction: number | undefined,
	width: number,
	glyphs: MeterGlyphs = unicodeMeter,
): string {
	if (width <= 0) return '';
	if (width < 3) return ' '.repeat(width);
	const inner = width - 2;
	if (fraction === undefined || !Number.isFinite(fraction)) return `[${' '.repeat(inner)}]`;
	const filled = Math.round(Math.min(1, Math.max(0, fraction)) * inner);
	return `[${glyphs.filled.repeat(filled)}${glyphs.empty.repeat(inner - filled)}]`;
}

type MeterProps = {readonly fraction: number | undefined; readonly width: number};

/** The bar coloured by level: ok below 70 %, warn below 90 %, critical above. */
export const Meter = memo(function Meter({fraction, width}: MeterProps) {
	const theme = useTheme();
	const glyphs = theme.unicode ? unicodeMeter : asciiMeter;
	return (
		<Text wrap="truncate" {...theme.status[levelTone(fraction)]}>
			{meter(fraction, width, glyphs)}
		</Text>
	);
});
