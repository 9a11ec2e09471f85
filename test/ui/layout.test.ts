import {describe, expect, it} from 'vitest';
import {computeLayout, type Layout, type Rect} from '../../source/ui/layout.js';

function within(rect: Rect, layout: Layout) {
	return (
		rect.x >= 0 &&
		rect.y >= 0 &&
		rect.x + rect.width <= layout.root.width &&
		rect.y + rect.height <= layout.root.height
	);
}

function overlaps(a: Rect, b: Rect) {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// Every region the layout hands out: they must tile the root without overlap.
function regions(layout: Layout): Rect[] {
	return [layout.header, layout.tabBar, layout.footer, ...layout.panes].filter(
		(rect): rect is Rect => rect !== undefined,
	);
}

function area(rects: Rect[]) {
	return rects.reduce((sum, rect) => sum + rect.width * rect.height, 0);
}

describe('computeLayout', () => {
	it('shows all four panes at 200x50, clusters and instances side by side on top', () => {
		const layout = computeLayout({columns: 200, rows: 50, focused: 'services'});
		expect(layout.mode).toBe('wide');
		expect(layout.root).toEqual({width: 200, height: 49});
		expect(layout.panes.map((pane) => pane.pane)).toEqual([
			'clusters',
			'instances',
			'services',
			'tasks',
		]);
		const [clusters, instances, services, tasks] = layout.panes;
		expect(clusters!.y).toBe(instances!.y);
		expect(clusters!.x + clusters!.width).toBe(instances!.x);
		expect(services!.y).toBeGreaterThan(clusters!.y);
		expect(tasks!.y).toBeGreaterThan(services!.y);
	});

	it('shows the focused pane and what it scopes at 120x35', () => {
		expect(
			computeLayout({columns: 120, rows: 35, focused: 'clusters'}).panes.map((p) => p.pane),
		).toEqual(['clusters', 'services']);
		const services = computeLayout({columns: 120, rows: 35, focused: 'services'});
		expect(services.mode).toBe('medium');
		expect(services.panes.map((p) => p.pane)).toEqual(['services', 'tasks']);
		// The focused pane is always on screen, a leaf together with its parent.
		expect(
			computeLayout({columns: 120, rows: 35, focused: 'tasks'}).panes.map((p) => p.pane),
		).toEqual(['services', 'tasks']);
		expect(
			computeLayout({columns: 120, rows: 35, focused: 'instances'}).panes.map((p) => p.pane),
		).toEqual(['clusters', 'instances']);
	});

	it('fits 80x24 with one pane, a tab bar, header and footer', () => {
		const layout = computeLayout({columns: 80, rows: 24, focused: 'tasks'});
		expect(layout.mode).toBe('narrow');
		expect(layout.root).toEqual({width: 80, height: 23});
		expect(layout.panes).toHaveLength(1);
		expect(layout.panes[0]!.pane).toBe('tasks');
		expect(layout.header).toEqual({x: 0, y: 0, width: 80, height: 1});
		expect(layout.tabBar).toEqual({x: 0, y: 1, width: 80, height: 1});
		expect(layout.footer).toEqual({x: 0, y: 22, width: 80, height: 1});
		expect(layout.panes[0]).toMatchObject({x: 0, y: 2, width: 80, height: 20});
	});

	it('gives up below 40x10', () => {
		const layout = computeLayout({columns: 30, rows: 8, focused: 'clusters'});
		expect(layout.mode).toBe('too-small');
		expect(layout.panes).toEqual([]);
		expect(computeLayout({columns: 40, rows: 10, focused: 'clusters'}).mode).toBe('narrow');
		expect(computeLayout({columns: 39, rows: 50, focused: 'clusters'}).mode).toBe('too-small');
	});

	it('tiles the root exactly, one row short of the terminal, at every usable size', () => {
		for (const columns of [40, 80, 99, 100, 159, 160, 250]) {
			for (const rows of [10, 24, 29, 30, 39, 40, 70]) {
				const layout = computeLayout({columns, rows, focused: 'services'});
				expect(layout.root.height).toBe(rows - 1);
				const all = regions(layout);
				for (const rect of all) {
					expect(within(rect, layout)).toBe(true);
					expect(rect.height).toBeGreaterThan(0);
				}
				for (let i = 0; i < all.length; i++)
					for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!)).toBe(false);
				expect(area(all)).toBe(layout.root.width * layout.root.height);
			}
		}
	});
});
