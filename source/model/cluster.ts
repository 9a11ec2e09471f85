import type {CapacityProviderStrategyItem} from './capacity-provider.js';

export type Cluster = {
	readonly arn: string;
	readonly name: string;
	readonly status: string;
	readonly registeredContainerInstancesCount: number;
	readonly runningTasksCount: number;
	readonly pendingTasksCount: number;
	readonly activeServicesCount: number;
	/** From include STATISTICS, e.g. runningEC2TasksCount; empty when not asked for. */
	readonly statistics: Readonly<Record<string, string>>;
	/** The containerInsights setting: 'enabled', 'enhanced', 'disabled' or undefined. */
	readonly containerInsights: string | undefined;
	readonly capacityProviders: readonly string[];
	readonly defaultCapacityProviderStrategy: readonly CapacityProviderStrategyItem[];
	readonly tags: Readonly<Record<string, string>>;
};

/** Container Insights metrics exist only when the setting is on, so we only ask for them then. */
export function hasContainerInsights(cluster: Cluster): boolean {
	return cluster.containerInsights === 'enabled' || cluster.containerInsights === 'enhanced';
}
