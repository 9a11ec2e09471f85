/**
 * Describe calls succeed even when some of the asked-for resources do not exist; those come back
 * as failures beside the items. They are data for the UI ("task gone"), not errors.
 */
export type DescribeFailure = {
	readonly arn: string | undefined;
	readonly reason: string | undefined;
	readonly detail: string | undefined;
};

export type Described<T> = {
	readonly items: readonly T[];
	readonly failures: readonly DescribeFailure[];
};
