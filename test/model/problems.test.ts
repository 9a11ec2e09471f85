import {describe, expect, it} from 'vitest';
import {fleetProblems, type ClusterProblemData} from '../../source/model/problems.js';
import {eventCause, eventCauseText} from '../../source/model/service-events.js';
import {
	serviceTrouble,
	serviceTroubleLabel,
	showsFailures,
} from '../../source/model/service-state.js';
import {taskFailure} from '../../source/model/task-failure.js';
import type {Task} from '../../source/model/task.js';
import {minutes, modelBuilders} from '../helpers/model-builders.js';

const now = Date.UTC(2026, 11, 5, 12, 0, 0);
const b = modelBuilders({now});
const steady = b.serviceEvent(50, '(service api) has reached a steady state.');
const placeEvent = (minutesAgo: number) =>
	b.serviceEvent(
		minutesAgo,
		'(service api) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance 0f1e2d3c) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
	);

function stoppedTask(n: number, overrides: Partial<Task> = {}): Task {
	const id = `task${String(n).padStart(4, '0')}`;
	return b.task({
		id,
		arn: b.arn(`task/web/${id}`),
		serviceName: 'api',
		group: 'service:api',
		lastStatus: 'STOPPED',
		desiredStatus: 'STOPPED',
		stoppedAt: now - minutes(n),
		startedAt: now - minutes(n) - 20_000,
		stopCode: 'EssentialContainerExited',
		stoppedReason: 'Essential container in task exited',
		containers: [b.container({name: 'checkout', lastStatus: 'STOPPED', exitCode: 1})],
		...overrides,
	});
}

function clusterData(overrides: Partial<ClusterProblemData> = {}): ClusterProblemData {
	return {
		clusterArn: b.arn('cluster/web'),
		clusterName: 'web',
		services: [],
		containerInstances: [],
		autoScalingGroups: [],
		stoppedTasks: [],
		...overrides,
	};
}

describe('service events', () => {
	it('tells the causes that matter apart in ECS wording', () => {
		expect(eventCause(placeEvent(1).message)).toBe('cannot-place');
		expect(
			eventCause(
				'(service api) (deployment ecs-svc/123) deployment failed: tasks failed to start.',
			),
		).toBe('deployment-failed');
		expect(eventCause('(service api) rolling back to deployment ecs-svc/99.')).toBe('rolling-back');
		expect(
			eventCause(
				'(service api) (instance i-0abc) (port 32768) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/api/0c) due to (reason Health checks failed).',
			),
		).toBe('unhealthy-targets');
		expect(eventCause('(service api) is unable to consistently start tasks successfully.')).toBe(
			'failed-to-start',
		);
		expect(eventCause('(service api) (task abc) failed container health checks.')).toBe(
			'health-check',
		);
		expect(eventCause('(service api) has started 2 tasks: (task a) (task b).')).toBeUndefined();
	});

	it('takes the ids out so that many targets read as one cause', () => {
		const one = eventCauseText(
			'(service api) (instance i-0aaa) (port 32768) is unhealthy in (target-group arn:x/1) due to (reason Health checks failed).',
		);
		const two = eventCauseText(
			'(service api) (instance i-0bbb) (port 32771) is unhealthy in (target-group arn:x/1) due to (reason Health checks failed).',
		);
		expect(one).toBe(two);
		expect(one).toBe('is unhealthy in (target group) due to (reason Health checks failed).');
	});
});

