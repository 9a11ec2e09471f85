// A bordered pane with its title drawn into the top border, k9s style. Ink cannot put text in a
// border, so the top line is a <Text> and the box below has no top edge.
import type {ReactNode} from 'react';
import {Box} from 'ink';
import {Text} from './text.js';
import {displayWidth, truncate} from '../format.js';
import {useTheme} from '../theme.js';

/** `Services (batch) [3/12]`: the pane, what scopes it, and the 1-based selection position. */
export function paneTitle(
	name: string,
	scope?: string,
	position?: {readonly index: number; readonly total: number},
): string {
	let title = name;
	if (scope) title += ` (${scope})`;
	if (position && position.total > 0) title += ` [${position.index + 1}/${position.total}]`;
	else if (position) title += ' [0/0]';
	return title;
}

/** The room inside a pane's border: what to pass to the Table inside. */
export function paneContentSize(width: number, height: number) {
	return {width: Math.max(0, width - 2), height: Math.max(0, height - 2)};
}

type PaneProps = {
	readonly title: string;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly children?: ReactNode;
};

export function Pane({title, focused, width, height, children}: PaneProps) {
	const theme = useTheme();
	if (width < 4 || height < 2) return null;
	const {left, line, right} = theme.glyphs.borderTop;
	const border = focused ? theme.border.focused : theme.border.unfocused;
	// `┌─ ` + title + ` ─…─┐`: the title takes what the corners and padding leave.
	const shown = truncate(title, width - 6, theme.glyphs.ellipsis);
	const fill = Math.max(0, width - 5 - displayWidth(shown));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text wrap="truncate" color={border.color} bold={border.bold}>
				{`${left}${line} `}
				<Text {...(focused ? theme.paneTitle.focused : theme.paneTitle.unfocused)}>{shown}</Text>
				{` ${line.repeat(fill)}${right}`}
			</Text>
			<Box
				width={width}
				height={height - 1}
				borderStyle={theme.glyphs.border}
				borderTop={false}
				borderColor={border.color}
				flexDirection="column"
				overflow="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}
