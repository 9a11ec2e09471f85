/**
 * The action runner: plans requests against what the fleet store knows, sends a confirmed plan
 * exactly once, writes an audit line per request, keeps optimistic marks until a poll shows the
 * change, and remembers the last desired-count change for undo. Under --read-only it plans and
 * sends nothing.
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
	setUndo,
} from './action-state.js';
import type {AuditEntry, AuditLog} from './audit-log.js';
import {cliTargetOf, type CliTarget} from './cli-command.js';
import {changeShown, fleetIndex, markTexts, markTimeoutMs} from './marks.js';
import type {PlanContext} from './plan-context.js';
import {planRequest, readOnlyRefusal} from './planner.js';
import {scalingGroupsOf} from './scaling-groups.js';
import {
	failureOf,
	sendWork,
	type ActionAdapters,
	type RequestOutcome,
	type SendDeps,
	type WorkOutcome,
} from './send-work.js';
import type {ActionPlan, ActionRequest, ActionResult, ActionRunner, PlanOutcome} from './types.js';
import {planUndoOf, undoEntryAfter} from './undo.js';
import {toPlanOutcome, type PlannedOutcome, type PlannedWork} from './work.js';

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
};

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
	const state = createActionState();

	const works = new Map<string, PlannedWork>();
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
			newPlanId: () => randomUUID(),
			newClientToken: () => `ecs-top-${randomUUID()}`,
		};
	};

	function keep(planned: PlannedOutcome): PlanOutcome {
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

	async function send(
		plan: ActionPlan,
		work: PlannedWork,
	): Promise<{
		outcome: WorkOutcome;
		auditProblems: string[];
	}> {
		const auditProblems: string[] = [];
		const deps: SendDeps = {
			adapters,
			async request(record, call, describe) {
				let outcome: RequestOutcome<Awaited<ReturnType<typeof call>>>;
				try {
					outcome = {ok: true, value: await call()};
				} catch (error) {
					outcome = {ok: false, failure: failureOf(error)};
				}
				const fleetState = fleet.getState();
				const target = cliTarget(fleetState);
				const extra = outcome.ok && describe !== undefined ? describe(outcome.value) : {};
				const entry: AuditEntry = {
					time: new Date(now()).toISOString(),
					identity: fleetState.identity?.arn,
					region: target.region,
					profile: target.profile,
					endpoint: target.endpoint,
					action: record.action,
					target: record.target,
					before: record.before,
					after: record.after,
					result: outcome.ok ? 'ok' : 'error',
					...(outcome.ok
						? {}
						: {errorCode: outcome.failure.code, errorMessage: outcome.failure.message}),
					...(extra.failures !== undefined && extra.failures.length > 0
						? {failures: extra.failures}
						: {}),
					...(extra.created !== undefined && extra.created.length > 0
						? {created: extra.created}
						: {}),
					planId: plan.id,
				};
				const problem = auditLog.append(entry);
				if (problem !== undefined) auditProblems.push(problem);
				return outcome;
			},
		};
		try {
			return {outcome: await sendWork(work, deps), auditProblems};
		} catch (error) {
			// sendWork turns AWS failures into outcomes; this is a bug, still shown, not thrown.
			const message = failureOf(error).message;
			return {
				outcome: {status: 'failed', message, failedArns: [], startedTaskArns: []},
				auditProblems,
			};
		}
	}

	async function confirm(plan: ActionPlan): Promise<ActionResult> {
		const work = works.get(plan.id);
		const kind: ActionResult['kind'] =
			work?.kind === 'set-desired-count' && work.isUndo ? 'undo' : plan.request.kind;
		if (readOnly) return refused(plan, kind, readOnlyRefusal);
		if (disposed) return refused(plan, kind, 'ecs-top is closing: nothing sent');
		if (sentPlans.has(plan.id)) {
			return refused(plan, kind, 'Already sent: this confirmation was used once');
		}
		if (work === undefined) {
			return refused(plan, kind, 'This confirmation is out of date: open it again');
		}
		const marks = markTexts(work);
		const arns = Object.keys(marks);
		if (state.getState().inFlight[plan.target] !== undefined || arns.some((arn) => busy.has(arn))) {
			return refused(plan, kind, 'A request for this is still in flight: wait for its result');
		}

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

		const {outcome, auditProblems} = await send(plan, work);

		for (const arn of arns) busy.delete(arn);
		removeInFlight(state, plan);
		if (outcome.status === 'failed') {
			forget(arns);
		} else {
			forget(outcome.failedArns);
			for (const arn of arns) {
				const mark = tracked.get(arn);
				if (mark === undefined) continue;
				mark.settled = true;
				mark.startedTaskArns = outcome.startedTaskArns;
			}
			if (outcome.status === 'succeeded' && work.kind === 'set-desired-count') {
				setUndo(state, undoEntryAfter(work, fleet.getState()));
			}
			armSweep();
			// The change shows at the next poll; ask for it now rather than in a refresh interval.
			if (!disposed) fleet.getState().actions.refreshNow();
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
		planUndo(): PlanOutcome {
			if (readOnly) return {ok: false, refusal: readOnlyRefusal};
			return keep(planUndoOf(state.getState().undo, context()));
		},
		scalingGroups: (clusterArn) => scalingGroupsOf(fleet.getState(), clusterArn),
		maxDesiredCount: () => maxDesired,
		pendingDesiredCount: (serviceArn) => pendingDesired.get(serviceArn),
		confirm,
		dispose() {
			disposed = true;
			unsubscribe();
			for (const handle of sweeps) timers.clearTimeout(handle);
			sweeps.clear();
		},
	};
}
