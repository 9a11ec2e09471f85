/**
 * What differs between two task definition revisions, in the terms an operator checks before a
 * deploy: images and their tags, CPU and memory, environment variable names (never values) and
 * port mappings. Pure: the revision picker, the deploy confirmation and the `:td` side-by-side
 * view all draw from these.
 */
import type {ContainerDefinition, PortMapping, TaskDefinition} from './task-definition.js';

/** One difference, ready to print: `api: tag 1.41.0 -> 1.42.0`. */
export type RevisionChange = {
	readonly kind: 'image' | 'cpu' | 'memory' | 'variables' | 'ports' | 'container';
	readonly text: string;
};

/** `repo` and `tag` of an image reference; a digest counts as the tag, shortened. */
export function splitImage(image: string): {readonly repository: string; readonly tag: string} {
	const at = image.indexOf('@');
	if (at !== -1) {
		const digest = image.slice(at + 1);
		const hex = digest.slice(digest.indexOf(':') + 1);
		return {repository: image.slice(0, at), tag: `@${hex.slice(0, 12)}`};
	}
	const colon = image.lastIndexOf(':');
	if (colon > image.lastIndexOf('/')) {
		return {repository: image.slice(0, colon), tag: image.slice(colon + 1)};
	}
	return {repository: image, tag: 'latest'};
}

/**
 * An image without its registry host (`123456789012.dkr.ecr.../api:1.42.0` -> `api:1.42.0`): the
 * repository and tag are what tell two revisions apart, and the host would push them off screen.
 */
export function shortImage(image: string): string {
	const slash = image.indexOf('/');
	if (slash === -1) return image;
	const first = image.slice(0, slash);
	const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
	return isHost ? image.slice(slash + 1) : image;
}

/** `8080/tcp` or `8080->80/tcp` when the host port is fixed and different. */
function portText(mapping: PortMapping): string {
	const container = mapping.containerPort ?? '?';
	const host =
		mapping.hostPort !== undefined && mapping.hostPort !== 0 && mapping.hostPort !== container
			? `${mapping.hostPort}->`
			: '';
	return `${host}${container}/${mapping.protocol ?? 'tcp'}`;
}

export function portsOf(container: ContainerDefinition): string {
	return container.portMappings.length === 0
		? '-'
		: container.portMappings.map(portText).join(', ');
}

/** Container memory as configured: the hard limit, else the soft reservation (`256 soft`). */
export function containerMemory(container: ContainerDefinition): string {
	if (container.memory !== undefined) return String(container.memory);
	if (container.memoryReservation !== undefined) return `${container.memoryReservation} soft`;
	return '-';
}

const orDash = (value: string | number | undefined) => (value === undefined ? '-' : String(value));

function variableNames(container: ContainerDefinition): readonly string[] {
	return [...(container.environmentNames ?? [])].sort();
}

function containerChanges(
	name: string,
	from: ContainerDefinition,
	to: ContainerDefinition,
): RevisionChange[] {
	const changes: RevisionChange[] = [];
	if (from.image !== to.image) {
		const before = splitImage(from.image);
		const after = splitImage(to.image);
		changes.push({
			kind: 'image',
			text:
				before.repository === after.repository
					? `${name}: tag ${before.tag} -> ${after.tag}`
					: `${name}: image ${shortImage(from.image)} -> ${shortImage(to.image)}`,
		});
	}
	if (from.cpu !== to.cpu)
		changes.push({kind: 'cpu', text: `${name}: cpu ${orDash(from.cpu)} -> ${orDash(to.cpu)}`});
	const memoryBefore = containerMemory(from);
	const memoryAfter = containerMemory(to);
	if (memoryBefore !== memoryAfter)
		changes.push({kind: 'memory', text: `${name}: memory ${memoryBefore} -> ${memoryAfter}`});
	const namesBefore = new Set(variableNames(from));
	const namesAfter = new Set(variableNames(to));
	const added = [...namesAfter].filter((n) => !namesBefore.has(n));
	const removed = [...namesBefore].filter((n) => !namesAfter.has(n));
	if (added.length > 0 || removed.length > 0) {
		const words = [...added.map((n) => `+${n}`), ...removed.map((n) => `-${n}`)];
		changes.push({kind: 'variables', text: `${name}: variables ${words.join(' ')}`});
	}
	const portsBefore = portsOf(from);
	const portsAfter = portsOf(to);
	if (portsBefore !== portsAfter)
		changes.push({kind: 'ports', text: `${name}: ports ${portsBefore} -> ${portsAfter}`});
	return changes;
}

