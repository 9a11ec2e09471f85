/**
 * The contract between the action layer (keys -> actions -> AWS -> store) and the dialogs that
 * drive it. The UI describes what the user asked for as an ActionRequest; the runner turns it
 * into a plan (validated against what the store knows, no AWS call), shows nothing itself, and
 * sends a confirmed plan exactly once. Everything a dialog shows comes from the plan, so the
 * confirmation states exactly the change that will be sent.
 */
import type {StoreApi} from 'zustand/vanilla';
import type {FollowTone, RolloutFollow} from '../../model/rollout.js';

/** What the user asked for, before validation. */
export type ActionRequest =
	| {
			readonly kind: 'scale-service';
			readonly clusterArn: string;
			readonly serviceArn: string;
			/** The new desired count (the `+`/`-` keys ask for current ± 1). */
			readonly desiredCount: number;
	  }
	| {
			readonly kind: 'scale-cluster';
			readonly clusterArn: string;
			/** One of the groups `scalingGroups()` lists for the cluster. */
			readonly autoScalingGroupName: string;
			readonly desiredCapacity: number;
	  }
	| {
			readonly kind: 'stop-tasks';
			readonly clusterArn: string;
			readonly taskArns: readonly string[];
	  }
	| {
			readonly kind: 'run-task';
			readonly clusterArn: string;
			/** `family:revision` or a task definition ARN. */
			readonly taskDefinition: string;
			/** 1..10, as RunTask accepts. */
			readonly count: number;
			/** RunTask's idempotency token, minted once per dialog; else once per plan. */
			readonly clientToken?: string;
	  }
	| {
			readonly kind: 'set-instance-state';
			readonly clusterArn: string;
			readonly containerInstanceArns: readonly string[];
			/** DRAINING to drain, ACTIVE to re-activate. */
			readonly status: 'DRAINING' | 'ACTIVE';
	  }
	| {
			readonly kind: 'force-deployment';
			readonly clusterArn: string;
			readonly serviceArn: string;
	  }
	| {
			/** `U`: the service runs another revision of its family. */
			readonly kind: 'deploy-revision';
			readonly clusterArn: string;
			readonly serviceArn: string;
			/** The revision's ARN. */
			readonly taskDefinition: string;
	  }
	| {
			/** `B`: back to the revision of the last completed deployment. */
			readonly kind: 'roll-back';
			readonly clusterArn: string;
			readonly serviceArn: string;
	  }
	| {
			/** `e`: a command (a shell) in one container of a task, through ECS Exec. */
			readonly kind: 'exec';
			readonly clusterArn: string;
			readonly taskArn: string;
			readonly container: string;
			readonly command: string;
	  }
	| {
			/** `F`: a local port forwarded to one container's port, through an SSM session. */
			readonly kind: 'port-forward';
			readonly clusterArn: string;
			readonly taskArn: string;
			readonly container: string;
			readonly containerPort: number;
			readonly localPort: number;
	  }
	| {
			/** `u` and `:undo`: the change of this session recorded as `entryId`, put back. */
			readonly kind: 'undo';
			readonly entryId: string;
	  };

export type ActionKind = ActionRequest['kind'];

/** A validated request: everything the confirmation dialog shows, and what will be sent. */
export type ActionPlan = {
	/** Unique per plan. */
	readonly id: string;
	readonly request: ActionRequest;
	/** Dialog title, e.g. `Scale service`. */
	readonly title: string;
	/** The exact change, one line each, e.g. `api desired 10 -> 12`. */
	readonly changes: readonly string[];
	/** The equivalent AWS CLI command(s), one per line. */
	readonly cliCommands: readonly string[];
	/** Worth reading before confirming (capacity short, service tasks will be replaced...). */
	readonly warnings: readonly string[];
	/** What the request acts on; one request per target may be in flight. */
	readonly target: string;
};

export type PlanOutcome =
	{readonly ok: true; readonly plan: ActionPlan} | {readonly ok: false; readonly refusal: string};

/**
 * How a sent (or refused) plan ended, in words for the status line. `unknown`: no answer came
 * (the deadline passed, the connection ended); a later result with `checked` set says what a read
 * of AWS then showed.
 */
