// The header line of the live App: who and where, whether the data is live, the API rate, what
// is wrong and the READ-ONLY badge, each driven by the fleet store as the pollers fill it.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {DataProblem, FleetState} from '../../source/store/fleet-store.js';
import {account, fleetState, fleetStore, now, region, renderApp} from './app-fixture.js';

afterEach(cleanup);

async function headerWith(state: Partial<FleetState>, readOnly = false): Promise<string> {
	const app = await renderApp({store: fleetStore({...fleetState(), ...state}), readOnly});
	return app.lines()[0]!;
}

const problem = (kind: DataProblem['kind'], action?: string): DataProblem => ({
	kind,
	message: `${kind} happened`,
	action,
});

describe('App header', () => {
	it('names the account and region, says live and shows the API rate', async () => {
		const header = await headerWith({});
		expect(header).toMatch(/^ecs-top {2}/);
		expect(header).toContain(account);
		expect(header).toContain(region);
		expect(header).toContain('live');
		// 42 calls in the last minute, rounded to 5 so the header rarely changes.
		expect(header).toContain('API 40/min');
		expect(header).not.toContain('READ-ONLY');
		expect(header).not.toContain('STALE');
	});

	it('shows the profile and says loading before the first clusters fetch', async () => {
		const header = await headerWith({
			connection: {region: 'eu-west-1', profile: 'prod-admin', endpoint: undefined},
			dataSets: {},
		});
		expect(header).toContain('eu-west-1');
		expect(header).toContain('prod-admin');
		expect(header).toContain('loading');
		expect(header).not.toContain('live');
	});

	it('shows the READ-ONLY badge under --read-only', async () => {
		expect(await headerWith({}, true)).toContain('READ-ONLY');
	});

	it('shows THROTTLED once however many data sets are throttled', async () => {
		const header = await headerWith({
			problems: {clusters: problem('throttled'), tasks: problem('throttled')},
		});
		expect(header.match(/THROTTLED/g)).toHaveLength(1);
	});

	it('shows CANNOT REACH AWS on a network failure', async () => {
		expect(await headerWith({problems: {clusters: problem('network')}})).toContain(
			'CANNOT REACH AWS',
		);
	});

	it('names the denied IAM action', async () => {
		const header = await headerWith({
			problems: {metrics: problem('access-denied', 'cloudwatch:GetMetricData')},
		});
		expect(header).toContain('DENIED cloudwatch:GetMetricData');
	});

	it('says STALE since the time the clusters data set started failing', async () => {
		const failedAt = now - 60_000;
		const header = await headerWith({
			dataSets: {
				clusters: {
					// The last success one 5 s interval before the first failure.
					fetchedAt: failedAt - 5_000,
					error: {kind: 'other', message: 'socket hang up'},
					staleSince: failedAt,
					inFlight: false,
					consecutiveFailures: 3,
				},
			},
			problems: {clusters: problem('network')},
		});
		const clock = new Date(failedAt).toTimeString().slice(0, 8);
		expect(header).toContain(`STALE since ${clock}`);
		expect(header).not.toContain('live');
		expect(header).toContain('CANNOT REACH AWS');
	});

	it('follows the store: a problem appears and clears without a key press', async () => {
		const app = await renderApp();
		expect(app.lines()[0]).not.toContain('THROTTLED');
		app.store.setState({problems: {tasks: problem('throttled')}});
		await app.waitFor((frame) => frame.split('\n')[0]!.includes('THROTTLED'));
		app.store.setState({problems: {}});
		await app.waitFor((frame) => !frame.split('\n')[0]!.includes('THROTTLED'));
	});
});
