/**
 * The simulator's demo account with hostile text in every field that reached the terminal raw:
 * what an attacker with one write permission, or a rewriting proxy, can put in front of an
 * operator. Each field gets one of the hostile values (which one depends on `round`, so rounds
 * cover different pairs), behind a marker naming the field, so a test can find it on screen.
 *
 * Fields the ECS API accepts free text for are set through the API (RegisterTaskDefinition,
 * StopTask), over HTTP as any client would; fields AWS itself writes (agent versions, rollout
 * reasons, events, a container's reason) are set on the simulated world, as AWS would have set
 * them; the caller's ARN is rewritten in STS's answer (XML character references), and AWS's
 * error text comes from the answerError fault.
 */
import {RegisterTaskDefinitionCommand, StopTaskCommand} from '@aws-sdk/client-ecs';
import type {FaultSettings} from '../../source/sim/faults.js';
import {terminalSafe} from '../../source/text/terminal-text.js';
import type {TestSim} from '../helpers/sim.js';
import {testCredentials} from '../helpers/sim.js';
import {hostileValues} from './hostile-values.js';

export type HostileField = {
	readonly field: string;
	/** `F07~`: the field's marker, first in the text injected. */
	readonly marker: string;
	/** Exactly what was injected (marker included). */
	readonly injected: string;
	/** What the screen must show of it: the marker and the start of its escaped spelling. */
	readonly shown: string;
};

/** The family the hostile task definition is registered under: first in the `:td` list. */
export const hostileFamily = 'aaa-hostile';
export const hostileCluster = 'web';
export const hostileService = 'api';

const fieldNames = [
	'instance agentVersion',
	'instance capacityProviderName',
	'instance statusReason',
	'caller ARN',
	'service capacity provider strategy',
	'service event message',
	'service placement expression',
	'deployment rolloutStateReason',
	'task capacityProviderName',
	'task startedBy',
	'task stoppedReason',
	'container name',
	'container image',
	'container reason',
	'task definition container name',
	'task definition image',
	'task definition mount point',
	'task definition taskRoleArn',
	'task definition volume name',
	'task definition host path',
	'AWS error message',
] as const;

export type FieldName = (typeof fieldNames)[number];

/** The value each field gets in a round: every value is used, by several fields across rounds. */
export function hostileAssignment(round: number): Map<FieldName, HostileField> {
	const out = new Map<FieldName, HostileField>();
	fieldNames.forEach((field, i) => {
		const marker = `F${String(i).padStart(2, '0')}~`;
		let value = hostileValues[(i + round * 5) % hostileValues.length]!.value;
		// StopTask takes 255 characters, as AWS does; the rest get the full value.
		if (field === 'task stoppedReason') value = value.slice(0, 200);
		// A volume's name comes first on the lines that show its mount point and host path; at
		// 10,000 characters it would push them off screen, which hides nothing dangerous.
		if (field === 'task definition volume name') value = value.slice(0, 80);
		// A role is shown by its name, after the ARN's last slash.
		if (field === 'task definition taskRoleArn') value = value.replaceAll('/', '|');
		const injected = marker + value;
		out.set(field, {field, marker, injected, shown: terminalSafe(injected).slice(0, 14)});
	});
	return out;
}

export function injectedText(fields: Map<FieldName, HostileField>, field: FieldName): string {
	return fields.get(field)!.injected;
}

/**
 * Sets the hostile values into `sim` (the demo scenario): cluster `web`, service `api`, its
 * tasks and instances, and the task definition family `aaa-hostile`.
 */
export async function injectHostileFleet(
	sim: TestSim,
	fields: Map<FieldName, HostileField>,
	faults: (patch: Partial<FaultSettings>) => Promise<void>,
): Promise<void> {
	const value = (field: FieldName) => injectedText(fields, field);
	const world = sim.server.world;
	const cluster = world.clusters.get(hostileCluster)!;

	for (const instance of cluster.containerInstances.values()) {
		instance.versionInfo.agentVersion = value('instance agentVersion');
		instance.capacityProviderName = value('instance capacityProviderName');
		instance.statusReason = value('instance statusReason');
		instance.version++;
	}

	const service = cluster.services.get(hostileService)!;
	service.capacityProviderStrategy = [
		{capacityProvider: value('service capacity provider strategy'), weight: 1, base: 0},
	];
	service.events.unshift({
		id: 'hostile-event',
		createdAt: world.clock.now(),
		message: value('service event message'),
	});
	service.placementConstraints = [
		{type: 'memberOf', expression: value('service placement expression')},
	];
	service.deployments[0]!.rolloutStateReason = value('deployment rolloutStateReason');

	const tasks = [...cluster.tasks.values()].filter(
		(task) => task.serviceName === hostileService && task.desiredStatus === 'RUNNING',
	);
	for (const task of tasks) {
		task.capacityProviderName = value('task capacityProviderName');
		task.startedBy = value('task startedBy');
		const container = task.containers[0]!;
		container.name = value('container name');
		container.image = value('container image');
		container.reason = value('container reason');
		task.version++;
	}
	// One task stopped with a hostile reason, through the API as `aws ecs stop-task` would.
	await sim.ecs.send(
		new StopTaskCommand({
			cluster: hostileCluster,
			task: tasks[0]!.arn,
			reason: value('task stoppedReason'),
		}),
	);
	sim.advance(60_000);

	await sim.ecs.send(
		new RegisterTaskDefinitionCommand({
			family: hostileFamily,
			taskRoleArn: `arn:aws:iam::123456789012:role/${value('task definition taskRoleArn')}`,
			volumes: [{name: 'data', host: {sourcePath: value('task definition host path')}}],
			containerDefinitions: [
				{
					name: 'app',
					image: value('task definition image'),
					memory: 128,
					mountPoints: [
						{sourceVolume: 'data', containerPath: value('task definition mount point')},
					],
				},
			],
		}),
	);
	// Names the API refuses to take, as a rewriting proxy would hand them over.
	const definition = world.taskDefinitions.get(hostileFamily)!.at(-1)!;
	definition.containerDefinitions[0]!.name = value('task definition container name');
	definition.volumes[0]!.name = value('task definition volume name');
	definition.containerDefinitions[0]!.mountPoints[0]!.sourceVolume = value(
		'task definition volume name',
	);

	await faults({
		rewrites: [
			{
				find: `user/sim-${testCredentials.accessKeyId}`,
				replace: `user/${value('caller ARN')}`,
			},
		],
	});
}

/** AWS's answer to a StopTask, from then on: a hostile code and message. */
export function hostileStopTaskError(fields: Map<FieldName, HostileField>): Partial<FaultSettings> {
	return {
		answerError: {
			code: `Hostile${'\u001b'}]0;pwned${'\u0007'}Exception`,
			message: injectedText(fields, 'AWS error message'),
			status: 400,
			operations: ['StopTask'],
		},
	};
}
