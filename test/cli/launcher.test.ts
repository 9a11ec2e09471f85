// The built command starts node with the flags its first lines give (scripts/launcher.mjs): run as
// a command it IS that node process (same pid, so signals and the exit status are node's own),
// `node dist/cli.js` still runs without them, and a flag the user sets in NODE_OPTIONS wins.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm, symlink, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error: the build scripts are plain JavaScript, checked with @ts-check on their own.
import {launcherEnvironment, launcherNodeFlags as launcherFlags} from '../../scripts/launcher.mjs';
import {cliPath} from '../helpers/cli-process.js';

const launcherNodeFlags = launcherFlags as string[];
const launcherVariables = launcherEnvironment as Record<string, string>;

/** Names a user's environment may well hold, which the launcher's shell must pass on as they are. */
const userVariables = ['a', 'p', 'once', 'live'];

let work: string;
/** Loaded by node before the CLI (NODE_OPTIONS --require): reports how node was started. */
let hook: string;

type Run = {
	code: number | null;
	signal: NodeJS.Signals | null;
	pid: number;
	stdout: string;
	stderr: string;
	/**
	 * What the hook saw: the node process's pid, its command-line flags, the launcher's variables
	 * and those of `userVariables` set.
	 */
	started:
		| {pid: number; execArgv: string[]; env: Record<string, string>; user: Record<string, string>}
		| undefined;
};

