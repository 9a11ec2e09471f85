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
