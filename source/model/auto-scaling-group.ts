export type AutoScalingInstance = {
	readonly instanceId: string;
	readonly instanceType: string | undefined;
	readonly availabilityZone: string | undefined;
	readonly lifecycleState: string | undefined;
	readonly healthStatus: string | undefined;
	readonly protectedFromScaleIn: boolean;
};

export type AutoScalingGroup = {
	readonly name: string;
	readonly arn: string | undefined;
	readonly minSize: number;
	readonly maxSize: number;
	readonly desiredCapacity: number;
	readonly instances: readonly AutoScalingInstance[];
	readonly status: string | undefined;
};

/** Why a desired capacity would be refused (AWS answers ValidationError), or undefined if fine. */
export function desiredCapacityProblem(
	group: AutoScalingGroup,
	desired: number,
): string | undefined {
	if (!Number.isInteger(desired) || desired < 0) return 'must be a whole number, 0 or more';
	if (desired < group.minSize || desired > group.maxSize) {
		return `must be between ${group.minSize} and ${group.maxSize} (the group's min and max)`;
	}
	return undefined;
}
