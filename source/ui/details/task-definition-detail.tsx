// A task definition whole: what it runs (images and where they are pulled from), with what
// resources, ports, secrets, logs, health check and storage. Environment values are never shown
// (only names): they often hold secrets, and a terminal is easily shared or recorded.
import {nameFromArn} from '../../model/arn.js';
import {
	taskDefinitionLabel,
	type ContainerDefinition,
	type ContainerHealthCheck,
	type ContainerSecret,
	type LogConfiguration,
	type TaskDefinition,
	type TaskVolume,
} from '../../model/task-definition.js';
import type {Tone} from '../theme.js';
import {
	ago,
	blank,
	field,
	heading,
	orDash,
	resolveContext,
	segment,
	text,
	type DetailContext,
	type DetailLine,
} from './detail-lines.js';
import {cpuUnits, memoryMiB, portBinding, registryLabel} from './detail-format.js';
import {detailViewOf, type BuiltDetailProps} from './detail-view.js';

export type TaskDefinitionDetailData = {readonly taskDefinition: TaskDefinition};

function statusTone(status: string): Tone | undefined {
	if (status === 'ACTIVE') return 'ok';
	if (status === 'INACTIVE' || status === 'DELETE_IN_PROGRESS') return 'muted';
	return undefined;
}

function memoryText(container: ContainerDefinition): string {
	const parts: string[] = [];
	if (container.memory !== undefined) parts.push(`${memoryMiB(container.memory)} hard`);
	if (container.memoryReservation !== undefined) {
		parts.push(`${memoryMiB(container.memoryReservation)} soft`);
	}
	return parts.length === 0 ? 'task level' : parts.join(' / ');
}

/** `80/tcp -> host 8080`; host port 0 (or none, in bridge mode) means a dynamic host port. */
function portMappingText(container: ContainerDefinition, networkMode: string | undefined): string {
	if (container.portMappings.length === 0) return '-';
	return container.portMappings
		.map((mapping) => {
			const port = portBinding({...mapping, hostPort: undefined});
			if (networkMode === 'awsvpc' || networkMode === 'host') return port;
			return mapping.hostPort === undefined || mapping.hostPort === 0
				? `${port} -> host dynamic`
				: `${port} -> host ${mapping.hostPort}`;
		})
		.join(', ');
}

function containerLines(
	container: ContainerDefinition,
	networkMode: string | undefined,
): DetailLine[] {
	const registry = registryLabel(container.registry, container.image);
	const mounts = container.mountPoints
		.map(
			(mount) =>
				`${orDash(mount.sourceVolume)} -> ${orDash(mount.containerPath)}${mount.readOnly ? ' (ro)' : ''}`,
		)
		.join(', ');
	return [
		text(
			segment(`  ${container.name}`),
			segment(container.essential ? '  essential' : '  not essential', 'muted'),
		),
		field('  Image', container.image),
		field('  Registry', registry, container.registry === 'other' ? 'info' : undefined),
		field('  CPU', container.cpu === undefined ? 'task level' : cpuUnits(container.cpu)),
		field('  Memory', memoryText(container)),
		field('  Ports', portMappingText(container, networkMode)),
		environmentField(container.environmentNames),
		...secretFields(container.secrets),
		field('  Logs', logText(container.logConfiguration)),
		field('  Health check', healthCheckText(container.healthCheck)),
		field('  Mounts', mounts === '' ? '-' : mounts),
	];
}

/** The variables' names, never their values: they often hold secrets and screens get shared. */
function environmentField(names: readonly string[] | undefined): DetailLine {
	if (names === undefined) return field('  Environment', '- (values never shown)', 'muted');
	if (names.length === 0) return field('  Environment', 'none');
	return field('  Environment', [
		segment(`${names.length} variable${names.length === 1 ? '' : 's'} (values hidden): `, 'muted'),
		segment(names.join(', ')),
	]);
}

/**
 * Where a secret comes from, short: `Secrets Manager api/db-AbCd` or `Parameter Store
 * /api/key`; a bare name is a parameter of the same region and account.
 */
export function secretSource(valueFrom: string): string {
	const secret = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(valueFrom);
	if (secret) return `Secrets Manager ${secret[1]}`;
	const parameter = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(valueFrom);
	if (parameter) return `Parameter Store ${parameter[1]}`;
	if (!valueFrom.startsWith('arn:')) return `Parameter Store ${valueFrom}`;
	return valueFrom;
}

