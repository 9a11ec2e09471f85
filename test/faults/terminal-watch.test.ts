// The once-a-second check behind "exit when the terminal is no longer ours", on a made-up view
// of the process: what it reports, and that it stays quiet while nothing changed.
import {describe, expect, it} from 'vitest';
import {watchTerminal} from '../../source/modes/terminal-watch.js';

type Facts = {ppid: number; pgrp: number; tpgid: number};

/** A watch whose `checked(n)` resolves once it has looked at the process `n` more times. */
function watch(facts: () => Facts, parentAlive: (pid: number) => boolean = () => true) {
	const reasons: string[] = [];
	let looks = 0;
	const stop = watchTerminal((reason) => reasons.push(reason), {
		intervalMs: 5,
		facts: () => {
			looks++;
			return facts();
		},
		parentAlive,
	});
	const checked = async (more: number) => {
		const target = looks + more;
		while (looks < target && reasons.length === 0)
			await new Promise((resolve) => setTimeout(resolve, 5));
	};
	return {reasons, stop, checked};
}

describe('watching the terminal', () => {
	it('says nothing while the parent lives and the group holds the terminal', async () => {
		const {reasons, stop, checked} = watch(() => ({ppid: 100, pgrp: 200, tpgid: 200}));
		await checked(5);
		stop();
		expect(reasons).toEqual([]);
	});

	it('reports once when the parent dies, or when ecs-top is handed to another parent', async () => {
		let alive = true;
		const dead = watch(
			() => ({ppid: 100, pgrp: 200, tpgid: 200}),
			() => alive,
		);
		alive = false;
		await dead.checked(2);
		expect(dead.reasons).toEqual(['the process that started ecs-top (pid 100) is gone']);

		let ppid = 100;
		const adopted = watch(() => ({ppid, pgrp: 200, tpgid: 200}));
		ppid = 1;
		await adopted.checked(2);
		expect(adopted.reasons).toHaveLength(1);
	});

	it('reports when another process group takes the terminal, but not for a group that never had it', async () => {
		let tpgid = 200;
		const lost = watch(() => ({ppid: 100, pgrp: 200, tpgid}));
		tpgid = 300;
		await lost.checked(2);
		expect(lost.reasons).toEqual(['another process group has taken over the terminal']);

		const background = watch(() => ({ppid: 100, pgrp: 200, tpgid: 300}));
		await background.checked(5);
		background.stop();
		expect(background.reasons).toEqual([]);
	});
});
