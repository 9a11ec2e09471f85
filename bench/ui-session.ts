/**
 * The built TUI on a pty, as the UI bench drives it: started against --demo or a simulator URL,
 * with its log kept out of the user's state directory, and typed at like a person would (one key
 * per write: Ink hands a multi-key write to the app as one pasted string, which list keys ignore).
 */
import {ECSClient} from '@aws-sdk/client-ecs';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {plainText} from './ui-frames.js';
import {PtyProcess, sleep} from './ui-pty.js';

export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface TuiOptions {
	args: string[];
	rows: number;
	columns: number;
	/**
	 * Node flags (e.g. --cpu-prof): the CLI is then started as `node FLAGS cli.js`, without the
	 * flags its launcher lines add. Without them it is run as a command, as the installed bin is.
	 */
	nodeFlags?: string[];
	/** Another build's cli.js (default this checkout's dist/cli.js): before/after in one run. */
	cli?: string;
}

export const simCredentials = {
	AWS_ACCESS_KEY_ID: 'AKIDUIBENCH',
	AWS_SECRET_ACCESS_KEY: 'ui-bench',
	AWS_REGION: 'us-east-1',
};

/** An ECS client for a bench's own calls to the simulator the TUI watches. */
export function simEcsClient(url: string): ECSClient {
	return new ECSClient({
		endpoint: url,
		region: simCredentials.AWS_REGION,
		credentials: {
			accessKeyId: simCredentials.AWS_ACCESS_KEY_ID,
			secretAccessKey: simCredentials.AWS_SECRET_ACCESS_KEY,
		},
	});
}

export class TuiSession {
	readonly pty: PtyProcess;
	readonly stateDir = mkdtempSync(join(tmpdir(), 'ecs-top-ui-bench-'));

	constructor(options: TuiOptions) {
		const cli = options.cli ?? cliPath;
		this.pty = new PtyProcess(
			options.nodeFlags === undefined
				? [cli, ...options.args]
				: [process.execPath, ...options.nodeFlags, cli, ...options.args],
			{
				rows: options.rows,
				columns: options.columns,
				env: {
					...process.env,
					...simCredentials,
					TERM: 'xterm-256color',
					XDG_STATE_HOME: this.stateDir,
					AWS_EC2_METADATA_DISABLED: 'true',
				},
			},
		);
	}

	/** All output so far without escapes. Cheap enough for a bench: frames are a few KB. */
	plain(from = 0): string {
		return plainText(this.pty.text(from));
	}

	waitForText(what: string, pattern: RegExp, timeoutMs: number, from = 0): Promise<void> {
		// Matching the whole history on every chunk is quadratic; keep a rolling tail instead.
		let scanned = from;
		let tail = '';
		return this.pty.waitFor(
			what,
			() => {
				if (this.pty.chunks.length === scanned) return false;
				tail = (tail + this.plain(scanned)).slice(-200_000);
				scanned = this.pty.chunks.length;
				return pattern.test(tail);
			},
			timeoutMs,
		);
	}

	/**
	 * Types keys one write at a time, each only once the previous one shows on screen: while the
	 * app is busy (a refresh of 20,000 tasks), keys written 40 ms apart reach it as one string,
	 * which Ink delivers as a paste that list keys ignore.
	 */
	async type(keys: string[]): Promise<void> {
		for (const key of keys) {
			const mark = this.pty.chunks.length;
			await this.pty.write(key);
			const echo = key === enterKey ? undefined : new RegExp(`${escapeRegExp(key)}_`, 'u');
			if (echo) await this.waitForText(`"${key}" on the prompt line`, echo, 10_000, mark);
			else await sleep(40);
		}
	}

	/** VmRSS and VmHWM of the TUI process, in MB (Linux only). */
	memory(): {rssMb: number; peakMb: number} | undefined {
		try {
			const status = readFileSync(`/proc/${this.pty.pid}/status`, 'utf8');
			const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1]);
			return {rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024};
		} catch {
			return undefined;
		}
	}

	/** User + system CPU the TUI has used so far, in ms: a figure that load on the machine inflates less than wall time. */
	cpuMs(): number | undefined {
		try {
			const fields = readFileSync(`/proc/${this.pty.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			// utime and stime are fields 14 and 15 of stat, counted from the state (field 3).
			const ticks = Number(fields[11]) + Number(fields[12]);
			return (ticks * 1000) / 100;
		} catch {
			return undefined;
		}
	}

	/** What the TUI logged (crashes, stray stderr), for a failed run's message. */
	log(): string {
		try {
			return readFileSync(join(this.stateDir, 'ecs-top', 'ecs-top.log'), 'utf8').slice(-2000);
		} catch {
			return '';
		}
	}

	/** q, then the pty driver's SIGTERM/SIGKILL if the TUI does not leave. */
	async close(): Promise<void> {
		if (this.pty.exitStatus === undefined && this.pty.pid > 0) {
			await this.pty.write('q').catch(() => {});
			await Promise.race([
				this.pty.waitFor('exit', () => this.pty.exitStatus !== undefined, 3000).catch(() => {}),
			]);
		}
		await this.pty.kill();
		// Its log and audit files were read by now (a failed run reads log() before closing).
		rmSync(this.stateDir, {recursive: true, force: true});
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

export const escapeKey = '\u001B';
export const enterKey = '\r';

/** Keys for `/text` Enter: the filter takes pasted text, so the text goes in one write. */
export const filterKeys = (text: string) => ['/', text, enterKey];
/** Keys for `:command` Enter. */
export const commandKeys = (command: string) => [':', command, enterKey];
