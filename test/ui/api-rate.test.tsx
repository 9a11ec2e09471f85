// The header's API rate falls while nothing is fetched (paused, idle) without any store update,
// and its tick redraws that one cell: every other part of the screen (the header around it, the
// panes, the footer) stays un-rendered. Renders are counted at the one Text every part draws
// through (components/text.tsx), so a part that re-rendered shows up in the count.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {shownRate, steadyRate} from '../../source/ui/components/api-rate.js';
import type * as TextModule from '../../source/ui/components/text.js';
import {fleetStore, renderApp} from './app-fixture.js';

const drawn = vi.hoisted(() => ({texts: [] as string[]}));

vi.mock('../../source/ui/components/text.js', async (importOriginal) => {
	const original = await importOriginal<typeof TextModule>();
	return {
		...original,
		Text(props: Parameters<typeof original.Text>[0]) {
			drawn.texts.push(typeof props.children === 'string' ? props.children : '(nested)');
			return original.Text(props);
		},
	};
});

afterEach(cleanup);

describe('the API rate', () => {
	it('reaches 0 once no call was made for a minute, from any rate', () => {
		expect(shownRate(4, 0)).toBe(0);
		// The old rule alone kept a small rate on screen forever.
		expect(steadyRate(4, 0)).toBe(4);
		let shown = 120;
		for (let actual = 120; actual >= 0; actual -= 10) shown = shownRate(shown, actual);
		expect(shown).toBe(0);
	});

	it('ticks down on its own while polling is paused, and a tick redraws only the rate', async () => {
		const store = fleetStore();
		let calls = 120;
		store.setState({callRate: () => calls, paused: true});
		const app = await renderApp({store, columns: 120, rows: 35});
		await app.waitFor((f) => f.split('\n')[0]!.includes('API 120/min'));
		// Let the first frames settle: what follows is what one tick draws.
		await app.waitFor(() => {
			const before = drawn.texts.length;
			return before > 0 && app.takeFrames().length === 0;
		}, 5_000);
		drawn.texts.length = 0;

		// The minute slides past the last calls: the window holds none, and no store update says so.
		calls = 0;
		const frame = await app.waitFor((f) => f.split('\n')[0]!.includes('API 0/min'), 5_000);
		expect(frame.split('\n')[0]).toMatch(/ {2}PAUSED {2}API 0\/min$/u);
		// One Text drew: the rate's own. The header's other segments, the panes and the footer
		// were not rendered again.
		expect(drawn.texts).toEqual(['API 0/min']);
		app.unmount();
	});
});