describe('task failures', () => {
	it('says why a task stopped when it failed, the same for every task of one cause', () => {
		expect(taskFailure(stoppedTask(1))).toEqual({kind: 'exit', cause: 'exit 1 (checkout)'});
		expect(
			taskFailure(
				stoppedTask(2, {
					stopCode: 'EssentialContainerExited',
					containers: [
						b.container({
							name: 'api',
							exitCode: 137,
							reason: 'OutOfMemoryError: Container killed due to memory usage',
						}),
					],
				}),
			),
		).toEqual({kind: 'oom', cause: 'out of memory (api)'});
		expect(
			taskFailure(
				stoppedTask(3, {
					stopCode: 'ServiceSchedulerInitiated',
					stoppedReason: 'Task failed container health checks',
					containers: [b.container({exitCode: 143})],
				}),
			),
		).toEqual({kind: 'health-check', cause: 'Task failed container health checks'});
		expect(
			taskFailure(
				stoppedTask(4, {
					stopCode: 'TaskFailedToStart',
					stoppedReason: 'CannotPullContainerError: pull access denied',
					containers: [b.container({exitCode: undefined})],
				}),
			)?.kind,
		).toBe('failed-to-start');
	});

	it('is no failure when a batch job exited 0 or a person or deployment stopped it', () => {
		expect(taskFailure(stoppedTask(1, {containers: [b.container({exitCode: 0})]}))).toBeUndefined();
		expect(
			taskFailure(
				stoppedTask(1, {
					stopCode: 'UserInitiated',
					stoppedReason: 'Task stopped by user',
					containers: [b.container({exitCode: 143})],
				}),
			),
		).toBeUndefined();
		expect(taskFailure(b.task())).toBeUndefined();
	});
});

describe('service trouble (the row state)', () => {
	it('says FAILED when the primary deployment failed and nothing rolled it back', () => {
		const service = b.service({
			deployments: [
				b.deployment({
					rolloutState: 'FAILED',
					rolloutStateReason: 'circuit breaker',
					runningCount: 0,
				}),
			],
		});
		const trouble = serviceTrouble(service, {now});
		expect(trouble?.kind).toBe('failed');
		expect(serviceTroubleLabel(trouble!)).toBe('FAILED');
	});

	it('says ROLLED BACK while the rollback runs, and after it, until the next deployment', () => {
		const rolling = b.service({
			deployments: [
				b.deployment({id: 'ecs-svc/222', rolloutState: 'IN_PROGRESS', runningCount: 4}),
				b.deployment({id: 'ecs-svc/111', status: 'ACTIVE', rolloutState: 'FAILED'}),
			],
		});
		expect(serviceTroubleLabel(serviceTrouble(rolling, {now})!)).toBe('ROLLED BACK');

		const events = [
			b.serviceEvent(2, '(service web) (deployment ecs-svc/222) deployment completed.'),
			b.serviceEvent(5, '(service web) rolling back to deployment ecs-svc/222.'),
			b.serviceEvent(
				5,
				'(service web) (deployment ecs-svc/111) deployment failed: tasks failed to start.',
			),
		];
		const done = b.service({deployments: [b.deployment({id: 'ecs-svc/222'})], events});
		expect(serviceTrouble(done, {now})?.kind).toBe('rolled-back');

		const redeployed = b.service({deployments: [b.deployment({id: 'ecs-svc/333'})], events});
		expect(serviceTrouble(redeployed, {now})).toBeUndefined();
	});

	it('says CRASH LOOP from three failed stops in a quarter hour, or from ECS backing off', () => {
		const service = b.service({name: 'api', runningCount: 1, desiredCount: 2});
		const tasks = [stoppedTask(1), stoppedTask(3), stoppedTask(6)];
		expect(serviceTrouble(service, {now, stoppedTasks: tasks})).toMatchObject({
			kind: 'crash-loop',
			failures: 3,
		});
		expect(serviceTrouble(service, {now, stoppedTasks: tasks.slice(0, 2)})).toBeUndefined();
		// Old failures are history, not a loop.
		const old = [stoppedTask(20), stoppedTask(25), stoppedTask(30)];
		expect(serviceTrouble(service, {now, stoppedTasks: old})).toBeUndefined();

		const backingOff = b.service({
			events: [
				b.serviceEvent(2, '(service api) is unable to consistently start tasks successfully.'),
			],
		});
		expect(serviceTroubleLabel(serviceTrouble(backingOff, {now})!)).toBe('CRASH LOOP');
	});

	it('says how many tasks cannot be placed while ECS keeps failing to place them', () => {
		const service = b.service({
			name: 'api',
			desiredCount: 20,
			runningCount: 8,
			pendingCount: 0,
			events: [placeEvent(1), steady],
		});
		expect(serviceTroubleLabel(serviceTrouble(service, {now})!)).toBe('12 cannot place');
		// Placed since: the steady state settles the old event.
		const settled = b.service({
			events: [b.serviceEvent(0, '(service api) has reached a steady state.'), placeEvent(1)],
		});
		expect(serviceTrouble(settled, {now})).toBeUndefined();
		// All tasks running or pending: nothing is missing, whatever an event said.
		const placed = b.service({
			desiredCount: 4,
			runningCount: 2,
			pendingCount: 2,
			events: [placeEvent(1)],
		});
		expect(serviceTrouble(placed, {now})).toBeUndefined();
	});

	it('is nothing for a healthy service, or one that is only deploying', () => {
		expect(serviceTrouble(b.service(), {now})).toBeUndefined();
		const deploying = b.service({
			deployments: [b.deployment({rolloutState: 'IN_PROGRESS', runningCount: 2})],
			runningCount: 2,
		});
		expect(serviceTrouble(deploying, {now})).toBeUndefined();
	});
});

