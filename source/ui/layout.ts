// Where the panes go for a terminal size: pure arithmetic, so every size can be tested
// without a terminal, and components get exact widths and heights as props (size flows
// down, nothing measures itself: docs/architecture.md, "Ink pitfalls").

export type PaneId = 'clusters' | 'instances' | 'services' | 'tasks';

export const paneOrder: readonly PaneId[] = ['clusters', 'instances', 'services', 'tasks'];

export type LayoutMode = 'wide' | 'medium' | 'narrow' | 'too-small';

export type Rect = {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
};

export type PaneRect = Rect & {readonly pane: PaneId};

export type Layout = {
	readonly mode: LayoutMode;
	/** The root box: one row short of the terminal, or Ink clears the whole screen every frame. */
	readonly root: {readonly width: number; readonly height: number};
	readonly header?: Rect;
	/** Narrow and medium modes: the line of pane tabs above the panes shown. */
	readonly tabBar?: Rect;
	readonly footer?: Rect;
	readonly panes: readonly PaneRect[];
};

export const minimumSize = {columns: 40, rows: 10} as const;
export const mediumSize = {columns: 100, rows: 30} as const;
export const wideSize = {columns: 160, rows: 40} as const;

/**
 * The pane shown under a focused pane in medium mode: what its selection scopes (a cluster
 * scopes services, a service scopes tasks), or, for a leaf, the parent that scopes it.
 */
export const scopePair: Readonly<Record<PaneId, readonly [PaneId, PaneId]>> = {
	clusters: ['clusters', 'services'],
	services: ['services', 'tasks'],
	tasks: ['services', 'tasks'],
	instances: ['clusters', 'instances'],
};

function fits(size: {columns: number; rows: number}, min: {columns: number; rows: number}) {
	return size.columns >= min.columns && size.rows >= min.rows;
}

export function layoutModeFor(size: {columns: number; rows: number}): LayoutMode {
	if (fits(size, wideSize)) return 'wide';
	if (fits(size, mediumSize)) return 'medium';
	if (fits(size, minimumSize)) return 'narrow';
	return 'too-small';
}

export function computeLayout({
	columns,
	rows,
	focused,
}: {
	readonly columns: number;
	readonly rows: number;
	readonly focused: PaneId;
}): Layout {
	const width = Math.max(0, Math.floor(columns));
	const height = Math.max(0, Math.floor(rows) - 1);
	const root = {width, height};
	const mode = layoutModeFor({columns, rows});
	if (mode === 'too-small') return {mode, root, panes: []};

	const header: Rect = {x: 0, y: 0, width, height: 1};
	const footer: Rect = {x: 0, y: height - 1, width, height: 1};
	const bodyTop = 1;
	const bodyHeight = height - 2;

	if (mode === 'narrow') {
		const tabBar: Rect = {x: 0, y: bodyTop, width, height: 1};
		const pane: PaneRect = {pane: focused, x: 0, y: bodyTop + 1, width, height: bodyHeight - 1};
		return {mode, root, header, tabBar, footer, panes: [pane]};
	}

	if (mode === 'medium') {
		const [upper, lower] = scopePair[focused];
		// Two of the four panes show: the tab bar says the others are there, and their keys.
		const tabBar: Rect = {x: 0, y: bodyTop, width, height: 1};
		const panesTop = bodyTop + 1;
		const panesHeight = bodyHeight - 1;
		// The parent list is usually the shorter one (tens of services over thousands of tasks).
		const upperHeight = Math.floor(panesHeight * 0.45);
		return {
			mode,
			root,
			header,
			tabBar,
			footer,
			panes: [
				{pane: upper, x: 0, y: panesTop, width, height: upperHeight},
				{pane: lower, x: 0, y: panesTop + upperHeight, width, height: panesHeight - upperHeight},
			],
		};
	}

	// Wide: clusters and instances side by side on top (short lists), services then tasks below.
	const topHeight = Math.floor(bodyHeight * 0.3);
	const servicesHeight = Math.floor((bodyHeight - topHeight) / 2);
	const tasksHeight = bodyHeight - topHeight - servicesHeight;
	const clustersWidth = Math.floor(width * 0.4);
	return {
		mode,
		root,
		header,
		footer,
		panes: [
			{pane: 'clusters', x: 0, y: bodyTop, width: clustersWidth, height: topHeight},
			{
				pane: 'instances',
				x: clustersWidth,
				y: bodyTop,
				width: width - clustersWidth,
				height: topHeight,
			},
			{pane: 'services', x: 0, y: bodyTop + topHeight, width, height: servicesHeight},
			{
				pane: 'tasks',
				x: 0,
				y: bodyTop + topHeight + servicesHeight,
				width,
				height: tasksHeight,
			},
		],
	};
}
