export type CallerIdentity = {
	readonly account: string;
	readonly arn: string;
	readonly userId: string;
};
