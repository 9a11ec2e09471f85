/**
 * Runs the poll tiers (cluster summaries, the focused cluster's services, tasks, metrics, ...)
 * on their own cadence. Whoever wires the store supplies each tier's fetch; this module only
 * decides when a tier runs. The rules, and why:
 * - One run per tier at a time, and the next run is timed from the END of the previous one: a
 *   slow API slows polling down instead of piling requests up, as a bare setInterval with no
 *   in-flight guard would.
 * - A failure backs off with jitter, a throttled one more steeply; the first success resets it.
 *   ECS buckets are shared with the user's deploy pipelines, so a monitor must yield.
 * - A failed tier keeps its data: its status keeps `fetchedAt` and is marked stale.
 * - A tier that stops being relevant (focus moved) is aborted through its AbortSignal.
 * - Pause stops automatic runs only; an explicit refreshNow (the `R` key) still runs.
 * - Runs are polls (runAsPoll): a throttled AWS call fails the run at once instead of being
 *   retried by the SDK, so the back-off here is the one thing that paces a throttled account.
 *   The run's AbortSignal reaches its HTTP requests, so aborting a run ends them too.
 * - The user's refresh (`R`) aborts what is in flight and runs again (a run stuck on a hung
 *   endpoint must not hold it), but presses coalesce: within `minUserRefreshGapMs` of one such
 *   refresh's start, further presses make one more refresh at the end of that gap, never more
 *   (holding R once sent hundreds of requests a second).
 * - A run may find nothing due (a paced tier asked again too soon) and say so ('not-due'): that
 *   is no fetch, so the data keeps the age of the last real one.
 * - Each success records the tier's interval then in force (its cadence), so the data ages into
 *   staleness at three of its own intervals, not three refreshes.
 */
import {isThrottlingError} from '../aws/errors.js';
import {runAsPoll} from '../aws/request-counter.js';
import {
	cancelled,
	failed,
	initialDataStatus,
	notDue,
	sameStatus,
	scheduled,
	started,
	succeeded,
	type DataStatus,
	type FailureKind,
} from './data-status.js';
import type {TimerHandle, Timers} from './timers.js';

/** A run that fetched nothing because nothing was due yet: not a fresh fetch. */
export const NOT_DUE = 'not-due';
export type RunResult = void | typeof NOT_DUE;

export interface TierSpec {
	readonly id: string;
	/** Fetches and stores this tier's data; should stop early when `signal` aborts. */
	readonly run: (signal: AbortSignal) => Promise<RunResult>;
	/** A fixed interval (CloudWatch's 60 s); otherwise `intervalFactor` x the base interval. */
	readonly intervalMs?: number;
	/** Multiple of the base (`--refresh`) interval; default 1. */
	readonly intervalFactor?: number;
	/** A longer interval the tier needs now (a paced scope), read after each run. */
	readonly minIntervalMs?: () => number | undefined;
	/** Read at registration and on every reevaluate(): is this tier on screen? Default: yes. */
	readonly enabled?: () => boolean;
	/** Default: failureKindOf, throttled as aws/errors.ts tells it. */
	readonly classify?: (error: unknown) => FailureKind;
}

export interface PollSchedulerOptions {
	readonly timers: Timers;
	/** The `--refresh` interval (its default is config/settings.ts's). */
	readonly baseIntervalMs: number;
	/** Uniform in [0, 1), for jitter; default Math.random. */
	readonly random?: () => number;
	/**
	 * Status changes, batched: everything that changed within one microtask arrives as one
	 * call, so N tiers settling together cost the store one update, not N.
	 */
	readonly onStatus?: (changes: ReadonlyMap<string, DataStatus>) => void;
	/** The longest back-off as a multiple of a tier's interval; default 2 (see backoffDelayMs). */
	readonly maxBackoffFactor?: number;
	/** The least time between the starts of two user refreshes; default 1 s. */
	readonly minUserRefreshGapMs?: number;
}

export interface RefreshOptions {
	/** Abort a run in flight (its focus is outdated) and run again as soon as it has settled. */
	readonly restart?: boolean;
}

