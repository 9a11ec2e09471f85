// `!` in `ecs-top --demo` at 80x24, as a user opens it: the feed lists the demo's crash-looping
// service and why its tasks stopped, and Enter goes to that service's stopped tasks.
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal} from './tmux.js';

describe('the problem feed in a real terminal', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it('! shows the crash loop of the demo at 80x24', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(demoCommand, {columns: 80, rows: 24});
		await terminal.waitFor('the clusters', (s) => /\bweb\b/.test(s.text));
		// The web cluster is the last one; its services are fetched once the cursor rests on it,
		// and the feed shows what they hold as it comes.
		await terminal.press('G');
		await terminal.waitFor('web selected', (s) => /^│> web /mu.test(s.text));
		await terminal.press('!');
		// The crash loop shows from the service's events; why its tasks stopped once the stopped
		// tasks of the failing service are in, one line for them all with their count.
		const feed = await terminal.waitFor(
			'the crash loop and its stopped tasks in the feed',
			(s) =>
				/Problems \[\d+\/\d+\]/.test(s.text) &&
				/crash loop/.test(s.text) &&
				/stopped: exit 1/.test(s.text),
		);
		expect(feed.text).toMatch(/checkout-worker\s+×\d+ \d+ tasks stopped: exit 1/);
		for (const line of feed.text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});
});
