/**
 * The demo account's task definitions, each with the revisions a real team leaves behind (older
 * image tags, one deregistered revision), so the task definition view has history to show. The
 * newest revision of each family is what its service runs, except where the demo tells a story:
 * checkout 2.3.1 is the release that started crash-looping. Every family logs to CloudWatch
 * through awslogs (its groups are created here) except `frontend-staging`, whose json-file driver
 * keeps its logs on the instance.
 */
import type {RegisterTaskDefinitionInput, World} from '../world/world.js';
import {
	awslogs,
	createLogGroupsOfDefinitions,
	ecrImage,
	httpHealthCheck,
	roleArn,
	simEnvironment,
	tags,
	type SimBehaviour,
} from './container-kit.js';

export function registerDemoTaskDefinitions(world: World): void {
	const executionRoleArn = roleArn(world, 'ecsTaskExecutionRole');

	for (const version of ['1.25-alpine', '1.26-alpine', '1.27-alpine']) {
		world.registerTaskDefinition({
			family: 'frontend',
			networkMode: 'bridge',
			executionRoleArn,
			requiresCompatibilities: ['EC2'],
			containerDefinitions: [
				{
					name: 'nginx',
					image: `nginx:${version}`,
					cpu: 256,
					memory: 512,
					memoryReservation: 256,
					essential: true,
					portMappings: [{containerPort: 80, hostPort: 0, protocol: 'tcp'}],
					healthCheck: httpHealthCheck(80, '/'),
					environment: [
						{name: 'NGINX_WORKER_PROCESSES', value: 'auto'},
						...simEnvironment({cpu: 0.22, memory: 0.35}),
					],
					logConfiguration: awslogs(world, '/ecs/web/frontend'),
				},
			],
			tags: tags({team: 'platform'}),
		});
	}

	for (const version of ['1.40.2', '1.41.0', '1.42.0']) {
		world.registerTaskDefinition(apiDefinition(world, version, executionRoleArn));
	}
	// The oldest api release was retired after an incident; ECS keeps it as INACTIVE.
	world.deregisterTaskDefinition('api:1');

	for (const [version, behaviour] of [
		['2.3.0', {cpu: 0.4, memory: 0.5}],
		// The release that broke: the essential container exits 1 about 15 s after starting.
		['2.3.1', {exitAfterSeconds: 15, exitCode: 1, cpu: 0.6, memory: 0.3}],
	] as const) {
		world.registerTaskDefinition({
			family: 'checkout-worker',
			networkMode: 'bridge',
			taskRoleArn: roleArn(world, 'checkout-worker-task'),
			executionRoleArn,
			containerDefinitions: [
				{
					name: 'checkout',
					image: `ghcr.io/acme/checkout:${version}`,
					cpu: 256,
					memory: 512,
					essential: true,
					environment: [
						{
							name: 'QUEUE_URL',
							value: `https://sqs.${world.region}.amazonaws.com/${world.accountId}/checkout-events`,
						},
						{name: 'LOG_LEVEL', value: 'info'},
						...simEnvironment(behaviour),
					],
					logConfiguration: awslogs(world, '/ecs/web/checkout-worker'),
				},
			],
			tags: tags({team: 'payments'}),
		});
	}

	world.registerTaskDefinition({
		family: 'redis',
		networkMode: 'bridge',
		volumes: [{name: 'redis-data', host: {sourcePath: '/ecs/redis-data'}}],
		containerDefinitions: [
			{
				name: 'redis',
				image: 'redis:7.2-alpine',
				cpu: 512,
				memory: 1536,
				essential: true,
				command: ['redis-server', '--appendonly', 'yes'],
				// A fixed host port: only one redis task fits on an instance.
				portMappings: [{containerPort: 6379, hostPort: 6379, protocol: 'tcp'}],
				mountPoints: [{sourceVolume: 'redis-data', containerPath: '/data'}],
				healthCheck: {command: ['CMD', 'redis-cli', 'ping'], interval: 15, timeout: 3, retries: 3},
				environment: simEnvironment({cpu: 0.08, memory: 0.45}),
				logConfiguration: awslogs(world, '/ecs/web/redis'),
			},
		],
		tags: tags({team: 'platform'}),
	});

	for (const version of ['2025.01.0', '2025.01.2', '2025.02.0']) {
		world.registerTaskDefinition(
			batchDefinition(world, 'sim-runner', version, executionRoleArn, {
				// A batch worker: works flat out for four minutes, exits 0, and the service replaces it.
				exitAfterSeconds: 240,
				exitCode: 0,
				cpu: 0.9,
				memory: 0.7,
			}),
		);
	}

	for (const version of ['3.1.4', '3.2.0']) {
		world.registerTaskDefinition(
			batchDefinition(world, 'report-job', version, executionRoleArn, {
				// The nightly report takes a couple of hours unless RunTask overrides say otherwise.
				exitAfterSeconds: 7200,
				exitCode: 0,
				cpu: 0.6,
				memory: 0.8,
			}),
		);
	}

	for (const [version, startPeriod] of [
		['1.8.0', 15],
		// The release candidate warms a cache before answering health checks: a slow rollout.
		['1.9.0-rc.1', 240],
	] as const) {
		world.registerTaskDefinition({
			family: 'frontend-staging',
			networkMode: 'bridge',
			executionRoleArn,
			containerDefinitions: [
				{
					name: 'web',
					image: ecrImage(world, 'web-frontend', version),
					cpu: 256,
					memory: 512,
					essential: true,
					portMappings: [{containerPort: 3000, hostPort: 0, protocol: 'tcp'}],
					healthCheck: httpHealthCheck(3000, '/healthz', startPeriod),
					environment: [
						{name: 'NODE_ENV', value: 'staging'},
						{name: 'API_URL', value: 'https://api.staging.example.com'},
						...simEnvironment({cpu: 0.1, memory: 0.4}),
					],
					// Staging keeps its logs on the instances (docker logs), not in CloudWatch.
					logConfiguration: {
						logDriver: 'json-file',
						options: {'max-size': '10m', 'max-file': '3'},
					},
				},
			],
			tags: tags({team: 'platform'}),
		});
	}

	createLogGroupsOfDefinitions(world);
}

