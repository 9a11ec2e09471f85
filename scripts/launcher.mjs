// @ts-check
// The first lines of dist/cli.js, which start node with flags that only a command line can set.
//
// Node reads some settings once, at start-up, before any of the app's code runs: the size of V8's
// pool of helper threads, for one, which no code can change afterwards. The npm bin is run
// through its first line, and `#!/usr/bin/env -S node --flag` is not understood by every `env`
// (BusyBox's and older coreutils' take `-S node --flag` as one program name). So the file is both
// a shell script and JavaScript:
//
//   #!/bin/sh
//   ":" //# ; ... exec node --flag "$0" "$@"
//
// Run as a command, /bin/sh reads line 2: `:` (do nothing) with the word `//#`, then `exec`
// replaces the shell with node on the same file, with the flags, so the process the user's shell
// started IS node: same pid, same terminal, signals and exit status unchanged, and no shell left
// waiting. Node skips line 1 (a hashbang) and sees line 2 as a string followed by a comment, so
// `node dist/cli.js` still runs, without the flags. Node resolves the bin's symlink itself, so the
// chunks are found next to the real file.
//
// A flag the user already gives in NODE_OPTIONS is left to them: node applies the command line
// after NODE_OPTIONS, so adding ours would silently override theirs.

/**
 * Node flags the installed command starts with (see docs/performance.md, "Memory: where it
 * goes", for what each saves and costs).
 */
export const launcherNodeFlags = ['--v8-pool-size=1', '--max-semi-space-size=1'];

/**
 * A glob for `case` that matches any mention of the flag's name in NODE_OPTIONS, spelled with
 * dashes or underscores (V8 accepts both).
 * @param {string} flag
 */
function mentionedPattern(flag) {
	const name = flag.replace(/^--/u, '').replace(/=.*$/u, '');
	if (!/^[a-z0-9-]+$/u.test(name)) throw new Error(`launcher: unexpected flag ${flag}`);
	return `*${name.replaceAll('-', '?')}*`;
}

/**
 * The shell-and-JavaScript header that replaces the bundle's `#!/usr/bin/env node`.
 * @param {readonly string[]} flags
 */
export function launcherHeader(flags = launcherNodeFlags) {
	// `set --` builds node's arguments as quoted positional parameters: no word splitting, so
	// nothing depends on IFS or on spaces in the install path. Each flag goes in front, so the
	// last one added comes first.
	const perFlag = [...flags]
		.reverse()
		.map(
			(flag) =>
				`case "$NODE_OPTIONS" in ${mentionedPattern(flag)}) ;; *) set -- ${flag} "$@";; esac`,
		);
	const line = ['":" //# ', 'set -- "$0" "$@"', ...perFlag, 'exec node "$@"'].join('; ');
	return `#!/bin/sh\n${line}\n`;
}

/**
 * The bundle's entry with its hashbang line replaced by the launcher header.
 * @param {string} code
 * @param {readonly string[]} [flags]
 */
export function withLauncherHeader(code, flags) {
	const hashbang = '#!/usr/bin/env node\n';
	if (!code.startsWith(hashbang)) throw new Error('dist/cli.js does not start with its hashbang');
	return launcherHeader(flags) + code.slice(hashbang.length);
}
