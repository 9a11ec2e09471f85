/**
 * A clean exit after the terminal hung up (window closed, tmux killed, SSH dropped).
 *
 * On exit Node 20 sets each standard stream that was a terminal when it started back as it was
 * (tcsetattr), and aborts if that fails; on a terminal that hung up it fails (EIO), and the abort
 * then crashed printing its own backtrace: ecs-top died of SIGSEGV (status 139, a core file) after
 * it had restored all it could and closed its session. Later Node versions ignore the failure.
 * Node skips a stream whose descriptor is closed, so one whose terminal hung up is closed as the
 * process exits: nothing can be written to it any more, and there is nothing left to restore.
 */
import {closeSync} from 'node:fs';
import {isatty} from 'node:tty';

/**
 * Closes, from the process's `exit` event on, each of stdin, stdout and stderr that was a
 * terminal at start and is none now: a terminal that hung up answers no terminal request, so
 * `isatty` says no. A terminal still there is left to Node to set back.
 */
export function closeHungUpTerminalsOnExit(): void {
	process.once('exit', () => {
		[process.stdin, process.stdout, process.stderr].forEach((stream, fd) => {
			if (stream.isTTY !== true || isatty(fd)) return;
			try {
				closeSync(fd);
			} catch {
				// Already closed: Node skips it too.
			}
		});
	});
}
