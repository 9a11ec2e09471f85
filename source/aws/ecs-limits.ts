/** ECS API maxima per call (docs/aws-limits.md): fewer calls for the same data. No SDK import, so
 * the UI thread can batch calls to the AWS thread without loading the SDK. */
export const ecsLimits = {
	pageSize: 100,
	describeClusters: 100,
	describeServices: 10,
	describeTasks: 100,
	describeContainerInstances: 100,
	describeCapacityProviders: 100,
	capacityProviderPage: 10,
} as const;

/**
 * The writes' limits in the API model (docs/aws-limits.md). Here rather than in ecs-actions.ts:
 * the action planning on the UI thread needs them, and importing that module would load the
 * SDK's ECS client there before the first calls.
 */
export const ecsActionLimits = {
	runTaskCount: 10,
	clientToken: 64,
	stopReason: 255,
	updateInstancesState: 10,
} as const;
