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
// after NODE_OPTIONS, so adding ours would silently override theirs; so is a variable their
// environment already names. A snapshot (`--once`) gets neither flags nor variables.

/**
 * Node flags the installed command starts with (see docs/performance.md, "Memory: where it
 * goes", for what each saves and costs).
 */
export const launcherNodeFlags = ['--v8-pool-size=1', '--max-semi-space-size=1'];

/**
 * Environment the command starts node with, each unless the user's environment already names it.
 *
 * glibc's malloc gives each thread that allocates an arena of its own, and raises its threshold
 * for serving a large block straight from the kernel (mmap) each time such a block is freed, up to
 * 32 MB: after that, the big transient blocks of V8's compiler zones and of the answers' buffers
 * are carved out of the arenas, which keep them, fragmented, after they are freed. The threshold
 * fixed at glibc's own starting value (128 KiB) keeps those blocks mapped and given back when
 * freed: the arenas held 7 MB instead of 12-18 with fleet-main's 20,000 tasks loaded (see
 * docs/performance.md). The processes ecs-top starts (the `aws` CLI for exec) inherit it, which
 * only stops their malloc from raising the same threshold. Other C libraries ignore it.
 */
export const launcherEnvironment = {MALLOC_MMAP_THRESHOLD_: '131072'};

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
export function launcherHeader(flags = launcherNodeFlags, environment = launcherEnvironment) {
	// `set --` builds node's arguments as quoted positional parameters: no word splitting, so
	// nothing depends on IFS or on spaces in the install path. Each flag goes in front, so the
	// last one added comes first.
	const perFlag = [...flags]
		.reverse()
		.map(
			(flag) =>
				`case "$NODE_OPTIONS" in ${mentionedPattern(flag)}) ;; *) set -- ${flag} "$@";; esac`,
		);
	const perVariable = Object.entries(environment).map(([name, value]) => {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(name) || !/^[A-Za-z0-9_.,:=-]*$/u.test(value))
			throw new Error(`launcher: unexpected variable ${name}=${value}`);
		// `${NAME+x}` is x when NAME is set, even to nothing: the user's value, empty or not, wins.
		return `[ -n "\${${name}+x}" ] || export ${name}=${value}`;
	});
	// All of it is for the live view, a long-lived process on a shared host. `--once` lives for
	// seconds, its memory is no budget's, and the small young generation made it collect far more
	// often: 0.2-0.4 s more CPU for a snapshot of a large account. The words are read as the flag
	// parser reads a boolean, so that a live view written oddly still gets its settings: the last
	// mention wins, `--once=V` is a snapshot only for `true`, a `false` right after `--once` is
	// its value, and nothing after `--` is a flag. The loop runs in a subshell, so its variables
	// never reach node: a user's own exported `a`, `p` or `once` is passed on as it was.
	const liveView =
		'(shift; once=; p=; for a do case "$a" in --) break;; --once|--once=true) once=1;; ' +
		'--once=*|--no-once) once=;; false) [ "$p" != --once ] || once=;; esac; p=$a; done; ' +
		'[ -z "$once" ])';
	const line = [
		'":" //# ',
		'set -- "$0" "$@"',
		`if ${liveView}; then ${[...perFlag, ...perVariable].join('; ')}; fi`,
		'exec node "$@"',
	].join('; ');
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
