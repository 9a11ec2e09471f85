// A task definition whole: what it runs (images and where they are pulled from), with what
// resources, ports and storage. Environment values are never shown: they often hold secrets,
// and a terminal is easily shared or recorded.
import {useMemo} from 'react';
import {nameFromArn} from '../../model/arn.js';
import {
	taskDefinitionLabel,
	type ContainerDefinition,
	type TaskDefinition,
	type TaskVolume,
} from '../../model/task-definition.js';
import {useTheme, type Tone} from '../theme.js';
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
import {DetailView, type DetailViewport} from './detail-view.js';

/**
 * What the detail view can use beyond the model's ContainerDefinition. The model does not carry
 * the environment yet; when the adapter adds a count (or the list), only the count is shown.
 */
export type ContainerEnvironment = {
	readonly environmentCount?: number;
	readonly environment?: readonly unknown[];
};

export type TaskDefinitionDetailData = {readonly taskDefinition: TaskDefinition};

function statusTone(status: string): Tone | undefined {
	if (status === 'ACTIVE') return 'ok';
	if (status === 'INACTIVE' || status === 'DELETE_IN_PROGRESS') return 'muted';
	return undefined;
}

function environmentCount(container: ContainerDefinition): number | undefined {
	const extra = container as ContainerDefinition & ContainerEnvironment;
	if (typeof extra.environmentCount === 'number') return extra.environmentCount;
	return Array.isArray(extra.environment) ? extra.environment.length : undefined;
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
	const count = environmentCount(container);
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
		field(
			'  Environment',
			count === undefined
				? '- (values never shown)'
				: `${count} variable${count === 1 ? '' : 's'} (values hidden)`,
			'muted',
		),
		field('  Mounts', mounts === '' ? '-' : mounts),
	];
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
	const compatibilities = definition.requiresCompatibilities.join(', ');
	return [
		field('Task definition', taskDefinitionLabel(definition)),
		field('Status', definition.status, statusTone(definition.status)),
		field('Task role', roleName(definition.taskRoleArn)),
		field('Execution role', roleName(definition.executionRoleArn)),
		field('Network mode', orDash(definition.networkMode)),
		field('Compatibilities', compatibilities === '' ? '-' : compatibilities),
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

export type TaskDefinitionDetailProps = TaskDefinitionDetailData &
	DetailViewport & {readonly now: number};

export function TaskDefinitionDetail({
	taskDefinition,
	now,
	width,
	height,
	scrollOffset,
}: TaskDefinitionDetailProps) {
	const theme = useTheme();
	const lines = useMemo(
		() => taskDefinitionDetailLines({taskDefinition}, {width, now, glyphs: theme.glyphs}),
		[taskDefinition, width, now, theme.glyphs],
	);
	return <DetailView lines={lines} width={width} height={height} scrollOffset={scrollOffset} />;
}
