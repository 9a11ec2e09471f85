/**
 * `ecs-top --once` without --json: a readable summary, like `top -b -n 1`. Per cluster its
 * services, instances and Auto Scaling groups, and tasks counted by status; the JSON has them all.
 */
import {taskDefinitionName} from '../model/arn.js';
import {
	clusterCapacity,
	cpuReservedPercent,
	memoryReservedPercent,
} from '../model/container-instance.js';
import {deploymentSummary} from '../model/service.js';
import type {Snapshot} from '../store/snapshot.js';
import {printableLine} from '../text/printable.js';
import {displayWidth, formatPercent, padCell} from '../ui/format.js';

type Align = 'left' | 'right';

function table(headers: Array<[string, Align]>, rows: string[][], indent = '  '): string[] {
	const widths = headers.map(([title], column) =>
		Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
	);
	const line = (cells: string[]) =>
		indent +
		cells
			.map((cell, column) => padCell(cell, widths[column] ?? 0, headers[column]?.[1] ?? 'left'))
			.join('  ')
			.trimEnd();
	return [line(headers.map(([title]) => title)), ...rows.map(line)];
}

const percent = (value: number | undefined): string =>
	value === undefined ? '-' : formatPercent(value);

export function onceText(snapshot: Snapshot): string {
	const out: string[] = [
		`ecs-top  account ${snapshot.identity.account}  ${snapshot.region}  ${new Date(snapshot.takenAt).toISOString()}`,
		'',
	];
	out.push(
		...table(
			[
				['CLUSTER', 'left'],
				['STATUS', 'left'],
				['INSTANCES', 'right'],
				['SERVICES', 'right'],
				['RUNNING', 'right'],
				['PENDING', 'right'],
				['CPU RES', 'right'],
				['MEM RES', 'right'],
			],
			snapshot.clusters.map(({cluster, containerInstances}) => {
				const capacity = clusterCapacity(containerInstances);
				const hasCapacity = capacity.cpuRegistered > 0;
				return [
					cluster.name,
					cluster.status,
					String(cluster.registeredContainerInstancesCount),
					String(cluster.activeServicesCount),
					String(cluster.runningTasksCount),
					String(cluster.pendingTasksCount),
					hasCapacity ? percent(capacity.cpuReservedPercent) : '-',
					hasCapacity ? percent(capacity.memoryReservedPercent) : '-',
				];
			}),
			'',
		),
	);

	for (const {
		cluster,
		services,
		containerInstances,
		tasks,
		autoScalingGroups,
	} of snapshot.clusters) {
		out.push('', `${cluster.name}`);
		if (services.length > 0) {
			out.push(
				...table(
					[
						['SERVICE', 'left'],
						['DESIRED', 'right'],
						['RUNNING', 'right'],
						['PENDING', 'right'],
						['DEPLOY', 'left'],
						['CPU', 'right'],
						['MEM', 'right'],
						['TASK DEFINITION', 'left'],
					],
					services.map((service) => {
						const metrics = snapshot.serviceMetrics.get(service.arn);
						return [
							service.name,
							String(service.desiredCount),
							String(service.runningCount),
							String(service.pendingCount),
							deploymentSummary(service),
							percent(metrics?.cpu),
							percent(metrics?.memory),
							taskDefinitionName(service.taskDefinition),
						];
					}),
				),
			);
		}
		if (containerInstances.length > 0) {
			out.push(
				...table(
					[
						['INSTANCE', 'left'],
						['TYPE', 'left'],
						['AZ', 'left'],
						['STATUS', 'left'],
						['AGENT', 'left'],
						['TASKS', 'right'],
						['CPU RES', 'right'],
						['MEM RES', 'right'],
					],
					containerInstances.map((instance) => [
						instance.ec2InstanceId ?? instance.id,
						instance.instanceType ?? '-',
						instance.availabilityZone ?? '-',
						instance.status,
						instance.agentConnected ? 'connected' : 'DISCONNECTED',
						String(instance.runningTasksCount),
						percent(cpuReservedPercent(instance)),
						percent(memoryReservedPercent(instance)),
					]),
				),
			);
		}
		for (const group of autoScalingGroups) {
			out.push(
				`  auto scaling group ${group.name}: desired ${group.desiredCapacity} (min ${group.minSize}, max ${group.maxSize}), ${group.instances.length} instances`,
			);
		}
		const byStatus = new Map<string, number>();
		for (const task of tasks)
			byStatus.set(task.lastStatus, (byStatus.get(task.lastStatus) ?? 0) + 1);
		const counts = [...byStatus].map(([status, count]) => `${count} ${status}`).join(', ');
		out.push(`  tasks: ${tasks.length === 0 ? 'none' : counts}`);
	}
	if (snapshot.problems.length > 0) {
		out.push('', 'problems (newest first):');
		for (const problem of snapshot.problems) {
			const count = problem.count > 1 ? ` (x${problem.count})` : '';
			out.push(`  ${problem.clusterName}/${problem.subject}: ${problem.summary}${count}`);
		}
	}
	for (const problem of snapshot.apiErrors) out.push('', `note: ${problem.message}`);
	// Every line made safe here, whatever it holds: cluster and service names, AWS's messages.
	return out.map(printableLine).join('\n') + '\n';
}