function secretFields(secrets: readonly ContainerSecret[] | undefined): DetailLine[] {
	if (secrets === undefined || secrets.length === 0) return [field('  Secrets', 'none')];
	return secrets.map((secret, i) =>
		field(i === 0 ? '  Secrets' : '', [
			segment(`${secret.name}  `),
			segment(`from ${secretSource(secret.valueFrom)}`, 'muted'),
		]),
	);
}

// A log option whose name says it holds a credential (a Splunk token, say) is not printed.
const credentialOption = /token|secret|password|passwd|key$|apikey|credential/i;

/** `awslogs  awslogs-group=/ecs/web/api, awslogs-region=us-east-1`; `-` when none is set. */
function logText(config: LogConfiguration | undefined): string {
	if (config === undefined) return '- (the Docker daemon default)';
	const options = Object.entries(config.options).map(([name, value]) =>
		credentialOption.test(name) ? `${name}=(hidden)` : `${name}=${value}`,
	);
	options.push(...config.secretOptionNames.map((name) => `${name}=(from a secret)`));
	return options.length === 0 ? config.logDriver : `${config.logDriver}  ${options.join(', ')}`;
}

/** `CMD-SHELL curl -f http://localhost/  every 30s, timeout 5s, 3 retries`; ECS's defaults filled in. */
function healthCheckText(check: ContainerHealthCheck | undefined): string {
	if (check === undefined) return 'none';
	const timing = [
		`every ${check.interval ?? 30}s`,
		`timeout ${check.timeout ?? 5}s`,
		`${check.retries ?? 3} retries`,
	];
	if (check.startPeriod !== undefined && check.startPeriod > 0)
		timing.push(`start period ${check.startPeriod}s`);
	return `${check.command.join(' ')}  ${timing.join(', ')}`;
}

/** What it can run on: what was required, else what ECS found it compatible with. */
function compatibilityText(definition: TaskDefinition): string {
	const required = definition.requiresCompatibilities;
	const found = definition.compatibilities ?? [];
	if (required.length === 0) return found.length === 0 ? '-' : found.join(', ');
	const extra = found.filter((name) => !required.includes(name));
	return extra.length === 0
		? required.join(', ')
		: `${required.join(', ')} (also compatible: ${extra.join(', ')})`;
}

function volumeText(volume: TaskVolume): string {
	if (volume.kind === 'host') return `host path ${orDash(volume.hostPath)}`;
	if (volume.kind === 'docker') return 'docker volume';
	if (volume.kind === 'efs') return 'EFS';
	if (volume.kind === 'fsx') return 'FSx for Windows';
	if (volume.kind === 'configured-at-launch') return 'configured at launch (EBS)';
	// A volume with neither host nor configuration is scratch space that lives with the task.
	return 'task scratch (no host path)';
}

function volumeLines(volumes: readonly TaskVolume[]): DetailLine[] {
	if (volumes.length === 0) return [heading('Volumes'), text(segment('  none', 'muted'))];
	return [
		heading(`Volumes (${volumes.length})`),
		...volumes.map((volume) =>
			text(segment(`  ${volume.name}  `), segment(volumeText(volume), 'muted')),
		),
	];
}

function roleName(arn: string | undefined): string {
	return arn === undefined ? '-' : nameFromArn(arn);
}

export function taskDefinitionDetailLines(
	data: TaskDefinitionDetailData,
	context: DetailContext,
): DetailLine[] {
	const ctx = resolveContext(context);
	const definition = data.taskDefinition;
	return [
		field('Task definition', taskDefinitionLabel(definition)),
		field('Status', definition.status, statusTone(definition.status)),
		field('Task role', roleName(definition.taskRoleArn)),
		field('Execution role', roleName(definition.executionRoleArn)),
		field('Network mode', orDash(definition.networkMode)),
		field('Compatibilities', compatibilityText(definition)),
		field('Task CPU', definition.cpu === undefined ? '-' : cpuUnits(definition.cpu)),
		field('Task memory', definition.memory === undefined ? '-' : memoryMiB(definition.memory)),
		field('Registered', ago(definition.registeredAt, ctx.now)),
		blank,
		heading(`Containers (${definition.containers.length})`),
		...definition.containers.flatMap((container, i) => [
			...(i > 0 ? [blank] : []),
			...containerLines(container, definition.networkMode),
		]),
		blank,
		...volumeLines(definition.volumes),
	];
}

export type TaskDefinitionDetailProps = BuiltDetailProps<TaskDefinitionDetailData>;

export const TaskDefinitionDetail = detailViewOf(taskDefinitionDetailLines);
