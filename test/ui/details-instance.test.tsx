import {describe, expect, it} from 'vitest';
import {instanceDetailLines} from '../../source/ui/details/instance-detail.js';
import {type DetailLine} from '../../source/ui/details/detail-lines.js';
import {asciiGlyphs} from '../../source/ui/theme.js';
import {containerInstance, ec2Instance, minutes, now, plain, task} from './details-fixtures.js';

function fieldOf(lines: readonly DetailLine[], label: string) {
	const line = lines.find((item) => item.kind === 'field' && item.label === label);
	if (line?.kind !== 'field') throw new Error(`no ${label} field`);
	return line.value;
}

const draining = containerInstance({
	status: 'DRAINING',
	statusReason: 'Instance is being drained by the Auto Scaling lifecycle hook',
	runningTasksCount: 2,
	pendingTasksCount: 1,
});

describe('instance detail lines', () => {
	it('highlights a DRAINING instance', () => {
		const lines = instanceDetailLines({instance: draining, tasks: []}, {width: 100, now});
		const status = fieldOf(lines, 'Status');
		expect(status[0]).toEqual({text: 'DRAINING', tone: 'warn'});
		expect(plain(lines).find((line) => line.startsWith('Status'))).toMatch(
			/DRAINING {2}Instance is being drained/,
		);
	});

	it('shows registered against remaining CPU and memory with meters', () => {
		const lines = instanceDetailLines(
			{instance: draining, tasks: []},
			{width: 100, now, glyphs: asciiGlyphs},
		);
		const text = plain(lines);
		// 2048 units registered, 512 free: three quarters reserved.
		expect(text.find((line) => line.startsWith('CPU reserved'))).toMatch(
			/\[#{15}-{5}\] {2}75% {2}512 units \(0\.5 vCPU\) free of 2048 units \(2 vCPU\)$/,
		);
		expect(text.find((line) => line.startsWith('Memory reserved'))).toMatch(
			/\[#{4}-{16}\] {2}20% {2}6144 MiB free of 7680 MiB$/,
		);
		expect(fieldOf(lines, 'CPU reserved')[0]?.tone).toBe('warn');
		expect(text.find((line) => line.startsWith('Tasks'))).toMatch(/3 {2}\(running 2, pending 1\)$/);
	});

	it('marks a disconnected agent as an error', () => {
		const lines = instanceDetailLines(
			{instance: containerInstance({agentConnected: false}), tasks: []},
			{width: 100, now},
		);
		expect(fieldOf(lines, 'Agent')[0]).toEqual({text: 'DISCONNECTED !', tone: 'error'});
	});

	it('lists the useful attributes first, then the rest by name', () => {
		const text = plain(
			instanceDetailLines(
				{
					instance: containerInstance(),
					tasks: [],
					attributes: [
						{name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44'},
						{name: 'ecs.os-type', value: 'linux'},
						{name: 'ecs.ami-id', value: 'ami-0123456789abcdef0'},
						{name: 'ecs.availability-zone', value: 'us-east-1a'},
						{name: 'ecs.instance-type', value: 't3.large'},
					],
				},
				{width: 100, now},
			),
		);
		const at = text.indexOf('Attributes (5)');
		expect(text.slice(at + 1, at + 6)).toEqual([
			'  ecs.instance-type=t3.large',
			'  ecs.availability-zone=us-east-1a',
			'  ecs.ami-id=ami-0123456789abcdef0',
			'  ecs.os-type=linux',
			'  com.amazonaws.ecs.capability.docker-remote-api.1.44',
		]);
	});

	it('shows EC2 facts when given and the tasks placed on the instance', () => {
		const text = plain(
			instanceDetailLines(
				{
					instance: containerInstance(),
					ec2: ec2Instance(),
					tasks: [
						task(),
						task({
							id: 'aa11bb22cc33dd44ee55ff6677889900',
							taskDefinition: 'batch:4',
							group: 'family:batch',
							lastStatus: 'PENDING',
							startedAt: undefined,
							createdAt: now - minutes(1),
						}),
					],
				},
				{width: 100, now},
			),
		);
		expect(text.find((line) => line.startsWith('Private IP'))).toMatch(/10\.0\.1\.23$/);
		expect(text.find((line) => line.startsWith('Purchase'))).toMatch(/spot$/);
		expect(text.find((line) => line.startsWith('Launched'))).toMatch(/2d ago$/);
		const at = text.findIndex((line) => line.startsWith('Tasks on this instance (2 of '));
		expect(text[at + 1]).toMatch(/TASK +TASKDEF +GROUP +STATUS +STARTED/);
		expect(text[at + 2]).toMatch(/3f2c9a7d +web:13 +service:web +RUNNING +11m$/);
		expect(text[at + 3]).toMatch(/aa11bb22 +batch:4 +family:batch +PENDING +-$/);
	});

	it('says so when no task is placed on it', () => {
		const text = plain(
			instanceDetailLines({instance: containerInstance(), tasks: []}, {width: 80, now}),
		);
		expect(text.at(-1)).toBe('  no tasks');
	});
});

describe('instance detail lifecycle', () => {
	it('a DRAINING instance says which tasks keep it, standalone or by service', () => {
		const draining = containerInstance({
			status: 'DRAINING',
			runningTasksCount: 3,
			pendingTasksCount: 0,
		});
		const text = plain(
			instanceDetailLines(
				{
					instance: draining,
					tasks: [
						task({id: 'aaaa1111bbbb2222cccc3333dddd4444', group: 'family:report'}),
						task({id: 'eeee5555ffff6666aaaa7777bbbb8888', group: 'service:web'}),
					],
					membership: {
						groupName: 'web-asg',
						lifecycleState: 'Terminating:Wait',
						healthStatus: 'Healthy',
						protectedFromScaleIn: false,
					},
					tasksScope: undefined,
				},
				{width: 160, now},
			),
		);
		const kept = text.findIndex((line) => line.startsWith('Kept draining by'));
		expect(text[kept]).toMatch(/1 standalone task \(aaaa1111\) +no service will move it/);
		expect(text[kept + 1]).toMatch(/service web: 1 task +replaced elsewhere/);
		// ECS counts 3 on it, 2 are loaded here: the third is said, not hidden.
		expect(text[kept + 2]).toMatch(/1 task not loaded here/);
		// The same count as the row's TASKS column (running + pending).
		expect(text.find((line) => line.startsWith('Tasks '))).toMatch(
			/3 {2}\(running 3, pending 0\)$/,
		);
		expect(text.find((line) => line.startsWith('Auto Scaling'))).toMatch(
			/web-asg {2}lifecycle Terminating:Wait$/,
		);
	});
});
