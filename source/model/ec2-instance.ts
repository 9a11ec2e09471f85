/**
 * What only EC2 knows about a container instance; fetched lazily (docs/aws-limits.md, "What needs
 * no EC2 call").
 */
export type Ec2Instance = {
	readonly instanceId: string;
	readonly instanceType: string | undefined;
	readonly state: string | undefined;
	readonly availabilityZone: string | undefined;
	readonly privateIpAddress: string | undefined;
	readonly launchTime: number | undefined;
	/** 'spot' or 'capacity-block'; undefined for on-demand. */
	readonly instanceLifecycle: string | undefined;
};
