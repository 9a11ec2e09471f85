// Words for the values detail views show: images, ports, placement rules, load balancers.
import {privateEcrHost, type RegistryKind} from '../../model/task-definition.js';
import type {
	PlacementConstraint,
	PlacementStrategy,
	ServiceLoadBalancer,
} from '../../model/service.js';

const dockerHubHost = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//;
// Digests are 64 hex characters; twelve tell images apart, as `docker images` does.
const digest = /@sha256:([0-9a-f]{12})[0-9a-f]+$/;

/**
 * An image reference short enough for a table cell: the account's own ECR host and Docker Hub's
 * implied prefixes are dropped (the registry column says where it comes from), digests are cut
 * to twelve characters. Other registries keep their host: it is the informative part.
 */
export function shortImage(image: string | undefined): string {
	if (image === undefined || image === '') return '-';
	return image
		.replace(privateEcrHost, '')
		.replace(dockerHubHost, '')
		.replace(/^library\//, '')
		.replace(digest, '@sha256:$1');
}

/** `Docker Hub`, `ECR`, `ECR Public`, or `other: ghcr.io` naming the host. */
export function registryLabel(kind: RegistryKind, image: string): string {
	switch (kind) {
		case 'docker-hub':
			return 'Docker Hub';
		case 'ecr':
			return 'ECR';
		case 'ecr-public':
			return 'ECR Public';
		case 'other':
			return `other: ${image.split('/')[0] ?? image}`;
	}
}

/** `32768->80/tcp`, as `docker ps` writes it; `80/tcp` when no host port is bound yet. */
export function portBinding(binding: {
	readonly containerPort: number | undefined;
	readonly hostPort: number | undefined;
	readonly protocol: string | undefined;
}): string {
	const container = `${binding.containerPort ?? '?'}/${binding.protocol ?? 'tcp'}`;
	return binding.hostPort === undefined ? container : `${binding.hostPort}->${container}`;
}

export function portBindings(bindings: readonly Parameters<typeof portBinding>[0][]): string {
	return bindings.length === 0 ? '-' : bindings.map(portBinding).join(', ');
}

/** `spread(attribute:ecs.availability-zone)`, `binpack(memory)`, `random`. */
export function describeStrategy(strategy: PlacementStrategy): string {
	return strategy.field === undefined || strategy.field === ''
		? strategy.type
		: `${strategy.type}(${strategy.field})`;
}

/** `distinctInstance`, `memberOf(attribute:ecs.instance-type =~ t3.*)`. */
export function describeConstraint(constraint: PlacementConstraint): string {
	return constraint.expression === undefined || constraint.expression === ''
		? constraint.type
		: `${constraint.type}(${constraint.expression})`;
}

/**
 * A target group's name from its ARN (`...:targetgroup/web-tg/6d0ecf831eec9f09` -> `web-tg`),
 * or the Classic Load Balancer's name.
 */
export function loadBalancerName(loadBalancer: ServiceLoadBalancer): string {
	const arn = loadBalancer.targetGroupArn;
	if (arn !== undefined) {
		const match = /:targetgroup\/([^/]+)/.exec(arn);
		return match?.[1] ?? arn;
	}
	return loadBalancer.loadBalancerName ?? '-';
}

/** `web:80`: the container and port the load balancer sends traffic to. */
export function loadBalancerTarget(loadBalancer: ServiceLoadBalancer): string {
	return `${loadBalancer.containerName ?? '?'}:${loadBalancer.containerPort ?? '?'}`;
}

/** `256 units (0.25 vCPU)`; task-level values come as strings from the API. */
export function cpuUnits(units: number | string | undefined): string {
	const n = typeof units === 'string' ? Number(units) : units;
	if (n === undefined || !Number.isFinite(n)) return typeof units === 'string' ? units : '-';
	return `${n} units (${Number((n / 1024).toFixed(2))} vCPU)`;
}

/** `512 MiB`; ECS sizes memory in MiB. */
export function memoryMiB(mib: number | string | undefined): string {
	const n = typeof mib === 'string' ? Number(mib) : mib;
	if (n === undefined || !Number.isFinite(n)) return typeof mib === 'string' ? mib : '-';
	return `${n} MiB`;
}