export interface PollScheduler {
	/** Adds a tier; it runs at once if the scheduler is started. Returns its unregister. */
	register(spec: TierSpec): () => void;
	start(): void;
	/** Aborts every run in flight and clears every timer. */
	stop(): void;
	pause(): void;
	/** Runs the tiers that fell due while paused, and re-arms the others. */
	resume(): void;
	isPaused(): boolean;
	/**
	 * Runs the tiers now (all enabled ones by default). A tier already running is not run twice
	 * at once: it runs once more right after the current run settles.
	 */
	refreshNow(ids?: readonly string[], options?: RefreshOptions): void;
	/**
	 * The user's refresh (`R`): every enabled tier, aborting runs in flight (a hung endpoint must
	 * not hold the retry). Coalesced: asked again within the minimum gap of the last one's start,
	 * it runs once more at the end of the gap, however often it was asked.
	 */
	refreshForUser(): void;
	/** A coalesced user refresh is waiting for the end of its gap. */
	userRefreshPending(): boolean;
	/** Re-reads every tier's `enabled()` (after a focus change): disabled tiers are aborted. */
	reevaluate(): void;
	/** A switch on top of `enabled()`: a tier runs only when both say yes. */
	setEnabled(id: string, enabled: boolean): void;
	setBaseInterval(ms: number): void;
	status(id: string): DataStatus | undefined;
	/** The tier's normal interval now, e.g. for isStale(). */
	intervalOf(id: string): number | undefined;
}

interface Tier {
	readonly spec: TierSpec;
	status: DataStatus;
	/** setEnabled's switch. */
	allowed: boolean;
	/** The last evaluated allowed && enabled(). */
	active: boolean;
	/** When the next automatic run is due; kept while paused. */
	dueAt: number | undefined;
	timer: TimerHandle | undefined;
	/** Present exactly while a run is in flight: the in-flight guard. */
	controller: AbortController | undefined;
	/** refreshNow arrived during a run: run again right after it, even while paused. */
	rerunRequested: boolean;
	/** Became due during a run (start, re-enable): due right after it, unless paused. */
	dueAfterRun: boolean;
	lastSettledAt: number | undefined;
	registered: boolean;
}

export const DEFAULT_MAX_BACKOFF_FACTOR = 2;
export const DEFAULT_MIN_USER_REFRESH_GAP_MS = 1_000;

/**
 * The wait after a failed run, as "full jitter" above the tier's normal interval: the upper
 * bound grows with consecutive failures (doubling when throttled, by half an interval
 * otherwise) up to `maxFactor` x interval, and the wait is uniform between the interval and
 * that bound. Never below the interval, so backing off never polls faster than normal; the
 * jitter spreads tiers throttled together apart.
 *
 * Why the cap defaults to only 2 intervals: the only way to learn a throttling storm is over is
 * to call again, so the cap is also the worst-case delay before fresh data once it ends. Two
 * intervals keeps recovery within two intervals and always ahead of the three-interval stale
 * threshold, while a storm still costs at least a third fewer calls; the SDK's own retries
 * (standard / adaptive mode) already back off between the attempts inside each run.
 */
export function backoffDelayMs(
	kind: FailureKind,
	consecutiveFailures: number,
	intervalMs: number,
	random: number,
	maxFactor = DEFAULT_MAX_BACKOFF_FACTOR,
): number {
	const n = Math.max(1, consecutiveFailures);
	const growth = kind === 'throttled' ? 2 ** Math.min(n, 30) : 1 + n / 2;
	const ceiling = intervalMs * Math.max(1, Math.min(growth, maxFactor));
	return intervalMs + random * (ceiling - intervalMs);
}

/** How hard a failed run backs off: harder when AWS is throttling (aws/errors.ts decides). */
export function failureKindOf(error: unknown): FailureKind {
	return isThrottlingError(error) ? 'throttled' : 'other';
}

function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message || error.name;
	return String(error);
}

