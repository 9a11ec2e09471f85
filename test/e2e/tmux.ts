/**
 * A real terminal for end-to-end tests: tmux on a private socket runs the command in a pseudo-
 * terminal of a chosen size, takes keys, and shows what a user would see. Tests poll the screen
 * until a condition holds instead of sleeping, so they are as fast as the machine allows.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {constants, tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {fileURLToPath} from 'node:url';

const run = promisify(execFile);

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI; ECS_TOP_E2E_CLI runs the tests against another build (an older one, a patched one). */
export const cliPath = process.env['ECS_TOP_E2E_CLI'] ?? join(repoRoot, 'dist', 'cli.js');

/** The live demo as a user starts it; `node` is the one running the tests. */
export const demoCommand = `'${process.execPath}' '${cliPath}' --demo`;

export type Screen = {
	readonly lines: readonly string[];
	readonly text: string;
};

/** How a command ended: `{code: 0}` for a clean exit, `{signal: 'SIGHUP'}` when a signal killed it. */
export type Ending = {readonly code: number} | {readonly signal: string};

export type StartOptions = {
	readonly columns: number;
	readonly rows: number;
	/** Extra environment for the command (on top of a small clean one). */
	readonly env?: Readonly<Record<string, string>>;
};

let sessionCount = 0;

export class TmuxTerminal {
	/** A scratch directory per terminal: the CLI's log and any redirected output go here. */
	readonly dir = mkdtempSync(join(tmpdir(), 'ecs-top-e2e-'));
	private readonly socket = `ecs-top-e2e-${process.pid}-${++sessionCount}-${Date.now()}`;
	private readonly session = 'e2e';

