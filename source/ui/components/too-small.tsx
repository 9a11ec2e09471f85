// Shown instead of the dashboard when no layout fits, rather than a garbled frame.
import {Text} from './text.js';
import {minimumSize} from '../layout.js';
import {useTheme} from '../theme.js';

type TooSmallProps = {readonly columns: number; readonly rows: number};

export function tooSmallMessage(columns: number, rows: number): string {
	return `terminal too small: need ${minimumSize.columns}x${minimumSize.rows}, have ${columns}x${rows}`;
}

export function TooSmall({columns, rows}: TooSmallProps) {
	const theme = useTheme();
	// Wrapping is wanted here: on a 30-column terminal the message needs two lines.
	return <Text {...theme.status.warn}>{tooSmallMessage(columns, rows)}</Text>;
}
