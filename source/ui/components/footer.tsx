// The keys that work here, from footerHints(): key in the hint colour, then its label.
import {memo} from 'react';
import {Text} from './text.js';
import {displayWidth} from '../format.js';
import type {FooterHint} from '../keymap.js';
import {useTheme} from '../theme.js';

/**
 * The hints that fit in `width`, whole: a hint cut in half (`S sca…`) reads as a different
 * command, so the line ends at the last complete one.
 */
export function fittingHints(hints: readonly FooterHint[], width: number): FooterHint[] {
	const shown: FooterHint[] = [];
	let used = 0;
	for (const hint of hints) {
		const w = (shown.length > 0 ? 2 : 1) + displayWidth(hint.keys) + 1 + displayWidth(hint.label);
		if (used + w > width) break;
		shown.push(hint);
		used += w;
	}
	return shown;
}

type FooterProps = {readonly hints: readonly FooterHint[]; readonly width: number};

export const Footer = memo(function Footer({hints, width}: FooterProps) {
	const theme = useTheme();
	const shown = fittingHints(hints, width);
	return (
		<Text wrap="truncate">
			{shown.map((hint, i) => (
				<Text key={hint.label}>
					{i > 0 ? '  ' : ' '}
					<Text {...theme.keyHint}>{hint.keys}</Text> {hint.label}
				</Text>
			))}
		</Text>
	);
});