/**
 * What a service moving from `from` to `to` would change, task-level sizes first, then each
 * container by name (added and removed containers say so). Empty when nothing checked differs.
 */
export function revisionChanges(from: TaskDefinition, to: TaskDefinition): RevisionChange[] {
	const changes: RevisionChange[] = [];
	if (from.cpu !== to.cpu)
		changes.push({kind: 'cpu', text: `task cpu ${orDash(from.cpu)} -> ${orDash(to.cpu)}`});
	if (from.memory !== to.memory)
		changes.push({
			kind: 'memory',
			text: `task memory ${orDash(from.memory)} -> ${orDash(to.memory)}`,
		});
	const before = new Map(from.containers.map((c) => [c.name, c]));
	const after = new Map(to.containers.map((c) => [c.name, c]));
	for (const container of to.containers) {
		const old = before.get(container.name);
		if (old === undefined)
			changes.push({kind: 'container', text: `+container ${container.name} (${container.image})`});
		else changes.push(...containerChanges(container.name, old, container));
	}
	for (const container of from.containers) {
		if (!after.has(container.name))
			changes.push({kind: 'container', text: `-container ${container.name}`});
	}
	return changes;
}

/** One line for a list row: the changes joined, or that nothing checked differs. */
export function changeSummary(changes: readonly RevisionChange[]): string {
	return changes.length === 0
		? 'same images, sizes, variables, ports'
		: changes.map((change) => change.text).join('; ');
}

/** A row of the side-by-side view: what each revision says, and whether they differ. */
export type CompareRow = {
	readonly label: string;
	readonly left: string;
	readonly right: string;
	readonly differs: boolean;
};

function row(label: string, left: string, right: string): CompareRow {
	return {label, left, right, differs: left !== right};
}

/** Two revisions side by side: task sizes, then every container of either, field by field. */
export function compareRevisions(left: TaskDefinition, right: TaskDefinition): CompareRow[] {
	const rows = [
		row('task cpu', orDash(left.cpu), orDash(right.cpu)),
		row('task memory', orDash(left.memory), orDash(right.memory)),
	];
	const names = [
		...new Set([...left.containers, ...right.containers].map((container) => container.name)),
	];
	for (const name of names) {
		const a = left.containers.find((c) => c.name === name);
		const b = right.containers.find((c) => c.name === name);
		const field = (of: (c: ContainerDefinition) => string) => [
			a === undefined ? '(none)' : of(a),
			b === undefined ? '(none)' : of(b),
		];
		const [imageA, imageB] = field((c) => shortImage(c.image));
		rows.push(row(`${name} image`, imageA!, imageB!));
		const [cpuA, cpuB] = field((c) => orDash(c.cpu));
		rows.push(row(`${name} cpu`, cpuA!, cpuB!));
		const [memA, memB] = field(containerMemory);
		rows.push(row(`${name} memory`, memA!, memB!));
		const [varsA, varsB] = field((c) => variableNames(c).join(' ') || '-');
		rows.push(row(`${name} variables`, varsA!, varsB!));
		const [portsA, portsB] = field(portsOf);
		rows.push(row(`${name} ports`, portsA!, portsB!));
	}
	return rows;
}
