// The AWS thread started on the command's first guess, before the flags are parsed, is told its
// options or replaced once they are known: a guessed thread that has already ended is replaced
// too, so the session still finds one started early (the demo's simulator already building).
import {describe, expect, it, vi} from 'vitest';
import {prestartAwsThread, takePrestarted} from '../../source/aws/remote/prestart.js';

// A thread that ends as soon as it starts: an empty module.
const endsAtOnce = new URL('data:text/javascript,');

describe('a thread started on the guess', () => {
	it('is replaced when it has ended by the time the options are known', async () => {
		const guessed = prestartAwsThread(endsAtOnce, undefined, undefined, 'aws');
		expect(guessed).toBeDefined();
		// Asked again until the guessed thread is seen to have ended: then a new one is started.
		const replacement = await vi.waitFor(
			() => {
				const id = prestartAwsThread(endsAtOnce, undefined);
				if (id === guessed) throw new Error('the guessed thread is still running');
				return id;
			},
			{timeout: 10_000, interval: 20},
		);
		expect(replacement).toBeDefined();
		expect(replacement).not.toBe(guessed);
		// Leaves nothing for another file's session to find (unit files share their modules).
		takePrestarted(endsAtOnce, {});
	});
});
