/** Runs the built CLI (dist/cli.js) as a user would, for end-to-end tests of its modes. */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {once} from 'node:events';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface RunningCli {
	child: ChildProcessWithoutNullStreams;
	stdout(): string;
	stderr(): string;
	/** Resolves with the first stdout line matching `pattern`, or rejects after `timeoutMs`. */
	waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	exit(): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

/** No config file unless a test gives one: the developer's own must not change what tests see. */
const noConfigHome = join(tmpdir(), 'ecs-top-tests-no-config');

export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): RunningCli {
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {
			...env,
			// A test's own config home is kept; the one it inherited from the developer's is not.
			XDG_CONFIG_HOME:
				env['XDG_CONFIG_HOME'] === process.env['XDG_CONFIG_HOME']
					? noConfigHome
					: env['XDG_CONFIG_HOME'],
		},
		stdio: 'pipe',
	});
	let out = '';
	let err = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
	const exited = once(child, 'exit').then(([code, signal]) => ({
		code: code as number | null,
		signal: signal as NodeJS.Signals | null,
	}));
	return {
		child,
		stdout: () => out,
		stderr: () => err,
		waitForLine(pattern, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const started = Date.now();
				const poll = setInterval(() => {
					for (const line of out.split('\n')) {
						const match = line.match(pattern);
						if (match) {
							clearInterval(poll);
							resolve(match);
							return;
						}
					}
					if (child.exitCode !== null || Date.now() - started > timeoutMs) {
						clearInterval(poll);
						reject(new Error(`no line matching ${pattern} (stdout: ${out}; stderr: ${err})`));
					}
				}, 20);
			});
		},
		exit: () => exited,
	};
}
