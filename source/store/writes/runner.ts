/**
 * The action runner: plans requests against what the fleet store knows, sends a confirmed plan
 * exactly once, writes the audit lines of each request (intent before it leaves, result after),
 * keeps optimistic marks until a poll shows the change, and remembers the last desired-count
 * change for undo. A request unanswered by its deadline is `unknown`: never sent again, it is
 * checked by a read at the next refresh, and what AWS did is written then. Under --read-only it
 * plans and sends nothing.
 */
import {randomUUID} from 'node:crypto';
import type {FleetState, FleetStore} from '../fleet-store.js';
import {systemTimers, type TimerHandle, type Timers} from '../timers.js';
import {
	addInFlight,
	addResult,
	createActionState,
	dropMarks,
	putMarks,
	removeInFlight,
	addUndo,
	removeUndo,
} from './action-state.js';
import type {WriteOptions} from '../../aws/write-once.js';
import type {AuditLog} from './audit-log.js';
import {cliTargetOf, type CliTarget} from './cli-command.js';
import {changeShown, describeWork, fleetIndex, markTexts, markTimeoutMs} from './marks.js';
import type {PlanContext} from './plan-context.js';
import {planRequest, readOnlyRefusal} from './planner.js';
import {scalingGroupsOf} from './scaling-groups.js';
import {
	failureOf,
	sendWork,
	type ActionAdapters,
	type RequestExtras,
	type RequestFailure,
	type RequestOutcome,
	type RequestRecord,
	type SendDeps,
	type WorkOutcome,
} from './send-work.js';
import type {SettleCheck, Settlement} from './settle-checks.js';
import type {ActionPlan, ActionRequest, ActionResult, ActionRunner, PlanOutcome} from './types.js';
import {planUndoOf, undoEntryAfter} from './undo.js';
import {createRolloutFollows} from './rollout-follows.js';
import {findService} from './fleet-lookup.js';
import {toPlanOutcome, type PlannedOutcome, type PlannedWork} from './work.js';
import type {HandOff, HandOffWork, LocalTools} from './hand-off.js';
import {cachedLocalTools} from './local-tools.js';

/** The ECS quota "Tasks per service" (Service Quotas L-9EF96962), default 5,000. */
export const defaultTaskQuota = 5_000;

export type ActionRunnerOptions = {
	/** `AwsAdapters` from createAwsAdapters fits. */
	readonly adapters: ActionAdapters;
	readonly fleet: FleetStore;
	readonly readOnly: boolean;
	readonly auditLog: AuditLog;
	/** Epoch ms for marks and audit times; default the timers' clock. */
	readonly now?: () => number;
	/** For the marks' timeout; default the process clock. */
	readonly timers?: Timers;
	/** The per-service task quota, if known better than the default. */
	readonly taskQuota?: number;
	/** What the `aws` commands and the audit log name, over the fleet store's connection. */
	readonly cliTarget?: Partial<CliTarget>;
	readonly markTimeoutMs?: number;
	/** How long a write may go unanswered before its outcome is `unknown` and checked. */
	readonly writeDeadlineMs?: number;
	/** How long after an unknown outcome AWS is read to settle it; default the refresh interval. */
	readonly checkIntervalMs?: number;
	/**
	 * Runs `e` and `F`'s `aws` command with the terminal its own (the TUI suspends its view).
	 * Without one, those keys are refused.
	 */
	readonly handOff?: HandOff;
	/** The local programs a hand-off needs; default: run them from PATH once, remembered. */
	readonly localTools?: () => LocalTools;
};

/**
 * AWS answers a write in well under a second; one still unanswered after this is not coming
 * back in a useful time, and the user should not be left looking at `sending`.
 */
export const defaultWriteDeadlineMs = 15_000;

const interruptedFailure: RequestFailure = {
	kind: 'no-answer',
	code: 'Interrupted',
	message: 'ecs-top quit before AWS answered',
	verdict: 'unknown',
};

