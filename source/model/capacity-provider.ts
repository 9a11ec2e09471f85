export type CapacityProviderStrategyItem = {
	readonly capacityProvider: string;
	readonly weight: number;
	readonly base: number;
};

export type CapacityProvider = {
	readonly arn: string;
	readonly name: string;
	readonly status: string;
	/** The ASG behind the provider, as AWS stores it: an ARN or a plain name. */
	readonly autoScalingGroup: string | undefined;
	readonly managedScaling:
		| {
				readonly status: string;
				readonly targetCapacity: number | undefined;
				readonly minimumScalingStepSize: number | undefined;
				readonly maximumScalingStepSize: number | undefined;
		  }
		| undefined;
	readonly managedTerminationProtection: string | undefined;
	readonly updateStatus: string | undefined;
};

/**
 * AWS's own capacity providers, in every account: Fargate, with no Auto Scaling group (nor any
 * instance of ours) behind them, so no call is needed to learn that.
 */
export function isFargateProvider(name: string): boolean {
	return name === 'FARGATE' || name === 'FARGATE_SPOT';
}

/** Describe/SetDesiredCapacity take a group name, while a provider may hold the group's ARN. */
export function autoScalingGroupName(nameOrArn: string): string {
	const marker = ':autoScalingGroupName/';
	const at = nameOrArn.indexOf(marker);
	return at === -1 ? nameOrArn : nameOrArn.slice(at + marker.length);
}
