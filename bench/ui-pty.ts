/**
 * A real pseudo-terminal for the UI bench, driven byte by byte. node-pty is not installed and
 * `script` gives no window size, so a small Python 3 program (embedded here, run with
 * `python3 -c`) forks the TUI on a pty of a set size, writes the keys we send, and reports every
 * chunk the TUI writes with a monotonic timestamp taken in the same process that wrote the key:
 * key-to-frame latency is then measured without Node's event loop or pipe buffering in between.
 *
 * Protocol: we send JSON lines `{"write": base64}` on its stdin; it answers JSON lines
 * `{"e":"start","t":ms,"pid":n}`, `{"e":"out","t":ms,"d":base64}`, `{"e":"wrote","t":ms,"id":n}`
 * and finally `{"e":"exit","t":ms,"status":n}`. Times are time.monotonic() in ms.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';

const driver = String.raw`
import base64, fcntl, json, os, pty, select, signal, struct, sys, termios, time

rows, cols = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
now = lambda: time.monotonic() * 1000.0

def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

started = now()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
# Size the terminal before the child can ask for it: it only reads the size once it has started
# Node, long after this ioctl.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
emit({"e": "start", "t": started, "pid": pid})

stdin = sys.stdin.fileno()
pending = b""
stdin_open = True
status = None
while True:
    watch = [fd] + ([stdin] if stdin_open else [])
    try:
        ready, _, _ = select.select(watch, [], [], 0.5)
    except InterruptedError:
        continue
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            break
        emit({"e": "out", "t": now(), "d": base64.b64encode(data).decode()})
    if stdin in ready:
        chunk = os.read(stdin, 65536)
        if not chunk:
            # Our parent went away: take the TUI down with us.
            stdin_open = False
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if not line.strip():
                continue
            msg = json.loads(line)
            os.write(fd, base64.b64decode(msg["write"]))
            emit({"e": "wrote", "t": now(), "id": msg.get("id", 0)})
    done, code = os.waitpid(pid, os.WNOHANG)
    if done:
        status = code
        # Drain what the child wrote before it exited.
        while True:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                break
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            emit({"e": "out", "t": now(), "d": base64.b64encode(data).decode()})
        break
if status is None:
    _, status = os.waitpid(pid, 0)
emit({"e": "exit", "t": now(), "status": os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status})
`;

export interface OutputChunk {
	/** Monotonic ms, in the driver's clock (the same clock as `start` and key writes). */
	t: number;
	bytes: Buffer;
}

export interface PtyOptions {
	rows: number;
	columns: number;
	env?: NodeJS.ProcessEnv;
}

type DriverEvent =
	| {e: 'start'; t: number; pid: number}
	| {e: 'out'; t: number; d: string}
	| {e: 'wrote'; t: number; id: number}
	| {e: 'exit'; t: number; status: number};

/** One program on a pty; everything it wrote is kept, in order, with timestamps. */
export class PtyProcess {
	readonly chunks: OutputChunk[] = [];
	/** Driver-clock time just before the fork. */
	startedAt = Number.NaN;
	/** The TUI's own pid (the pty child), for /proc reads. */
	pid = 0;
	exitStatus: number | undefined;
	/** When the process ended, on the driver's clock (as startedAt). */
	exitedAt = Number.NaN;

	private readonly driver: ChildProcessWithoutNullStreams;
	private readonly writes = new Map<number, (t: number) => void>();
	private nextWriteId = 1;
	private readonly listeners = new Set<() => void>();
	private readonly started: Promise<void>;
	private readonly exited: Promise<void>;

	constructor(command: string[], options: PtyOptions) {
		this.driver = spawn(
			'python3',
			['-c', driver, String(options.rows), String(options.columns), ...command],
			{
				env: {TERM: 'xterm-256color', ...(options.env ?? process.env)},
				stdio: ['pipe', 'pipe', 'pipe'],
			},
		);
		let resolveStart!: () => void;
		this.started = new Promise((resolve) => (resolveStart = resolve));
		let resolveExit!: () => void;
		this.exited = new Promise((resolve) => (resolveExit = resolve));
		let buffered = '';
		this.driver.stdout.setEncoding('utf8').on('data', (text: string) => {
			buffered += text;
			let newline: number;
			while ((newline = buffered.indexOf('\n')) >= 0) {
				const line = buffered.slice(0, newline);
				buffered = buffered.slice(newline + 1);
				this.onEvent(JSON.parse(line) as DriverEvent, resolveStart, resolveExit);
			}
		});
		let stderr = '';
		this.driver.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		this.driver.on('exit', () => {
			if (stderr.trim() !== '') process.stderr.write(`pty driver: ${stderr}`);
			resolveStart();
			resolveExit();
			this.notify();
		});
	}

	private onEvent(event: DriverEvent, resolveStart: () => void, resolveExit: () => void): void {
		switch (event.e) {
			case 'start':
				this.startedAt = event.t;
				this.pid = event.pid;
				resolveStart();
				break;
			case 'out':
				this.chunks.push({t: event.t, bytes: Buffer.from(event.d, 'base64')});
				break;
			case 'wrote':
				this.writes.get(event.id)?.(event.t);
				this.writes.delete(event.id);
				break;
			case 'exit':
				this.exitedAt = event.t;
				this.exitStatus = event.status;
				resolveExit();
				break;
		}
		this.notify();
	}

	private notify(): void {
		for (const listener of this.listeners) listener();
	}

	whenStarted(): Promise<void> {
		return this.started;
	}

	/** Writes keys to the terminal; resolves with the driver-clock time they were written. */
	write(keys: string): Promise<number> {
		const id = this.nextWriteId++;
		return new Promise((resolve, reject) => {
			this.writes.set(id, resolve);
			const line = JSON.stringify({write: Buffer.from(keys).toString('base64'), id}) + '\n';
			this.driver.stdin.write(line, (error) => error && reject(error));
		});
	}

	/** What was written from chunk `from` to `to` (exclusive), as one string (escapes included). */
	text(from = 0, to = this.chunks.length): string {
		return Buffer.concat(this.chunks.slice(from, to).map((c) => c.bytes)).toString('utf8');
	}

	/** Resolves once `test` holds for the output, checked on every new chunk. */
	waitFor(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (test()) {
					done();
					resolve();
				} else if (this.exitStatus !== undefined || this.driver.exitCode !== null) {
					done();
					reject(new Error(`the TUI exited while waiting for ${what}`));
				}
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				this.listeners.delete(check);
			};
			this.listeners.add(check);
			check();
		});
	}

	/** Waits until the TUI has written nothing for `quietMs` (or `timeoutMs` passes). */
	async settle(quietMs: number, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let seen = this.chunks.length;
		while (Date.now() < deadline) {
			await sleep(quietMs);
			if (this.chunks.length === seen) return;
			seen = this.chunks.length;
		}
	}

	/** Ends the TUI (SIGTERM, then SIGKILL) and the driver; safe to call more than once. */
	async kill(): Promise<void> {
		if (this.pid > 0 && this.exitStatus === undefined) {
			signalProcess(this.pid, 'SIGTERM');
			const exited = await Promise.race([
				this.exited.then(() => true),
				sleep(2000).then(() => false),
			]);
			if (!exited) signalProcess(this.pid, 'SIGKILL');
		}
		this.driver.stdin.end();
		if (this.driver.exitCode === null) {
			const exited = await Promise.race([
				this.exited.then(() => true),
				sleep(2000).then(() => false),
			]);
			if (!exited) this.driver.kill('SIGKILL');
		}
	}
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// Already gone.
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
