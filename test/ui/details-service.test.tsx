import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {ServiceDetail, serviceDetailLines} from '../../source/ui/details/service-detail.js';
import {
	deployment,
	minutes,
	now,
	plain,
	series,
	service,
	serviceEvent,
	taskDefinitionArn,
} from './details-fixtures.js';

afterEach(cleanup);

const rolling = service({
	desiredCount: 10,
	runningCount: 8,
	pendingCount: 2,
	deployments: [
		deployment({
			id: 'ecs-svc/old',
			status: 'ACTIVE',
			taskDefinition: taskDefinitionArn('web:12'),
			desiredCount: 6,
			runningCount: 6,
			rolloutState: 'COMPLETED',
			rolloutStateReason: undefined,
			createdAt: now - minutes(600),
		}),
		deployment({
			id: 'ecs-svc/new',
			status: 'PRIMARY',
			taskDefinition: taskDefinitionArn('web:13'),
			desiredCount: 10,
			runningCount: 2,
			pendingCount: 2,
			failedTasks: 3,
			rolloutState: 'IN_PROGRESS',
			rolloutStateReason: 'ECS deployment ecs-svc/new in progress.',
			createdAt: now - minutes(4),
		}),
	],
	events: [
		serviceEvent(1, '(service web) has started 2 tasks: (task 3f2c9a7d).'),
		serviceEvent(30, '(service web) has reached a steady state.'),
		// Out of order on purpose: the view must not trust the input's order.
		serviceEvent(7, '(service web) registered 2 targets in (target-group web-tg)'),
	],
	placementStrategy: [
		{type: 'spread', field: 'attribute:ecs.availability-zone'},
		{type: 'spread', field: 'instanceId'},
	],
	placementConstraints: [{type: 'distinctInstance', expression: undefined}],
	loadBalancers: [
		{
			targetGroupArn:
				'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09',
			loadBalancerName: undefined,
			containerName: 'web',
			containerPort: 80,
		},
	],
});

describe('service detail lines', () => {
	const text = plain(serviceDetailLines({service: rolling}, {width: 100, now}), 100);

	it('shows counts, launch, task definition and deployment configuration', () => {
		expect(text).toContain('Service            web');
		expect(text.find((line) => line.startsWith('Tasks'))).toMatch(
			/desired 10 +running 8 +pending 2/,
		);
		expect(text.find((line) => line.startsWith('Task definition'))).toMatch(/web:13$/);
		expect(text.find((line) => line.startsWith('Deployment config'))).toMatch(
			/min healthy 100% +max 200% +circuit breaker on, rollback/,
		);
	});

	it('lists deployments PRIMARY first with counts, rollout state, age and reason', () => {
		const at = text.indexOf('Deployments (2)');
		expect(at).toBeGreaterThan(-1);
		const [header, primary, active] = text.slice(at + 1, at + 4);
		expect(header).toMatch(/STATUS +TASKDEF +DES +RUN +PEND +FAIL +ROLLOUT +AGE/);
		expect(primary).toMatch(/PRIMARY +web:13 +10 +2 +2 +3 +IN_PROGRESS +4m/);
		expect(active).toMatch(/ACTIVE +web:12 +6 +6 +0 +0 +COMPLETED +10h/);
		expect(text).toContain('  PRIMARY web:13: ECS deployment ecs-svc/new in progress.');
	});

	it('describes placement in words', () => {
		expect(text.find((line) => line.startsWith('Strategy'))).toMatch(
			/spread\(attribute:ecs\.availability-zone\), spread\(instanceId\)$/,
		);
		expect(text.find((line) => line.startsWith('Constraints'))).toMatch(/distinctInstance$/);
	});

	it('names the target group from its ARN and the container:port it feeds', () => {
		expect(text).toContain('Load balancers (1)');
		expect(text.find((line) => line.includes('web-tg'))).toMatch(/web-tg +-> web:80/);
	});

	it('lists events newest first with their age', () => {
		const at = text.indexOf('Events (3, newest first)');
		expect(text.slice(at + 1, at + 4)).toEqual([
			'  1m ago  (service web) has started 2 tasks: (task 3f2c9a7d).',
			'  7m ago  (service web) registered 2 targets in (target-group web-tg)',
			'  30m ago (service web) has reached a steady state.',
		]);
	});

	it('shows CPU and memory sparklines with the latest percentage only when series are given', () => {
		const withMetrics = plain(
			serviceDetailLines(
				{service: rolling, cpu: series('cpu', [10, 40, 71]), memory: series('mem', [30, 40])},
				{width: 100, now},
			),
		);
		expect(withMetrics.find((line) => line.startsWith('CPU'))).toMatch(/71%$/);
		expect(withMetrics.find((line) => line.startsWith('Memory'))).toMatch(/40%$/);
		expect(text.some((line) => line.startsWith('CPU'))).toBe(false);
	});

	it('says when there is no placement rule, load balancer or event', () => {
		const bare = plain(
			serviceDetailLines(
				{
					service: service({
						events: [],
						launchType: undefined,
						capacityProviderStrategy: [
							{capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0},
							{capacityProvider: 'FARGATE', weight: 1, base: 1},
						],
					}),
				},
				{width: 100, now},
			),
		);
		expect(bare.find((line) => line.startsWith('Strategy'))).toMatch(/none$/);
		expect(bare.find((line) => line.startsWith('Launch'))).toMatch(
			/FARGATE_SPOT \(weight 3\), FARGATE \(base 1, weight 1\)$/,
		);
		expect(bare[bare.indexOf('Events') + 1]).toBe('  none');
	});
});

describe('ServiceDetail', () => {
	it('wraps long event messages under their text, so they are read whole at any width', () => {
		const message = `(service web) was unable to place a task ${'because no container instance met all of its requirements. '.repeat(4)}`;
		const long = service({events: [serviceEvent(2, message)]});
		const width = 60;
		const {lastFrame} = render(
			<ServiceDetail service={long} now={now} width={width} height={200} scrollOffset={0} />,
		);
		const lines = lastFrame()!.split('\n');
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
		const first = lines.findIndex((line) => line.includes('unable to place'));
		expect(lines[first]).toMatch(/^ {2}2m ago {2}\(service web\) was unable to place/);
		const rows = lines.slice(first, first + 6);
		// Rows after the first start under the message, not under its age.
		for (const row of rows.slice(1)) expect(row).toMatch(/^ {10}\S/);
		const joined = rows
			.map((row, i) => (i === 0 ? row.slice(10) : row.trim()))
			.join(' ')
			.replace(/\s+/g, ' ');
		expect(joined).toContain(message.trim());
		expect(lastFrame()).not.toContain('…');
	});
});
