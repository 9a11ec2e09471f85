/**
 * The live TUI: a session (connection, store, pollers) rendered by Ink on the alternate screen.
 * The terminal is restored however the process ends (q, Ctrl-C, SIGTERM, SIGHUP, a crash), and
 * nothing is printed behind Ink's back: stray stderr output and Node warnings go to the log file.
 */
import {render, type Instance} from 'ink';
import {switchedOptions, type AppOptions, type SwitchTarget} from '../options.js';
import type {ActionRunner} from '../store/writes/types.js';
import {printableLine} from '../text/printable.js';
import {createFleetStore, type FleetStore} from '../store/fleet-store.js';
import {createServiceSearch, runServiceSearch} from '../store/service-search.js';
import {createFrameClock, FrameClockContext} from '../ui/dialogs/confirm-guard.js';
import {App} from '../ui/app.js';
import {FleetStoreContext} from '../ui/hooks/use-fleet.js';
import {createTheme, ThemeContext, themeOptionsFrom} from '../ui/theme.js';
import {
	connectionLabel,
	endpointBeforeConnecting,
	regionBeforeConnecting,
} from './connection-target.js';
import type {ConnectOptions} from './connection.js';
import {mfaSessionCredentials} from './mfa-prompt.js';
import {appendLog, logFilePath} from './log-file.js';
import type {Wiring} from './session.js';
import {watchTerminal} from './terminal-watch.js';
import {closeHungUpTerminalsOnExit} from './hung-up-terminal.js';
import {createTerminalHandOff} from './terminal-hand-off.js';
import {createWholeFrame} from './whole-frame.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
// Erased before it is left: tmux (3.3) rewraps the alternate screen to the size the window had
// when ecs-top started, and a frame drawn wider after the window grew spilled its wrapped parts
// into the pane's history, which the shell's screen shares: lines of the last frame showed up
// among the shell's after q.
const leaveAlternateScreen = '\u001B[2J\u001B[?1049l';
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';
// Bracketed paste: while ecs-top runs, the terminal marks pasted text (ESC[200~ … ESC[201~), so
// a paste is taken as text, never as keys. Turned off on every way out, or the shell after
// ecs-top would receive its pastes wrapped in those markers.
const bracketedPasteOn = '\u001B[?2004h';
const bracketedPasteOff = '\u001B[?2004l';
/** How long quitting waits for the AWS clients and the demo's simulator to close. */
const closeTimeoutMs = 2000;

/**
 * A store shown at once, and its wiring to AWS, which comes later: the SDK (and for --demo the
 * simulator) takes longer to load than the first frame takes to draw, and the panes say
 * `loading…` meanwhile.
 */
type Session = {
	store: FleetStore;
	wiring: Promise<Wiring>;
	/** Undefined until wired: keys that change things say they are not available meanwhile. */
	actions: ActionRunner | undefined;
};

function openSession(options: AppOptions, connectOptions: ConnectOptions): Session {
	const log = logFilePath();
	const store = createFleetStore({
		refreshMs: options.refreshMs,
		connection: {
			region: regionBeforeConnecting(options),
			profile: connectionLabel(options),
			endpoint: endpointBeforeConnecting(options),
		},
	});
	// Its own chunk in the build, compiled only once this runs (with it, the SDK when it runs here).
	const wiring = import('./session.js').then(({wireSession}) =>
		wireSession(options, store, connectOptions, (line) => appendLog(log, line)),
	);
	const session: Session = {store, wiring, actions: undefined};
	void wiring.then(
		(wired) => (session.actions = wired.actions),
		() => {}, // Whoever waits for the wiring hears of its failure.
	);
	return session;
}

/** Waits for the wiring if it is still coming: quitting while connecting must close it too. */
async function closeSession(session: Session): Promise<void> {
	let wiring: Wiring;
	try {
		wiring = await session.wiring;
	} catch {
		return; // Never connected: nothing to close.
	}
	await wiring.close();
}

/** How long a switch waits for the other profile's or region's first clusters. */
const switchTimeoutMs = 20_000;

export type SwitchOutcome =
	| {readonly ok: true; readonly session: Session; readonly options: AppOptions}
	| {readonly ok: false; readonly message: string};

/**
 * The session that `:profile` or `:region` switches to, opened beside the current one and handed
 * over only once it works: first checked as the command line is (`checkAwsConfig`), then its
 * first clusters must come in. Otherwise it is closed again, and the message says why; the
 * current session has not been touched.
 */
