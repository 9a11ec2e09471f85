/**
 * Notices that the terminal is no longer ecs-top's although nothing told it so. When the shell
 * that started ecs-top is killed (SIGKILL: it cannot pass on a hang-up), ecs-top is orphaned in
 * a background process group: the kernel sends it nothing, the shell behind prints its prompt,
 * and ecs-top would go on drawing under it until a key made a read fail. So once a second: is
 * the parent still there, and (on Linux) is ecs-top's process group still the terminal's
 * foreground group?
 */
import {readFileSync} from 'node:fs';

type ProcessFacts = {readonly ppid: number; readonly pgrp: number; readonly tpgid: number};

/** From /proc/self/stat (Linux): the fields after the command name, which may hold spaces. */
function procFacts(): ProcessFacts | undefined {
	try {
		const stat = readFileSync('/proc/self/stat', 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// state ppid pgrp session tty_nr tpgid ...
		const [ppid, pgrp, tpgid] = [fields[1], fields[2], fields[5]].map(Number);
		if (![ppid, pgrp, tpgid].every((value) => Number.isInteger(value))) return undefined;
		return {ppid: ppid!, pgrp: pgrp!, tpgid: tpgid!};
	} catch {
		return undefined;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export type TerminalWatchOptions = {
	readonly intervalMs?: number;
	/** Tests pass their own view of the process. */
	readonly facts?: () => ProcessFacts | undefined;
	readonly parentAlive?: (pid: number) => boolean;
};

/** Calls `onGone` once with the reason; returns the function that stops watching. */
export function watchTerminal(
	onGone: (reason: string) => void,
	options: TerminalWatchOptions = {},
): () => void {
	const facts = options.facts ?? procFacts;
	const parentAlive = options.parentAlive ?? isAlive;
	const start = facts();
	const parent = start?.ppid ?? process.ppid;
	// Only a group that held the terminal can lose it (a TUI started in the background has
	// other troubles, and no /proc means no check).
	const wasForeground = start !== undefined && start.tpgid > 0 && start.tpgid === start.pgrp;
	const check = () => {
		const now = facts();
		let reason: string | undefined;
		if (parent > 1 && (!parentAlive(parent) || (now !== undefined && now.ppid !== parent))) {
			reason = `the process that started ecs-top (pid ${parent}) is gone`;
		} else if (wasForeground && now !== undefined && now.tpgid !== now.pgrp) {
			reason = 'another process group has taken over the terminal';
		}
		if (reason === undefined) return;
		clearInterval(timer);
		onGone(reason);
	};
	const timer = setInterval(check, options.intervalMs ?? 1_000);
	// Never the reason ecs-top keeps running.
	timer.unref();
	return () => clearInterval(timer);
}
