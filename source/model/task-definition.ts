export type RegistryKind = 'docker-hub' | 'ecr' | 'ecr-public' | 'other';

export type PortMapping = {
	readonly containerPort: number | undefined;
	readonly hostPort: number | undefined;
	readonly protocol: string | undefined;
};

export type ContainerDefinition = {
	readonly name: string;
	readonly image: string;
	readonly registry: RegistryKind;
	readonly essential: boolean;
	readonly cpu: number | undefined;
	readonly memory: number | undefined;
	readonly memoryReservation: number | undefined;
	readonly portMappings: readonly PortMapping[];
	readonly command: readonly string[];
	readonly mountPoints: readonly {
		readonly sourceVolume: string | undefined;
		readonly containerPath: string | undefined;
		readonly readOnly: boolean;
	}[];
	/** The environment's variable names only: values often hold secrets and are never kept. */
	readonly environmentNames?: readonly string[];
	/** Variables ECS fills at start, each with where it comes from (an ARN or parameter name). */
	readonly secrets?: readonly ContainerSecret[];
	readonly logConfiguration?: LogConfiguration;
	readonly healthCheck?: ContainerHealthCheck;
};

export type ContainerSecret = {readonly name: string; readonly valueFrom: string};

/** Where a container's output goes: its log driver and the driver's options, as registered. */
export type LogConfiguration = {
	readonly logDriver: string;
	readonly options: Readonly<Record<string, string>>;
	/** Option names filled from secrets (their sources are not shown, only that they exist). */
	readonly secretOptionNames: readonly string[];
};

export type ContainerHealthCheck = {
	readonly command: readonly string[];
	/** Seconds, as the API gives them; undefined means ECS's default. */
	readonly interval: number | undefined;
	readonly timeout: number | undefined;
	readonly retries: number | undefined;
	readonly startPeriod: number | undefined;
};

export type TaskVolume = {
	readonly name: string;
	/** host, docker, efs, fsx or none: which kind of storage backs the volume. */
	readonly kind: string;
	readonly hostPath: string | undefined;
};

export type TaskDefinition = {
	readonly arn: string;
	readonly family: string;
	readonly revision: number;
	readonly status: string;
	readonly networkMode: string | undefined;
	readonly requiresCompatibilities: readonly string[];
	/** What ECS found the definition can run on (`EC2`, `FARGATE`), set even when none was asked. */
	readonly compatibilities?: readonly string[];
	readonly cpu: string | undefined;
	readonly memory: string | undefined;
	readonly taskRoleArn: string | undefined;
	readonly executionRoleArn: string | undefined;
	readonly containers: readonly ContainerDefinition[];
	readonly volumes: readonly TaskVolume[];
	readonly registeredAt: number | undefined;
};

/** An account's own ECR registry host (commercial, FIPS and China partitions), with its slash. */
export const privateEcrHost = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

/**
 * Where an image is pulled from. Docker's rule: the first path segment is a registry host only
 * if it has a dot or a colon or is `localhost`; otherwise the image is on Docker Hub.
 */
export function imageRegistry(image: string): RegistryKind {
	if (privateEcrHost.test(image)) return 'ecr';
	if (image.startsWith('public.ecr.aws/')) return 'ecr-public';
	const slash = image.indexOf('/');
	if (slash === -1) return 'docker-hub';
	const first = image.slice(0, slash);
	if (first === 'docker.io' || first === 'index.docker.io' || first === 'registry-1.docker.io') {
		return 'docker-hub';
	}
	const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
	return isHost ? 'other' : 'docker-hub';
}

/** `family:revision`, the name people use for a task definition. */
export function taskDefinitionLabel(definition: TaskDefinition): string {
	return `${definition.family}:${definition.revision}`;
}