describe('which services have their stopped tasks fetched', () => {
	it('those in trouble or whose events say tasks failed, not a healthy or deploying one', () => {
		expect(showsFailures(b.service(), now)).toBe(false);
		expect(
			showsFailures(b.service({deployments: [b.deployment({rolloutState: 'FAILED'})]}), now),
		).toBe(true);
		expect(
			showsFailures(
				b.service({
					events: [
						b.serviceEvent(1, '(service web) (task abc) failed container health checks.'),
						steady,
					],
				}),
				now,
			),
		).toBe(true);
		// Only placing tasks fails: there are no stopped tasks to read.
		expect(
			showsFailures(b.service({desiredCount: 20, runningCount: 8, events: [placeEvent(1)]}), now),
		).toBe(false);
	});

	it('one that replaced tasks after its rollout completed (an OOM kill says nothing else)', () => {
		const events = [
			b.serviceEvent(1, '(service web) has reached a steady state.'),
			b.serviceEvent(2, '(service web) has started 1 tasks: (task abc).'),
			b.serviceEvent(10, '(service web) (deployment ecs-svc/1) deployment completed.'),
			b.serviceEvent(12, '(service web) has started 4 tasks: (task a) (task b).'),
		];
		expect(showsFailures(b.service({events}), now)).toBe(true);
		// The starts of a rollout under way are the rollout's.
		const rolling = b.service({
			events: events.slice(3),
			deployments: [b.deployment({rolloutState: 'IN_PROGRESS'})],
		});
		expect(showsFailures(rolling, now)).toBe(false);
	});
});

