/**
 * Whether a command line will run the live view, guessed from its words before any of them is
 * parsed: the command starts the AWS thread on this guess (source/cli/launch.ts), ahead of
 * compiling the flag parsing. A wrong guess costs little either way: the live view not foreseen
 * starts its thread when it connects, as it would have anyway, and a thread started for a run
 * that turns out to be something else (a bad flag, `--once=true`) dies with the process.
 */

/** Words that make the run something other than the live view. */
const notLive = new Set(['--once', '--help', '-h', '--version', '-v', '--print-config', 'sim']);
/** Words that make it the demo, whose thread has a heap of another size (prestart.ts). */
const demo = new Set(['--demo', '--demo-scenario', '--seed']);

/** `undefined`: not the live view; else which kind of AWS thread it will want. */
export function liveViewGuess(args: readonly string[]): 'aws' | 'demo' | undefined {
	let kind: 'aws' | 'demo' = 'aws';
	for (const arg of args) {
		// What follows `--` is the flag parser's to make sense of, not a guess's.
		if (arg === '--') break;
		const word = arg.startsWith('--') ? arg.split('=', 1)[0]! : arg;
		if (notLive.has(word)) return undefined;
		if (demo.has(word)) kind = 'demo';
		else if (word === '--no-demo') kind = 'aws';
	}
	return kind;
}
