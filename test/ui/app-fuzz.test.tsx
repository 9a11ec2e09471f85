// The seeded terminal-input fuzz of the tmux test (test/e2e/tui-fuzz.test.ts) against the App
// under ink-testing-library, which runs the same patched Ink: modified function keys, terminal
// reports, Alt keys and random bytes between keys the App knows. The App never throws, keeps
// drawing whole frames, and still quits on q. ECS_TOP_FUZZ_SEED=N replays another sequence.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {randomTerminalInput, seededRandom} from '../e2e/fuzz-keys.js';
import {keys, renderApp} from './app-fixture.js';

afterEach(() => cleanup());

const seed = Number(process.env['ECS_TOP_FUZZ_SEED'] ?? 20_261_125);
/** Keys the App binds (no q), so the sequences land in every pane, view and field. */
const knownKeys = ['j', 'k', 'g', 'G', '1', '2', '3', '4', '/', ':', '?', '<', '>', 't', 'p', 'a'];
const decoder = new TextDecoder();

describe('under random terminal input', () => {
	it(`sequences, Alt keys and random bytes (seed ${seed}): no crash, whole frames, q quits`, async () => {
		const rows = 40;
		const app = await renderApp({columns: 120, rows});
		const random = seededRandom(seed);
		for (let batch = 1; batch <= 40; batch++) {
			const known = Array.from(
				{length: 5},
				() => knownKeys[Math.floor(random() * knownKeys.length)]!,
			);
			const ending = random() < 0.5 ? keys.escape : keys.enter;
			// A read as the terminal's bytes decode (invalid UTF-8 becomes U+FFFD, as on a real stdin).
			await app.press(known.join(''), decoder.decode(randomTerminalInput(20, random)), ending);
			expect(app.lines(), `seed ${seed}, batch ${batch}:\n${app.frame()}`).toHaveLength(rows - 1);
		}
		expect(app.quits()).toBe(0);
		await app.press(keys.escape, keys.escape, keys.escape, 'q');
		expect(app.quits()).toBe(1);
	}, 120_000);
});
