// What a terminal sends that is not a key the App knows: function keys with modifiers, the
// terminal's own reports, focus events. Ink 6.8 crashed on some of them (Ctrl+F1 threw in its
// input hook) and typed others out as characters (ESC[12;40R pressed R, 1, 2, 4: a refresh
// and two pane switches). Each must change nothing, and the keys after it must still work.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {freshFleetStore, renderApp} from './app-fixture.js';

afterEach(() => cleanup());

const esc = '\u001B';
const unknownSequences = {
	'Ctrl+F1': `${esc}[1;5P`,
	'Ctrl+F2': `${esc}[1;5Q`,
	'Ctrl+F3': `${esc}[1;5R`,
	'Ctrl+F4': `${esc}[1;5S`,
	'Shift+F1': `${esc}[1;2P`,
	'Ctrl+Alt+Shift+F12': `${esc}[24;8~`,
	'status report request': `${esc}[5n`,
	'status report': `${esc}[0n`,
	'cursor position request': `${esc}[6n`,
	'cursor position report': `${esc}[12;40R`,
	'device attributes': `${esc}[?1;2c`,
	'focus in': `${esc}[I`,
	'focus out': `${esc}[O`,
} as const;

describe('sequences that are no key of the App', () => {
	it.each(Object.entries(unknownSequences))(
		'%s changes nothing on screen, and q still quits',
		async (_name, sequence) => {
			const app = await renderApp({store: freshFleetStore()});
			await app.press('3');
			await app.waitFor((frame) => /Services \(/.test(frame));
			const before = app.frame();
			await app.press(sequence);
			// Twice, and in one read with other sequences: parsed alike.
			await app.pressTogether(sequence + sequence);
			expect(app.frame()).toBe(before);
			await app.press('q');
			expect(app.quits()).toBe(1);
		},
	);

	it('all of them in one read change nothing either', async () => {
		const app = await renderApp({store: freshFleetStore()});
		const before = app.frame();
		await app.pressTogether(Object.values(unknownSequences).join(''));
		expect(app.frame()).toBe(before);
		await app.press('q');
		expect(app.quits()).toBe(1);
	});
});
