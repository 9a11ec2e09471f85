import {describe, expect, it} from 'vitest';
import {
	cancelled,
	failed,
	initialDataStatus,
	isStale,
	staleSinceAt,
	started,
	succeeded,
	type DataStatus,
} from '../../source/store/data-status.js';

const refresh = 5_000;
const throttled = {kind: 'throttled', message: 'Rate exceeded'} as const;

function fetchedAt(at: number): DataStatus {
	return succeeded(started(initialDataStatus), at);
}

describe('data status transitions', () => {
	it('keeps the last fetch time through failures, so data is marked stale, never blanked', () => {
		const once = failed(started(fetchedAt(1_000)), 6_000, throttled);
		const twice = failed(started(once), 11_000, {kind: 'other', message: 'socket hang up'});
		expect(twice).toMatchObject({
			fetchedAt: 1_000,
			error: {kind: 'other', message: 'socket hang up'},
			staleSince: 6_000,
			consecutiveFailures: 2,
			inFlight: false,
		});
	});

	it('clears the error, the failure streak and staleSince on the next success', () => {
		const failing = failed(started(fetchedAt(1_000)), 6_000, throttled);
		const recovered = succeeded(started(failing), 12_000);
		expect(recovered).toEqual({fetchedAt: 12_000, inFlight: false, consecutiveFailures: 0});
	});

	it('tracks a run in flight and forgets it when the run is aborted, without touching the data', () => {
		const running = started(fetchedAt(1_000));
		expect(running.inFlight).toBe(true);
		expect(cancelled(running)).toEqual({...fetchedAt(1_000), inFlight: false});
	});
});

describe('isStale / staleSinceAt', () => {
	it('is fresh up to three refresh intervals after a fetch and stale past them', () => {
		const status = fetchedAt(10_000);
		expect(isStale(status, 10_000 + 3 * refresh, refresh)).toBe(false);
		expect(isStale(status, 10_000 + 3 * refresh + 1, refresh)).toBe(true);
	});

	it('is stale as soon as the last attempt failed, even with young data', () => {
		const status = failed(started(fetchedAt(10_000)), 11_000, throttled);
		expect(isStale(status, 11_000, refresh)).toBe(true);
		expect(staleSinceAt(status, 11_000, refresh)).toBe(11_000);
	});

	it('is not stale while the very first fetch is still loading, but is once it fails', () => {
		expect(isStale(started(initialDataStatus), 60_000, refresh)).toBe(false);
		const firstFailed = failed(started(initialDataStatus), 2_000, throttled);
		expect(staleSinceAt(firstFailed, 60_000, refresh)).toBe(2_000);
	});

	it('reports a "since" that does not move while the data stays stale (no ticking header)', () => {
		const status = fetchedAt(10_000);
		const agedOut = 10_000 + 3 * refresh;
		expect(staleSinceAt(status, agedOut + 1, refresh)).toBe(agedOut);
		expect(staleSinceAt(status, agedOut + 60_000, refresh)).toBe(agedOut);
		// A failure long after aging out does not make the data look newer.
		const laterFailure = failed(started(status), agedOut + 30_000, throttled);
		expect(staleSinceAt(laterFailure, agedOut + 40_000, refresh)).toBe(agedOut);
	});
});