	/**
	 * Starts `command` (a shell command line) in a detached session of the given size. The pane
	 * stays after the command ends (remain-on-exit) so the test can read its last screen and
	 * exit status.
	 */
	async start(command: string, options: StartOptions): Promise<void> {
		// A clean environment: nothing from the developer's shell (AWS_PROFILE, NO_COLOR, a
		// FORCE_COLOR from the test runner) may change what the CLI shows.
		const env: Record<string, string> = {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: this.dir,
			XDG_STATE_HOME: join(this.dir, 'state'),
			LANG: 'C.UTF-8',
			TERM: 'xterm-256color',
			AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			...options.env,
		};
		const envArgs = Object.entries(env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
		await this.tmux(
			[
				'new-session',
				'-d',
				'-s',
				this.session,
				'-x',
				String(options.columns),
				'-y',
				String(options.rows),
				'-c',
				repoRoot,
				...envArgs,
				command,
				// Chained in the same call so it holds before the command can possibly exit.
				';',
				'set-option',
				'-t',
				this.session,
				'remain-on-exit',
				'on',
			],
			env,
		);
	}

	/** Any tmux command on this terminal's server: `set-option`, `list-buffers`. */
	async command(...args: string[]): Promise<string> {
		const {stdout} = await this.tmux(args);
		return stdout;
	}

	/**
	 * Appends every byte the pane's command writes to `path` (tmux pipe-pane), as the terminal
	 * receives it: for asserting on the raw output, escape codes and all.
	 */
	async recordOutput(path: string): Promise<void> {
		await this.tmux(['pipe-pane', '-o', '-t', this.session, `cat >> '${path}'`]);
	}

	/** Key names as tmux knows them: `j`, `Enter`, `Escape`, `Tab`, `BTab`, `Up`. */
	async press(...keys: string[]): Promise<void> {
		await this.tmux(['send-keys', '-t', this.session, ...keys]);
	}

	/** Sends raw bytes to the program, as a terminal would: escape sequences, invalid UTF-8, anything. */
	async sendBytes(bytes: Uint8Array): Promise<void> {
		const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0'));
		await this.tmux(['send-keys', '-t', this.session, '-H', ...hex]);
	}

	/** Types text literally, character by character as a user would. */
	async type(text: string): Promise<void> {
		await this.tmux(['send-keys', '-t', this.session, '-l', text]);
	}

	/**
	 * Pastes `text` as a terminal does: bracketed (ESC[200~ … ESC[201~) if the program asked for
	 * bracketed paste mode, else as if typed.
	 */
	async paste(text: string): Promise<void> {
		const file = join(this.dir, 'paste-buffer');
		writeFileSync(file, text);
		await this.tmux(['load-buffer', '-b', 'e2e-paste', file]);
		await this.tmux(['paste-buffer', '-p', '-d', '-b', 'e2e-paste', '-t', this.session]);
	}

	/** The visible screen; with `escapes`, including the SGR attributes of the text. */
	async capture(options: {escapes?: boolean} = {}): Promise<Screen> {
		const args = ['capture-pane', '-p', '-t', this.session];
		if (options.escapes) args.push('-e');
		const {stdout} = await this.tmux(args);
		// tmux ends every row with a newline, the last one included.
		const lines = stdout.replace(/\n$/, '').split('\n');
		return {lines, text: lines.join('\n')};
	}

	/** A tmux format evaluated for the pane: `#{cursor_flag}`, `#{alternate_on}`, `#{pane_pid}`. */
	async display(format: string): Promise<string> {
		const {stdout} = await this.tmux(['display-message', '-p', '-t', this.session, format]);
		return stdout.trim();
	}

	/** Resizes the window (and so the pty): the command gets SIGWINCH as with a real terminal. */
	async resize(columns: number, rows: number): Promise<void> {
		await this.tmux([
			'resize-window',
			'-t',
			this.session,
			'-x',
			String(columns),
			'-y',
			String(rows),
		]);
	}

	/**
	 * Polls the screen until `condition` holds and returns that screen; on timeout, fails with
	 * what was last on screen so a failure explains itself.
	 */
	async waitFor(
		description: string,
		condition: (screen: Screen) => boolean,
		options: {timeoutMs?: number; escapes?: boolean} = {},
	): Promise<Screen> {
		const deadline = Date.now() + (options.timeoutMs ?? 15_000);
		let screen = await this.capture({escapes: options.escapes});
		while (!condition(screen)) {
			if (Date.now() > deadline)
				throw new Error(`timed out waiting for ${description}; the screen was:\n${screen.text}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
			screen = await this.capture({escapes: options.escapes});
		}
		return screen;
	}

	/**
	 * Waits until the screen stops changing (the same twice, `quietMs` apart), as a user looks
	 * before typing on: keys sent then are not read in one go with the ones before them.
	 */
	async waitForQuiet(quietMs = 300, timeoutMs = 30_000): Promise<Screen> {
		const deadline = Date.now() + timeoutMs;
		let previous = await this.capture();
		for (;;) {
			await new Promise((resolve) => setTimeout(resolve, quietMs));
			const screen = await this.capture();
			if (screen.text === previous.text) return screen;
			if (Date.now() > deadline)
				throw new Error(`the screen kept changing for ${timeoutMs} ms; it was:\n${screen.text}`);
			previous = screen;
		}
	}

	/**
	 * How the pane's command ended, once it has: its exit code, or the signal that killed it.
	 *
	 * tmux (3.3a, built with libutempter, as Debian ships it) can miss the command's exit: when
	 * the pane's terminal closes it runs utempter's helper with SIGCHLD set to SIG_DFL for a few
	 * milliseconds, and a multi-threaded process such as node closes its terminal a few
	 * milliseconds before its exit is reported, so the SIGCHLD can land in that window and be
	 * discarded (tmux/tmux#311). The pane then shows as dead with no status, and the process stays
	 * a zombie until tmux reaps another child. Another SIGCHLD sent to this terminal's own server
	 * (the workaround given in that issue) makes tmux reap it and record the real status.
	 */
	async ending(timeoutMs = 15_000): Promise<Ending> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			// tmux gives the signal as a number: 15, not SIGTERM.
			const [dead, status, signalNumber] = (
				await this.display('#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}')
			).split('|');
			if (dead === '1' && signalNumber) return {signal: signalName(Number(signalNumber))};
			if (dead === '1' && status && /^\d+$/u.test(status)) return {code: Number(status)};
			// Dead with no status yet: a spare SIGCHLD is harmless when tmux had it already.
			if (dead === '1') signal(Number(await this.display('#{pid}')), 'SIGCHLD');
			if (Date.now() > deadline)
				throw new Error(
					dead === '1'
						? 'the pane is dead but tmux has no exit status for it'
						: `the command did not exit within ${timeoutMs} ms`,
				);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	/**
	 * The pid of the CLI: the pane's own process when the command is the CLI itself, else its
	 * child (the shell runs it when the command line has several parts).
	 */
	async commandPid(): Promise<number> {
		const panePid = Number(await this.display('#{pane_pid}'));
		const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', String(panePid)]).catch(() => ({
			stdout: '',
		}));
		const child = stdout
			.split('\n')
			.map((line) => Number(line.trim()))
			.find((pid) => pid > 0);
		return child ?? panePid;
	}

	/** Closes the terminal under the command, as closing a terminal window does (SIGHUP). */
	async closeTerminal(): Promise<void> {
		this.socketPath = await this.socketFile();
		await this.tmux(['kill-server']);
	}

	private socketPath: string | undefined;

	private async socketFile(): Promise<string | undefined> {
		return this.tmux(['display-message', '-p', '#{socket_path}']).then(
			({stdout}) => stdout.trim(),
			() => undefined,
		);
	}

	/**
	 * Ends the command, the tmux server of this terminal and the scratch dir. The command gets
	 * SIGTERM while its terminal still exists and SIGKILL if it outlives the server: a CLI that
	 * survives its terminal must not keep running after the test.
	 */
	async kill(): Promise<void> {
		const pid = await this.commandPid().catch(() => undefined);
		const alive = () => pid !== undefined && isAlive(pid);
		if (pid !== undefined && (await this.display('#{pane_dead}').catch(() => '1')) !== '1') {
			signal(pid, 'SIGTERM');
			await waitUntil(() => !alive(), 5_000);
		}
		const socketPath = this.socketPath ?? (await this.socketFile());
		await this.tmux(['kill-server']).catch(() => undefined);
		if (pid !== undefined && alive()) signal(pid, 'SIGKILL');
		// tmux leaves its socket file behind; a file per test run would pile up in /tmp.
		if (socketPath) rmSync(socketPath, {force: true});
		rmSync(this.dir, {recursive: true, force: true});
	}

	private async tmux(args: string[], env?: Record<string, string>) {
		// -f /dev/null: a developer's ~/.tmux.conf (status line, base-index) must not matter.
		return run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
			env: env ?? (process.env as Record<string, string>),
			encoding: 'utf8',
		});
	}
}

/**
 * Whether the process still runs. One that has exited but that its parent has not reaped yet (a
 * zombie, which a loaded machine can leave for a while) still takes signals, but has ended.
 */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		// The state follows the command name, which is in parentheses and may hold spaces.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

export function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

function signalName(number: number): string {
	const names = Object.entries(constants.signals) as [string, number][];
	return names.find(([, value]) => value === number)?.[0] ?? `signal ${number}`;
}

/** Polls `condition` every 50 ms; true when it held before `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}