export function createPollScheduler(options: PollSchedulerOptions): PollScheduler {
	const {timers, onStatus} = options;
	const random = options.random ?? Math.random;
	const maxBackoffFactor = options.maxBackoffFactor ?? DEFAULT_MAX_BACKOFF_FACTOR;
	let baseIntervalMs = checkInterval(options.baseIntervalMs);
	const minUserRefreshGapMs = options.minUserRefreshGapMs ?? DEFAULT_MIN_USER_REFRESH_GAP_MS;
	const tiers = new Map<string, Tier>();
	let running = false;
	let paused = false;
	/** The user's refresh: when the last one started, and whether another waits for its gap. */
	let lastUserRefreshAt: number | undefined;
	let userRefreshTimer: TimerHandle | undefined;

	const pendingStatus = new Map<string, DataStatus>();
	let flushQueued = false;
	const flushStatus = () => {
		flushQueued = false;
		if (pendingStatus.size === 0) return;
		const batch = new Map(pendingStatus);
		pendingStatus.clear();
		onStatus?.(batch);
	};

	function update(tier: Tier, next: DataStatus): void {
		if (sameStatus(tier.status, next)) return;
		tier.status = next;
		if (!onStatus || !tier.registered) return;
		pendingStatus.set(tier.spec.id, next);
		if (!flushQueued) {
			flushQueued = true;
			queueMicrotask(flushStatus);
		}
	}

	function intervalOfTier(tier: Tier): number {
		const normal = tier.spec.intervalMs ?? baseIntervalMs * (tier.spec.intervalFactor ?? 1);
		return Math.max(normal, tier.spec.minIntervalMs?.() ?? 0);
	}

	function isEnabled(tier: Tier): boolean {
		return tier.allowed && (tier.spec.enabled?.() ?? true);
	}

	function clearTimer(tier: Tier): void {
		if (tier.timer === undefined) return;
		timers.clearTimeout(tier.timer);
		tier.timer = undefined;
	}

	/** Arms the tier's timer for `dueAt`, or runs it now if due, when automatic runs are allowed. */
	function arm(tier: Tier): void {
		clearTimer(tier);
		const canRun = running && !paused && tier.active && !tier.controller;
		if (!canRun || tier.dueAt === undefined) {
			if (!tier.controller) update(tier, scheduled(tier.status, undefined));
			return;
		}
		const delay = tier.dueAt - timers.now();
		if (delay <= 0) {
			launch(tier);
			return;
		}
		tier.timer = timers.setTimeout(() => {
			tier.timer = undefined;
			arm(tier);
		}, delay);
		update(tier, scheduled(tier.status, tier.dueAt));
	}

	function launch(tier: Tier): void {
		clearTimer(tier);
		tier.dueAt = undefined;
		tier.rerunRequested = false;
		tier.dueAfterRun = false;
		const controller = new AbortController();
		tier.controller = controller;
		update(tier, started(tier.status));
		let result: Promise<RunResult>;
		try {
			result = Promise.resolve(
				runAsPoll(() => tier.spec.run(controller.signal), controller.signal),
			);
		} catch (error) {
			result = Promise.reject(error);
		}
		void result.then(
			(value) => settle(tier, controller, {ok: true, fetched: value !== NOT_DUE}),
			(error: unknown) => settle(tier, controller, {ok: false, error}),
		);
	}

	function settle(
		tier: Tier,
		controller: AbortController,
		outcome: {ok: true; fetched: boolean} | {ok: false; error: unknown},
	): void {
		tier.controller = undefined;
		const now = timers.now();
		tier.lastSettledAt = now;
		if (controller.signal.aborted) {
			update(tier, cancelled(tier.status));
			tier.dueAt = undefined;
		} else if (outcome.ok) {
			const interval = intervalOfTier(tier);
			update(
				tier,
				outcome.fetched
					? succeeded(tier.status, now, interval === baseIntervalMs ? undefined : interval)
					: notDue(tier.status),
			);
			tier.dueAt = now + interval;
		} else {
			const kind = (tier.spec.classify ?? failureKindOf)(outcome.error);
			const next = failed(tier.status, now, {kind, message: errorMessage(outcome.error)});
			update(tier, next);
			// A fixed-interval tier (metrics, once a minute, `intervalMs`) backs off on the base
			// refresh, not its own interval: otherwise one throttled call kept its problem on screen for up to two
			// minutes after a storm, where every other tier healed within two refreshes. A tier
			// refreshed every few refreshes backs off on its own interval when throttled: retrying it
			// faster than it runs when all is well would spend more calls in a storm, not fewer. Any
			// other failure (AWS out of reach, credentials expired) costs AWS's budget nothing, and
			// the data is stale until the retry: it is retried on the base refresh, so every tier is
			// fresh again within two refreshes of AWS answering.
			const own = intervalOfTier(tier);
			const slowTierThrottled = kind === 'throttled' && tier.spec.intervalMs === undefined;
			tier.dueAt =
				now +
				backoffDelayMs(
					kind,
					next.consecutiveFailures,
					slowTierThrottled ? own : Math.min(own, baseIntervalMs),
					random(),
					maxBackoffFactor,
				);
		}
		if (!tier.registered || !running || !tier.active) {
			tier.rerunRequested = false;
			tier.dueAfterRun = false;
			arm(tier);
			return;
		}
		if (tier.rerunRequested) {
			launch(tier);
			return;
		}
		if (tier.dueAfterRun || tier.dueAt === undefined) tier.dueAt = now;
		tier.dueAfterRun = false;
		arm(tier);
	}

	function refreshForUser(): void {
		if (!running) {
			// Not started (or stopped): the tiers run first thing when it starts anyway.
			for (const tier of tiers.values()) if (tier.active) tier.dueAt = timers.now();
			return;
		}
		const now = timers.now();
		if (userRefreshTimer !== undefined) return; // One is already waiting for the gap's end.
		if (lastUserRefreshAt !== undefined && now - lastUserRefreshAt < minUserRefreshGapMs) {
			userRefreshTimer = timers.setTimeout(
				() => {
					userRefreshTimer = undefined;
					refreshForUser();
				},
				lastUserRefreshAt + minUserRefreshGapMs - now,
			);
			return;
		}
		lastUserRefreshAt = now;
		for (const tier of tiers.values()) {
			if (!tier.active) continue;
			if (tier.controller) {
				tier.rerunRequested = true;
				tier.controller.abort();
			} else launch(tier);
		}
	}

	function select(ids: readonly string[] | undefined): Tier[] {
		if (!ids) return [...tiers.values()];
		return ids.flatMap((id) => tiers.get(id) ?? []);
	}

	function applyEnabled(tier: Tier): void {
		const next = isEnabled(tier);
		if (next === tier.active) return;
		tier.active = next;
		if (!next) {
			tier.dueAt = undefined;
			tier.rerunRequested = false;
			tier.dueAfterRun = false;
			tier.controller?.abort();
			arm(tier);
			return;
		}
		// Newly on screen: its data is wanted now, not one interval from now.
		if (tier.controller) {
			tier.dueAfterRun = true;
			return;
		}
		tier.dueAt = timers.now();
		arm(tier);
	}

	return {
		register(spec) {
			if (tiers.has(spec.id)) throw new Error(`poll tier ${spec.id} is already registered`);
			if (spec.intervalMs !== undefined) checkInterval(spec.intervalMs);
			const tier: Tier = {
				spec,
				status: initialDataStatus,
				allowed: true,
				active: false,
				dueAt: undefined,
				timer: undefined,
				controller: undefined,
				rerunRequested: false,
				dueAfterRun: false,
				lastSettledAt: undefined,
				registered: true,
			};
			tiers.set(spec.id, tier);
			applyEnabled(tier);
			return () => {
				if (tiers.get(spec.id) !== tier) return;
				tiers.delete(spec.id);
				tier.registered = false;
				tier.active = false;
				clearTimer(tier);
				tier.controller?.abort();
				pendingStatus.delete(spec.id);
			};
		},

		start() {
			if (running) return;
			running = true;
			for (const tier of tiers.values()) {
				if (!tier.active) continue;
				if (tier.controller) tier.dueAfterRun = true;
				else {
					tier.dueAt = timers.now();
					arm(tier);
				}
			}
		},

		stop() {
			running = false;
			if (userRefreshTimer !== undefined) timers.clearTimeout(userRefreshTimer);
			userRefreshTimer = undefined;
			for (const tier of tiers.values()) {
				tier.dueAt = undefined;
				tier.rerunRequested = false;
				tier.dueAfterRun = false;
				tier.controller?.abort();
				arm(tier);
			}
		},

		pause() {
			paused = true;
			for (const tier of tiers.values()) arm(tier);
		},

		resume() {
			if (!paused) return;
			paused = false;
			for (const tier of tiers.values()) arm(tier);
		},

		isPaused: () => paused,

		refreshNow(ids, refreshOptions) {
			for (const tier of select(ids)) {
				if (!tier.active) continue;
				if (tier.controller) {
					tier.rerunRequested = true;
					if (refreshOptions?.restart) tier.controller.abort();
				} else if (!running) tier.dueAt = timers.now();
				else launch(tier);
			}
		},

		refreshForUser,

		userRefreshPending: () => userRefreshTimer !== undefined,

		reevaluate() {
			for (const tier of tiers.values()) applyEnabled(tier);
		},

		setEnabled(id, enabled) {
			const tier = tiers.get(id);
			if (!tier) return;
			tier.allowed = enabled;
			applyEnabled(tier);
		},

		setBaseInterval(ms) {
			baseIntervalMs = checkInterval(ms);
			for (const tier of tiers.values()) {
				// Only a tier on its normal cadence moves; one backing off keeps its back-off.
				const onCadence = tier.status.consecutiveFailures === 0 && tier.lastSettledAt !== undefined;
				if (tier.spec.intervalMs !== undefined || tier.controller || !onCadence) continue;
				if (tier.dueAt === undefined) continue;
				tier.dueAt = tier.lastSettledAt! + intervalOfTier(tier);
				arm(tier);
			}
		},

		status: (id) => tiers.get(id)?.status,

		intervalOf(id) {
			const tier = tiers.get(id);
			return tier ? intervalOfTier(tier) : undefined;
		},
	};
}

function checkInterval(ms: number): number {
	if (!Number.isFinite(ms) || ms <= 0)
		throw new RangeError(`poll interval must be > 0 ms, not ${ms}`);
	return ms;
}
