/**
 * What a confirmed plan sends, beside the plan the dialog shows. Planners produce both at once,
 * so what is sent is exactly what was confirmed; the runner keeps the work by plan id.
 */
import type {RunTaskPlacement} from '../../aws/ecs-actions.js';
import type {ActionPlan, PlanOutcome} from './types.js';

export type ServiceRef = {
	readonly clusterArn: string;
	readonly serviceArn: string;
	readonly serviceName: string;
};

export type PlannedWork =
	| (ServiceRef & {
			readonly kind: 'set-desired-count';
			readonly before: number;
			readonly after: number;
	  })
	| (ServiceRef & {
			readonly kind: 'set-task-definition';
			/** The revision the service runs now, and the one asked for (ARNs). */
			readonly before: string;
			readonly after: string;
			readonly primaryDeploymentId: string | undefined;
	  })
	| (ServiceRef & {
			readonly kind: 'force-deployment';
			/** The primary deployment before: a poll showing another one shows the new deployment. */
			readonly primaryDeploymentId: string | undefined;
	  })
	| {
			readonly kind: 'stop-tasks';
			readonly clusterArn: string;
			readonly tasks: readonly {
				readonly arn: string;
				readonly label: string;
				readonly lastStatus: string | undefined;
			}[];
			readonly reason: string;
	  }
	| {
			readonly kind: 'run-task';
			readonly clusterArn: string;
			readonly taskDefinition: string;
			readonly count: number;
			readonly clientToken: string;
			readonly placement: RunTaskPlacement;
	  }
	| {
			readonly kind: 'set-instance-state';
			readonly clusterArn: string;
			readonly instances: readonly {
				readonly arn: string;
				readonly label: string;
				readonly before: string | undefined;
			}[];
			readonly status: 'ACTIVE' | 'DRAINING';
	  }
	| {
			readonly kind: 'set-desired-capacity';
			readonly clusterArn: string;
			readonly autoScalingGroupName: string;
			readonly before: number;
			readonly after: number;
	  };

export type Planned = {readonly plan: ActionPlan; readonly work: PlannedWork};

/** A plan and its work, or why there is none. Hand-offs (`e`, `F`) plan a HandOffWork. */
export type PlannedOutcome<W = PlannedWork> =
	| {readonly ok: true; readonly plan: ActionPlan; readonly work: W}
	| {readonly ok: false; readonly refusal: string};

export function refuse(refusal: string): {readonly ok: false; readonly refusal: string} {
	return {ok: false, refusal};
}

/** What the UI sees: the plan without the work. */
export function toPlanOutcome<W>(outcome: PlannedOutcome<W>): PlanOutcome {
	return outcome.ok ? {ok: true, plan: outcome.plan} : {ok: false, refusal: outcome.refusal};
}
