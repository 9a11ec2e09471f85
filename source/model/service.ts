import type {CapacityProviderStrategyItem} from './capacity-provider.js';

export type Deployment = {
	readonly id: string;
	/** PRIMARY (the newest) or ACTIVE (an older one still draining). */
	readonly status: string;
	readonly taskDefinition: string;
	readonly desiredCount: number;
	readonly runningCount: number;
	readonly pendingCount: number;
	readonly failedTasks: number;
	readonly rolloutState: string | undefined;
	readonly rolloutStateReason: string | undefined;
	readonly createdAt: number | undefined;
	readonly updatedAt: number | undefined;
};

export type ServiceEvent = {
	readonly id: string;
	readonly createdAt: number | undefined;
	readonly message: string;
};

export type PlacementStrategy = {readonly type: string; readonly field: string | undefined};
export type PlacementConstraint = {readonly type: string; readonly expression: string | undefined};

export type ServiceLoadBalancer = {
	readonly targetGroupArn: string | undefined;
	readonly loadBalancerName: string | undefined;
	readonly containerName: string | undefined;
	readonly containerPort: number | undefined;
};

export type Service = {
	readonly arn: string;
	readonly name: string;
	readonly clusterArn: string;
	readonly status: string;
	readonly desiredCount: number;
	readonly runningCount: number;
	readonly pendingCount: number;
	readonly launchType: string | undefined;
	readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[];
	readonly taskDefinition: string;
	readonly schedulingStrategy: string | undefined;
	readonly deployments: readonly Deployment[];
	/** Newest first, as AWS returns them (at most 100). */
	readonly events: readonly ServiceEvent[];
	readonly placementStrategy: readonly PlacementStrategy[];
	readonly placementConstraints: readonly PlacementConstraint[];
	readonly loadBalancers: readonly ServiceLoadBalancer[];
	readonly minimumHealthyPercent: number | undefined;
	readonly maximumPercent: number | undefined;
	readonly circuitBreaker: {readonly enable: boolean; readonly rollback: boolean} | undefined;
	readonly createdAt: number | undefined;
	/** ECS Exec for the tasks the service starts. */
	readonly enableExecuteCommand?: boolean;
};

/** AWS's own definition (what `aws ecs wait services-stable` waits for). */
export function isServiceStable(service: Service): boolean {
	return service.deployments.length === 1 && service.runningCount === service.desiredCount;
}

export function primaryDeployment(service: Service): Deployment | undefined {
	return service.deployments.find((deployment) => deployment.status === 'PRIMARY');
}

/**
 * What the DEPLOY column says: the primary rollout's state, or COMPLETED for a stable service
 * whose deployment carries no rollout state (services created before rollouts were tracked).
 */
export function deploymentSummary(service: Service): string {
	const primary = primaryDeployment(service);
	if (primary?.rolloutState !== undefined) return primary.rolloutState;
	return isServiceStable(service) ? 'COMPLETED' : 'IN_PROGRESS';
}

/** Launch type, or the capacity providers the service places on (`FARGATE_SPOT:1,FARGATE:1`). */
export function placementTarget(service: Service): string {
	if (service.capacityProviderStrategy.length > 0) {
		return service.capacityProviderStrategy
			.map((item) => `${item.capacityProvider}:${item.weight}`)
			.join(',');
	}
	return service.launchType ?? '';
}
