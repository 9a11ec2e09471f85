// The service detail's answer to "why is my task not placed": one line per group of instances
// kept off for the same reasons (model/placement-reasons.ts), the reasons in words.
import type {ContainerInstance} from '../../model/container-instance.js';
import type {PlacementReport, TaskNeeds} from '../../model/placement-reasons.js';
import {heading, segment, text, type DetailLine} from './detail-lines.js';

// Instance ids named on a group's line; past this many the line says how many more.
const namedInstances = 3;

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `512 CPU units, 1536 MiB, host port 6379`: what one task asks of an instance. */
export function describeNeeds(needs: TaskNeeds): string {
	const parts = [`${needs.cpu} CPU units`, `${needs.memory} MiB`];
	if (needs.tcpPorts.length > 0)
		parts.push(`host port${needs.tcpPorts.length === 1 ? '' : 's'} ${needs.tcpPorts.join(', ')}`);
	if (needs.udpPorts.length > 0) parts.push(`udp ${needs.udpPorts.join(', ')}`);
	return parts.join(', ');
}

/** `3 m5.large instances (i-1, i-2, i-3 +297 more)`: a group, short whatever its size. */
export function describeInstances(instances: readonly ContainerInstance[]): string {
	const types = [...new Set(instances.map((instance) => instance.instanceType ?? '?'))];
	const typeText = types.length <= 2 ? types.join('/') : `${types.length} types`;
	const ids = instances
		.slice(0, namedInstances)
		.map((instance) => instance.ec2InstanceId ?? instance.id);
	const more = instances.length - ids.length;
	const count = `${instances.length} ${typeText} ${instances.length === 1 ? 'instance' : 'instances'}`;
	return `${count} (${ids.join(', ')}${more > 0 ? ` +${more} more` : ''})`;
}

/**
 * The section, for a service with tasks waiting to be placed: what a task needs, then each group
 * with its reasons; instances where the task would fit say so (ECS may then be waiting on a
 * placement strategy, a capacity provider's scaling, or data newer than this refresh).
 */
export function placementLines(report: PlacementReport, waiting: number): DetailLine[] {
	const title = `Why tasks are not placed (${plural(waiting, 'task')} waiting)`;
	if (report.kind === 'not-ec2') return [heading(title), text(segment(`  ${report.why}`, 'muted'))];
	if (report.kind === 'no-instances')
		return [
			heading(title),
			text(segment('  the cluster has no container instances to place tasks on', 'warn')),
		];
	const lines: DetailLine[] = [
		heading(title),
		text(segment('  each task needs ', 'muted'), segment(describeNeeds(report.needs))),
	];
	for (const group of report.groups) {
		lines.push(
			text(
				segment(`  ${describeInstances(group.instances)}: `, 'muted'),
				group.fits
					? segment('room for a task as of this refresh', 'ok')
					: segment(group.reasons.join('; '), 'warn'),
			),
		);
	}
	for (const expression of report.unchecked)
		lines.push(text(segment(`  not checked here: memberOf(${expression})`, 'muted')));
	return lines;
}
