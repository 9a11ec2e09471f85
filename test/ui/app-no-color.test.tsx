// First: colour must be on before Ink (and chalk) load.
import '../helpers/force-color.js';
import {afterAll, describe, expect, it} from 'vitest';

import {cleanup} from 'ink-testing-library';
import {createTheme, type Theme} from '../../source/ui/theme.js';
import {keys, renderApp} from './app-fixture.js';

afterAll(cleanup);

const escape = String.fromCharCode(27);

/** SGR parameters that set a foreground or background colour (30-49, 90-107). */
function colourCodes(frame: string): string[] {
	const codes: string[] = [];
	for (const match of frame.matchAll(new RegExp(`${escape}\\[([\\d;]*)m`, 'g'))) {
		for (const param of (match[1] ?? '').split(';')) {
			const n = Number(param);
			if ((n >= 30 && n <= 49) || (n >= 90 && n <= 107)) codes.push(param);
		}
	}
	return codes;
}

/** Raw frames of the whole dashboard: every pane, a problem in the header, help, a message. */
async function framesWith(theme: Theme): Promise<string[]> {
	const app = await renderApp({theme, readOnly: true, columns: 200, rows: 50});
	app.store.setState({
		problems: {metrics: {kind: 'throttled', message: 'slow down', action: undefined}},
	});
	await app.waitFor((frame) => frame.includes('THROTTLED'));
	const frames = [app.rawFrame()];
	await app.press('3', '+');
	frames.push(app.rawFrame());
	await app.press('?');
	frames.push(app.rawFrame());
	await app.press(keys.escape, '/', 'c');
	frames.push(app.rawFrame());
	app.unmount();
	return frames;
}

describe('App under NO_COLOR', () => {
	it('the colour theme does colour the dashboard (so the check below means something)', async () => {
		const frames = await framesWith(createTheme({color: true, unicode: true}));
		for (const frame of frames) expect(colourCodes(frame).length).toBeGreaterThan(0);
	});

	it('the monochrome theme writes no colour codes, yet still marks the selection', async () => {
		const frames = await framesWith(createTheme({color: false, unicode: true}));
		for (const frame of frames) expect(colourCodes(frame)).toEqual([]);
		// Inverse video (SGR 7) shows the selected row without colour.
		expect(frames[0]).toContain(`${escape}[7m`);
	});
});