export async function openSwitchedSession(
	current: AppOptions,
	initial: AppOptions,
	target: SwitchTarget,
	connectOptions: ConnectOptions,
	env: NodeJS.ProcessEnv = process.env,
	timeoutMs = switchTimeoutMs,
): Promise<SwitchOutcome> {
	const next = await switchedOptions(current, initial, target, env);
	if (!next.ok) return {ok: false, message: next.error};
	const session = openSession(next.value, connectOptions);
	let problem: string | undefined;
	try {
		await session.wiring;
		const {firstAnswer} = await import('./session.js');
		problem = await firstAnswer(session.store, timeoutMs);
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	}
	if (problem === undefined) return {ok: true, session, options: next.value};
	await closeSession(session).catch(() => {});
	const where = [
		next.value.profile === undefined ? undefined : `profile ${next.value.profile}`,
		next.value.region,
	].filter((part) => part !== undefined);
	return {
		ok: false,
		message: `not switched${where.length > 0 ? ` to ${where.join(' in ')}` : ''}: ${problem}`,
	};
}

/**
 * `connectOptions` gives --demo its simulator and the AWS SDK its thread; cli.tsx starts both
 * before this module is even loaded. Without them, both run in this process.
 */
export async function runTui(
	initial: AppOptions,
	startOptions: ConnectOptions = {},
): Promise<number> {
	// A role that needs an MFA code asks for it on the normal screen, before the live view.
	const mfa = await mfaSessionCredentials(initial);
	if (!mfa.ok) {
		process.stderr.write(`ecs-top: ${mfa.error}\n`);
		return mfa.exitCode;
	}
	const log = logFilePath();
	// Set once Ink renders; the restore and switch paths need it before then as well.
	const ink: {instance?: Instance} = {};
	// `e` and `F`: the terminal goes to the `aws` CLI and comes back as it was. Ink believes its
	// last frame is still on screen: the next one is drawn whole (docs/exec.md).
	const wholeFrame = createWholeFrame(process.stdout);
	const handOff = createTerminalHandOff({
		release: () => process.stdout.write(bracketedPasteOff + showCursor + leaveAlternateScreen),
		retake: () => {
			process.stdout.write(enterAlternateScreen + hideCursor + bracketedPasteOn);
			wholeFrame.request();
			if (!restored) ink.instance?.rerender(app());
		},
		log: (line) => appendLog(log, line),
	});
	const connectOptions: ConnectOptions = {
		...startOptions,
		sessionCredentials: mfa.credentials,
		handOff,
	};
	// `color` already weighed NO_COLOR against --color and the config file (a flag wins).
	const theme = createTheme(
		themeOptionsFrom({...process.env, NO_COLOR: undefined}, {noColor: !initial.color}),
	);
	let options = initial;
	// Its wiring loads while the first frame is drawn, and fails through `crash` (below).
	let session = openSession(options, connectOptions);
	// --service NAME: looked for once the first session is wired; the screen starts on it.
	const serviceSearch =
		initial.service === undefined ? undefined : createServiceSearch(initial.service);
	if (serviceSearch !== undefined) {
		const {store} = session;
		session.wiring.then(
			(wired) =>
				runServiceSearch(serviceSearch, wired.connection.adapters.ecs, store, initial.clusters),
			() => {}, // A session that does not connect says why itself.
		);
	}
	let restored = false;
	let generation = 0;

	// Anything written to stderr while Ink owns the screen would corrupt the frame: keep it.
	const originalStderrWrite = process.stderr.write.bind(process.stderr);
	const originalEmitWarning = process.emitWarning.bind(process);
	// It stays captured until the process exits: Ink's exit hook shows the cursor on stderr
	// after we are done, and `ecs-top 2>err.log` must not collect that escape code.
	process.stderr.write = ((chunk: string | Uint8Array) => {
		const text = String(chunk);
		// eslint-disable-next-line no-control-regex -- terminal control sequences are the point here
		if (text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').trim() !== '')
			appendLog(log, `stderr: ${text.trimEnd()}`);
		return true;
	}) as typeof process.stderr.write;
	process.emitWarning = ((warning: string | Error) => {
		appendLog(log, `warning: ${typeof warning === 'string' ? warning : warning.message}`);
	}) as typeof process.emitWarning;

	const restoreTerminal = () => {
		if (restored) return;
		restored = true;
		// Each step on its own: a terminal that has gone fails some of them (EIO), not the rest.
		try {
			ink.instance?.unmount();
		} catch (error) {
			appendLog(log, `while restoring the terminal: ${(error as Error).message}`);
		}
		try {
			process.stdout.write(bracketedPasteOff + showCursor + leaveAlternateScreen);
		} catch {
			// Nothing left to write to.
		}
		process.emitWarning = originalEmitWarning;
	};

	let finish!: (code: number) => void;
	const finished = new Promise<number>((resolve) => (finish = resolve));
	// Set once the session is ending: a failure while ending (writing to a terminal that has just
	// closed fails with EIO) must end the process, not start another round of restoring.
	let ending = false;
	const quit = (code = 0) => {
		if (ending) return;
		ending = true;
		restoreTerminal();
		finish(code);
	};

	const crash = (error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		if (ending) {
			appendLog(log, `while ending: ${message}`);
			process.exit(1);
		}
		ending = true;
		appendLog(log, `crash: ${error instanceof Error ? (error.stack ?? message) : message}`);
		try {
			restoreTerminal();
			originalStderrWrite(`ecs-top crashed: ${printableLine(message)}\nDetails are in ${log}\n`);
		} catch {
			// The terminal is gone; the log has it.
		}
		finish(1);
	};
	// The terminal went away (window closed, tmux killed, SSH dropped, the parent shell killed):
	// end instead of retrying writes that keep failing, restoring what can still be restored and
	// closing the session (a write in flight gets its audit line). Once ending, the exit is
	// already coming (bounded by closeTimeoutMs), and Ink no longer draws.
	const terminalGone = (reason: string, code = 0) => {
		if (ending) return;
		appendLog(log, `terminal gone (${reason}): exiting`);
		quit(code);
	};
	const onTerminalError = (error: NodeJS.ErrnoException) =>
		terminalGone(
			`terminal failed: ${error.code ?? error.message}`,
			error.code === 'EIO' || error.code === 'EPIPE' ? 0 : 1,
		);
	process.stdout.on('error', onTerminalError);
	process.stdin.on('error', onTerminalError);
	process.stdin.on('end', () => terminalGone('end of input'));
	watchTerminal(terminalGone);
	const onSignal = () => quit(0);
	closeHungUpTerminalsOnExit();
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);

	// Tells a confirmation dialog when the frame showing it has been written (confirm-guard.ts).
	const frameClock = createFrameClock();
	const app = () => (
		<ThemeContext.Provider value={theme}>
			<FrameClockContext.Provider value={frameClock}>
				<FleetStoreContext.Provider key={generation} value={session.store}>
					<App
						readOnly={options.readOnly}
						actions={session.actions}
						onQuit={() => quit(0)}
						onSwitch={switchTo}
						startService={generation === 0 ? serviceSearch : undefined}
					/>
				</FleetStoreContext.Provider>
			</FrameClockContext.Provider>
		</ThemeContext.Provider>
	);

	// `:region` / `:profile`: a new session against the other account or region, same screen. The
	// current one keeps running until the new one works; a switch that does not is refused, with
	// the reason as the result (for the status line) and in the log. A later switch supersedes
	// one still connecting.
	let switches = 0;
	const switchTo = async (target: SwitchTarget): Promise<string | undefined> => {
		const attempt = ++switches;
		const outcome = await openSwitchedSession(options, initial, target, connectOptions);
		if (!outcome.ok) {
			appendLog(log, `switch refused: ${outcome.message}`);
			return outcome.message;
		}
		if (attempt !== switches || ending) {
			await closeSession(outcome.session).catch(() => {});
			return undefined;
		}
		const previous = session;
		session = outcome.session;
		options = outcome.options;
		generation++;
		ink.instance?.rerender(app());
		await closeSession(previous).catch((error: unknown) =>
			appendLog(log, `while closing the previous session: ${(error as Error).message}`),
		);
		return undefined;
	};

	process.stdout.write(enterAlternateScreen + bracketedPasteOn);
	ink.instance = render(app(), {
		onRender: () => {
			wholeFrame.frameDrawn();
			frameClock.frameDrawn();
		},
		exitOnCtrlC: false,
		patchConsole: false,
		incrementalRendering: process.env['ECS_TOP_FULL_FRAMES'] === undefined,
		maxFps: options.maxFps,
	});
	// The first frame is out: now the connection, then the pollers fill the panes. Once quitting,
	// the screen is no longer Ink's to draw on, and a failure to connect is no crash.
	session.wiring.then(
		() => {
			if (!restored) ink.instance?.rerender(app());
		},
		(error: unknown) => {
			if (ending) appendLog(log, `while connecting: ${(error as Error).message}`);
			else crash(error);
		},
	);

	const code = await finished;
	// The handlers stay until the process exits: without ours, signal-exit (loaded by Ink) would
	// re-raise a SIGTERM or SIGHUP arriving during the teardown, and ecs-top would end killed by
	// that signal instead of with its exit code. The teardown is bounded: the screen is already
	// restored, and a connection that does not close must not leave the user at a hung prompt.
	await Promise.race([
		closeSession(session).catch((error: unknown) =>
			appendLog(log, `while closing: ${(error as Error).message}`),
		),
		new Promise((resolve) => setTimeout(resolve, closeTimeoutMs)),
	]);
	return code;
}