function run(
	argv: string[],
	{
		nodeOptions = '',
		env = {},
		onStarted,
	}: {
		nodeOptions?: string;
		env?: Record<string, string>;
		onStarted?: (pid: number, firstLine: string) => void;
	} = {},
): Promise<Run> {
	const child = spawn(argv[0]!, argv.slice(1), {
		cwd: work,
		env: {
			PATH: process.env['PATH'],
			HOME: work,
			XDG_CONFIG_HOME: join(work, 'config'),
			XDG_STATE_HOME: join(work, 'state'),
			AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			NODE_OPTIONS: `--require ${hook} ${nodeOptions}`,
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		if (onStarted !== undefined && stdout.includes('\n')) {
			onStarted(child.pid!, stdout.split('\n')[0]!);
			onStarted = undefined;
		}
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	return once(child, 'close').then(([code, signal]) => {
		const line = /^STARTED (.*)$/mu.exec(stderr)?.[1];
		return {
			code: code as number | null,
			signal: signal as NodeJS.Signals | null,
			pid: child.pid!,
			stdout,
			stderr: stderr.replace(/^STARTED .*\n/mu, ''),
			started: line === undefined ? undefined : (JSON.parse(line) as Run['started']),
		};
	});
}

beforeAll(async () => {
	work = await mkdtemp(join(tmpdir(), 'ecs-top-launcher-'));
	hook = join(work, 'report-start.cjs');
	await writeFile(
		hook,
		`const names = ${JSON.stringify(Object.keys(launcherVariables))};\n` +
			`const userNames = ${JSON.stringify(userVariables)};\n` +
			'const set = (list) => Object.fromEntries(list.filter((name) => name in process.env).map((name) => [name, process.env[name]]));\n' +
			"require('node:fs').writeSync(2, 'STARTED ' + JSON.stringify({pid: process.pid, execArgv: process.execArgv, env: set(names), user: set(userNames)}) + '\\n');\n",
	);
});

afterAll(async () => {
	if (work !== undefined) await rm(work, {recursive: true, force: true});
});

describe('the built command', () => {
	it('starts node with its flags, as the very process that was started', async () => {
		expect(launcherNodeFlags.length).toBeGreaterThan(0);
		const result = await run([cliPath, '--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);
		expect(result.started?.execArgv).toEqual(launcherNodeFlags);
		expect(Object.keys(launcherVariables).length).toBeGreaterThan(0);
		expect(result.started?.env).toEqual(launcherVariables);
		// exec, not a child: the shell that read the first lines is gone, so the pid the user's
		// shell (or a supervisor) holds is node's, and its signals and exit status are node's.
		expect(result.started?.pid).toBe(result.pid);
	});

	it('runs through a symlinked bin in a directory with a space, as npm installs it', async () => {
		const bin = join(work, 'a prefix', 'bin');
		await mkdir(bin, {recursive: true});
		await symlink(cliPath, join(bin, 'ecs-top'));
		const flagged = await run([join(bin, 'ecs-top'), '--version']);
		expect(flagged.code).toBe(0);
		expect(flagged.started?.execArgv).toEqual(launcherNodeFlags);
		// A mode's chunks are found beside the real file, not the link.
		const result = await run([join(bin, 'ecs-top'), '--demo', '--once', '--json']);
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {clusters: {name: string}[]};
		expect(document.clusters.map((cluster) => cluster.name)).toContain('web');
	}, 60_000);

	it('passes the exit status of a bad command line through unchanged', async () => {
		const viaCommand = await run([cliPath, '--no-such-flag']);
		const viaNode = await run([process.execPath, cliPath, '--no-such-flag']);
		expect(viaCommand.code).not.toBe(0);
		expect(viaCommand.code).toBe(viaNode.code);
		expect(viaCommand.stderr).toBe(viaNode.stderr);
		expect(viaCommand.stderr).toMatch(/unknown flag --no-such-flag/u);
	});

	it('leaves a flag the user gives in NODE_OPTIONS to them, and keeps their other options', async () => {
		const names = launcherNodeFlags.map((flag) => flag.replace(/=.*$/u, ''));
		const theirs = names.map((name) => `${name.replaceAll('-', '_').replace(/^__/u, '--')}=2`);
		const result = await run([cliPath, '--version'], {nodeOptions: theirs.join(' ')});
		expect(result.code).toBe(0);
		// Their --require ran (the hook reported), and none of our flags overrides theirs.
		expect(result.started?.execArgv).toEqual([]);
	});

	it('starts a snapshot (--once) with none of them: they are for the live view', async () => {
		for (const words of [
			['--once'],
			['--once=true'],
			['--once', 'true'],
			['--no-once', '--once'],
		]) {
			const result = await run([cliPath, ...words, '--version']);
			expect(result.code).toBe(0);
			expect(result.started?.execArgv, words.join(' ')).toEqual([]);
			expect(result.started?.env, words.join(' ')).toEqual({});
		}
	});

	it('reads --once as the flag parser does: a live view named with --once words still gets them', async () => {
		for (const words of [
			['--once=false'],
			['--once', 'false'],
			['--once', '--no-once'],
			['--once=true', '--once=0'],
			['--profile=--once'],
		]) {
			const result = await run([cliPath, ...words, '--version']);
			expect(result.code).toBe(0);
			expect(result.started?.execArgv, words.join(' ')).toEqual(launcherNodeFlags);
			expect(result.started?.env, words.join(' ')).toEqual(launcherVariables);
		}
	});

	it("passes the user's own variables on as they were, whichever words it read", async () => {
		const theirs = Object.fromEntries(userVariables.map((name) => [name, `their ${name}`]));
		for (const words of [[], ['--once'], ['--cluster', 'web', '--once=false']]) {
			const result = await run([cliPath, ...words, '--version'], {env: theirs});
			expect(result.code).toBe(0);
			expect(result.started?.user, words.join(' ')).toEqual(theirs);
		}
		const none = await run([cliPath, '--once', '--version']);
		expect(none.started?.user).toEqual({});
	});

	it("leaves a variable the user's environment already names to them, even empty", async () => {
		const theirs = Object.fromEntries(
			Object.keys(launcherVariables).map((name) => [name, '65536']),
		);
		expect((await run([cliPath, '--version'], {env: theirs})).started?.env).toEqual(theirs);
		const empty = Object.fromEntries(Object.keys(launcherVariables).map((name) => [name, '']));
		expect((await run([cliPath, '--version'], {env: empty})).started?.env).toEqual(empty);
	});

	it('ends on SIGTERM as node does: the signal reaches the process it started', async () => {
		let started: number | undefined;
		const finished = run([cliPath, 'sim', '--port', '0', '--scenario', 'demo'], {
			onStarted: (pid, line) => {
				started = pid;
				// Once it has answered a request, it is past setting up its signal handlers.
				const url = /listening on (\S+)/u.exec(line)?.[1] ?? '';
				void fetch(url)
					.catch(() => undefined)
					.then(() => process.kill(pid, 'SIGTERM'));
			},
		});
		const result = await finished;
		expect(started).toBe(result.pid);
		expect(result.started?.pid).toBe(result.pid);
		expect(result.stdout).toMatch(/^ecs-top sim listening on http:\/\/127\.0\.0\.1:\d+\n$/u);
		expect({code: result.code, signal: result.signal}).toEqual({code: 0, signal: null});
	}, 60_000);
});

describe('node dist/cli.js', () => {
	it('still runs, without the flags', async () => {
		const result = await run([process.execPath, cliPath, '--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/u);
		expect(result.started?.execArgv).toEqual([]);
		expect(result.started?.env).toEqual({});
	});
});
