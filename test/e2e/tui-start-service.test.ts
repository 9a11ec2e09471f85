// `ecs-top --demo --service NAME` as a user starts it, in a real terminal: the live view comes up
// on that service (its cluster found among the account's), or says that no cluster has it.
import {afterEach, describe, expect, it} from 'vitest';
import {demoCommand, TmuxTerminal} from './tmux.js';

describe('--service NAME in the live view', () => {
	let terminal: TmuxTerminal;

	afterEach(async () => {
		await terminal.kill();
	});

	it('starts on the service, in the cluster that has it', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(`${demoCommand} --service checkout-worker`, {columns: 160, rows: 40});
		// The tasks are the service's from the start; its cluster's services arrive beside them,
		// with the selection on it (a loaded machine can draw the services a frame before that).
		const screen = await terminal.waitFor(
			'the service selected and its tasks',
			(s) =>
				/Tasks \(checkout-worker\)/.test(s.text) &&
				/Services \(web\) \[2\/4\]/.test(s.text) &&
				/^│> checkout-worker /mu.test(s.text),
		);
		expect(screen.text).toMatch(/Services \(web\) \[2\/4\]/);
		expect(screen.text).toMatch(/^│> checkout-worker /mu);
	});

	it('says so when no cluster has it', async () => {
		terminal = new TmuxTerminal();
		await terminal.start(`${demoCommand} --service nope`, {columns: 160, rows: 40});
		await terminal.waitFor('the not-found message', (s) =>
			s.text.includes('no cluster has a service named nope (looked in 3 clusters)'),
		);
	});
});
