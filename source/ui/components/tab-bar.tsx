// Narrow terminals show one pane at a time; this line says which, and which number reaches
// the others (the 1-4 keys).
import {memo} from 'react';
import {Text} from './text.js';
import {padCell} from '../format.js';
import {paneOrder, type PaneId} from '../layout.js';
import {useTheme} from '../theme.js';

export const paneNames: Readonly<Record<PaneId, string>> = {
	clusters: 'Clusters',
	instances: 'Instances',
	services: 'Services',
	tasks: 'Tasks',
};

/** ` 1 Clusters  2 Instances [3 Services] 4 Tasks`: the focused tab bracketed. */
export function tabBarText(focused: PaneId): string {
	return paneOrder
		.map((pane, i) => {
			const label = `${i + 1} ${paneNames[pane]}`;
			return pane === focused ? `[${label}]` : ` ${label} `;
		})
		.join('');
}

type TabBarProps = {readonly focused: PaneId; readonly width: number};

export const TabBar = memo(function TabBar({focused, width}: TabBarProps) {
	const theme = useTheme();
	return (
		<Text wrap="truncate" {...theme.header}>
			{padCell(tabBarText(focused), width, 'left', theme.glyphs.ellipsis)}
		</Text>
	);
});