function apiDefinition(
	world: World,
	version: string,
	executionRoleArn: string,
): RegisterTaskDefinitionInput {
	return {
		family: 'api',
		networkMode: 'bridge',
		taskRoleArn: roleArn(world, 'api-task'),
		executionRoleArn,
		containerDefinitions: [
			{
				name: 'api',
				image: ecrImage(world, 'api', version),
				cpu: 512,
				memory: 1024,
				essential: true,
				portMappings: [{containerPort: 8080, hostPort: 0, protocol: 'tcp'}],
				healthCheck: httpHealthCheck(8080),
				environment: [
					{name: 'NODE_ENV', value: 'production'},
					{name: 'PORT', value: '8080'},
					...simEnvironment({cpu: 0.45, memory: 0.6}),
				],
				// Filled in by ECS at start from Secrets Manager and Parameter Store.
				secrets: [
					{
						name: 'DATABASE_URL',
						valueFrom: `arn:aws:secretsmanager:${world.region}:${world.accountId}:secret:api/database-url-Xk29Qa`,
					},
					{
						name: 'STRIPE_API_KEY',
						valueFrom: `arn:aws:ssm:${world.region}:${world.accountId}:parameter/api/stripe-api-key`,
					},
				],
				logConfiguration: awslogs(world, '/ecs/web/api'),
			},
			{
				name: 'otel-collector',
				image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
				cpu: 64,
				memoryReservation: 128,
				essential: false,
				command: ['--config=/etc/ecs/ecs-default-config.yaml'],
				environment: simEnvironment({cpu: 0.1, memory: 0.5}),
				logConfiguration: awslogs(world, '/ecs/web/otel'),
			},
		],
		tags: tags({team: 'platform'}),
	};
}

/** Batch jobs size themselves at the task level, as one-container jobs usually do. */
function batchDefinition(
	world: World,
	family: string,
	version: string,
	executionRoleArn: string,
	behaviour: SimBehaviour,
): RegisterTaskDefinitionInput {
	return {
		family,
		networkMode: 'bridge',
		cpu: '256',
		memory: '256',
		taskRoleArn: roleArn(world, `${family}-task`),
		executionRoleArn,
		containerDefinitions: [
			{
				name: family,
				image: ecrImage(world, family, version),
				cpu: 256,
				memory: 256,
				essential: true,
				environment: [
					{name: 'S3_BUCKET', value: 'acme-analytics-results'},
					...simEnvironment(behaviour),
				],
				logConfiguration: awslogs(world, `/ecs/batch/${family}`),
			},
		],
		tags: tags({team: 'data'}),
	};
}
