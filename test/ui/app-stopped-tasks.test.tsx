// `t` in the tasks pane: the scope's recently stopped tasks and why they stopped, over the real
// pollers and the simulator. A crash-looping service shows no running task to look at; its
// stopped ones are where the reason is.
import {ListTasksCommand, StopTaskCommand} from '@aws-sdk/client-ecs';
import {describe, expect, it} from 'vitest';
import {demoFleetPerTest, keys, renderApp} from './app-fixture.js';

const demo = demoFleetPerTest();

describe('t, stopped tasks', () => {
	it('lists the tasks stopped in the scope with their stop reason, and t goes back to running ones', async () => {
		const listed = await demo.fleet.clients.ecs.send(
			new ListTasksCommand({cluster: 'batch', serviceName: 'sim-runner', desiredStatus: 'RUNNING'}),
		);
		const stoppedArn = listed.taskArns![0]!;
		const stoppedId = stoppedArn.split('/').at(-1)!.slice(0, 8);
		await demo.fleet.clients.ecs.send(
			new StopTaskCommand({cluster: 'batch', task: stoppedArn, reason: 'out of disk on scratch'}),
		);

		const app = await renderApp({store: demo.fleet.store, columns: 200, rows: 50});
		// batch is the first cluster, sim-runner its one service: its tasks (the tasks pane may
		// show the service's or, once the services pane lets go of it, the cluster's; both hold it).
		await app.press('3');
		await app.waitFor((f) => /Services \(batch\) \[1\/1\]/.test(f), 15_000);
		await app.press('4');
		await app.waitFor((f) => /Tasks \((batch|sim-runner)\) \[1\/\d+\]/.test(f), 15_000);
		expect(app.frame()).not.toContain(stoppedId);
		expect(demo.fleet.store.getState().stoppedTasksScope).toBeUndefined();

		await app.press(keys.escape, 't');
		await app.waitFor((f) => /Stopped tasks \((batch|sim-runner)\) \[1\/\d+\]/.test(f), 15_000);
		// batch's jobs end on their own: find the one stopped here among them.
		await app.press('/', ...stoppedId, keys.enter);
		const frame = await app.waitFor(
			(f) =>
				f
					.split('\n')
					.some((line) => line.startsWith(`│  ${stoppedId}`) || line.startsWith(`│> ${stoppedId}`)),
			15_000,
		);
		const row = frame
			.split('\n')
			.find((line) => /^│[> ] /u.test(line) && line.includes(`${stoppedId} `))!;
		// The reason given to StopTask, under the columns that say why tasks stopped, the most
		// recent stop first.
		expect(row).toContain('out of disk on scratch');
		expect(frame).toMatch(/│ {2}ID +STOPPED▲ +EXIT +REASON +TASKDEF +INSTANCE +│/u);
		// Stopped tasks are fetched only while shown.
		expect(demo.fleet.store.getState().stoppedTasksScope).toBeDefined();

		await app.press(keys.escape, 't');
		await app.waitFor(
			(f) => /\bTasks \((batch|sim-runner)\) \[1\/\d+\]/.test(f) && !f.includes('Stopped tasks'),
			5_000,
		);
		expect(app.frame()).not.toContain(stoppedId);
		expect(demo.fleet.store.getState().stoppedTasksScope).toBeUndefined();
	});
});
