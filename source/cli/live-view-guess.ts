/**
 * Whether a command line will run the live view, guessed from its words before any of them is
 * parsed: the command starts the AWS thread on this guess (source/cli/launch.ts), ahead of
 * compiling the flag parsing. A wrong guess costs little either way: the live view not foreseen
 * starts its thread when it connects, as it would have anyway, and a thread started for a run
 * that turns out to be something else (a bad flag, a flag's value that reads like `sim`) dies with
 * the process.
 *
 * The boolean flags are read as the flag parser reads them, so that the guess is right for the
 * ways of writing one: the last mention wins, `--once=V` is on only for `true`, a `true` or
 * `false` right after the flag is its value, and `--no-once` is off.
 */

/** Words that make the run something other than the live view, wherever they are. */
const notLive = new Set(['--help', '-h', '--version', '-v', 'sim']);
/** Boolean flags that, on, make the run something other than the live view. */
const notLiveFlags = ['once', 'print-config'];
/** Flags that make the run the demo, whose thread has a heap of another size (prestart.ts). */
const demoValueFlags = new Set(['--demo-scenario', '--seed']);

/** The last value given to each boolean flag named, by name; unnamed flags are left out. */
function booleanFlags(args: readonly string[], names: readonly string[]): Map<string, boolean> {
	const values = new Map<string, boolean>();
	args.forEach((arg, i) => {
		const [word, value] = arg.split(/=(.*)/su, 2) as [string, string | undefined];
		const name = names.find((known) => word === `--${known}` || word === `--no-${known}`);
		if (name === undefined) return;
		if (word === `--no-${name}`) values.set(name, false);
		else if (value !== undefined) values.set(name, value === 'true');
		else values.set(name, args[i + 1] !== 'false');
	});
	return values;
}

/** `undefined`: not the live view; else which kind of AWS thread it will want. */
export function liveViewGuess(args: readonly string[]): 'aws' | 'demo' | undefined {
	// What follows `--` is the flag parser's to make sense of, not a guess's.
	const end = args.indexOf('--');
	const words = end === -1 ? args : args.slice(0, end);
	if (words.some((word) => notLive.has(word))) return undefined;
	const flags = booleanFlags(words, [...notLiveFlags, 'demo']);
	if (notLiveFlags.some((name) => flags.get(name) === true)) return undefined;
	const demoByValue = words.some((word) => demoValueFlags.has(word.split('=', 1)[0]!));
	return flags.get('demo') === true || demoByValue ? 'demo' : 'aws';
}
