// D starts the same revision again: on a service whose last rollout failed or whose tasks keep
// dying, the confirmation says so before anything is sent. The demo's checkout-worker crash-loops.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {primaryDeployment} from '../../../source/model/service.js';
import {focus, startActionFleet, type ActionFleet} from './action-fixture.js';

let fleet: ActionFleet;
beforeEach(async () => {
	fleet = await startActionFleet();
});
afterEach(async () => {
	await fleet.close();
});

describe('D on a troubled service', () => {
	it('warns that the tasks crash-loop or the rollout failed; a healthy service gets no such warning', async () => {
		const web = await focus(fleet, 'web');
		const service = (name: string) =>
			fleet.store.getState().clusterViews[web]!.services.find((s) => s.name === name)!;
		// Long enough for the crash loop to fail a few tasks (and maybe trip the circuit breaker).
		await fleet.advanceAndRefresh(15 * 60_000, 60_000);
		const worker = service('checkout-worker');
		const primary = primaryDeployment(worker);
		expect(primary?.failedTasks ?? 0).toBeGreaterThanOrEqual(2);

		const plan = fleet.runner.plan({
			kind: 'force-deployment',
			clusterArn: web,
			serviceArn: worker.arn,
		});
		if (!plan.ok) throw new Error(plan.refusal);
		const warnings = plan.plan.warnings.join('\n');
		expect(warnings).toMatch(
			/checkout-worker's tasks are crash-looping \(\d+ tasks failed\): a new deployment of the same checkout-worker:\d+ will not fix that/,
		);
		if (primary?.rolloutState === 'FAILED') {
			expect(warnings).toContain('The last deployment of checkout-worker failed');
		}

		const healthy = fleet.runner.plan({
			kind: 'force-deployment',
			clusterArn: web,
			serviceArn: service('redis').arn,
		});
		expect(healthy.ok && healthy.plan.warnings).toEqual([]);
		expect(await fleet.writeRequests()).toEqual([]);
	}, 60_000);
});