describe('the problem feed', () => {
	it('makes one line with a count for many tasks stopped for one cause, aimed at the newest', () => {
		const api = b.service({name: 'api', arn: b.arn('service/web/api')});
		const tasks = Array.from({length: 32}, (_, i) => stoppedTask(i + 1));
		const problems = fleetProblems([clusterData({services: [api], stoppedTasks: tasks})], now);
		const exits = problems.filter((problem) => problem.kind === 'task-exit');
		expect(exits).toHaveLength(1);
		expect(exits[0]).toMatchObject({
			subject: 'api',
			count: 32,
			summary: '32 tasks stopped: exit 1 (checkout)',
			at: now - minutes(1),
			target: {kind: 'task', serviceArn: api.arn, taskArn: tasks[0]!.arn},
		});
		// 32 failed stops within the hour, a dozen within a quarter hour: the service loops too.
		expect(problems.find((problem) => problem.kind === 'crash-loop')?.target).toEqual({
			kind: 'service',
			clusterArn: b.arn('cluster/web'),
			serviceArn: api.arn,
		});
	});

	it('keeps different causes apart and lists them newest first', () => {
		const tasks = [
			stoppedTask(30),
			stoppedTask(2, {
				containers: [
					b.container({name: 'api', exitCode: 137, reason: 'OutOfMemoryError: Container killed'}),
				],
			}),
		];
		const problems = fleetProblems([clusterData({stoppedTasks: tasks})], now);
		expect(problems.map((problem) => problem.kind)).toEqual(['oom', 'task-exit']);
	});

	it('reports unhealthy targets once with how many events said so', () => {
		const unhealthy = (instance: string, minutesAgo: number) =>
			b.serviceEvent(
				minutesAgo,
				`(service api) (instance ${instance}) (port 32768) is unhealthy in (target-group arn:x/1) due to (reason Health checks failed).`,
			);
		const api = b.service({
			name: 'api',
			events: [unhealthy('i-0aaa', 1), unhealthy('i-0bbb', 2), unhealthy('i-0ccc', 4), steady],
		});
		const problems = fleetProblems([clusterData({services: [api]})], now);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({kind: 'unhealthy-targets', count: 3, at: now - minutes(1)});
	});

	it('names the failed or rolled-back deployment once, not again for its event', () => {
		const api = b.service({
			name: 'api',
			deployments: [
				b.deployment({id: 'ecs-svc/222', rolloutState: 'IN_PROGRESS'}),
				b.deployment({
					id: 'ecs-svc/111',
					status: 'ACTIVE',
					rolloutState: 'FAILED',
					rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
					updatedAt: now - minutes(3),
				}),
			],
			events: [
				b.serviceEvent(3, '(service api) rolling back to deployment ecs-svc/222.'),
				b.serviceEvent(
					3,
					'(service api) (deployment ecs-svc/111) deployment failed: tasks failed to start.',
				),
			],
		});
		const problems = fleetProblems([clusterData({services: [api]})], now);
		expect(problems.map((problem) => [problem.kind, problem.detail])).toEqual([
			['rolled-back', 'ECS deployment circuit breaker: tasks failed to start.'],
		]);
	});

	it('reports disconnected agents, draining instances with tasks left, and groups at max', () => {
		const instances = [
			b.containerInstance({
				arn: b.arn('container-instance/web/a'),
				ec2InstanceId: 'i-0a',
				agentConnected: false,
			}),
			b.containerInstance({
				arn: b.arn('container-instance/web/b'),
				ec2InstanceId: 'i-0b',
				agentConnected: false,
			}),
			b.containerInstance({
				arn: b.arn('container-instance/web/c'),
				ec2InstanceId: 'i-0c',
				status: 'DRAINING',
				runningTasksCount: 2,
			}),
			// Drained: nothing left on it, nothing to say.
			b.containerInstance({
				arn: b.arn('container-instance/web/d'),
				status: 'DRAINING',
				runningTasksCount: 0,
			}),
		];
		const groups = [
			{
				name: 'web-asg',
				arn: undefined,
				minSize: 1,
				maxSize: 9,
				desiredCapacity: 9,
				instances: [],
				status: undefined,
			},
			{
				name: 'batch-asg',
				arn: undefined,
				minSize: 1,
				maxSize: 6,
				desiredCapacity: 3,
				instances: [],
				status: undefined,
			},
		];
		const problems = fleetProblems(
			[clusterData({containerInstances: instances, autoScalingGroups: groups})],
			now,
		);
		expect(problems.map((problem) => [problem.kind, problem.subject, problem.count])).toEqual([
			['asg-at-max', 'web-asg', 1],
			['instance-disconnected', '2 instances', 2],
			['instance-draining', 'i-0c', 1],
		]);
		expect(problems.find((p) => p.kind === 'instance-disconnected')?.target).toEqual({
			kind: 'instance',
			clusterArn: b.arn('cluster/web'),
			instanceArn: b.arn('container-instance/web/a'),
		});
	});

	it('is empty for a healthy fleet', () => {
		expect(
			fleetProblems(
				[clusterData({services: [b.service()], containerInstances: [b.containerInstance()]})],
				now,
			),
		).toEqual([]);
	});
});
