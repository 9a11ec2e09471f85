import {describe, expect, it} from 'vitest';
import {
	hasUnplacedTasks,
	matchesExpression,
	placementReport,
	taskNeeds,
	type PlacementInput,
	type PlacementReport,
} from '../../source/model/placement-reasons.js';
import {modelBuilders} from '../helpers/model-builders.js';

const b = modelBuilders({now: Date.UTC(2026, 0, 10, 12)});

function instance(n: number, overrides: Parameters<typeof b.containerInstance>[0] = {}) {
	const id = `ci${String(n).padStart(3, '0')}`;
	return b.containerInstance({
		arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/web/${id}`,
		id,
		ec2InstanceId: `i-${id}`,
		cpuRemaining: 2048,
		memoryRemaining: 4096,
		reservedTcpPorts: [22, 2375, 2376, 51678, 51679],
		...overrides,
	});
}

const definition = b.taskDefinition({
	cpu: undefined,
	memory: undefined,
	containers: [
		b.containerDefinition({
			cpu: 512,
			memory: 1536,
			memoryReservation: undefined,
			portMappings: [{containerPort: 6379, hostPort: 6379, protocol: 'tcp'}],
		}),
	],
});

function input(overrides: Partial<PlacementInput>): PlacementInput {
	return {
		service: b.service({name: 'redis', placementConstraints: [], capacityProviderStrategy: []}),
		taskDefinition: definition,
		instances: [],
		tasks: [],
		...overrides,
	};
}

function report(overrides: Partial<PlacementInput>) {
	const result: PlacementReport = placementReport(input(overrides));
	if (result.kind !== 'report') throw new Error(`expected a report, got ${result.kind}`);
	return result;
}

describe('what a task needs', () => {
	it('sums the containers: soft memory reservations, fixed host ports only', () => {
		const needs = taskNeeds(
			b.taskDefinition({
				cpu: undefined,
				memory: undefined,
				containers: [
					b.containerDefinition({
						cpu: 256,
						memory: 1024,
						memoryReservation: 512,
						portMappings: [
							{containerPort: 80, hostPort: 0, protocol: 'tcp'},
							{containerPort: 53, hostPort: 53, protocol: 'udp'},
						],
					}),
					b.containerDefinition({
						name: 'sidecar',
						cpu: 64,
						memory: 128,
						memoryReservation: undefined,
						portMappings: [{containerPort: 9000, hostPort: 9000, protocol: 'tcp'}],
					}),
				],
			}),
		);
		expect(needs).toEqual({cpu: 320, memory: 640, tcpPorts: [9000], udpPorts: [53]});
	});

	it('takes the task-level size when the definition has one', () => {
		expect(taskNeeds(b.taskDefinition({cpu: '1024', memory: '2048'}))).toMatchObject({
			cpu: 1024,
			memory: 2048,
		});
	});

	it('binds the container port itself in host mode, and no host port under awsvpc', () => {
		const ports = [{containerPort: 8080, hostPort: undefined, protocol: 'tcp'}];
		const container = b.containerDefinition({portMappings: ports});
		expect(
			taskNeeds(b.taskDefinition({networkMode: 'host', containers: [container]})).tcpPorts,
		).toEqual([8080]);
		expect(
			taskNeeds(
				b.taskDefinition({
					networkMode: 'awsvpc',
					containers: [
						b.containerDefinition({
							portMappings: [{containerPort: 8080, hostPort: 8080, protocol: 'tcp'}],
						}),
					],
				}),
			).tcpPorts,
		).toEqual([]);
	});
});

describe('why a task cannot be placed', () => {
	it('says how much CPU and memory each instance is short by', () => {
		const result = report({instances: [instance(1, {cpuRemaining: 448, memoryRemaining: 984})]});
		expect(result.groups).toEqual([
			expect.objectContaining({
				reasons: ['CPU short by 64 units', 'memory short by 552 MiB'],
				fits: false,
			}),
		]);
		expect(result.needs).toMatchObject({cpu: 512, memory: 1536});
	});

	it('names a host port an instance already has bound, from ECS or from its tasks', () => {
		const reserved = instance(1, {reservedTcpPorts: [22, 6379]});
		const byTask = instance(2);
		const task = b.task({
			containerInstanceArn: byTask.arn,
			containers: [
				b.container({networkBindings: [{containerPort: 6379, hostPort: 6379, protocol: 'tcp'}]}),
			],
		});
		const result = report({instances: [reserved, byTask], tasks: [task]});
		expect(result.groups).toHaveLength(1);
		expect(result.groups[0]!.reasons).toEqual(['host port 6379 taken']);
		expect(result.groups[0]!.instances).toHaveLength(2);
	});

	it('does not count a port of a stopped task, nor a UDP port against TCP', () => {
		const host = instance(1, {reservedUdpPorts: [6379]});
		const stopped = b.task({
			containerInstanceArn: host.arn,
			lastStatus: 'STOPPED',
			containers: [
				b.container({networkBindings: [{containerPort: 6379, hostPort: 6379, protocol: 'tcp'}]}),
			],
		});
		const result = report({instances: [host], tasks: [stopped]});
		expect(result.groups).toEqual([expect.objectContaining({fits: true, reasons: []})]);
	});

	it('says an instance is draining, or its agent disconnected', () => {
		const result = report({
			instances: [
				instance(1, {status: 'DRAINING'}),
				instance(2, {agentConnected: false}),
				instance(3),
			],
		});
		expect(result.groups.map((group) => group.reasons)).toEqual([
			['instance DRAINING'],
			['agent disconnected'],
			[],
		]);
		expect(result.groups[2]!.fits).toBe(true);
	});

	it('reads memberOf expressions on the instance type and attributes', () => {
		const service = b.service({
			name: 'redis',
			placementConstraints: [
				{type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.medium'},
			],
		});
		const result = report({
			service,
			instances: [
				instance(1, {instanceType: 'm5.large'}),
				instance(2, {instanceType: 'm5.large'}),
				instance(3, {instanceType: 't3.medium'}),
			],
		});
		expect(result.groups[0]).toMatchObject({
			reasons: ['memberOf not met: attribute:ecs.instance-type == t3.medium'],
		});
		expect(result.groups[0]!.instances.map((one) => one.id)).toEqual(['ci001', 'ci002']);
		expect(result.groups[1]).toMatchObject({fits: true});
	});

	it('names a memberOf expression it cannot read rather than guessing', () => {
		const expression = 'task:group == service:web';
		const result = report({
			service: b.service({placementConstraints: [{type: 'memberOf', expression}]}),
			instances: [instance(1)],
		});
		expect(result.unchecked).toEqual([expression]);
		expect(result.groups[0]!.fits).toBe(true);
	});

	it('keeps a second task of a distinctInstance service off an instance that runs one', () => {
		const service = b.service({
			name: 'redis',
			placementConstraints: [{type: 'distinctInstance', expression: undefined}],
		});
		const busy = instance(1);
		const free = instance(2);
		const running = b.task({
			containerInstanceArn: busy.arn,
			group: 'service:redis',
			serviceName: 'redis',
			containers: [b.container({networkBindings: []})],
		});
		const result = report({
			service,
			taskDefinition: b.taskDefinition({containers: [b.containerDefinition({portMappings: []})]}),
			instances: [busy, free],
			tasks: [running],
		});
		expect(result.groups.map((group) => [group.reasons, group.instances.length])).toEqual([
			[['distinctInstance: already runs a task of the service'], 1],
			[[], 1],
		]);
	});

	it('keeps instances of another capacity provider off the service', () => {
		const service = b.service({
			capacityProviderStrategy: [{capacityProvider: 'web-cp', weight: 1, base: 0}],
		});
		const result = report({
			service,
			instances: [instance(1, {capacityProviderName: 'batch-cp'})],
		});
		expect(result.groups[0]!.reasons).toEqual(['not in capacity provider web-cp']);
	});

	it('groups 300 alike instances into one line, amounts as a range', () => {
		const instances = Array.from({length: 300}, (_, i) =>
			instance(i, {cpuRemaining: 100 + (i % 3) * 100}),
		);
		const result = report({instances});
		expect(result.groups).toHaveLength(1);
		expect(result.groups[0]!.instances).toHaveLength(300);
		expect(result.groups[0]!.reasons).toEqual(['CPU short by 212-412 units']);
	});

	it('lists the biggest blocked group first and the instances that fit last', () => {
		const result = report({
			instances: [
				instance(1),
				instance(2, {status: 'DRAINING'}),
				instance(3, {memoryRemaining: 100}),
				instance(4, {memoryRemaining: 200}),
			],
		});
		expect(result.groups.map((group) => group.instances.length)).toEqual([2, 1, 1]);
		expect(result.groups.at(-1)!.fits).toBe(true);
	});

	it('has nothing to say about Fargate, and says so when the cluster has no instances', () => {
		expect(placementReport(input({service: b.service({launchType: 'FARGATE'})})).kind).toBe(
			'not-ec2',
		);
		expect(
			placementReport(
				input({service: b.service({launchType: 'EC2', capacityProviderStrategy: []})}),
			).kind,
		).toBe('no-instances');
	});
});

describe('cluster query expressions', () => {
	const host = instance(1, {
		instanceType: 't3.medium',
		availabilityZone: 'us-east-1c',
		attributes: {'ecs.os-type': 'linux', stack: 'prod'},
	});
	it.each([
		['attribute:ecs.instance-type == t3.medium', true],
		['attribute:ecs.instance-type != t3.medium', false],
		['attribute:ecs.instance-type =~ t3.*', true],
		['attribute:ecs.instance-type =~ m5.*', false],
		['attribute:ecs.availability-zone in [us-east-1a, us-east-1c]', true],
		['attribute:ecs.availability-zone not in [us-east-1a, us-east-1c]', false],
		['attribute:stack == prod and attribute:ecs.os-type == linux', true],
		['attribute:stack == dev or attribute:ecs.os-type == linux', true],
		['attribute:gpu exists', false],
		['ec2InstanceId == i-ci001', true],
		['runningTasksCount > 2', undefined],
		['(attribute:stack == prod)', undefined],
	])('%s reads %s', (expression, expected) => {
		expect(matchesExpression(expression, host)).toBe(expected);
	});
});

describe('whether a service has tasks waiting to be placed', () => {
	it('is so when running and pending fall short of desired', () => {
		expect(hasUnplacedTasks(b.service({desiredCount: 2, runningCount: 1, pendingCount: 0}))).toBe(
			true,
		);
		expect(hasUnplacedTasks(b.service({desiredCount: 2, runningCount: 1, pendingCount: 1}))).toBe(
			false,
		);
	});
	it('is so when the newest event says ECS could not place a task', () => {
		const service = b.service({
			desiredCount: 2,
			runningCount: 2,
			events: [
				b.serviceEvent(
					1,
					'(service web) was unable to place a task because no container instance met all of its requirements.',
				),
			],
		});
		expect(hasUnplacedTasks(service)).toBe(true);
	});
});