export type ActionResult = {
	readonly planId: string | undefined;
	readonly kind: ActionKind;
	readonly status: 'succeeded' | 'partly-failed' | 'failed' | 'refused' | 'unknown';
	/** One plain sentence: what happened, or what AWS said and what to do. */
	readonly message: string;
	readonly at: number;
	/** Set on the result that settles an earlier `unknown` one of the same plan. */
	readonly checked?: boolean;
};

/** An optimistic note on a row (`desired 12, pending`) until a poll shows the change. */
export type RowMark = {
	readonly text: string;
	readonly since: number;
	/** How the row draws it; a pending change is a warning until a poll shows it. */
	readonly tone?: FollowTone;
};

/** The Auto Scaling group(s) behind a cluster's capacity providers, for the `S` dialog. */
export type ScalingGroupChoice = {
	readonly autoScalingGroupName: string;
	readonly capacityProviderName: string;
	readonly minSize: number;
	readonly maxSize: number;
	readonly desiredCapacity: number;
	readonly inService: number;
};

export type ScalingGroupsOutcome =
	| {readonly ok: true; readonly groups: readonly ScalingGroupChoice[]}
	| {readonly ok: false; readonly refusal: string};

/**
 * A change of this session that can be put back (`u`, `:undo`): what was changed, and the request
 * that reverses it, planned and confirmed like any other when the user asks for it.
 */
export type UndoEntry = {
	readonly id: string;
	/** The kind of the change it reverses (`scale-service`, `scale-cluster`, ...). */
	readonly kind: ActionKind;
	/** When the change was applied, epoch ms. */
	readonly at: number;
	/** The change as its confirmation said it (`api desired 3 -> 6`). */
	readonly change: string;
	/** The request that puts it back. */
	readonly reverse: ActionRequest;
	/** The value the change left (`6`, `DRAINING`): another value there now means it was changed since. */
	readonly left: string;
};

export type ActionState = {
	/** Plans sent and not yet answered, by target. */
	readonly inFlight: Readonly<Record<string, ActionPlan>>;
	/** Optimistic marks by resource ARN (service, task, container instance, cluster). */
	readonly marks: Readonly<Record<string, RowMark>>;
	/** The newest result first, a handful kept. */
	readonly results: readonly ActionResult[];
	/**
	 * Revision changes sent in this session, by service ARN, followed to the end of their
	 * rollout. Optional so existing fakes of this type still compile.
	 */
	readonly rollouts?: Readonly<Record<string, RolloutFollow>>;
	/** The changes that can be put back, newest first. */
	readonly undo: readonly UndoEntry[];
};

/**
 * What the UI may call. `plan*` never touches AWS; `confirm` sends once (a plan whose target is
 * already in flight, or any plan under --read-only, is refused without a request).
 */
export type ActionRunner = {
	readonly readOnly: boolean;
	/** What the dialogs and rows show: in-flight plans, marks, results, the undo entry. */
	readonly state: StoreApi<ActionState>;
	/** A plan to confirm: its own id, kept until confirmed (or forgotten among many). */
	plan(request: ActionRequest): PlanOutcome;
	/**
	 * What `plan` would give, for a dialog to show while its fields are edited: nothing is kept
	 * and no id is minted (every preview's id is the same, and confirming it is refused), and the
	 * same answer object comes back until the request or the fleet changes. Optional so existing
	 * fakes of this type still compile.
	 */
	preview?(request: ActionRequest): PlanOutcome;
	/** A plan putting the newest change of `undo` back; refused when there is none. */
	planUndo(): PlanOutcome;
	/** The groups the `S` dialog offers, or why the cluster has none (Fargate, no ASG). */
	scalingGroups(clusterArn: string): ScalingGroupsOutcome;
	/** The highest desired count accepted (the per-service task quota). */
	maxDesiredCount(): number;
	/**
	 * A desired count sent for this service and not yet shown by a poll (what `+`/`-` should
	 * count from, so two quick presses make 10 -> 11 -> 12, not 10 -> 11 twice); undefined when
	 * none. Optional so existing fakes of this type still compile.
	 */
	pendingDesiredCount?(serviceArn: string): number | undefined;
	/** Resolves when AWS answers, or when the write deadline passes (status `unknown`). */
	confirm(plan: ActionPlan): Promise<ActionResult>;
	/**
	 * Stops reconciling marks and checking (on quit). A request still waiting for its answer gets
	 * its `unknown` audit line now: ecs-top will not hear what AWS did with it.
	 */
	dispose(): void;
};