function deadlineFailure(ms: number): RequestFailure {
	return {
		kind: 'no-answer',
		code: 'DeadlineExceeded',
		message: `no answer from AWS within ${ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`}`,
		verdict: 'unknown',
	};
}

/** The id every preview carries: no kept plan has it, so a preview can never be confirmed. */
export const previewPlanId = 'preview';

/** Plans the UI may still confirm: a few dialogs' worth, the oldest forgotten. */
const keptPlans = 50;

type TrackedMark = {
	readonly work: PlannedWork;
	readonly since: number;
	settled: boolean;
	startedTaskArns: readonly string[];
};

export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
	const {adapters, fleet, readOnly, auditLog} = options;
	const timers = options.timers ?? systemTimers;
	const now = options.now ?? (() => timers.now());
	const timeoutMs = options.markTimeoutMs ?? markTimeoutMs;
	const maxDesired = options.taskQuota ?? defaultTaskQuota;
	const deadlineMs = options.writeDeadlineMs ?? defaultWriteDeadlineMs;
	const state = createActionState();

	const works = new Map<string, PlannedWork | HandOffWork>();
	const localTools = options.localTools ?? cachedLocalTools();
	const sentPlans = new Set<string>();
	/** ARNs a request in flight acts on: a second plan touching one of them waits. */
	const busy = new Set<string>();
	const tracked = new Map<string, TrackedMark>();
	const pendingDesired = new Map<string, number>();
	const sweeps = new Set<TimerHandle>();
	let disposed = false;

	const cliTarget = (fleetState: FleetState): CliTarget => ({
		...cliTargetOf(fleetState.connection),
		...options.cliTarget,
	});

	const context = (): PlanContext => {
		const fleetState = fleet.getState();
		return {
			state: fleetState,
			cli: cliTarget(fleetState),
			maxDesiredCount: maxDesired,
			pendingDesiredCount: (serviceArn) => pendingDesired.get(serviceArn),
			completedBefore: (serviceArn) => follows.completedBefore(serviceArn),
			newPlanId: () => randomUUID(),
			newClientToken: () => `ecs-top-${randomUUID()}`,
			localTools,
			undoEntries: state.getState().undo,
		};
	};

	/**
	 * The last preview, and what it was worked out from: an open dialog asks on every frame, and
	 * until the fields, the fleet or a pending count change the answer is the same object.
	 */
	let lastPreview:
		{request: string; fleet: FleetState; pending: string; outcome: PlanOutcome} | undefined;

	function preview(request: ActionRequest): PlanOutcome {
		if (readOnly) return {ok: false, refusal: readOnlyRefusal};
		const fleetState = fleet.getState();
		const key = JSON.stringify(request);
		const pending = JSON.stringify([...pendingDesired, state.getState().undo.length]);
		if (
			lastPreview !== undefined &&
			lastPreview.request === key &&
			lastPreview.fleet === fleetState &&
			lastPreview.pending === pending
		)
			return lastPreview.outcome;
		const planned = planRequest(request, {
			...context(),
			newPlanId: () => previewPlanId,
			newClientToken: () => previewPlanId,
		});
		const outcome = toPlanOutcome(planned);
		lastPreview = {request: key, fleet: fleetState, pending, outcome};
		return outcome;
	}

	function keep(planned: PlannedOutcome<PlannedWork | HandOffWork>): PlanOutcome {
		if (planned.ok) {
			works.set(planned.plan.id, planned.work);
			while (works.size > keptPlans) works.delete(works.keys().next().value!);
		}
		return toPlanOutcome(planned);
	}

	function finish(result: ActionResult): ActionResult {
		addResult(state, result);
		return result;
	}

	// Revision changes are followed to the end of their rollout (rollout-follows.ts).
	const follows = createRolloutFollows({state, timers, now, finish});

	function refused(plan: ActionPlan | undefined, kind: ActionResult['kind'], message: string) {
		return finish({planId: plan?.id, kind, status: 'refused', message, at: now()});
	}

	// ---- marks -------------------------------------------------------------------------------

	function forget(arns: readonly string[]): void {
		for (const arn of arns) {
			const mark = tracked.get(arn);
			if (mark?.work.kind === 'set-desired-count') pendingDesired.delete(arn);
			tracked.delete(arn);
		}
		dropMarks(state, arns);
	}

	function reconcile(fleetState: FleetState): void {
		if (tracked.size === 0) return;
		const wanted = new Set<string>();
		for (const [arn, mark] of tracked) {
			if (mark.work.kind === 'stop-tasks') wanted.add(arn);
			for (const task of mark.startedTaskArns) wanted.add(task);
		}
		const index = fleetIndex(fleetState, wanted);
		const at = now();
		const gone: string[] = [];
		for (const [arn, mark] of tracked) {
			if (!mark.settled) continue;
			if (
				at - mark.since >= timeoutMs ||
				changeShown(mark.work, arn, index, mark.startedTaskArns)
			) {
				gone.push(arn);
			}
		}
		if (gone.length > 0) forget(gone);
	}

	// Only a change of fetched data can show a change; timeouts are the sweep's job.
	const unsubscribe = fleet.subscribe((fleetState, previous) => {
		if (
			fleetState.clusterViews !== previous.clusterViews ||
			fleetState.tasks !== previous.tasks ||
			fleetState.stoppedTasks !== previous.stoppedTasks
		) {
			reconcile(fleetState);
			follows.update(fleetState, (arn) => tracked.has(arn));
		}
	});

	/** A timeout must drop a mark even if no poll ever comes (paused, or the cluster left). */
	function armSweep(): void {
		if (disposed) return;
		const handle = timers.setTimeout(() => {
			sweeps.delete(handle);
			reconcile(fleet.getState());
		}, timeoutMs + 1);
		sweeps.add(handle);
	}

	// ---- sending -----------------------------------------------------------------------------

	function auditProblemsOf(entries: string[]): string {
		return entries.length === 0 ? '' : ` (audit log ${auditLog.path} not written: ${entries[0]})`;
	}

	/** Requests sent and not yet answered: quitting writes their `unknown` line. */
	const unanswered = new Map<string, () => void>();
	/** Checks of requests whose outcome is unknown, waiting for their next refresh. */
	const checkTimers = new Set<TimerHandle>();

	const isoNow = () => new Date(now()).toISOString();

	function baseEntry(record: RequestRecord, requestId: string, planId: string) {
		const fleetState = fleet.getState();
		const target = cliTarget(fleetState);
		return {
			requestId,
			identity: fleetState.identity?.arn,
			region: target.region,
			profile: target.profile,
			endpoint: target.endpoint,
			action: record.action,
			target: record.target,
			before: record.before,
			after: record.after,
			planId,
		};
	}

	type PendingCheck = {
		readonly base: ReturnType<typeof baseEntry>;
		readonly check: SettleCheck;
		/** Reads that did not show the change: `not-applied` is written after the second. */
		unchangedReads: number;
		readonly done: (settlement: Settlement) => void;
	};

	function armCheck(pending: PendingCheck): void {
		if (disposed) return;
		const interval = options.checkIntervalMs ?? fleet.getState().refreshMs;
		const handle = timers.setTimeout(() => {
			checkTimers.delete(handle);
			void runCheck(pending);
		}, interval);
		checkTimers.add(handle);
	}

	/**
	 * One read of what AWS did. A change seen is final; no change is written only once a second
	 * read, a refresh later, agrees (AWS may still be processing a request that just timed out);
	 * a read that fails is tried again at the next refresh.
	 */
	async function runCheck(pending: PendingCheck): Promise<void> {
		if (disposed) return;
		let settlement: Settlement;
		try {
			settlement = await pending.check(adapters);
		} catch {
			armCheck(pending);
			return;
		}
		if (disposed) return;
		if (settlement.result !== 'applied' && ++pending.unchangedReads < 2) {
			armCheck(pending);
			return;
		}
		auditLog.append({
			...pending.base,
			time: isoNow(),
			phase: 'settled',
			result: settlement.result,
			observed: settlement.observed,
			...(settlement.created !== undefined && settlement.created.length > 0
				? {created: settlement.created}
				: {}),
		});
		pending.done(settlement);
	}

	async function send(
		plan: ActionPlan,
		work: PlannedWork,
	): Promise<{
		outcome: WorkOutcome;
		auditProblems: string[];
		/** Set when a request's outcome is unknown: resolves with what a later read showed. */
		checked: Promise<Settlement> | undefined;
	}> {
		const auditProblems: string[] = [];
		const note = (problem: string | undefined) => {
			if (problem !== undefined) auditProblems.push(problem);
		};
		let checked: Promise<Settlement> | undefined;
		const deps: SendDeps = {
			adapters,
			now,
			request<T>(
				record: RequestRecord,
				call: (write: WriteOptions) => Promise<T>,
				extras: RequestExtras<T>,
			): Promise<RequestOutcome<T>> {
				const requestId = randomUUID();
				const base = baseEntry(record, requestId, plan.id);
				// On disk before the request leaves: whatever ends ecs-top next, this line remains.
				note(auditLog.append({...base, time: isoNow(), phase: 'intent', result: 'sending'}));
				return new Promise((resolve) => {
					let answered = false;
					// The result line is written here, synchronously, by whichever comes first: the
					// answer, the deadline, or quitting (dispose).
					const conclude = (outcome: RequestOutcome<T>) => {
						if (answered) return;
						answered = true;
						timers.clearTimeout(deadline);
						unanswered.delete(requestId);
						const extra =
							outcome.ok && extras.describe !== undefined ? extras.describe(outcome.value) : {};
						note(
							auditLog.append({
								...base,
								time: isoNow(),
								phase: 'result',
								result: outcome.ok ? 'applied' : outcome.failure.verdict,
								...(outcome.ok
									? {}
									: {errorCode: outcome.failure.code, errorMessage: outcome.failure.message}),
								...(extra.failures !== undefined && extra.failures.length > 0
									? {failures: extra.failures}
									: {}),
								...(extra.created !== undefined && extra.created.length > 0
									? {created: extra.created}
									: {}),
							}),
						);
						if (!outcome.ok && outcome.failure.verdict === 'unknown' && !disposed) {
							checked = new Promise((done) =>
								armCheck({base, check: extras.settle, unchangedReads: 0, done}),
							);
						}
						resolve(outcome);
					};
					const deadline = timers.setTimeout(
						() => conclude({ok: false, failure: deadlineFailure(deadlineMs)}),
						deadlineMs,
					);
					unanswered.set(requestId, () => conclude({ok: false, failure: interruptedFailure}));
					call({deadlineMs}).then(
						(value) => conclude({ok: true, value}),
						(error: unknown) => conclude({ok: false, failure: failureOf(error)}),
					);
				});
			},
		};
		try {
			return {outcome: await sendWork(work, deps), auditProblems, checked};
		} catch (error) {
			// sendWork turns AWS failures into outcomes; this is a bug, still shown, not thrown.
			const message = failureOf(error).message;
			return {
				outcome: {status: 'failed', message, failedArns: [], startedTaskArns: []},
				auditProblems,
				checked,
			};
		}
	}

	/** The status line's words for what a check found. */
	function checkedMessage(work: PlannedWork, settlement: Settlement): string {
		const what = describeWork(work);
		switch (settlement.result) {
			case 'applied':
				return `Checked: ${what} was applied (AWS shows ${settlement.observed})`;
			case 'not-applied':
				return `Checked: ${what} was not applied (AWS shows ${settlement.observed}); nothing was sent again`;
			case 'undetermined':
				return `Checked: cannot tell whether ${what} was applied (${settlement.observed}); look in the AWS console`;
		}
	}

	/** After an unknown outcome: the targets stay busy and marked until a read settles it. */
	function followCheck(
		plan: ActionPlan,
		work: PlannedWork,
		kind: ActionResult['kind'],
		arns: readonly string[],
		unknownArns: readonly string[],
		checked: Promise<Settlement>,
	): void {
		const since = now();
		putMarks(
			state,
			Object.fromEntries(
				unknownArns.map((arn) => [arn, {text: 'outcome unknown, checking', since}]),
			),
		);
		void checked.then((settlement) => {
			for (const arn of arns) busy.delete(arn);
			removeInFlight(state, plan);
			if (settlement.result === 'applied') {
				// Dropped as the next poll shows the change, as after an answer.
				for (const arn of unknownArns) {
					const mark = tracked.get(arn);
					if (mark !== undefined) {
						mark.settled = true;
						mark.startedTaskArns = settlement.created ?? [];
					}
				}
				const texts = markTexts(work);
				putMarks(
					state,
					Object.fromEntries(
						unknownArns.map((arn) => [arn, {text: texts[arn] ?? 'pending', since: now()}]),
					),
				);
				remember(plan, work);
				armSweep();
			} else {
				forget(unknownArns);
			}
			finish({
				planId: plan.id,
				kind,
				status: settlement.result === 'applied' ? 'succeeded' : 'failed',
				message: checkedMessage(work, settlement),
				at: now(),
				checked: true,
			});
			if (!disposed) fleet.getState().wants.refreshNow();
		});
	}

	/**
	 * After a change applied: an undo takes its entry off the list; any other reversible change
	 * goes on top of it.
	 */
	function remember(plan: ActionPlan, work: PlannedWork): void {
		if (plan.request.kind === 'undo') {
			removeUndo(state, plan.request.entryId);
			return;
		}
		const entry = undoEntryAfter(work, fleet.getState(), plan.id, now());
		if (entry !== undefined) addUndo(state, entry);
	}

	/**
	 * `e` and `F`: the terminal goes to the `aws` command until it ends. Audited as a request: the
	 * intent line before the hand-off, the result line (its exit) after.
	 */
	async function handOffOnce(plan: ActionPlan, work: HandOffWork): Promise<ActionResult> {
		const kind = plan.request.kind;
		const run = options.handOff;
		if (run === undefined) {
			return refused(plan, kind, 'This view cannot hand the terminal over: nothing was run');
		}
		sentPlans.add(plan.id);
		addInFlight(state, plan);
		const record: RequestRecord = {
			action: work.action,
			target: work.target,
			before: undefined,
			after: work.after,
		};
		const base = baseEntry(record, randomUUID(), plan.id);
		const problems: string[] = [];
		const note = (problem: string | undefined) => {
			if (problem !== undefined) problems.push(problem);
		};
		note(auditLog.append({...base, time: isoNow(), phase: 'intent', result: 'sending'}));
		let outcome: Awaited<ReturnType<HandOff>>;
		try {
			outcome = await run(work.command);
		} catch (error) {
			outcome = {ok: false, error: error instanceof Error ? error.message : String(error)};
		}
		removeInFlight(state, plan);
		const exit = outcome.ok
			? outcome.signal !== null
				? `ended by ${outcome.signal}`
				: `exited with ${String(outcome.exitCode)}`
			: undefined;
		note(
			auditLog.append({
				...base,
				time: isoNow(),
				phase: 'result',
				// The CLI ran: what it did in AWS is its own record (CloudTrail); this says it ran.
				result: outcome.ok ? 'applied' : 'refused',
				...(outcome.ok
					? outcome.exitCode === 0
						? {}
						: {errorCode: 'ExitStatus', errorMessage: `aws ${exit}`}
					: {errorCode: 'NotStarted', errorMessage: outcome.error}),
			}),
		);
		const message = !outcome.ok
			? `Could not run aws: ${outcome.error}`
			: outcome.exitCode === 0
				? `Back from ${work.label}`
				: `Back from ${work.label}: aws ${exit} (its messages were on the screen it had)`;
		return finish({
			planId: plan.id,
			kind,
			status: outcome.ok && outcome.exitCode === 0 ? 'succeeded' : 'failed',
			message: message + auditProblemsOf(problems),
			at: now(),
		});
	}

	async function confirm(plan: ActionPlan): Promise<ActionResult> {
		const work = works.get(plan.id);
		const kind: ActionResult['kind'] = plan.request.kind;
		if (readOnly) return refused(plan, kind, readOnlyRefusal);
		if (disposed) return refused(plan, kind, 'ecs-top is closing: nothing sent');
		if (sentPlans.has(plan.id)) {
			return refused(plan, kind, 'Already sent: this confirmation was used once');
		}
		if (work === undefined) {
			return refused(plan, kind, 'This confirmation is out of date: open it again');
		}
		if (work.kind === 'hand-off') {
			// While the terminal is handed over, the clock of this thread stands still: a request
			// waiting for its answer would find its deadline passed on return, and be called unknown.
			if (Object.keys(state.getState().inFlight).length > 0) {
				return refused(
					plan,
					kind,
					'A change is still waiting for its answer: run this again once it has come',
				);
			}
			return handOffOnce(plan, work);
		}
		const marks = markTexts(work);
		const arns = Object.keys(marks);
		if (state.getState().inFlight[plan.target] !== undefined || arns.some((arn) => busy.has(arn))) {
			return refused(plan, kind, 'A request for this is still in flight: wait for its result');
		}

		// The service as it was before the change: its deployments then are not the new one.
		const serviceBefore =
			work.kind === 'set-task-definition'
				? findService(fleet.getState(), work.clusterArn, work.serviceArn)
				: undefined;

		// Everything up to here ran in one turn: a second confirm now finds the plan sent.
		sentPlans.add(plan.id);
		for (const arn of arns) busy.add(arn);
		addInFlight(state, plan);
		const since = now();
		for (const arn of arns) tracked.set(arn, {work, since, settled: false, startedTaskArns: []});
		if (work.kind === 'set-desired-count') pendingDesired.set(work.serviceArn, work.after);
		putMarks(
			state,
			Object.fromEntries(Object.entries(marks).map(([arn, text]) => [arn, {text, since}])),
		);

		const {outcome, auditProblems, checked} = await send(plan, work);
		const unknownArns = outcome.unknownArns ?? [];

		if (outcome.status === 'unknown' && checked !== undefined) {
			followCheck(plan, work, kind, arns, unknownArns, checked);
			const known = arns.filter((arn) => !unknownArns.includes(arn));
			for (const arn of known) busy.delete(arn);
			forget(outcome.failedArns);
		} else {
			for (const arn of arns) busy.delete(arn);
			removeInFlight(state, plan);
		}
		if (outcome.status === 'failed') {
			forget(arns);
		} else if (outcome.status !== 'unknown' || checked !== undefined) {
			if (outcome.status !== 'unknown') forget(outcome.failedArns);
			for (const arn of arns) {
				if (unknownArns.includes(arn)) continue;
				const mark = tracked.get(arn);
				if (mark === undefined) continue;
				mark.settled = true;
				mark.startedTaskArns = outcome.startedTaskArns;
			}
			if (outcome.status === 'succeeded') remember(plan, work);
			if (
				outcome.status === 'succeeded' &&
				work.kind === 'set-task-definition' &&
				serviceBefore !== undefined
			)
				follows.start(serviceBefore, work.after);
			armSweep();
			// The change shows at the next poll; ask for it now rather than in a refresh interval.
			if (!disposed) fleet.getState().wants.refreshNow();
		} else {
			// Unknown, and ecs-top is quitting: nothing will check it; the audit line says so.
			forget(arns);
		}
		return finish({
			planId: plan.id,
			kind,
			status: outcome.status,
			message: outcome.message + auditProblemsOf(auditProblems),
			at: now(),
		});
	}

	return {
		readOnly,
		state,
		plan(request: ActionRequest): PlanOutcome {
			if (readOnly) return {ok: false, refusal: readOnlyRefusal};
			return keep(planRequest(request, context()));
		},
		preview,
		planUndo(): PlanOutcome {
			if (readOnly) return {ok: false, refusal: readOnlyRefusal};
			return keep(planUndoOf(state.getState().undo[0], context(), planRequest));
		},
		scalingGroups: (clusterArn) => scalingGroupsOf(fleet.getState(), clusterArn),
		maxDesiredCount: () => maxDesired,
		pendingDesiredCount: (serviceArn) => pendingDesired.get(serviceArn),
		confirm,
		dispose() {
			if (disposed) return;
			disposed = true;
			unsubscribe();
			for (const handle of sweeps) timers.clearTimeout(handle);
			sweeps.clear();
			for (const handle of checkTimers) timers.clearTimeout(handle);
			checkTimers.clear();
			follows.dispose();
			// Their `unknown` lines, written now: the process may be gone before any answer.
			for (const interrupt of [...unanswered.values()]) interrupt();
		},
	};
}
