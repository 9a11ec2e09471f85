/**
 * How current one polled data set is, as pure transitions. The rule the whole UI relies on: a
 * failure never forgets when data was last fetched — the data stays on screen, marked stale.
 */

export type FailureKind = 'throttled' | 'other';

export interface DataError {
	readonly kind: FailureKind;
	readonly message: string;
}

export interface DataStatus {
	/** When the last successful fetch completed; kept through any number of failures. */
	readonly fetchedAt?: number;
	/** The last attempt's failure; cleared by the next success. */
	readonly error?: DataError;
	/** When the current streak of failures began; cleared by the next success. */
	readonly staleSince?: number;
	readonly inFlight: boolean;
	readonly consecutiveFailures: number;
	/** When the next automatic run is armed for; absent while paused, disabled or running. */
	readonly nextRunAt?: number;
	/**
	 * How often the data is fetched when all is well, as of the last fetch: a slow tier (60 s)
	 * or a paced one (20,000 tasks) ages into staleness at three of its own intervals, not three
	 * refreshes. Absent: the refresh interval.
	 */
	readonly cadenceMs?: number;
}

export const initialDataStatus: DataStatus = {inFlight: false, consecutiveFailures: 0};

/**
 * Data is stale once it is older than three refresh intervals: a poll or two may fail or run late
 * without a warning, and the header's `STALE since HH:MM:SS` then names a time that does not tick.
 */
export const STALE_AFTER_INTERVALS = 3;

export function started(status: DataStatus): DataStatus {
	return {...status, inFlight: true, nextRunAt: undefined};
}

export function succeeded(status: DataStatus, at: number, cadenceMs?: number): DataStatus {
	return {
		fetchedAt: at,
		inFlight: false,
		consecutiveFailures: 0,
		nextRunAt: status.nextRunAt,
		...(cadenceMs === undefined ? {} : {cadenceMs}),
	};
}

/**
 * A run that found nothing due (a paced tier asked again too soon): nothing was fetched, so the
 * data is exactly as old as it was, and a failure streak is not over either.
 */
export function notDue(status: DataStatus): DataStatus {
	return {...status, inFlight: false};
}

export function failed(status: DataStatus, at: number, error: DataError): DataStatus {
	return {
		...status,
		error,
		staleSince: status.staleSince ?? at,
		inFlight: false,
		consecutiveFailures: status.consecutiveFailures + 1,
	};
}

/** An aborted run says nothing about the data: neither fresher nor failed. */
export function cancelled(status: DataStatus): DataStatus {
	return {...status, inFlight: false};
}

export function scheduled(status: DataStatus, nextRunAt: number | undefined): DataStatus {
	return {...status, nextRunAt};
}

/** Stale: the last attempt failed, or the data is older than three of its intervals. */
export function isStale(status: DataStatus, now: number, refreshMs: number): boolean {
	return staleSinceAt(status, now, refreshMs) !== undefined;
}

/**
 * The moment the data became stale, for `STALE since 12:31:05`: it does not move while the
 * data stays stale, so the header need not be redrawn every second. Undefined while fresh,
 * and before the first fetch unless that one failed (loading is not stale).
 */
export function staleSinceAt(
	status: DataStatus,
	now: number,
	refreshMs: number,
): number | undefined {
	const agedOutAt =
		status.fetchedAt === undefined ? undefined : status.fetchedAt + staleAfterMs(status, refreshMs);
	const aged = agedOutAt !== undefined && now > agedOutAt ? agedOutAt : undefined;
	if (status.error === undefined) return aged;
	const failedSince = status.staleSince ?? now;
	return aged === undefined ? failedSince : Math.min(aged, failedSince);
}

/** How old the data may get before it is stale: three of its own intervals. */
export function staleAfterMs(status: DataStatus, refreshMs: number): number {
	return STALE_AFTER_INTERVALS * Math.max(refreshMs, status.cadenceMs ?? 0);
}

export function sameStatus(a: DataStatus, b: DataStatus): boolean {
	return (
		a.fetchedAt === b.fetchedAt &&
		a.error?.kind === b.error?.kind &&
		a.error?.message === b.error?.message &&
		a.staleSince === b.staleSince &&
		a.inFlight === b.inFlight &&
		a.consecutiveFailures === b.consecutiveFailures &&
		a.nextRunAt === b.nextRunAt &&
		a.cadenceMs === b.cadenceMs
	);
}
