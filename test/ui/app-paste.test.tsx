// Pasted text is text, never keys: with bracketed paste (ESC[200~ … ESC[201~) a paste goes into
// the field being typed in, or nowhere, and no key in it moves, writes or confirms. And a
// confirmation takes y or Enter pressed on its own: not with other keys in one read, not typed
// ahead of the dialog. The App runs over the real action runner and simulator: "nothing sent"
// is the simulator's request log.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {startActionFleet, type ActionFleet} from '../store/writes/action-fixture.js';
import {notAlone} from '../../source/ui/dialogs/confirm-guard.js';
import {keys, renderApp, type AppHarness} from './app-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	cleanup();
	await fleet.close();
});

const footer = (frame: string) => frame.split('\n').at(-1)!;
const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;
const ignoredPaste = 'pasted text ignored: paste into / or :';

/** The App on the demo world with `web` selected and its services and tasks loaded. */
async function onWeb() {
	const app = await renderApp({store: fleet.store, actions: fleet.runner, columns: 200, rows: 50});
	await app.press('G');
	await app.waitFor((f) => /Services \(web\) \[1\/4\]/.test(f), 15_000);
	// The tasks are the cluster's until a key picks a service: k on the first one picks api.
	await app.press('3', 'k', '1');
	// The task rows themselves, not only the title: the title names api while its tasks load.
	await app.waitFor((f) => /Tasks \(api\) \[1\/\d+\]/.test(f), 15_000);
	return app;
}

async function pressPaste(app: AppHarness, text: string) {
	await app.press(paste(text));
}

describe('a paste outside a text field', () => {
	it.each([
		['1', 'Clusters'],
		['2', 'Instances'],
		['3', 'Services'],
		['4', 'Tasks'],
	])('in pane %s (%s) sends nothing, moves nothing, and says it was ignored', async (pane) => {
		const app = await onWeb();
		await app.press(pane);
		// The panes as drawn (not the header, whose API counter moves, nor the status line).
		const panes = (frame: string) => frame.split('\n').slice(1, -1);
		const before = panes(app.frame());
		for (const text of ['3+y', 'kubectl drain node-1\n', 'export X=1\n', 'x\ry\r', 'dy\r']) {
			await pressPaste(app, text);
			await app.waitFor((f) => footer(f).includes(ignoredPaste));
			// Same pane, same selection, no dialog.
			expect(panes(app.frame())).toEqual(before);
		}
		expect(await fleet.writeRequests()).toEqual([]);
	});
});

describe('a paste into a text field', () => {
	it('types into the / filter, without its Enter', async () => {
		const app = await onWeb();
		await app.press('3', '/');
		await pressPaste(app, 'fro\r');
		const frame = await app.waitFor((f) => footer(f).startsWith('/fro_'));
		expect(frame).toContain('Services /fro (web)');
		// Still typing: a real Enter keeps the filter.
		await app.press('n', 't', keys.enter);
		expect(footer(app.frame())).not.toMatch(/^\/front_/);
		expect(app.frame()).toContain('Services /front (web)');
	});

	it('types into the : prompt, without running it', async () => {
		const app = await onWeb();
		await app.press(':');
		await pressPaste(app, 'q\r');
		await app.waitFor((f) => footer(f).startsWith(':q_'));
		expect(app.quits()).toBe(0);
		await app.press(keys.escape);
		expect(app.quits()).toBe(0);
	});

	it("types digits into a dialog's count, and its Enter does not review the plan", async () => {
		const app = await onWeb();
		await app.press('3', 's');
		expect(app.frame()).toContain('Set the desired count of api');
		await app.press(keys.backspace, keys.backspace, keys.backspace);
		await pressPaste(app, '2\ry\r');
		await app.waitFor((f) => /api desired \d+ -> 2/.test(f));
		expect(app.frame()).toContain('Enter review');
		expect(app.frame()).not.toContain('y or Enter sends this');
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});

describe('a confirmation', () => {
	it('is not answered by a paste; a y pressed on its own then sends', async () => {
		const app = await onWeb();
		await app.press('3', '+');
		expect(app.frame()).toContain('y or Enter sends this');
		expect(app.frame()).toContain('only y or Enter pressed on its own');
		await pressPaste(app, 'y');
		await app.waitFor((f) => footer(f).includes('pasted text ignored'));
		await pressPaste(app, '\r');
		expect(app.frame()).toContain('y or Enter sends this');
		expect(await fleet.writeRequests()).toEqual([]);
		await app.press('y');
		await app.waitFor((f) => /api desired count set to/.test(footer(f)), 10_000);
		expect((await fleet.writeRequests()).map((w) => w.operation)).toEqual(['UpdateService']);
	});

	it('is not answered by y arriving with other keys, nor by keys typed ahead of the dialog', async () => {
		const app = await onWeb();
		await app.press('3', '+');
		await app.pressTogether('j', 'y');
		await app.waitFor((f) => footer(f).includes(notAlone));
		await app.pressTogether('y', keys.enter);
		expect(app.frame()).toContain('y or Enter sends this');
		await app.press(keys.escape);
		// '+' and 'y' in one read, as a paste without bracketed paste would type them.
		await app.pressTogether('+y');
		await app.waitFor((f) => footer(f).startsWith('not sent:'));
		await app.press(keys.escape);
		expect(await fleet.writeRequests()).toEqual([]);
	});
});
