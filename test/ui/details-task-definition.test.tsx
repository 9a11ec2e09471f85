import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {
	TaskDefinitionDetail,
	taskDefinitionDetailLines,
} from '../../source/ui/details/task-definition-detail.js';
import type {TaskDefinition} from '../../source/model/task-definition.js';
import {account, containerDefinition, now, plain, taskDefinition} from './details-fixtures.js';

afterEach(cleanup);

const secret = 'postgres://admin:hunter2@db.internal:5432/app';

// The model keeps the environment's names only; a value smuggled in must not reach the screen.
const api = {
	...containerDefinition({
		name: 'api',
		image: `${account}.dkr.ecr.us-east-1.amazonaws.com/api:1`,
		cpu: 512,
		memory: undefined,
		memoryReservation: 768,
		portMappings: [{containerPort: 8080, hostPort: 0, protocol: 'tcp'}],
		mountPoints: [{sourceVolume: 'data', containerPath: '/var/lib/api', readOnly: true}],
		environmentNames: ['DATABASE_URL', 'LOG_LEVEL'],
		secrets: [
			{
				name: 'STRIPE_KEY',
				valueFrom: `arn:aws:secretsmanager:us-east-1:${account}:secret:api/stripe-AbCdEf`,
			},
			{name: 'SESSION_KEY', valueFrom: `arn:aws:ssm:us-east-1:${account}:parameter/api/session`},
		],
		logConfiguration: {
			logDriver: 'awslogs',
			options: {
				'awslogs-group': '/ecs/shop/api',
				'awslogs-region': 'us-east-1',
				'splunk-token': 'tok-123',
			},
			secretOptionNames: [],
		},
		healthCheck: {
			command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
			interval: 10,
			timeout: undefined,
			retries: undefined,
			startPeriod: 60,
		},
	}),
	environment: [
		{name: 'DATABASE_URL', value: secret},
		{name: 'LOG_LEVEL', value: 'debug'},
	],
};

const definition: TaskDefinition = taskDefinition({
	family: 'shop',
	revision: 42,
	containers: [
		containerDefinition({name: 'proxy', image: 'nginx:1.27', essential: true}),
		api,
		containerDefinition({
			name: 'worker',
			image: 'ghcr.io/acme/worker:2.3',
			essential: false,
			cpu: undefined,
			portMappings: [],
		}),
		containerDefinition({
			name: 'metrics',
			image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
		}),
	],
	volumes: [
		{name: 'data', kind: 'host', hostPath: '/srv/api'},
		{name: 'cache', kind: 'docker', hostPath: undefined},
		{name: 'shared', kind: 'efs', hostPath: undefined},
	],
});

describe('task definition detail lines', () => {
	const text = plain(taskDefinitionDetailLines({taskDefinition: definition}, {width: 120, now}));
	// A container's own field: the first line with that label below the container's name.
	const after = (name: string, label: string) => {
		const at = text.findIndex((line) => new RegExp(`^ {2}${name} {2}(not )?essential$`).test(line));
		expect(at).toBeGreaterThan(-1);
		return text.slice(at + 1).find((line) => line.trimStart().startsWith(label));
	};

	it('names the definition, roles, network mode and task size', () => {
		expect(text[0]).toMatch(/^Task definition +shop:42$/);
		expect(text.find((line) => line.startsWith('Task role'))).toMatch(/ web-task$/);
		expect(text.find((line) => line.startsWith('Execution role'))).toMatch(
			/ ecsTaskExecutionRole$/,
		);
		expect(text.find((line) => line.startsWith('Network mode'))).toMatch(/ bridge$/);
		expect(text.find((line) => line.startsWith('Task CPU'))).toMatch(/512 units \(0\.5 vCPU\)$/);
		expect(text.find((line) => line.startsWith('Task memory'))).toMatch(/1024 MiB$/);
	});

	it('classifies where each image comes from', () => {
		expect(after('proxy', 'Registry')).toMatch(/Docker Hub$/);
		expect(after('api', 'Registry')).toMatch(/ECR$/);
		expect(after('worker', 'Registry')).toMatch(/other: ghcr\.io$/);
		expect(after('metrics', 'Registry')).toMatch(/ECR Public$/);
		expect(after('api', 'Image')).toMatch(
			/123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/api:1$/,
		);
	});

	it('shows resources, ports and mounts per container', () => {
		expect(after('api', 'CPU')).toMatch(/512 units \(0\.5 vCPU\)$/);
		expect(after('api', 'Memory')).toMatch(/768 MiB soft$/);
		expect(after('proxy', 'Memory')).toMatch(/512 MiB hard \/ 256 MiB soft$/);
		expect(after('api', 'Ports')).toMatch(/8080\/tcp -> host dynamic$/);
		expect(after('api', 'Mounts')).toMatch(/data -> \/var\/lib\/api \(ro\)$/);
		expect(after('worker', 'CPU')).toMatch(/task level$/);
		expect(text).toContainEqual(expect.stringMatching(/^ {2}worker {2}not essential$/));
	});

	it('names environment variables but never shows their values', () => {
		expect(after('api', 'Environment')).toMatch(
			/2 variables \(values hidden\): DATABASE_URL, LOG_LEVEL$/,
		);
		expect(text.join('\n')).not.toContain('hunter2');
		expect(text.join('\n')).not.toContain('debug');
	});

	it('names secrets with where ECS fetches them from', () => {
		const first = after('api', 'Secrets');
		const at = text.indexOf(first!);
		expect(text[at]).toMatch(/Secrets +STRIPE_KEY {2}from Secrets Manager api\/stripe-AbCdEf$/);
		expect(text[at + 1]).toMatch(/^ +SESSION_KEY {2}from Parameter Store \/api\/session$/);
		expect(after('proxy', 'Secrets')).toMatch(/none$/);
	});

	it('shows the log driver with its options, a credential-looking one hidden', () => {
		expect(after('api', 'Logs')).toMatch(
			/awslogs {2}awslogs-group=\/ecs\/shop\/api, awslogs-region=us-east-1, splunk-token=\(hidden\)$/,
		);
		expect(text.join('\n')).not.toContain('tok-123');
	});

	it("shows the health check's command and timing, ECS's defaults filled in", () => {
		expect(after('api', 'Health check')).toMatch(
			/CMD-SHELL curl -f http:\/\/localhost:8080\/health \|\| exit 1 {2}every 10s, timeout 5s, 3 retries, start period 60s$/,
		);
		expect(after('proxy', 'Health check')).toMatch(/none$/);
	});

	it('says what it runs on when ECS found it compatible though nothing was required', () => {
		const found = plain(
			taskDefinitionDetailLines(
				{taskDefinition: taskDefinition({requiresCompatibilities: [], compatibilities: ['EC2']})},
				{width: 120, now},
			),
		);
		expect(found.find((line) => line.startsWith('Compatibilities'))).toMatch(/ EC2$/);
	});

	it('describes volumes by what backs them', () => {
		const at = text.indexOf('Volumes (3)');
		expect(text.slice(at + 1)).toEqual([
			'  data  host path /srv/api',
			'  cache  docker volume',
			'  shared  EFS',
		]);
	});
});

describe('TaskDefinitionDetail', () => {
	it('keeps every line within the width', () => {
		const width = 40;
		const {lastFrame} = render(
			<TaskDefinitionDetail
				taskDefinition={definition}
				now={now}
				width={width}
				height={200}
				scrollOffset={0}
			/>,
		);
		const lines = lastFrame()!.split('\n');
		expect(lines.length).toBeGreaterThan(30);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
		expect(lastFrame()).not.toContain('hunter2');
	});
});
