/**
 * Small builders for what real task definitions carry (awslogs, IAM roles, health checks, tags) and
 * for the environment variables that ask the simulator's engine for a behaviour, so scenario files
 * read like an account's infrastructure and not like engine plumbing.
 */
import type {World} from '../world/world.js';
import type {ContainerDefinition, KeyValue, Tag} from '../world/types.js';

export function tags(values: Record<string, string>): Tag[] {
	return Object.entries(values).map(([key, value]) => ({key, value}));
}

export function roleArn(world: World, roleName: string): string {
	return `arn:aws:iam::${world.accountId}:role/${roleName}`;
}

export function ecrImage(world: World, repository: string, tag: string): string {
	return `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${repository}:${tag}`;
}

/** The log configuration almost every ECS task definition has. */
export function awslogs(world: World, group: string): ContainerDefinition['logConfiguration'] {
	return {
		logDriver: 'awslogs',
		options: {
			'awslogs-group': group,
			'awslogs-region': world.region,
			'awslogs-stream-prefix': 'ecs',
		},
	};
}

/**
 * Creates the log group of every awslogs configuration registered so far, as the account's
 * infrastructure code would next to the task definitions (ECS does not create them by itself).
 */
export function createLogGroupsOfDefinitions(world: World): void {
	for (const revisions of world.taskDefinitions.values())
		for (const definition of revisions)
			for (const container of definition.containerDefinitions) {
				const config = container.logConfiguration;
				const group =
					config?.logDriver === 'awslogs' ? config.options?.['awslogs-group'] : undefined;
				if (group !== undefined && !world.logs.groups.has(group)) world.logs.createGroup(group);
			}
}

export function httpHealthCheck(
	port: number,
	path = '/health',
	startPeriod = 15,
): NonNullable<ContainerDefinition['healthCheck']> {
	return {
		command: ['CMD-SHELL', `curl -fs http://localhost:${port}${path} || exit 1`],
		interval: 30,
		timeout: 5,
		retries: 3,
		startPeriod,
	};
}

/** What a container should do in the simulator (see ContainerBehaviour in world/types.ts). */
export interface SimBehaviour {
	/** Seconds after RUNNING when the essential container exits by itself. */
	exitAfterSeconds?: number;
	exitCode?: number;
	/** Typical share of the reservation in use, 0..1. */
	cpu?: number;
	memory?: number;
	unhealthy?: boolean;
}

export function simEnvironment(behaviour: SimBehaviour): KeyValue[] {
	const env: KeyValue[] = [];
	if (behaviour.exitAfterSeconds !== undefined)
		env.push({name: 'ECS_TOP_SIM_EXIT_AFTER', value: String(behaviour.exitAfterSeconds)});
	if (behaviour.exitCode !== undefined)
		env.push({name: 'ECS_TOP_SIM_EXIT_CODE', value: String(behaviour.exitCode)});
	if (behaviour.cpu !== undefined)
		env.push({name: 'ECS_TOP_SIM_CPU', value: loadText(behaviour.cpu)});
	if (behaviour.memory !== undefined)
		env.push({name: 'ECS_TOP_SIM_MEMORY', value: loadText(behaviour.memory)});
	if (behaviour.unhealthy) env.push({name: 'ECS_TOP_SIM_UNHEALTHY', value: '1'});
	return env;
}

function loadText(load: number): string {
	return String(Math.round(load * 100) / 100);
}
