/**
 * The AWS console page of an ECS resource, from its ARN: the partition picks the console's host
 * (the commercial one, China's, GovCloud's) and the region is the ARN's own, so the link opens
 * where the resource is whatever region the console last showed. Paths are the ECS console's
 * (v2) as it addresses clusters, services, tasks, container instances and task definitions.
 */

export type ArnParts = {
	readonly partition: string;
	readonly service: string;
	readonly region: string;
	readonly account: string;
	/** After the account: `service/web/api`, `task-definition/api:3`. */
	readonly resource: string;
};

export function parseArn(arn: string): ArnParts | undefined {
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0] !== 'arn') return undefined;
	const [, partition = '', service = '', region = '', account = ''] = parts;
	return {partition, service, region, account, resource: parts.slice(5).join(':')};
}

/** The console's origin in a partition and region; undefined for a partition not known here. */
export function consoleOrigin(partition: string, region: string): string | undefined {
	switch (partition) {
		case 'aws':
			return `https://${region}.console.aws.amazon.com`;
		case 'aws-cn':
			return 'https://console.amazonaws.cn';
		case 'aws-us-gov':
			return 'https://console.amazonaws-us-gov.com';
		default:
			return undefined;
	}
}

const segment = (value: string) => encodeURIComponent(value);

/** The ECS console page of `arn`, or undefined when it is not an ECS ARN this knows. */
export function consoleUrl(arn: string, clusterName?: string): string | undefined {
	const parsed = parseArn(arn);
	if (parsed === undefined || parsed.service !== 'ecs' || parsed.region === '') return undefined;
	const origin = consoleOrigin(parsed.partition, parsed.region);
	if (origin === undefined) return undefined;
	const page = ecsPage(parsed.resource, clusterName);
	if (page === undefined) return undefined;
	return `${origin}/ecs/v2/${page}?region=${segment(parsed.region)}`;
}

function ecsPage(resource: string, clusterName: string | undefined): string | undefined {
	const slash = resource.indexOf('/');
	if (slash === -1) return undefined;
	const type = resource.slice(0, slash);
	const path = resource.slice(slash + 1).split('/');
	// Old-format ARNs leave the cluster out (`service/api`): the caller may know it.
	const inCluster = (rest: readonly string[]): [string, string] | undefined => {
		if (rest.length >= 2) return [rest[0]!, rest[rest.length - 1]!];
		if (rest.length === 1 && clusterName !== undefined) return [clusterName, rest[0]!];
		return undefined;
	};
	switch (type) {
		case 'cluster':
			return path[0] ? `clusters/${segment(path[0])}/services` : undefined;
		case 'service': {
			const found = inCluster(path);
			return found && `clusters/${segment(found[0])}/services/${segment(found[1])}/health`;
		}
		case 'task': {
			const found = inCluster(path);
			return found && `clusters/${segment(found[0])}/tasks/${segment(found[1])}/configuration`;
		}
		case 'container-instance': {
			const found = inCluster(path);
			return (
				found &&
				`clusters/${segment(found[0])}/infrastructure/container-instances/${segment(found[1])}/configuration`
			);
		}
		case 'task-definition': {
			const [family, revision] = (path[0] ?? '').split(':');
			if (!family || !revision) return undefined;
			return `task-definitions/${segment(family)}/${segment(revision)}/containers`;
		}
		default:
			return undefined;
	}
}
